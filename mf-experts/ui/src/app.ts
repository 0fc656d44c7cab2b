// 专家库 remote: the single-spa lifecycles the shell mounts at /experts.
import { defineAreaApp } from '@wgzj/shell/kit';
import { messages } from './messages.ts';
import ExpertListPage from './pages/ExpertListPage.vue';
import ExpertDetailPage from './pages/ExpertDetailPage.vue';
import ExpertEditPage from './pages/ExpertEditPage.vue';
import ExpertImportPage from './pages/ExpertImportPage.vue';
import DuplicatesPage from './pages/DuplicatesPage.vue';
import CorrectionsPage from './pages/CorrectionsPage.vue';
import ClaimsPage from './pages/ClaimsPage.vue';

export const { bootstrap, mount, unmount } = defineAreaApp({
  basePath: '/experts',
  messages,
  buildLabel: __REMOTE_BUILD_LABEL__,
  // The fixed paths come before `/:id`, so `new`, `import` or `claims` is never read as an expert's id.
  routes: [
    { path: '/', name: 'experts', component: ExpertListPage },
    { path: '/new', name: 'expert-new', component: ExpertEditPage },
    { path: '/import', name: 'expert-import', component: ExpertImportPage },
    { path: '/duplicates', name: 'expert-duplicates', component: DuplicatesPage },
    { path: '/corrections', name: 'expert-corrections', component: CorrectionsPage },
    { path: '/claims', name: 'expert-claims', component: ClaimsPage },
    { path: '/:id', name: 'expert', component: ExpertDetailPage, props: true },
    { path: '/:id/edit', name: 'expert-edit', component: ExpertEditPage, props: true },
  ],
});
