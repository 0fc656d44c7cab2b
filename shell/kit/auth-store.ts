// Who is signed in, as the gateway told the shell at start (GET /auth/me). State only; the gateway decides access.
import { defineStore } from 'pinia';

export const ROLES = [
  'employer_handler',
  'employer_admin',
  'supervising_user',
  'national_admin',
  'support',
  'expert_reviewer',
] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ['national', 'supervising', 'employer', 'ministry_university'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

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
