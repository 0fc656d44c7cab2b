// 专家库 remote: the single-spa lifecycles the shell mounts at /experts.
import { defineAreaApp } from '@wgzj/shell/kit';
import { messages } from './messages.ts';
import ExpertListPage from './pages/ExpertListPage.vue';
import ExpertDetailPage from './pages/ExpertDetailPage.vue';

export const { bootstrap, mount, unmount } = defineAreaApp({
  basePath: '/experts',
  messages,
  buildLabel: __REMOTE_BUILD_LABEL__,
  routes: [
    { path: '/', name: 'experts', component: ExpertListPage },
    { path: '/:id', name: 'expert', component: ExpertDetailPage, props: true },
  ],
});
