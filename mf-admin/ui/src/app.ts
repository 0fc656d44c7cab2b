// 系统管理 remote: the single-spa lifecycles the shell mounts at /admin.
import { defineAreaApp } from '@wgzj/shell/kit';
import { messages } from './messages.ts';
import AdminLayout from './AdminLayout.vue';
import UnitListPage from './pages/UnitListPage.vue';
import NoticeListPage from './pages/NoticeListPage.vue';

export const { bootstrap, mount, unmount } = defineAreaApp({
  basePath: '/admin',
  messages,
  buildLabel: __REMOTE_BUILD_LABEL__,
  layout: AdminLayout,
  routes: [
    { path: '/', name: 'units', component: UnitListPage },
    { path: '/notices', name: 'notices', component: NoticeListPage },
  ],
});
