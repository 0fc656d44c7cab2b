import { describe, expect, it } from 'vitest';
import { messages } from '../messages.ts';
import { REGISTRATION_STATES, ownUnitNotice, registersItself } from './unit-list.ts';
import {
  choosesSupervisingUnit,
  emptyUnitFields,
  invalidUnitFields,
  requiredUnitFields,
  reviewActionsOf,
  submitActionOf,
  supervisingOptionsFor,
  unitFormOf,
  unitUpdateBody,
  whyAlertType,
  withdrawActionsOf,
  type UnitAction,
  type UnitPage,
} from './unit-page.ts';

const ALL_ACTIONS: UnitAction[] = [
  'submit',
  'submit_to_national',
  'withdraw',
  'withdraw_from_national',
  'supervising_approve',
  'supervising_return',
  'recall',
  'national_approve',
  'national_return',
];

function page(over: Partial<UnitPage> = {}): UnitPage {
  return {
    id: 'u1',
    name: '北京新锐科技有限公司',
    kind: 'employer',
    creditCode: '91110108MA01ABCDE1',
    province: '110000',
    provinceName: '北京市',
    status: 'pending',
    registrationState: 'draft',
    supervisingUnit: null,
    address: null,
    contactName: '李四',
    contactPhone: null,
    contactEmail: null,
    version: 3,
    submittedAt: null,
    updatedAt: '2026-01-01T00:00:00Z',
    mode: 'edit',
    why: '单位信息尚未提交,请完善后提交审核。',
    editable: true,
    actions: ['submit'],
    missing: ['address', 'contactPhone', 'contactEmail', 'supervisingUnitId'],
    history: [],
    ...over,
  };
}

describe('the unit list', () => {
  it('points an employer at its own unit until it is approved', () => {
    expect(ownUnitNotice('draft')).toBe('complete');
    expect(ownUnitNotice('returned')).toBe('complete');
    expect(ownUnitNotice('supervising_review')).toBe('inReview');
    expect(ownUnitNotice('national_review')).toBe('inReview');
    expect(ownUnitNotice('approved')).toBeNull();
    expect(ownUnitNotice(undefined)).toBeNull();
    expect(registersItself('employer')).toBe(true);
    expect(registersItself('ministry_university')).toBe(true);
    expect(registersItself('supervising')).toBe(false);
  });
});

describe("a unit's page", () => {
  it('fills the form from the page, blanks for nulls', () => {
    expect(unitFormOf(page({ supervisingUnit: { id: 's1', name: '北京市科学技术委员会' } }))).toEqual({
      province: '110000',
      address: '',
      contactName: '李四',
      contactPhone: '',
      contactEmail: '',
      supervisingUnitId: 's1',
    });
  });

  it('requires the supervising unit of employer units only, like the server’s `missing`', () => {
    const p = page();
    expect(emptyUnitFields(unitFormOf(p), p.kind)).toEqual(p.missing);
    expect(requiredUnitFields('ministry_university')).not.toContain('supervisingUnitId');
    expect(choosesSupervisingUnit('ministry_university')).toBe(false);
  });

  it('checks filled-in fields as the server does', () => {
    const form = { ...unitFormOf(page()), address: '北京', contactName: '李', contactPhone: '12345', contactEmail: 'x@' };
    expect(invalidUnitFields(form)).toEqual({ address: 'address', contactName: 'contactName', contactPhone: 'contactPhone', contactEmail: 'contactEmail' });
    expect(invalidUnitFields({ ...form, address: '海淀区中关村大街1号', contactName: '李四', contactPhone: '010-12345678', contactEmail: 'li@example.cn' })).toEqual({});
    expect(invalidUnitFields(unitFormOf(page()))).toEqual({});
  });

  it('sends the version and a supervising unit only for employer units', () => {
    const form = { ...unitFormOf(page()), address: ' 海淀区 ', supervisingUnitId: 's1' };
    expect(unitUpdateBody(form, { version: 3, kind: 'employer' })).toMatchObject({ version: 3, address: '海淀区', supervisingUnitId: 's1' });
    expect(unitUpdateBody(form, { version: 3, kind: 'ministry_university' }).supervisingUnitId).toBeNull();
    expect(unitUpdateBody({ ...form, supervisingUnitId: '' }, { version: 3, kind: 'employer' }).supervisingUnitId).toBeNull();
  });

  it('offers the submission, the 撤回 buttons and the review buttons the server allows', () => {
    expect(submitActionOf(['submit'])).toBe('submit');
    expect(submitActionOf(['submit_to_national'])).toBe('submit_to_national');
    expect(submitActionOf(['withdraw'])).toBeNull();
    expect(withdrawActionsOf(ALL_ACTIONS)).toEqual(['withdraw', 'withdraw_from_national', 'recall']);
    expect(withdrawActionsOf(['supervising_approve'])).toEqual([]);
    expect(reviewActionsOf(['supervising_approve', 'supervising_return'])).toEqual({ approve: 'supervising_approve', return: 'supervising_return' });
    expect(reviewActionsOf(['national_approve', 'national_return'])).toEqual({ approve: 'national_approve', return: 'national_return' });
    expect(reviewActionsOf(['recall'])).toEqual({ approve: null, return: null });
  });

  it('warns when there is something to do, informs otherwise', () => {
    expect(whyAlertType('edit')).toBe('warning');
    expect(whyAlertType('review')).toBe('warning');
    expect(whyAlertType('read')).toBe('info');
  });

  it('lists the supervising units of the chosen province first', () => {
    const options = [
      { id: 'a', name: '教育部', province: null },
      { id: 'b', name: '上海市科学技术委员会', province: '310000' },
      { id: 'c', name: '北京市科学技术委员会', province: '110000' },
    ];
    expect(supervisingOptionsFor(options, '110000').map((o) => o.id)).toEqual(['c', 'a', 'b']);
    expect(supervisingOptionsFor(options, '').map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('单位管理 messages', () => {
  type Tree = { [key: string]: string | Tree };
  const lookup = (tree: unknown, path: string) => path.split('.').reduce<unknown>((n, k) => (n as Tree | undefined)?.[k], tree);

  it('labels every action, its confirmation, its result and its history entry in both languages', () => {
    const keys = [
      ...ALL_ACTIONS.map((a) => `admin.units.historyAction.unit_registration.${a}`),
      ...ALL_ACTIONS.filter((a) => !a.startsWith('submit')).map((a) => `admin.units.done.${a}`),
      ...['submit', 'submit_to_national'].map((a) => `admin.units.done.${a}`),
      ...withdrawActionsOf(ALL_ACTIONS).flatMap((a) => [`admin.units.action.${a}`, `admin.units.confirm.${a}`]),
      ...requiredUnitFields('employer').map((f) => `admin.units.placeholder.${f === 'supervisingUnitId' ? 'supervisingUnit' : f}`),
      'admin.units.historyAction.unit.update',
    ];
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const key of keys) expect(typeof lookup(messages[locale], key), `${locale} ${key}`).toBe('string');
    }
    // The list's review-state select uses the kit's status labels.
    expect(REGISTRATION_STATES).toEqual(['draft', 'supervising_review', 'national_review', 'returned', 'approved']);
  });
});
