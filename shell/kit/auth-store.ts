// Who is signed in, as the gateway told the shell at start (GET /auth/me). State only; the gateway decides access.
import { defineStore } from 'pinia';
import type { Role, UnitKind } from '@wgzj/gateway/kit/shared/roles';

// The role codes and unit kinds are the servers' own (the shared contract); the kit hands them on to the remotes.
export { ROLES, UNIT_KINDS, type Role, type UnitKind } from '@wgzj/gateway/kit/shared/roles';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unit: { id: string; name: string; kind: UnitKind };
}

/**
 * Roles that see 系统管理 in the navigation: each has a section there (its unit, its users, the notices…). An expert
 * reviewer has none of its own (notices reach it from the home page), so the entry would open a page it cannot use.
 * The servers enforce access regardless.
 */
export const ADMIN_ROLES: readonly Role[] = ['employer_handler', 'employer_admin', 'supervising_user', 'national_admin', 'support'];

export const useAuthStore = defineStore('auth', {
  state: () => ({
    user: null as SessionUser | null,
    csrfToken: '',
  }),
});
