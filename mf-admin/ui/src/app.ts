// 系统管理 remote: the single-spa lifecycles the shell mounts at /admin.
import { defineAreaApp } from '@wgzj/shell/kit';
import { messages } from './messages.ts';
import AdminLayout from './AdminLayout.vue';
import UnitListPage from './pages/UnitListPage.vue';
import NoticeListPage from './pages/NoticeListPage.vue';
import DiagnosticsPage from './pages/diagnostics/DiagnosticsPage.vue';
import HandoffListPage from './pages/diagnostics/HandoffListPage.vue';
import SessionListPage from './pages/diagnostics/SessionListPage.vue';
import SystemStatusPage from './pages/diagnostics/SystemStatusPage.vue';

export const { bootstrap, mount, unmount } = defineAreaApp({
  basePath: '/admin',
  messages,
  buildLabel: __REMOTE_BUILD_LABEL__,
  layout: AdminLayout,
  routes: [
    { path: '/', name: 'units', component: UnitListPage },
    { path: '/notices', name: 'notices', component: NoticeListPage },
    // 网关诊断, for technical support (the gateway answers 403 to every other role).
    {
      path: '/diagnostics',
      component: DiagnosticsPage,
      children: [
        { path: '', redirect: { name: 'diagnostics-handoffs' } },
        { path: 'handoffs', name: 'diagnostics-handoffs', component: HandoffListPage },
        { path: 'sessions', name: 'diagnostics-sessions', component: SessionListPage },
        { path: 'status', name: 'diagnostics-status', component: SystemStatusPage },
      ],
    },
  ],
});
