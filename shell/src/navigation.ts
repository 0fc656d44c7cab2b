// Which areas the navigation offers to whom: an entry only where the role has work (the servers refuse the rest).
import { ADMIN_ROLES, type Role } from '../kit/auth-store.ts';
import { AREAS, type AreaName } from './areas.ts';

/** An expert reviewer scores the plans assigned to it (项目库) and reads notices on the home page; nothing else. */
const REVIEWER_AREAS: readonly AreaName[] = ['projects'];

export function navAreasFor(role: Role | undefined): AreaName[] {
  if (!role) return [];
  if (role === 'expert_reviewer') return [...REVIEWER_AREAS];
  return AREAS.filter((area) => area !== 'admin' || ADMIN_ROLES.includes(role));
}
