import { describe, expect, it } from 'vitest';
import { draftOf, emptyFunding, expertTotal, newVisit, planTotal, saveBody, saveFingerprint, visitDays, visitTotal, type PlanDraft } from './plan-draft.ts';
import type { PlanExpert, TemplateDefinition } from './plan-types.ts';

const template: TemplateDefinition = {
  sections: [
    {
      key: 'basic',
      title: { 'zh-CN': '基本信息', 'en-US': 'Basics' },
      fields: [
        { key: 'leader', type: 'text', label: { 'zh-CN': '项目负责人', 'en-US': 'Leader' }, required: true, maxLength: 50 },
        { key: 'startDate', type: 'date', label: { 'zh-CN': '开始日期', 'en-US': 'Start' }, required: true },
        { key: 'selfFunding', type: 'money', label: { 'zh-CN': '自筹经费', 'en-US': 'Own funding' }, required: true },
        { key: 'budgetTable', type: 'image', label: { 'zh-CN': '预算表', 'en-US': 'Budget table' }, required: true },
      ],
    },
  ],
  attachments: [],
  experts: { min: 1, max: 30 },
  rubric: [{ key: 'necessity', label: { 'zh-CN': '必要性', 'en-US': 'Necessity' }, max: 30 }],
};

const expert: PlanExpert = {
  expertId: 'e1',
  name: 'Anna Schmidt',
  chineseName: '安娜',
  nationality: 'DE',
  passportMasked: 'C0****89',
  active: true,
  visits: [
    {
      id: 'v1',
      startDate: '2027-05-10',
      endDate: '2027-05-23',
      days: 14,
      city: '北京',
      purpose: null,
      funding: { ...emptyFunding(), internationalTravel: 1_200_000, livingPerDay: 60_000, livingDays: 14, pocketPerDay: 25_000, pocketDays: 14 },
      total: 2_390_000,
      contract: null,
    },
  ],
};

describe('the editor draft', () => {
  it('sums a visit as the server does: per-day rates times their days, plus the amounts', () => {
    const funding = { ...emptyFunding(), internationalTravel: 1_200_000, livingPerDay: 60_000, livingDays: 14, pocketPerDay: 25_000, pocketDays: 14, intercityTransport: 150_000, salary: 10, other: 5 };
    expect(visitTotal(funding)).toBe(1_200_000 + 840_000 + 350_000 + 150_000 + 15);
    expect(visitTotal(emptyFunding())).toBe(0);
  });

  it('adds the visits of an expert and the experts of a plan', () => {
    const draft = draftOf({ title: 'x', content: {}, experts: [expert, { ...expert, expertId: 'e2' }] });
    expect(expertTotal(draft.experts[0]!)).toBe(2_390_000);
    expect(planTotal(draft.experts)).toBe(4_780_000);
  });

  it('counts both ends of a visit, and nothing for a missing or reversed pair of dates', () => {
    expect(visitDays('2027-05-10', '2027-05-23')).toBe(14);
    expect(visitDays('2027-05-10', '2027-05-10')).toBe(1);
    // across the spring DST change of zones that have one: computed on UTC days
    expect(visitDays('2027-03-27', '2027-03-29')).toBe(3);
    expect(visitDays('2027-05-10', null)).toBeNull();
    expect(visitDays('2027-05-23', '2027-05-10')).toBeNull();
  });

  it('starts a new visit empty under a client id', () => {
    expect(newVisit('abc')).toEqual({ id: 'abc', startDate: null, endDate: null, city: '', purpose: '', funding: emptyFunding() });
  });

  it('copies the content, so editing the draft leaves the loaded plan alone', () => {
    const content = { leader: '张伟' };
    const draft = draftOf({ title: 't', content, experts: [] });
    draft.content['leader'] = '李雷';
    expect(content.leader).toBe('张伟');
  });
});

describe('the autosave body', () => {
  function draft(): PlanDraft {
    return draftOf({
      title: '  人工智能前沿方法  ',
      content: { leader: '张伟', startDate: '', selfFunding: 20_000_000, budgetTable: 'ignored', stray: 'dropped' },
      experts: [expert],
    });
  }

  it('sends the template fields only, without empty values or images', () => {
    const body = saveBody(draft(), 7, template);
    expect(body.version).toBe(7);
    expect(body.title).toBe('人工智能前沿方法');
    expect(body.content).toEqual({ leader: '张伟', selfFunding: 20_000_000 });
  });

  it('sends each visit with nulls for what is blank, and its amounts and days as typed, a wrong one never clamped', () => {
    const d = draft();
    d.experts[0]!.visits[0]!.city = '  ';
    d.experts[0]!.visits[0]!.purpose = ' 讲座 ';
    d.experts[0]!.visits[0]!.funding.internationalTravel = -5_000;
    d.experts[0]!.visits[0]!.funding.livingDays = 2.5;
    d.experts[0]!.visits[0]!.funding.salary = Number.NaN;
    const visit = saveBody(d, 1, template).experts[0]!.visits[0]!;
    expect(visit).toMatchObject({ id: 'v1', startDate: '2027-05-10', endDate: '2027-05-23', city: null, purpose: '讲座' });
    // The server refuses these beside their fields (金额不能为负数, 天数须为整数); sending 0 and 3 instead would hide them.
    expect(visit.funding.internationalTravel).toBe(-5_000);
    expect(visit.funding.livingDays).toBe(2.5);
    expect(visit.funding.salary).toBe(0);
    expect(Object.keys(visit.funding).sort()).toEqual(Object.keys(emptyFunding()).sort());
  });

  it('fingerprints what was typed, not the version it is sent with', () => {
    const d = draft();
    expect(saveFingerprint(saveBody(d, 1, template))).toBe(saveFingerprint(saveBody(d, 2, template)));
    d.experts[0]!.visits[0]!.funding.internationalTravel = 1_600_000;
    expect(saveFingerprint(saveBody(d, 1, template))).not.toBe(saveFingerprint(saveBody(draft(), 1, template)));
  });
});
