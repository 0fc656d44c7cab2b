// 系统管理 offers each role its own sections and opens no page outside them: the reviewer's 系统管理 opened 单位管理.
import { describe, expect, it } from 'vitest';
import type { Role } from '@wgzj/shell/kit';
import { ADMIN_SECTIONS, SECTION_START, accessTo, sectionsFor } from './menu.ts';

const MENUS: Record<Role, string[]> = {
  employer_handler: ['units', 'notices'],
  employer_admin: ['units', 'users', 'notices'],
  supervising_user: ['units', 'users', 'accounts', 'notices'],
  national_admin: ['units', 'users', 'supervising', 'accounts', 'notices', 'audit'],
  support: ['units', 'users', 'accounts', 'notices', 'audit', 'diagnostics'],
  expert_reviewer: ['notices'],
};
const ROLES = Object.keys(MENUS) as Role[];

describe('系统管理 menu and the pages each role reaches', () => {
  it.each(ROLES)('%s: the menu offers exactly its sections', (role) => {
    expect(sectionsFor(role)).toEqual(MENUS[role]);
  });

  it.each(ROLES)('%s: every page it can open is in its menu, every other page is refused', (role) => {
    for (const section of ADMIN_SECTIONS) {
      const access = accessTo(role, section, false);
      expect(access.kind, `${role} → ${section}`).toBe(MENUS[role].includes(section) ? 'open' : 'forbidden');
    }
  });

  it.each(ROLES)('%s: opening 系统管理 lands on the first item of its menu', (role) => {
    const landing = accessTo(role, 'units', true);
    const first = MENUS[role][0]!;
    if (first === 'units') expect(landing).toEqual({ kind: 'open' });
    else expect(landing).toEqual({ kind: 'redirect', to: SECTION_START[first as keyof typeof SECTION_START] });
  });

  it('sends the expert reviewer from /admin to 通知公告, and refuses it 单位管理, 用户管理, 审计日志 and 网关诊断 pages', () => {
    expect(accessTo('expert_reviewer', 'units', true)).toEqual({ kind: 'redirect', to: 'notices' });
    for (const section of ['units', 'users', 'audit', 'diagnostics'] as const) {
      expect(accessTo('expert_reviewer', section, false)).toEqual({ kind: 'forbidden' });
    }
  });

  it('refuses everything but the not-found page to someone with no role', () => {
    expect(accessTo(undefined, 'notices', false)).toEqual({ kind: 'forbidden' });
    expect(accessTo(undefined, 'units', true)).toEqual({ kind: 'forbidden' });
    expect(accessTo(undefined, undefined, false)).toEqual({ kind: 'open' });
  });
});
