// Which parts of 系统管理 each role is offered, and where a page outside them leads. The server refuses the rest
// regardless; this keeps the menu to what the person can use and never opens a page the menu does not show.
import { ROLES, type Role } from '@wgzj/shell/kit';

export const ADMIN_SECTIONS = ['units', 'users', 'supervising', 'accounts', 'notices', 'audit', 'diagnostics'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

const OFFERED: Record<AdminSection, readonly Role[]> = {
  units: ['employer_handler', 'employer_admin', 'supervising_user', 'national_admin', 'support'],
  users: ['employer_admin', 'supervising_user', 'national_admin', 'support'],
  supervising: ['national_admin'],
  // 帐号查询 and 重置密码: supervising admins for their employer units, support for supervising units.
  accounts: ['supervising_user', 'national_admin', 'support'],
  notices: ROLES,
  audit: ['national_admin', 'support'],
  diagnostics: ['support'],
};

/** The route each section's menu item opens. */
export const SECTION_START: Record<AdminSection, string> = {
  units: 'units',
  users: 'users',
  supervising: 'supervising',
  accounts: 'accounts',
  notices: 'notices',
  audit: 'audit',
  diagnostics: 'diagnostics-handoffs',
};

export function sectionsFor(role: Role | undefined): AdminSection[] {
  return role ? ADMIN_SECTIONS.filter((s) => OFFERED[s].includes(role)) : [];
}

/** The section a route belongs to, for the highlighted menu item. */
export function sectionOf(path: string): AdminSection {
  const first = path.split('/')[1] ?? '';
  if (first === 'supervising-units') return 'supervising';
  if ((ADMIN_SECTIONS as readonly string[]).includes(first)) return first as AdminSection;
  return 'units';
}

export type Access = { kind: 'open' } | { kind: 'redirect'; to: string } | { kind: 'forbidden' };

/**
 * Whether this role may open a page of `section` (a route's `meta.section`; none for the not-found page). The area's
 * start page (单位管理) sends a role without it to the first section it has; any other page outside its sections is
 * refused in place (无权访问) rather than shown half-empty.
 */
export function accessTo(role: Role | undefined, section: AdminSection | undefined, isStart: boolean): Access {
  if (!section) return { kind: 'open' };
  const offered = sectionsFor(role);
  if (offered.includes(section)) return { kind: 'open' };
  if (isStart && offered[0]) return { kind: 'redirect', to: SECTION_START[offered[0]] };
  return { kind: 'forbidden' };
}
