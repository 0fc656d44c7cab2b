// Two refusals a plan meets before it can be reviewed: a unit whose registration is not approved starts and submits
// no plan (it would wait at a level no one reviews), and a visit's dates must lie within the plan's execution period.
import { CJK, type ErrorBody, type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExperts } from '../../mf-experts/db/generate.ts';
import { generatePlans } from '../db/generate.ts';
import { planProblems } from './plan-checks.ts';
import { loadParts, loadPlan } from './services/plan-repository.ts';
import { planApi, YUAN } from './testing/plans.ts';

const IN_REVIEW = ['draft', 'supervising_review', 'national_review', 'returned'] as const;

/** A unit as the portal's first jump leaves it (北京未来材料研究院: a draft, no supervising unit) or further along. */
async function unitInRegistration(h: Harness, username: string, state: string, kind = 'employer'): Promise<string> {
  const supervising = await h.db.query<{ id: string }>(`select id from admin.units where name = '北京市科学技术委员会'`);
  const { rows } = await h.db.query<{ id: string }>(
    `insert into admin.units (name, kind, province_code, supervising_unit_id, status, registration_state)
     values ($1, $2, '110000', $3, 'pending_review', $4) returning id`,
    [`${username} 的单位`, kind, state === 'draft' || kind !== 'employer' ? null : supervising.rows[0]!.id, state],
  );
  await h.db.query(`insert into admin.users (username, display_name, role, unit_id, status) values ($1, '赵敏', 'employer_admin', $2, 'active')`, [
    username,
    rows[0]!.id,
  ]);
  return rows[0]!.id;
}

describe('plans of a unit still in registration review', () => {
  let h: Harness;
  let api: ReturnType<typeof planApi>;
  const units: Record<string, string> = {};

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    api = planApi(h);
    for (const state of IN_REVIEW) units[state] = await unitInRegistration(h, `unit_${state}`, state);
    units['ministry_draft'] = await unitInRegistration(h, 'unit_ministry_draft', 'draft', 'ministry_university');
  });
  afterAll(async () => {
    await h.close();
  });

  const plansOf = async (unitId: string) => (await h.db.query<{ n: number }>('select count(*)::int as n from projects.plans where unit_id = $1', [unitId])).rows[0]!.n;
  const anyCall = async (user: string) =>
    (await json<{ items: Array<{ id: string; canApply: boolean }> }>(api.send(user, 'GET', '/calls'))).items.find((c) => c.canApply)?.id ??
    (await h.db.query<{ id: string }>(`select id from projects.calls where opens_on <= current_date and closes_on >= current_date limit 1`)).rows[0]!.id;

  it.each([
    ['draft', /请先完善本单位信息并提交注册审核,审核通过后即可新报计划/, /complete your unit's information and submit it/],
    ['supervising_review', /等待归口管理单位审核/, /supervising unit's review/],
    ['national_review', /等待国家审核/, /national review/],
    ['returned', /已被退回:请按退回理由修改后重新提交注册审核/, /returned: correct it/],
  ])('refuses 新报计划 to a unit in %s with what to do, in both languages, and creates nothing', async (state, zh, en) => {
    const user = `unit_${state}`;
    const callId = await anyCall(user);
    const response = await api.send(user, 'POST', '/plans', { callId, title: '新材料外国专家引进项目' });
    expect(response.status).toBe(403);
    const body = await json<ErrorBody>(response);
    expect(body.error.code).toBe('UNIT_REGISTRATION_PENDING');
    expect(body.error.message).toMatch(zh);
    const english = await json<ErrorBody>(api.send(user, 'POST', '/plans', { callId, title: 'x' }, {}, 'en-US'));
    expect(english.error.message).toMatch(en);
    expect(english.error.message).not.toMatch(CJK);
    expect(await plansOf(units[state]!)).toBe(0);
  });

  it('refuses a ministry university whose registration is a draft as well', async () => {
    const response = await api.send('unit_ministry_draft', 'POST', '/plans', { callId: await anyCall('unit_ministry_draft'), title: '引智基地' });
    expect(response.status).toBe(403);
    expect((await json<ErrorBody>(response)).error.code).toBe('UNIT_REGISTRATION_PENDING');
  });

  it('says so before the user starts: the standing names the state, the note and the registration page', async () => {
    const draft = await json<Record<string, unknown>>(api.send('unit_draft', 'GET', '/unit-standing'));
    expect(draft).toEqual({
      state: 'draft',
      mayWrite: false,
      message: expect.stringMatching(/请先完善本单位信息并提交注册审核/),
      registrationPage: `/admin/units/${units['draft']}`,
    });
    const english = await json<{ message: string }>(api.send('unit_returned', 'GET', '/unit-standing', undefined, {}, 'en-US'));
    expect(english.message).not.toMatch(CJK);
    expect(await json(api.send('employer_handler', 'GET', '/unit-standing'))).toEqual({ state: 'approved', mayWrite: true, message: null, registrationPage: null });
    expect(await json(api.send('supervisor_bj', 'GET', '/unit-standing'))).toMatchObject({ mayWrite: true });
  });

  it('refuses 提交 of a plan whose unit is back in review, and leaves it a draft', async () => {
    const [expert] = await api.expertsOf('employer_handler');
    const id = await api.complete('employer_handler', 'high_end_foreign_expert', '回到审核中的单位的计划', [expert!.id]);
    const unit = (await h.identityOf('employer_handler')).unit.id;
    await h.db.query(`update admin.units set registration_state = 'returned' where id = $1`, [unit]);
    try {
      const refused = await api.submit('employer_handler', id);
      expect(refused.status).toBe(403);
      expect((await json<ErrorBody>(refused)).error.code).toBe('UNIT_REGISTRATION_PENDING');
      expect((await api.detail('employer_handler', id)).status).toBe('draft');
      const audit = await h.db.query(`select 1 from audit.records where object_id = $1 and action like 'plan.submit%'`, [id]);
      expect(audit.rows).toHaveLength(0);
    } finally {
      await h.db.query(`update admin.units set registration_state = 'approved' where id = $1`, [unit]);
    }
    // An approved unit is unaffected: the same plan goes through.
    expect((await api.submit('employer_handler', id)).status).toBe(200);
    expect((await api.detail('employer_handler', id)).status).toBe('supervising_review');
  });
});

describe('visit dates and the plan’s execution period', () => {
  let h: Harness;
  let api: ReturnType<typeof planApi>;
  let expertId: string;

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    api = planApi(h);
    expertId = (await api.expertsOf('employer_handler'))[0]!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  const period = (y: number) => ({ startDate: `${y}-03-01`, endDate: `${y}-10-31` });
  const problemAt = (problems: Array<{ path: string; message: string }>, visitId: string, field: string) =>
    problems.find((p) => p.path === `visits.${visitId}.${field}`)?.message;

  async function planWith(visit: ReturnType<typeof api.visit>, content: Record<string, unknown>) {
    const id = await api.complete('employer_handler', 'high_end_foreign_expert', `来华日期 ${visit.startDate}`, [expertId]);
    const current = await api.detail('employer_handler', id);
    const saved = await api.save('employer_handler', id, { content: { ...(current as unknown as { content: object }).content, ...content }, experts: [{ expertId, visits: [visit] }] });
    return { id, saved, before: current };
  }
  /** What the save left of the plan: its version and its visits' dates. */
  const stored = async (id: string) => ({
    version: (await api.detail('employer_handler', id)).version,
    visits: (await h.db.query<{ d: string }>(`select start_date::text || '/' || end_date::text as d from projects.plan_visits where plan_id = $1 order by 1`, [id])).rows.map((r) => r.d),
  });
  /** A visit written straight into a draft, as one saved before the rule was (or whose plan year moved since). */
  async function draftWithVisit(start: string, end: string, content: Record<string, unknown>) {
    const id = await api.complete('employer_handler', 'high_end_foreign_expert', `旧草稿 ${start}`, [expertId]);
    await h.db.query(`update projects.plans set content = content || $2::jsonb where id = $1`, [id, JSON.stringify(content)]);
    const { rows } = await h.db.query<{ id: string }>(`update projects.plan_visits set start_date = $2, end_date = $3 where plan_id = $1 returning id`, [id, start, end]);
    return { id, visitId: rows[0]!.id };
  }

  // First, before the tests below add plans of their own that break the rule on purpose.
  it('holds for the demo plans and the generated ones', async () => {
    await generateExperts(h.db, { experts: 200, visits: 300, units: 6 });
    await generatePlans(h.db, { plans: 300, visits: 900, units: 6 });
    const { rows } = await h.db.query<{ id: string }>(`select id from projects.plans`);
    const dateProblems: string[] = [];
    for (const { id } of rows) {
      const plan = await loadPlan(h.db, id);
      const parts = await loadParts(h.db, id);
      for (const p of planProblems(plan, parts, 'zh-CN', false)) if (/执行期|计划年度|来华天数/.test(p.message)) dateProblems.push(`${plan.title}: ${p.message}`);
    }
    expect(dateProblems).toEqual([]);
    expect(rows.length).toBeGreaterThan(300);
  }, 120_000);

  it('refuses a save with a start date before the period, naming the period beside that date, and keeps the plan as it was', async () => {
    const visit = api.visit({}, `${api.year}-02-20`, `${api.year}-03-05`);
    const { id, saved } = await planWith(visit, period(api.year));
    const before = await stored(id);
    expect(saved.status).toBe(422);
    const body = await json<ErrorBody>(saved);
    expect(body.error.code).toBe('PLAN_VISIT_OUTSIDE_PERIOD');
    expect(body.error.message).toMatch(/来华日期须在项目执行期内/);
    expect(body.error.fields).toEqual([
      { field: 'experts.0.visits.0.startDate', message: `来华开始日期须在项目执行期内(${api.year}-03-01 至 ${api.year}-10-31)` },
    ]);
    expect(await stored(id)).toEqual(before);
    const current = (await api.detail('employer_handler', id)) as unknown as { content: object };
    const english = await json<ErrorBody>(
      api.send('employer_handler', 'PUT', `/plans/${id}`, { version: before.version, title: 't', content: { ...current.content, ...period(api.year) }, experts: [{ expertId, visits: [visit] }] }, {}, 'en-US'),
    );
    expect(english.error.fields).toEqual([
      { field: 'experts.0.visits.0.startDate', message: `The start date of the visit must lie within the project's execution period (${api.year}-03-01 to ${api.year}-10-31)` },
    ]);
    expect(english.error.message).not.toMatch(CJK);
  });

  it('refuses the tester’s 395-day visit over two years at its end date', async () => {
    const visit = api.visit({ livingDays: 30, pocketDays: 30 }, `${api.year}-03-01`, `${api.year + 1}-03-30`);
    const { id, saved } = await planWith(visit, { startDate: `${api.year}-01-01`, endDate: `${api.year}-12-31` });
    expect(saved.status).toBe(422);
    expect((await json<ErrorBody>(saved)).error.fields).toEqual([
      { field: 'experts.0.visits.0.endDate', message: `来华结束日期须在项目执行期内(${api.year}-01-01 至 ${api.year}-12-31)` },
    ]);
    expect((await stored(id)).visits).toEqual([`${api.year}-05-10/${api.year}-05-23`]);
  });

  it('refuses narrowing the execution period past a visit already entered, naming the visit', async () => {
    const id = await api.complete('employer_handler', 'high_end_foreign_expert', '缩短执行期', [expertId]);
    const current = (await api.detail('employer_handler', id)) as unknown as { content: Record<string, unknown>; experts: unknown };
    const response = await api.save('employer_handler', id, {
      content: { ...current.content, startDate: `${api.year}-06-01`, endDate: `${api.year}-12-31` },
      experts: [{ expertId, visits: [api.visit()] }],
    });
    expect(response.status).toBe(422);
    expect((await json<ErrorBody>(response)).error.fields!.map((f) => f.field)).toEqual(['experts.0.visits.0.startDate', 'experts.0.visits.0.endDate']);
    expect(((await api.detail('employer_handler', id)) as unknown as { content: Record<string, unknown> }).content['startDate']).toBe(`${api.year}-03-01`);
  });

  it('falls back to the plan year while the execution period is not filled in', async () => {
    const visit = api.visit({}, `${api.year - 1}-12-20`, `${api.year}-01-02`);
    const { saved } = await planWith(visit, { startDate: '', endDate: '' });
    expect(saved.status).toBe(422);
    expect((await json<ErrorBody>(saved)).error.fields).toEqual([
      { field: 'experts.0.visits.0.startDate', message: `来华开始日期须在计划年度 ${api.year} 年内(${api.year}-01-01 至 ${api.year}-12-31)` },
    ]);
  });

  it('refuses the submission of a draft whose visit lies outside the period from before, naming it beside the date', async () => {
    const { id, visitId } = await draftWithVisit(`${api.year}-02-20`, `${api.year}-03-05`, period(api.year));
    const detail = await api.detail('employer_handler', id);
    expect(problemAt(detail.problems, visitId, 'startDate')).toBe(`来华开始日期须在项目执行期内(${api.year}-03-01 至 ${api.year}-10-31)`);
    expect(problemAt(detail.problems, visitId, 'endDate')).toBeUndefined();
    const english = await api.detail('employer_handler', id, 'en-US');
    expect(problemAt(english.problems, visitId, 'startDate')).toBe(
      `The start date of the visit must lie within the project's execution period (${api.year}-03-01 to ${api.year}-10-31)`,
    );
    const refused = await api.submit('employer_handler', id);
    expect(refused.status).toBe(422);
    const error = await json<ErrorBody>(refused);
    expect(error.error.code).toBe('PLAN_INCOMPLETE');
    expect(error.error.fields).toContainEqual({ field: `visits.${visitId}.startDate`, message: expect.stringMatching(/项目执行期/) });
    expect((await api.detail('employer_handler', id)).status).toBe('draft');
  });

  it('accepts a visit on the first and the last day of the period', async () => {
    const visit = api.visit({ livingDays: 30, pocketDays: 30 }, `${api.year}-03-01`, `${api.year}-03-30`);
    const last = api.visit({ livingDays: 1, pocketDays: 1 }, `${api.year}-10-31`, `${api.year}-10-31`);
    const id = await api.complete('employer_handler', 'high_end_foreign_expert', '执行期首尾', [expertId]);
    const current = (await api.detail('employer_handler', id)) as unknown as { content: object };
    const saved = await json<{ problems: unknown[] }>(
      api.save('employer_handler', id, { content: { ...current.content, ...period(api.year) }, experts: [{ expertId, visits: [visit, last] }] }),
    );
    expect(saved.problems).toEqual([]);
    expect((await api.submit('employer_handler', id)).status).toBe(200);
  });

  it('names more days of living costs or pocket money than the visit lasts beside those fields, and refuses the submission', async () => {
    const visit = api.visit({ livingDays: 14, pocketDays: 20 }, `${api.year}-05-10`, `${api.year}-05-19`);
    const { id, saved } = await planWith(visit, period(api.year));
    expect(saved.status).toBe(200);
    const body = await json<{ problems: Array<{ path: string; message: string }> }>(saved);
    expect(problemAt(body.problems, visit.id, 'livingDays')).toBe(`生活费天数不能超过来华天数 10 天(${api.year}-05-10 至 ${api.year}-05-19)`);
    expect(problemAt(body.problems, visit.id, 'pocketDays')).toBe(`零用费天数不能超过来华天数 10 天(${api.year}-05-10 至 ${api.year}-05-19)`);
    const english = await api.detail('employer_handler', id, 'en-US');
    expect(problemAt(english.problems, visit.id, 'livingDays')).toBe(`The days of living costs cannot exceed the 10 days of the visit (${api.year}-05-10 to ${api.year}-05-19)`);
    expect((await api.submit('employer_handler', id)).status).toBe(422);
    expect((await api.detail('employer_handler', id)).status).toBe('draft');
  });

  it('still refuses an end before the start when the draft is saved', async () => {
    const id = await api.complete('employer_handler', 'high_end_foreign_expert', '倒置的日期', [expertId]);
    const response = await api.save('employer_handler', id, { content: period(api.year), experts: [{ expertId, visits: [api.visit({}, `${api.year}-05-10`, `${api.year}-05-01`)] }] });
    expect(response.status).toBe(400);
  });

  it('keeps the funding checks beside the dates', async () => {
    const { id, visitId } = await draftWithVisit(`${api.year}-02-01`, `${api.year}-02-14`, period(api.year));
    await h.db.query('update projects.plan_visits set international_travel = $2 where id = $1', [visitId, 16_000 * YUAN]);
    const detail = await api.detail('employer_handler', id);
    expect(problemAt(detail.problems, visitId, 'internationalTravel')).toMatch(/国际旅费/);
    expect(problemAt(detail.problems, visitId, 'startDate')).toMatch(/项目执行期/);
  });
});
