// 项目库 remote: the single-spa lifecycles the shell mounts at /projects.
import { defineAreaApp } from '@wgzj/shell/kit';
import { messages } from './messages.ts';
import PlanListPage from './pages/PlanListPage.vue';
import PlanPage from './pages/PlanPage.vue';
import PlanPrintPage from './pages/PlanPrintPage.vue';
import CallsPage from './catalogue/CallsPage.vue';
import ProjectTypesPage from './catalogue/ProjectTypesPage.vue';
import TemplatesPage from './catalogue/TemplatesPage.vue';
import ProjectsMenu from './catalogue/ProjectsMenu.vue';

export const { bootstrap, mount, unmount } = defineAreaApp({
  basePath: '/projects',
  messages,
  buildLabel: __REMOTE_BUILD_LABEL__,
  // The list-level pages name their item of the area's menu (`meta.menu`); the others show no menu.
  layout: ProjectsMenu,
  // The fixed paths come before `/plans/:id`.
  routes: [
    { path: '/', name: 'plans', component: PlanListPage, meta: { menu: 'plans' } },
    { path: '/types', name: 'types', component: ProjectTypesPage, meta: { menu: 'types' } },
    { path: '/calls', name: 'calls', component: CallsPage, meta: { menu: 'calls' } },
    { path: '/templates', name: 'templates', component: TemplatesPage, meta: { menu: 'templates' } },
    { path: '/plans/:id', name: 'plan', component: PlanPage, props: true },
    { path: '/plans/:id/print', name: 'plan-print', component: PlanPrintPage, props: true },
  ],
});
