// The review chain end to end through the API: an employer drafts a talent plan with two experts, meets the
// funding policy, submits, withdraws, resubmits; the supervising unit returns it with reasons and later approves;
// the national level assigns a reviewer who scores, then approves with an amount. A ministry university goes to the
// national level directly. Refusals change nothing; a retried submit creates nothing new; tampering sets nothing.
import { CJK, type ErrorBody, type Harness, json, moduleHarness, type ToDo } from '@wgzj/gateway/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Detail, PDF, planApi, planAt, plansForBlock, PNG, YUAN } from './testing/plans.ts';

describe('a talent plan from draft to approval', () => {
  let h: Harness;
  let api: ReturnType<typeof planApi>;
  let id: string;
  let experts: Array<{ id: string; name: string }>;
  let firstVisit: ReturnType<ReturnType<typeof planApi>['visit']>;
  let secondVisit: ReturnType<ReturnType<typeof planApi>['visit']>;
  // Each step starts from its own plan on its own database, brought there by planAt, so any one runs alone and in
  // any order; a fresh database also keeps the to-do, SMS and review-list checks about this plan only.

  const counts = async () => {
    const { rows } = await h.db.query<{ snapshots: number; events: number; audit: number }>(
      `select (select count(*)::int from projects.plan_snapshots where plan_id = $1) as snapshots,
              (select count(*)::int from projects.plan_events where plan_id = $1) as events,
              (select count(*)::int from audit.records where object_id = $1::text) as audit`,
      [id],
    );
    return rows[0]!;
  };

  beforeEach(async () => {
    h = await moduleHarness(['experts', 'projects']);
    api = planApi(h);
    experts = await api.expertsOf('employer_handler');
    expect(experts.length).toBeGreaterThanOrEqual(2);
  });
  afterEach(async () => {
    await h.close();
  });

  it('starts a plan from an open call, with the template and policy in force, as an editable draft', async () => {
    id = await api.create('employer_handler', 'high_end_foreign_expert', '可信人工智能高端外国专家引进项目');
    const plan = await api.detail('employer_handler', id);
    expect(plan).toMatchObject({ status: 'draft', mode: 'edit', actions: ['submit'], template: { version: 1 } });
    expect(plan.why).toBe('草稿,尚未提交。填写完整后请提交归口管理单位审核。');
    // Nothing filled in yet: each required field is named, in Chinese.
    expect(plan.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['content.objectives', 'content.budgetTable', 'attachments.application', 'experts']),
    );
  });

  it('autosaves two experts with a visit each, and names the broken funding rule beside its field', async () => {
    ({ id } = await planAt(api, 'draft'));
    firstVisit = api.visit({ internationalTravel: 16_000 * YUAN });
    secondVisit = api.visit({}, `${api.year}-09-01`, `${api.year}-09-14`);
    const response = await api.save('employer_handler', id, {
      content: { discipline: '人工智能', leader: '张伟', startDate: `${api.year}-03-01`, endDate: `${api.year}-12-31`, objectives: '合作研究', tasks: '讲座', selfFunding: 50_000 * YUAN },
      experts: [
        { expertId: experts[0]!.id, visits: [firstVisit] },
        { expertId: experts[1]!.id, visits: [secondVisit] },
      ],
    });
    expect(response.status).toBe(200);
    const saved = await json<{ problems: Array<{ path: string; message: string }>; requestedAmount: number }>(response);
    const violation = saved.problems.find((p) => p.path === `visits.${firstVisit.id}.internationalTravel`);
    expect(violation?.message).toBe('国际旅费不得超过 15,000 元(当前 16,000 元)');
    // 16,000 + 8,400 + 3,500 + 1,500 for the first visit; 12,000 + 6,000 + 2,500 + 1,500 for the ten-day second one.
    expect(saved.requestedAmount).toBe((16_000 + 8_400 + 3_500 + 1_500 + 12_000 + 8_400 + 3_500 + 1_500) * YUAN);
  });

  it('checks uploads by content: a PDF named .png is refused and nothing is stored', async () => {
    ({ id, firstVisit, secondVisit } = await planAt(api, 'saved'));
    const wrong = await api.upload('employer_handler', id, 'image:budgetTable', 'table.png', PDF);
    expect(wrong.status).toBe(400);
    expect((await json<ErrorBody>(wrong)).error.message).toMatch(CJK);
    const { rows } = await h.db.query('select 1 from projects.plan_files where plan_id = $1', [id]);
    expect(rows).toHaveLength(0);
    expect((await api.upload('employer_handler', id, 'image:budgetTable', '经费预算表.png', PNG)).status).toBe(201);
    expect((await api.upload('employer_handler', id, 'attachment:application', '盖章页.pdf', PDF)).status).toBe(201);
    expect((await api.upload('employer_handler', id, 'attachment:nonexistent', 'x.pdf', PDF)).status).toBe(404);
  });

  it('refuses to submit while the funding breaks the policy, and changes nothing', async () => {
    ({ id, firstVisit, secondVisit } = await planAt(api, 'uploaded'));
    const before = await counts();
    const response = await api.submit('employer_handler', id);
    expect(response.status).toBe(422);
    const body = await json<ErrorBody>(response);
    expect(body.error.code).toBe('PLAN_INCOMPLETE');
    expect(body.error.fields).toEqual([{ field: `visits.${firstVisit.id}.internationalTravel`, message: '国际旅费不得超过 15,000 元(当前 16,000 元)' }]);
    expect((await api.detail('employer_handler', id)).status).toBe('draft');
    expect(await counts()).toEqual(before);
  });

  it('submits once fixed; the same submit retried with its idempotency key creates nothing new', async () => {
    ({ id, firstVisit, secondVisit } = await planAt(api, 'uploaded'));
    const fixed = await api.save('employer_handler', id, {
      content: (await api.detail('employer_handler', id) as Detail & { content: Record<string, unknown> }).content,
      experts: [
        { expertId: experts[0]!.id, visits: [{ ...firstVisit, funding: { ...firstVisit.funding, internationalTravel: 12_000 * YUAN } }] },
        { expertId: experts[1]!.id, visits: [secondVisit] },
      ],
    });
    expect((await json<{ problems: unknown[] }>(fixed)).problems).toEqual([]);
    const key = { 'idempotency-key': 'submit-once-7f3a' };
    const first = await api.submit('employer_handler', id, key);
    expect(first.status).toBe(200);
    const answer = await json<{ status: string; version: number }>(first);
    expect(answer.status).toBe('supervising_review');
    const after = await counts();
    // The retry carries the version the first call saw, now stale: it is answered from the key, not refused.
    const retry = await api.act('employer_handler', id, { action: 'submit', version: answer.version - 1 }, key);
    expect(retry.status).toBe(200);
    expect(await json(retry)).toEqual(answer);
    expect(await counts()).toEqual(after);
    expect(after.snapshots).toBe(1);
  });

  it('tells the submitter it waits for the supervising unit and may be withdrawn; withdrawing makes it a draft again', async () => {
    ({ id, firstVisit, secondVisit } = await planAt(api, 'submitted'));
    const plan = await api.detail('employer_handler', id);
    expect(plan).toMatchObject({ mode: 'read', actions: ['withdraw'], why: '已提交,等待归口管理单位审核,您可以撤回。' });
    expect((await api.move('employer_handler', id, 'withdraw')).status).toBe(200);
    expect(await api.detail('employer_handler', id)).toMatchObject({ status: 'draft', mode: 'edit' });
    expect((await api.submit('employer_handler', id)).status).toBe(200);
  });

  it('lets the supervising unit return it with a reason per section; the submitter is told in the system and by SMS', async () => {
    ({ id, firstVisit, secondVisit } = await planAt(api, 'resubmitted'));
    const review = await api.detail('supervisor_bj', id);
    expect(review).toMatchObject({ mode: 'review', actions: ['approve', 'return', 'reject'] });
    const noReason = await api.move('supervisor_bj', id, 'return');
    expect(noReason.status).toBe(400);
    expect((await json<ErrorBody>(noReason)).error.code).toBe('FLOW_REASON_REQUIRED');
    const unknownSection = await api.move('supervisor_bj', id, 'return', { sectionReasons: { salaries: '请修改。' } });
    expect(unknownSection.status).toBe(400);
    expect((await json<ErrorBody>(unknownSection)).error).toMatchObject({ code: 'PLAN_SECTION_UNKNOWN', message: '退回理由对应的栏目不在本计划的申报书中。' });
    expect((await api.detail('supervisor_bj', id)).status).toBe('supervising_review');
    const returned = await api.move('supervisor_bj', id, 'return', { sectionReasons: { experts: '第一位专家的零用费标准偏高,请按 200 元/天调整。' } });
    expect(returned.status).toBe(200);
    // Until the submitter opens the plan, the news waits in their to-do.
    const todo = await json<ToDo>(h.call('projects', '/todo', 'employer_handler'));
    expect(todo.items.map((i) => i.title)).toContain('计划已退回:可信人工智能高端外国专家引进项目');
    const plan = await api.detail('employer_handler', id);
    expect(plan).toMatchObject({ status: 'returned', mode: 'edit', why: '已被退回,请按退回理由修改后重新提交。' });
    expect(plan.events[0]).toMatchObject({ action: 'supervising_return', sectionReasons: { experts: '第一位专家的零用费标准偏高,请按 200 元/天调整。' } });
    // Reading the plan changes nothing; the page then marks its news read, which someone else cannot do for them.
    expect((await json<ToDo>(h.call('projects', '/todo', 'employer_handler'))).items.map((i) => i.title)).toContain('计划已退回:可信人工智能高端外国专家引进项目');
    expect(await json(h.call('projects', `/plans/${id}/notifications/read`, 'supervisor_bj', { method: 'POST' }))).toEqual({ read: 0 });
    expect(await json(h.call('projects', `/plans/${id}/notifications/read`, 'employer_handler', { method: 'POST' }))).toEqual({ read: 1 });
    expect(await json(h.call('projects', `/plans/${id}/notifications/read`, 'employer_handler', { method: 'POST' }))).toEqual({ read: 0 });
    const opened = await json<ToDo>(h.call('projects', '/todo', 'employer_handler'));
    expect(opened.items.map((i) => i.title)).toEqual(['退回待修改:可信人工智能高端外国专家引进项目']);
    const { rows } = await h.db.query<{ phone_masked: string; body: string }>(`select phone_masked, body from notify.sms_outbox where purpose = 'plan_returned'`);
    expect(rows).toEqual([{ phone_masked: '139****0001', body: expect.stringContaining('《可信人工智能高端外国专家引进项目》已被退回') }]);
  });

  it('shows the reviewers what changed since the last submission, field by field', async () => {
    ({ id, firstVisit, secondVisit } = await planAt(api, 'returned'));
    const current = (await api.detail('employer_handler', id)) as Detail & { content: Record<string, unknown> };
    await api.save('employer_handler', id, {
      content: { ...current.content, objectives: '合作研究(已按意见修改)' },
      experts: [
        { expertId: experts[0]!.id, visits: [{ ...firstVisit, funding: { ...firstVisit.funding, internationalTravel: 12_000 * YUAN, pocketPerDay: 200 * YUAN } }] },
        { expertId: experts[1]!.id, visits: [secondVisit] },
      ],
    });
    expect((await api.submit('employer_handler', id)).status).toBe(200);
    const review = await api.detail('supervisor_bj', id);
    expect(review.changes).toEqual([
      { path: 'content.objectives', label: '项目目标', before: '合作研究', after: '合作研究(已按意见修改)' },
      {
        path: `visits.${firstVisit.id}.pocketPerDay`,
        label: `专家 ${experts[0]!.name} 第 1 次来华 · 零用费标准(元/天)`,
        before: '250.00',
        after: '200.00',
      },
    ]);
  });

  it('goes to the national level on the supervising approval; the national admin assigns a reviewer', async () => {
    ({ id, firstVisit, secondVisit } = await planAt(api, 'revised'));
    expect((await api.move('supervisor_bj', id, 'approve')).status).toBe(200);
    // The employer can no longer withdraw: the supervising unit has acted.
    expect(await api.detail('employer_handler', id)).toMatchObject({ status: 'national_review', actions: [] });
    const national = await api.detail('national_admin', id);
    expect(national).toMatchObject({ mode: 'review', actions: ['approve', 'return', 'reject', 'assign_reviewers'] });
    const reviewers = await json<{ items: Array<{ userId: string; username: string }> }>(h.call('projects', '/reviewers', 'national_admin'));
    const reviewer = reviewers.items.find((r) => r.username === 'reviewer')!;
    expect((await api.move('national_admin', id, 'assign_reviewers', { reviewerIds: [] })).status).toBe(400);
    expect((await api.move('national_admin', id, 'assign_reviewers', { reviewerIds: [reviewer.userId] })).status).toBe(200);
    // More reviewers can join while the review runs; one already assigned is not assigned twice.
    expect((await api.detail('national_admin', id)).actions).toContain('assign_reviewers');
    expect((await api.move('national_admin', id, 'assign_reviewers', { reviewerIds: [reviewer.userId] })).status).toBe(200);
    expect((await api.detail('national_admin', id)).reviewProgress).toEqual({ assigned: 1, submitted: 0 });
    const pending = await api.move('national_admin', id, 'approve', { approvedAmount: 50_000 * YUAN, documentNumber: '国科外专批〔2027〕1号' });
    expect(pending.status).toBe(409);
    expect((await json<ErrorBody>(pending)).error.code).toBe('PLAN_REVIEWS_PENDING');
  });

  it('lets the assigned reviewer, and nobody else, score against the rubric', async () => {
    ({ id, firstVisit, secondVisit } = await planAt(api, 'reviewer assigned'));
    const toScore = await json<{ items: Array<{ id: string }> }>(h.call('projects', '/plans?view=review', 'reviewer'));
    expect(toScore.items.map((p) => p.id)).toEqual([id]);
    expect(await api.detail('reviewer', id)).toMatchObject({ mode: 'score', why: '您是本计划的评审专家,请按评分标准打分并填写评审意见。' });
    const over = await api.send('reviewer', 'PUT', `/plans/${id}/review`, { scores: { necessity: 31, expertLevel: 20, feasibility: 15, outcomes: 15 }, opinion: '好' });
    expect(over.status).toBe(400);
    const missing = await api.send('reviewer', 'PUT', `/plans/${id}/review`, { scores: { necessity: 20 }, opinion: '好' });
    expect(missing.status).toBe(400);
    const scored = await api.send('reviewer', 'PUT', `/plans/${id}/review`, { scores: { necessity: 26, expertLevel: 27, feasibility: 16, outcomes: 17 }, opinion: '专家水平高,方案可行。' });
    expect(await json(scored)).toEqual({ total: 86 });
    expect((await api.send('supervisor_bj', 'PUT', `/plans/${id}/review`, { scores: {}, opinion: 'x' })).status).toBe(403);
    expect((await api.send('employer_handler', 'PUT', `/plans/${id}/review`, { scores: {}, opinion: 'x' })).status).toBe(403);
    expect((await api.detail('national_admin', id)).reviews).toEqual([expect.objectContaining({ reviewerName: '黄海', total: 86 })]);
  });

  it('approves (批复) with an amount and a document number; the handler sees 已批复 and the amount', async () => {
    ({ id, firstVisit, secondVisit } = await planAt(api, 'scored'));
    const none = await api.move('national_admin', id, 'approve');
    expect((await json<ErrorBody>(none)).error.code).toBe('PLAN_APPROVAL_REQUIRED');
    const plan = await api.detail('national_admin', id);
    const tooMuch = await api.move('national_admin', id, 'approve', { approvedAmount: plan.requestedAmount + 1, documentNumber: '国科外专批〔2027〕1号' });
    expect((await json<ErrorBody>(tooMuch)).error.code).toBe('PLAN_APPROVED_TOO_MUCH');
    expect((await api.move('national_admin', id, 'approve', { approvedAmount: 50_000 * YUAN, documentNumber: '国科外专批〔2027〕1号' })).status).toBe(200);
    const seen = await api.detail('employer_handler', id);
    expect(seen).toMatchObject({ status: 'approved', mode: 'read', approvedAmount: 50_000 * YUAN, approvalDocument: '国科外专批〔2027〕1号' });
    expect(seen.why).toBe('已批复:批复金额 50,000.00 元,批复文号 国科外专批〔2027〕1号。');
    const { rows } = await h.db.query<{ action: string }>(`select action from audit.records where object_id = $1 order by id`, [id]);
    expect(rows.map((r) => r.action)).toEqual([
      'plan.create',
      'plan.upload',
      'plan.upload',
      'plan.submit',
      'plan.withdraw',
      'plan.submit',
      'plan.supervising_return',
      'plan.submit',
      'plan.supervising_approve',
      'plan.assign_reviewers',
      'plan.assign_reviewers',
      'plan.review_score',
      'plan.national_approve',
    ]);
  });
});

describe('a ministry university’s platform plan goes to the national level directly', () => {
  const plans = plansForBlock();

  it('skips the supervising level, can be withdrawn until the national level acts, and is approved there', async () => {
    const { h, api } = plans;
    const id = await api.completeWithFirstExpert('ministry_univ', 'discipline_innovation_111', '智能制造学科创新引智基地');
    const submitted = await json<{ status: string }>(await api.submit('ministry_univ', id));
    expect(submitted.status).toBe('national_review');
    expect(await api.detail('ministry_univ', id)).toMatchObject({ actions: ['withdraw'], why: '已提交,等待国家管理员审核,您可以撤回。' });
    // No supervising unit sees it.
    expect((await h.call('projects', `/plans/${id}`, 'supervisor_bj')).status).toBe(404);
    expect((await api.move('ministry_univ', id, 'withdraw')).status).toBe(200);
    expect((await api.submit('ministry_univ', id)).status).toBe(200);
    const requested = (await api.detail('national_admin', id)).requestedAmount;
    expect((await api.move('national_admin', id, 'approve', { approvedAmount: requested, documentNumber: '国科外专批〔2027〕2号' })).status).toBe(200);
    expect(await api.detail('ministry_univ', id)).toMatchObject({ status: 'approved', approvedAmount: requested });
  });
});

describe('what a request may not set, and who may not act', () => {
  let h: Harness;
  let api: ReturnType<typeof planApi>;
  let id: string;

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    api = planApi(h);
    const experts = await api.expertsOf('employer_handler');
    id = await api.complete('employer_handler', 'young_foreign_talent', '篡改测试计划', [experts[0]!.id]);
  });
  afterAll(async () => {
    await h.close();
  });

  const stored = async () =>
    (
      await h.db.query(
        'select status, unit_id, supervising_unit_id, approved_amount, approval_document, template_id, policy_id, call_id, submission_count from projects.plans where id = $1',
        [id],
      )
    ).rows[0];

  it('ignores status, unit, approved amount and reviewers in a save or a new plan', async () => {
    const draft = await api.create('employer_handler', 'young_foreign_talent', '篡改测试草稿');
    const stored = async () =>
      (await h.db.query('select status, unit_id, supervising_unit_id, approved_amount, approval_document, template_id, policy_id, call_id from projects.plans where id = $1', [draft])).rows[0];
    const before = await stored();
    const current = await api.detail('employer_handler', draft);
    const tampered = await api.send('employer_handler', 'PUT', `/plans/${draft}`, {
      version: current.version,
      title: current.title,
      content: { discipline: '物理', status: 'approved', approvedAmount: 1 },
      experts: [],
      status: 'approved',
      unitId: '00000000-0000-4000-8000-000000000000',
      supervisingUnitId: null,
      approvedAmount: 99_999_999,
      approvalDocument: '伪造',
      reviewerIds: [(await h.identityOf('employer_handler')).userId],
      templateId: '00000000-0000-4000-8000-000000000000',
    });
    expect(tampered.status).toBe(200);
    expect(await stored()).toEqual(before);
    const { rows } = await h.db.query<{ content: Record<string, unknown> }>('select content from projects.plans where id = $1', [draft]);
    expect(rows[0]!.content).toEqual({ discipline: '物理' });
    expect((await h.db.query('select 1 from projects.plan_reviews where plan_id = $1', [draft])).rows).toHaveLength(0);

    const calls = await json<{ items: Array<{ id: string; canApply: boolean }> }>(api.send('employer_handler', 'GET', '/calls'));
    const created = await api.send('employer_handler', 'POST', '/plans', {
      callId: calls.items.find((c) => c.canApply)!.id,
      title: '另一个计划',
      unitId: (await h.identityOf('employer_sh')).unit.id,
      status: 'approved',
    });
    const newId = (await json<{ id: string }>(created)).id;
    const { rows: made } = await h.db.query<{ unit_id: string; status: string }>('select unit_id, status from projects.plans where id = $1', [newId]);
    expect(made[0]).toEqual({ unit_id: (await h.identityOf('employer_handler')).unit.id, status: 'draft' });
  });

  it('refuses the employer the reviewers’ actions, and the reviewers the employer’s', async () => {
    expect((await api.submit('employer_handler', id)).status).toBe(200);
    const before = await stored();
    for (const [user, action] of [
      ['employer_handler', 'approve'],
      ['employer_admin', 'reject'],
      ['national_admin', 'approve'],
      ['supervisor_bj', 'withdraw'],
      ['support', 'approve'],
    ] as const) {
      const response = await api.move(user, id, action, { reason: 'x', approvedAmount: 1, documentNumber: 'x' });
      expect(response.status, `${user} ${action}`).toBe(403);
    }
    expect((await api.move('employer_sh', id, 'approve')).status).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it('refuses a save once submitted, and a stale save of a draft', async () => {
    const current = await api.detail('employer_handler', id);
    const late = await api.send('employer_handler', 'PUT', `/plans/${id}`, { version: current.version, title: 'x', content: {}, experts: [] });
    expect(late.status).toBe(409);
    expect((await json<ErrorBody>(late)).error.code).toBe('PLAN_NOT_EDITABLE');
    const other = await api.create('employer_handler', 'young_foreign_talent', '另一个草稿');
    const stale = await api.send('employer_handler', 'PUT', `/plans/${other}`, { version: 0, title: 'x', content: {}, experts: [] });
    expect((await json<ErrorBody>(stale)).error.code).toBe('PLAN_STALE');
  });

  it('refuses an expert outside the unit’s library, and says so beside the experts', async () => {
    const other = await api.create('employer_handler', 'young_foreign_talent', '外单位专家');
    const shanghaiExpert = (await api.expertsOf('employer_sh'))[0]!;
    const mine = new Set((await api.expertsOf('employer_handler')).map((e) => e.id));
    expect(mine.has(shanghaiExpert.id)).toBe(false);
    const response = await api.save('employer_handler', other, { content: {}, experts: [{ expertId: shanghaiExpert.id, visits: [] }] });
    expect(response.status).toBe(400);
    expect((await json<ErrorBody>(response)).error).toMatchObject({ code: 'PLAN_EXPERT_UNKNOWN', fields: [{ field: 'experts' }] });
  });
});

describe('bulk review by the supervising unit', () => {
  const plans = plansForBlock();

  it('approves several plans at once, each with its own result, audit record and history line', async () => {
    const { h, api } = plans;
    const ids: string[] = [];
    for (const title of ['批量一', '批量二', '批量三']) {
      const id = await api.completeWithFirstExpert('employer_handler', 'high_end_foreign_expert', title);
      expect((await api.submit('employer_handler', id)).status).toBe(200);
      ids.push(id);
    }
    const versions = await Promise.all(ids.map(async (id) => (await api.detail('supervisor_bj', id)).version));
    const body = { action: 'approve', items: ids.map((id, i) => ({ id, version: i === 2 ? versions[i]! - 1 : versions[i]! })) };
    expect((await api.send('national_admin', 'POST', '/plans/bulk', body)).status).toBe(403);
    const { results } = await json<{ results: Array<{ id: string; ok: boolean; status?: string; error?: { code: string; message: string } }> }>(
      api.send('supervisor_bj', 'POST', '/plans/bulk', body),
    );
    expect(results.map((r) => [r.ok, r.status ?? r.error?.code])).toEqual([
      [true, 'national_review'],
      [true, 'national_review'],
      [false, 'FLOW_STALE_VERSION'],
    ]);
    expect(results[2]!.error!.message).toMatch(CJK);
    for (const [i, id] of ids.entries()) {
      const { rows } = await h.db.query(`select 1 from audit.records where object_id = $1 and action = 'plan.supervising_approve'`, [id]);
      expect(rows).toHaveLength(i === 2 ? 0 : 1);
    }
  });
});
