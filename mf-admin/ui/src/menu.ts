// Which parts of 系统管理 each role is offered. The server refuses the rest regardless; this only keeps
// the menu to what the person can use.
import type { Role } from '@wgzj/shell/kit';

export const ADMIN_SECTIONS = ['units', 'users', 'supervising', 'accounts', 'notices', 'audit', 'diagnostics'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

const OFFERED: Record<AdminSection, readonly Role[]> = {
  units: ['employer_handler', 'employer_admin', 'supervising_user', 'national_admin', 'support'],
  users: ['employer_admin', 'supervising_user', 'national_admin', 'support'],
  supervising: ['national_admin'],
  // 帐号查询 and 重置密码: supervising admins for their employer units, support for supervising units.
  accounts: ['supervising_user', 'national_admin', 'support'],
  notices: ['employer_handler', 'employer_admin', 'supervising_user', 'national_admin', 'support', 'expert_reviewer'],
  audit: ['national_admin', 'support'],
  diagnostics: ['support'],
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
