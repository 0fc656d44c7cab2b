// 年度报告库 remote: the single-spa lifecycles the shell mounts at /reports.
import { defineAreaApp } from '@wgzj/shell/kit';
import { messages } from './messages.ts';
import AnnualReportListPage from './pages/AnnualReportListPage.vue';

export const { bootstrap, mount, unmount } = defineAreaApp({
  basePath: '/reports',
  messages,
  buildLabel: __REMOTE_BUILD_LABEL__,
  routes: [{ path: '/', name: 'annual-reports', component: AnnualReportListPage }],
});
