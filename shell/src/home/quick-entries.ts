// 首页's quick entries (快捷入口), as the original system's home page has them: what a role starts most often.
import type { SessionUser } from '../../kit/auth-store.ts';

export interface QuickEntry {
  key: 'newPlan';
  /** A shell path; 新报计划 opens the project library's list with its new-plan dialog (`?new=1`). */
  link: string;
}

/** The page where a new plan starts: the plan list (mf-projects/ui/src/app.ts `/`), its 新报计划 dialog opened. */
export const NEW_PLAN_LINK = '/projects?new=1';

const EMPLOYER_ROLES = new Set(['employer_handler', 'employer_admin']);
const EMPLOYER_UNITS = new Set(['employer', 'ministry_university']);

export function quickEntriesFor(user: Pick<SessionUser, 'role' | 'unit'> | null): QuickEntry[] {
  if (!user || !EMPLOYER_ROLES.has(user.role) || !EMPLOYER_UNITS.has(user.unit.kind)) return [];
  // A unit still in registration review is sent there too: the project library says what to do first.
  return [{ key: 'newPlan', link: NEW_PLAN_LINK }];
}
