// 系统管理 remote: the single-spa lifecycles the shell mounts at /admin.
import { defineAreaApp, kitPinia, useAuthStore } from '@wgzj/shell/kit';
import { messages } from './messages.ts';
import { accessTo, type AdminSection } from './menu.ts';
import AdminLayout from './AdminLayout.vue';
import UnitListPage from './pages/UnitListPage.vue';
import UnitDetailPage from './pages/UnitDetailPage.vue';
import UserListPage from './pages/UserListPage.vue';
import UserDetailPage from './pages/UserDetailPage.vue';
import UserCreatePage from './pages/UserCreatePage.vue';
import SupervisingUnitListPage from './pages/SupervisingUnitListPage.vue';
import SupervisingUnitCreatePage from './pages/SupervisingUnitCreatePage.vue';
import AccountLookupPage from './pages/AccountLookupPage.vue';
import NoticeListPage from './pages/NoticeListPage.vue';
import NoticeDetailPage from './pages/NoticeDetailPage.vue';
import NoticeEditPage from './pages/NoticeEditPage.vue';
import AuditLogPage from './pages/AuditLogPage.vue';
import DiagnosticsPage from './pages/diagnostics/DiagnosticsPage.vue';
import HandoffListPage from './pages/diagnostics/HandoffListPage.vue';
import SessionListPage from './pages/diagnostics/SessionListPage.vue';
import SystemStatusPage from './pages/diagnostics/SystemStatusPage.vue';

export const { bootstrap, mount, unmount } = defineAreaApp({
  basePath: '/admin',
  messages,
  buildLabel: __REMOTE_BUILD_LABEL__,
  layout: AdminLayout,
  // Each page names its menu section: a role is offered only its own (menu.ts), the start page sends it to its first
  // one, and AdminLayout refuses the others in place.
  beforeEach: (to) => {
    const access = accessTo(useAuthStore(kitPinia).user?.role, to.meta['section'] as AdminSection | undefined, to.name === 'units');
    return access.kind === 'redirect' ? { name: access.to, replace: true } : true;
  },
  routes: [
    { path: '/', name: 'units', component: UnitListPage, meta: { section: 'units' } },
    // One entry for editing, reviewing and reading a unit: the page says which and why.
    { path: '/units/:id', name: 'unit', component: UnitDetailPage, props: true, meta: { section: 'units' } },
    { path: '/users', name: 'users', component: UserListPage, meta: { section: 'users' } },
    { path: '/users/new', name: 'user-new', component: UserCreatePage, meta: { section: 'users' } },
    { path: '/users/:id', name: 'user', component: UserDetailPage, props: true, meta: { section: 'users' } },
    { path: '/supervising-units', name: 'supervising', component: SupervisingUnitListPage, meta: { section: 'supervising' } },
    { path: '/supervising-units/new', name: 'supervising-new', component: SupervisingUnitCreatePage, meta: { section: 'supervising' } },
    { path: '/accounts', name: 'accounts', component: AccountLookupPage, meta: { section: 'accounts' } },
    { path: '/notices', name: 'notices', component: NoticeListPage, meta: { section: 'notices' } },
    { path: '/notices/new', name: 'notice-new', component: NoticeEditPage, meta: { section: 'notices' } },
    { path: '/notices/:id', name: 'notice', component: NoticeDetailPage, props: true, meta: { section: 'notices' } },
    { path: '/audit', name: 'audit', component: AuditLogPage, meta: { section: 'audit' } },
    // 网关诊断, for technical support (the gateway answers 403 to every other role).
    {
      path: '/diagnostics',
      component: DiagnosticsPage,
      meta: { section: 'diagnostics' },
      children: [
        { path: '', redirect: { name: 'diagnostics-handoffs' } },
        { path: 'handoffs', name: 'diagnostics-handoffs', component: HandoffListPage },
        { path: 'sessions', name: 'diagnostics-sessions', component: SessionListPage },
        { path: 'status', name: 'diagnostics-status', component: SystemStatusPage },
      ],
    },
  ],
});
