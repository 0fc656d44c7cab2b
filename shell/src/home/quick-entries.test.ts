import { describe, expect, it } from 'vitest';
import type { Role, UnitKind } from '../../kit/auth-store.ts';
import { quickEntriesFor } from './quick-entries.ts';

const user = (role: Role, kind: UnitKind) => ({ role, unit: { id: 'u', name: '北京示例大学', kind } });

describe('quickEntriesFor (首页 快捷入口)', () => {
  it.each([
    ['employer_handler', 'employer'],
    ['employer_admin', 'employer'],
    ['employer_handler', 'ministry_university'],
  ] as Array<[Role, UnitKind]>)('offers %s of a %s unit 新报计划, opening the plan list’s new-plan dialog', (role, kind) => {
    expect(quickEntriesFor(user(role, kind))).toEqual([{ key: 'newPlan', link: '/projects?new=1' }]);
  });

  it.each([
    ['supervising_user', 'supervising'],
    ['national_admin', 'national'],
    ['support', 'national'],
    ['expert_reviewer', 'national'],
  ] as Array<[Role, UnitKind]>)('offers %s no 新报计划 (it does not apply for plans)', (role, kind) => {
    expect(quickEntriesFor(user(role, kind))).toEqual([]);
  });

  it('offers nothing before anyone is signed in', () => {
    expect(quickEntriesFor(null)).toEqual([]);
  });
});
