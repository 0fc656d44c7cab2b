// What a person typed out of range is refused with the limit named beside its field, never clamped: negative
// amounts and day counts in a visit, scores over an item's maximum (every missing score named at once), an approved
// amount over the funding applied for. And a withdrawn plan, a draft again, no longer reads as submitted.
import { type ErrorBody, type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planApi, YUAN } from './testing/plans.ts';

interface Refusal extends ErrorBody {
  error: ErrorBody['error'] & { fields?: Array<{ field: string; message: string }> };
}

let h: Harness;
let api: ReturnType<typeof planApi>;
let experts: Array<{ id: string; name: string }>;

beforeAll(async () => {
  h = await moduleHarness(['experts', 'projects']);
  api = planApi(h);
  experts = await api.expertsOf('employer_handler');
});
afterAll(async () => {
  await h.close();
});

const fieldsOf = async (response: Response) => (await json<Refusal>(response)).error.fields ?? [];

describe('a visit’s amounts and days', () => {
  let id: string;
  beforeAll(async () => {
    id = await api.create('employer_handler', 'high_end_foreign_expert', '经费输入校验计划');
  });

  it('refuses a negative amount beside its field, in the reader’s language, and keeps what was saved', async () => {
    const before = await api.detail('employer_handler', id);
    const body = { content: {}, experts: [{ expertId: experts[0]!.id, visits: [api.visit({ internationalTravel: -50 * YUAN })] }] };
    const response = await api.save('employer_handler', id, body);
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual([
      { field: 'experts.0.visits.0.funding.internationalTravel', message: '国际旅费:金额不能为负数' },
    ]);
    const after = await api.detail('employer_handler', id);
    expect(after.version).toBe(before.version);
    expect(after.experts).toEqual([]);

    const current = await api.detail('employer_handler', id);
    const english = await api.send(
      'employer_handler',
      'PUT',
      `/plans/${id}`,
      { version: current.version, title: current.title, ...body },
      {},
      'en-US',
    );
    expect(await fieldsOf(english)).toEqual([
      { field: 'experts.0.visits.0.funding.internationalTravel', message: 'International travel: cannot be a negative amount' },
    ]);
  });

  it('names each refused day count and amount with its limit, not a clamped value', async () => {
    const visit = api.visit({ livingDays: 400, pocketDays: -3, salary: 12.5, other: 20_000_000 * YUAN });
    const response = await api.save('employer_handler', id, { content: {}, experts: [{ expertId: experts[0]!.id, visits: [visit] }] });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(
      expect.arrayContaining([
        { field: 'experts.0.visits.0.funding.livingDays', message: '生活费天数:天数不能超过 366 天' },
        { field: 'experts.0.visits.0.funding.pocketDays', message: '零用费天数:天数不能为负数' },
        { field: 'experts.0.visits.0.funding.salary', message: '工资:金额最多两位小数' },
        { field: 'experts.0.visits.0.funding.other', message: '其他费用:金额不能超过 10,000,000 元' },
      ]),
    );
    expect((await api.detail('employer_handler', id)).experts).toEqual([]);
  });

  it('says a negative amount in the form is negative, beside the field, without changing the value', async () => {
    const saved = await json<{ problems: Array<{ path: string; message: string }> }>(
      await api.save('employer_handler', id, { content: { selfFunding: -50 * YUAN }, experts: [] }),
    );
    expect(saved.problems).toContainEqual({ path: 'content.selfFunding', section: 'budget', message: '单位自筹经费(元)金额不能为负数' });
    const { rows } = await h.db.query<{ content: Record<string, unknown> }>('select content from projects.plans where id = $1', [id]);
    expect(rows[0]!.content['selfFunding']).toBe(-50 * YUAN);
    const submit = await api.submit('employer_handler', id);
    expect(submit.status).toBe(422);
    expect(await fieldsOf(submit)).toContainEqual({ field: 'content.selfFunding', message: '单位自筹经费(元)金额不能为负数' });
  });
});

describe('scores and the approval', () => {
  let id: string;
  let reviewerId: string;

  beforeAll(async () => {
    id = await api.complete('employer_handler', 'high_end_foreign_expert', '评分与批复校验计划', [experts[0]!.id]);
    expect((await api.submit('employer_handler', id)).status).toBe(200);
    expect((await api.move('supervisor_bj', id, 'approve')).status).toBe(200);
    const reviewers = await json<{ items: Array<{ userId: string; username: string }> }>(h.call('projects', '/reviewers', 'national_admin'));
    reviewerId = reviewers.items.find((r) => r.username === 'reviewer')!.userId;
    expect((await api.move('national_admin', id, 'assign_reviewers', { reviewerIds: [reviewerId] })).status).toBe(200);
  });

  const score = (scores: Record<string, number>, locale?: string) =>
    api.send('reviewer', 'PUT', `/plans/${id}/review`, { scores, opinion: '可行。' }, {}, locale);
  const stored = async () => {
    const { rows } = await h.db.query<{ scores: unknown; submitted_at: Date | null }>(
      'select scores, submitted_at from projects.plan_reviews where plan_id = $1',
      [id],
    );
    return rows[0];
  };

  it('names every missing score at once, each at its rubric item', async () => {
    const response = await score({ necessity: 20 });
    expect(response.status).toBe(400);
    expect((await json<Refusal>(response)).error.code).toBe('REVIEW_SCORES');
    expect(await fieldsOf(await score({ necessity: 20 }))).toEqual([
      { field: 'scores.expertLevel', message: '请为「专家水平」打分(0–30 的整数)' },
      { field: 'scores.feasibility', message: '请为「可行性」打分(0–20 的整数)' },
      { field: 'scores.outcomes', message: '请为「预期成效」打分(0–20 的整数)' },
    ]);
    expect(await stored()).toEqual({ scores: null, submitted_at: null });
  });

  it('refuses a score over its item’s maximum, a negative one and a fraction, naming the limit, never capping it', async () => {
    const response = await score({ necessity: 35, expertLevel: -1, feasibility: 12.5, outcomes: 20, style: 5 });
    expect(await fieldsOf(response)).toEqual([
      { field: 'scores.necessity', message: '「必要性」的评分不能超过 30 分' },
      { field: 'scores.expertLevel', message: '「专家水平」的评分不能为负数' },
      { field: 'scores.feasibility', message: '「可行性」的评分须为整数' },
      { field: 'scores.style', message: '评分标准中没有这一项' },
    ]);
    expect(await fieldsOf(await score({ necessity: 35, expertLevel: 30, feasibility: 20, outcomes: 20 }, 'en-US'))).toEqual([
      { field: 'scores.necessity', message: 'The score of “Necessity” cannot exceed 30' },
    ]);
    expect(await stored()).toEqual({ scores: null, submitted_at: null });
    expect(await json(await score({ necessity: 30, expertLevel: 25, feasibility: 15, outcomes: 10 }))).toEqual({ total: 80 });
  });

  it('puts an approval over the amount applied for beside the amount field, naming the amount', async () => {
    const plan = await api.detail('national_admin', id);
    const over = await api.move('national_admin', id, 'approve', { approvedAmount: plan.requestedAmount + 1, documentNumber: '国科外专批〔2027〕9号' });
    expect(over.status).toBe(400);
    const body = await json<Refusal>(over);
    expect(body.error.code).toBe('PLAN_APPROVED_TOO_MUCH');
    const requested = (plan.requestedAmount / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(body.error.fields).toEqual([{ field: 'approvedAmount', message: `批复金额不能超过申请的专家经费 ${requested} 元` }]);
    expect((await api.detail('national_admin', id)).status).toBe('expert_review');
  });

  it('refuses a negative approved amount and names each missing part of an approval beside its field', async () => {
    const negative = await api.move('national_admin', id, 'approve', { approvedAmount: -50 * YUAN, documentNumber: '国科外专批〔2027〕9号' });
    expect(await fieldsOf(negative)).toEqual([{ field: 'approvedAmount', message: '批复金额:金额不能为负数' }]);
    const none = await api.move('national_admin', id, 'approve');
    expect((await json<Refusal>(none)).error).toMatchObject({
      code: 'PLAN_APPROVAL_REQUIRED',
      fields: [
        { field: 'approvedAmount', message: '请填写批复金额' },
        { field: 'documentNumber', message: '请填写批复文号' },
      ],
    });
    expect((await api.detail('national_admin', id)).status).toBe('expert_review');
  });
});

describe('提交时间 after a withdrawal', () => {
  it('is gone from the page and the list once the plan is a draft again, kept in the history, and set anew on the next submit', async () => {
    const id = await api.complete('employer_handler', 'high_end_foreign_expert', '撤回后的提交时间', [experts[0]!.id]);
    const listed = async () =>
      (await json<{ items: Array<{ id: string; submittedAt: string | null; status: string }> }>(h.call('projects', '/plans?view=mine', 'employer_handler'))).items.find(
        (p) => p.id === id,
      )!;
    const submittedAt = async () => (await json<{ submittedAt: string | null }>(api.send('employer_handler', 'GET', `/plans/${id}`))).submittedAt;

    expect((await api.submit('employer_handler', id)).status).toBe(200);
    const first = await submittedAt();
    expect(first).not.toBeNull();
    expect((await listed()).submittedAt).toBe(first);

    expect((await api.move('employer_handler', id, 'withdraw')).status).toBe(200);
    expect(await submittedAt()).toBeNull();
    expect(await listed()).toMatchObject({ status: 'draft', submittedAt: null });
    const history = await api.detail('employer_handler', id);
    expect(history.events.map((e) => e.action)).toEqual(['withdraw', 'submit']);

    expect((await api.submit('employer_handler', id)).status).toBe(200);
    const second = await submittedAt();
    expect(second).not.toBeNull();
    expect(Date.parse(second!)).toBeGreaterThanOrEqual(Date.parse(first!));
  });
});
