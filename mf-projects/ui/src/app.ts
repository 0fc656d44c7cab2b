// 项目库 remote: the single-spa lifecycles the shell mounts at /projects.
import { defineAreaApp } from '@wgzj/shell/kit';
import { messages } from './messages.ts';
import PlanListPage from './pages/PlanListPage.vue';
import PlanDetailPage from './pages/PlanDetailPage.vue';

export const { bootstrap, mount, unmount } = defineAreaApp({
  basePath: '/projects',
  messages,
  buildLabel: __REMOTE_BUILD_LABEL__,
  routes: [
    { path: '/', name: 'plans', component: PlanListPage },
    { path: '/plans/:id', name: 'plan', component: PlanDetailPage, props: true },
  ],
});
