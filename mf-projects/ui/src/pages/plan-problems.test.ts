import { describe, expect, it } from 'vitest';
import { draftOf } from './plan-draft.ts';
import { countBySection, expertProblemCount, jumpTargetOf, messageAt, problemMap, problemOwner, problemPathOf, problemsFromFields, sectionOf, visitMessages } from './plan-problems.ts';
import type { PlanProblem, TemplateDefinition } from './plan-types.ts';

const template: TemplateDefinition = {
  sections: [
    { key: 'basic', title: { 'zh-CN': '基本信息', 'en-US': 'Basics' }, fields: [{ key: 'leader', type: 'text', label: { 'zh-CN': '负责人', 'en-US': 'Leader' }, required: true, maxLength: 50 }] },
    { key: 'budget', title: { 'zh-CN': '经费预算', 'en-US': 'Budget' }, fields: [{ key: 'selfFunding', type: 'money', label: { 'zh-CN': '自筹', 'en-US': 'Own' }, required: true }] },
  ],
  attachments: [],
  experts: { min: 1, max: 3 },
  rubric: [],
};

const problems: PlanProblem[] = [
  { path: 'content.leader', section: 'basic', message: '项目负责人不能为空' },
  { path: 'visits.v1.internationalTravel', section: 'experts', message: '国际旅费不得超过 15,000 元(当前 16,000 元)' },
  { path: 'visits.v1.salary', section: 'experts', message: '填写工资须上传聘用合同' },
  { path: 'visits.v1.salary', section: 'experts', message: '工资不得超过 50,000 元' },
  { path: 'experts.e2', section: 'experts', message: '请为专家 B 填写至少一次来华' },
  { path: 'experts', section: 'experts', message: '请至少选择 1 位外国专家' },
];

const draft = draftOf({
  title: 't',
  content: {},
  experts: [
    { expertId: 'e1', name: 'A', chineseName: null, nationality: 'DE', passportMasked: null, active: true, visits: [
      { id: 'v1', startDate: null, endDate: null, days: null, city: null, purpose: null, funding: { internationalTravel: 0, livingPerDay: 0, livingDays: 0, pocketPerDay: 0, pocketDays: 0, intercityTransport: 0, salary: 0, other: 0 }, total: 0, contract: null },
      { id: 'v2', startDate: null, endDate: null, days: null, city: null, purpose: null, funding: { internationalTravel: 0, livingPerDay: 0, livingDays: 0, pocketPerDay: 0, pocketDays: 0, intercityTransport: 0, salary: 0, other: 0 }, total: 0, contract: null },
    ] },
    { expertId: 'e2', name: 'B', chineseName: null, nationality: 'FR', passportMasked: null, active: true, visits: [] },
  ],
});

describe('problems beside their fields', () => {
  const map = problemMap(problems);

  it('puts each message at its path, several joined', () => {
    expect(messageAt(map, 'content.leader')).toBe('项目负责人不能为空');
    expect(messageAt(map, 'visits.v1.salary')).toBe('填写工资须上传聘用合同;工资不得超过 50,000 元');
    expect(messageAt(map, 'content.other')).toBe('');
  });

  it('gives a visit its messages by field, so the funding violation sits beside 国际旅费', () => {
    expect(visitMessages(map, 'v1')).toEqual({
      internationalTravel: '国际旅费不得超过 15,000 元(当前 16,000 元)',
      salary: '填写工资须上传聘用合同;工资不得超过 50,000 元',
    });
    expect(visitMessages(map, 'v2')).toEqual({});
  });

  it('counts an expert row’s problems: its own and its visits’', () => {
    expect(expertProblemCount(map, draft.experts[0]!)).toBe(3);
    expect(expertProblemCount(map, draft.experts[1]!)).toBe(1);
  });

  it('does not repeat the same message at one path', () => {
    const twice = problemMap([problems[0]!, problems[0]!]);
    expect(messageAt(twice, 'content.leader')).toBe('项目负责人不能为空');
  });

  it('counts problems per section for the section headers', () => {
    expect(countBySection(problems)).toEqual({ basic: 1, experts: 5 });
  });
});

describe('a refusal’s fields as problem paths', () => {
  it('turns the body’s indexes into the visit’s and expert’s ids', () => {
    expect(problemPathOf('experts.0.visits.1.endDate', draft)).toBe('visits.v2.endDate');
    expect(problemPathOf('experts.0.visits.0.funding.salary', draft)).toBe('visits.v1.salary');
    expect(problemPathOf('experts.1.expertId', draft)).toBe('experts.e2');
    expect(problemPathOf('experts', draft)).toBe('experts');
  });

  it('keeps the paths the server already names as the form does', () => {
    expect(problemPathOf('content.leader', draft)).toBe('content.leader');
    expect(problemPathOf('visits.v1.city', draft)).toBe('visits.v1.city');
    expect(problemPathOf('title', draft)).toBe('title');
  });

  it('places each refused field in its section (submission answers PLAN_INCOMPLETE like this)', () => {
    expect(sectionOf('content.selfFunding', template)).toBe('budget');
    expect(sectionOf('attachments.application', template)).toBe('attachments');
    expect(sectionOf('visits.v1.city', template)).toBe('experts');
    const placed = problemsFromFields(
      [
        { field: 'content.selfFunding', message: '单位自筹经费不能为空' },
        { field: 'experts.0.visits.0.startDate', message: '须从日期选择器中选择日期' },
      ],
      draft,
      template,
    );
    expect(placed).toEqual([
      { path: 'content.selfFunding', section: 'budget', message: '单位自筹经费不能为空' },
      { path: 'visits.v1.startDate', section: 'experts', message: '须从日期选择器中选择日期' },
    ]);
  });
});

describe('whose problem it is', () => {
  it('names the expert and the visit for a visit’s field, the expert for an expert’s path', () => {
    expect(problemOwner('visits.v2.city', draft)).toEqual({ expert: 'A', visit: 2 });
    expect(problemOwner('experts.e2', draft)).toEqual({ expert: 'B', visit: null });
    expect(problemOwner('content.leader', draft)).toBeNull();
    expect(problemOwner('visits.gone.city', draft)).toBeNull();
  });
});

describe('where 查看明细 takes the person', () => {
  it('opens the drawer of the expert whose visit or record the problem is about, and finds the field there', () => {
    expect(jumpTargetOf('visits.v2.city', draft)).toEqual({ expertId: 'e1', path: 'visits.v2.city' });
    expect(jumpTargetOf('visits.v1.internationalTravel', draft)).toEqual({ expertId: 'e1', path: 'visits.v1.internationalTravel' });
    expect(jumpTargetOf('experts.e2', draft)).toEqual({ expertId: 'e2', path: 'experts.e2' });
  });

  it('finds fields on the page itself without a drawer, and an expert or visit no longer listed at the experts', () => {
    expect(jumpTargetOf('content.leader', draft)).toEqual({ expertId: null, path: 'content.leader' });
    expect(jumpTargetOf('attachments.application', draft)).toEqual({ expertId: null, path: 'attachments.application' });
    expect(jumpTargetOf('title', draft)).toEqual({ expertId: null, path: 'title' });
    expect(jumpTargetOf('experts', draft)).toEqual({ expertId: null, path: 'experts' });
    expect(jumpTargetOf('visits.gone.city', draft)).toEqual({ expertId: null, path: 'experts' });
    expect(jumpTargetOf('experts.gone', draft)).toEqual({ expertId: null, path: 'experts' });
  });
});
