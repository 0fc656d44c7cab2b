// 执行中 from the outside: an approved plan's unit records what actually happened per expert — actual visits with
// their spending, a planned visit not carried out, a visit outside the plan — and files proofs; every figure over a
// limit is named beside its field and nothing is written; other units, reviewers and plans not yet approved are refused.
import { type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNDING, PDF, PNG, planApi, type PlanApi, YUAN } from './testing/plans.ts';

/** Beijing, 15 January of the year after the plans' year: every visit of the plan year has happened. */
const TODAY = (year: number) => new Date(`${year + 1}-01-15T04:00:00Z`);

interface Visit {
  id: string;
  version: number;
  plannedVisitId: string | null;
  inPlan: boolean;
  carriedOut: boolean;
  reason: string | null;
  days: number | null;
  total: number;
  proofs: Array<{ id: string; kind: string; filename: string }>;
}
interface Execution {
  plan: { approvedAmount: number; window: { from: string; to: string } };
  mayRecord: boolean;
  why: string;
  experts: Array<{
    expertId: string;
    name: string;
    inPlan: boolean;
    planned: Array<{ visitId: string; plannedTotal: number; actual: Visit | null }>;
    unplanned: Visit[];
  }>;
  totals: Record<string, number | null>;
}
interface Refusal {
  error: { code: string; message: string; fields?: Array<{ field: string; message: string }> };
}

describe('执行中: actual visits of an approved plan', () => {
  let h: Harness;
  let api: PlanApi;
  let planId: string;
  let experts: Array<{ id: string; name: string }>;
  let page: () => Promise<Execution>;
  const APPROVED = 40_000 * YUAN;

  const send = (user: string, method: string, path: string, body?: unknown, locale?: string) => api.send(user, method, `/plans/${planId}${path}`, body, {}, locale);
  const visitCount = async () => (await h.db.query<{ n: number }>('select count(*)::int as n from projects.plan_actual_visits')).rows[0]!.n;

  beforeAll(async () => {
    const year = new Date().getUTCFullYear() + 1;
    h = await moduleHarness(['experts', 'projects'], { clock: () => TODAY(year) });
    api = planApi(h);
    experts = await api.expertsOf('employer_handler');
    planId = await api.complete('employer_handler', 'high_end_foreign_expert', '执行中的高端外国专家项目', [experts[0]!.id, experts[1]!.id]);
    expect((await api.submit('employer_handler', planId)).status).toBe(200);
    expect((await api.move('supervisor_bj', planId, 'approve')).status).toBe(200);
    const approved = await api.move('national_admin', planId, 'approve', { approvedAmount: APPROVED, documentNumber: '国科外专批〔2027〕9号' });
    expect(approved.status).toBe(200);
    page = () => json<Execution>(send('employer_handler', 'GET', '/execution'));
  });
  afterAll(async () => h?.close());

  const plannedOf = async (expertIndex: number) => (await page()).experts.find((e) => e.expertId === experts[expertIndex]!.id)!.planned[0]!;
  const carried = (plannedVisitId: string | null, expertId: string, extra: Record<string, unknown> = {}) => ({
    plannedVisitId,
    expertId,
    carriedOut: true,
    arrivalDate: `${api.year}-05-11`,
    departureDate: `${api.year}-05-20`,
    city: '北京',
    workDone: '讲座两次,指导实验',
    funding: { ...FUNDING, livingDays: 10, pocketDays: 10 },
    ...extra,
  });

  it('shows the approved plan to its unit as planned visits with nothing recorded yet', async () => {
    const seen = await page();
    expect(seen.mayRecord).toBe(true);
    expect(seen.why).toContain('正在执行');
    expect(seen.plan.approvedAmount).toBe(APPROVED);
    expect(seen.plan.window).toMatchObject({ from: `${api.year}-03-01`, to: `${api.year}-12-31` });
    expect(seen.experts.map((e) => e.inPlan)).toEqual([true, true]);
    expect(seen.experts.flatMap((e) => e.planned.map((p) => p.actual))).toEqual([null, null]);
    expect(seen.totals).toMatchObject({ approved: APPROVED, spent: 0, balance: APPROVED, executionRate: 0, visitsPlanned: 2, visitsCarriedOut: 0 });
  });

  it('records an actual visit: days counted from the dates, spending totalled, the balance and rate moved', async () => {
    const planned = await plannedOf(0);
    const response = await send('employer_handler', 'POST', '/execution/visits', carried(planned.visitId, experts[0]!.id));
    expect(response.status).toBe(201);
    const visit = await json<Visit>(response);
    // 12,000 travel + 600 × 10 living + 250 × 10 pocket + 1,500 intercity
    const spent = (12_000 + 6_000 + 2_500 + 1_500) * YUAN;
    expect(visit).toMatchObject({ carriedOut: true, days: 10, total: spent, inPlan: true, version: 1 });
    const seen = await page();
    expect(seen.totals).toMatchObject({ spent, balance: APPROVED - spent, executionRate: 55, visitsCarriedOut: 1, personVisits: 1, personDays: 10 });
    // the same planned visit cannot be recorded twice
    const again = await send('employer_handler', 'POST', '/execution/visits', carried(planned.visitId, experts[0]!.id));
    expect(again.status).toBe(409);
    expect((await json<Refusal>(again)).error.code).toBe('EXECUTION_ALREADY_RECORDED');
  });

  it('refuses figures over the policy, the approved visit and the approved amount, each beside its field, writing nothing', async () => {
    const planned = await plannedOf(1);
    const before = await visitCount();
    const response = await send(
      'employer_handler',
      'POST',
      '/execution/visits',
      carried(planned.visitId, experts[1]!.id, {
        departureDate: `${api.year}-05-14`,
        // 700 a day is over the policy's 600; 10 days of pocket money in a 4-day stay; travel over the 15,000 limit
        funding: { ...FUNDING, livingPerDay: 700 * YUAN, livingDays: 4, pocketDays: 10, internationalTravel: 30_000 * YUAN },
      }),
    );
    expect(response.status).toBe(422);
    const { error } = await json<Refusal>(response);
    expect(error.code).toBe('EXECUTION_INVALID');
    const byField = Object.fromEntries((error.fields ?? []).map((f) => [f.field, f.message]));
    expect(byField['funding.livingPerDay']).toContain('600');
    expect(byField['funding.pocketDays']).toBe(`零用费天数不能超过来华天数 4 天(${api.year}-05-11 至 ${api.year}-05-14)`);
    expect(byField['funding.internationalTravel']).toContain('15,000');
    expect(byField['funding.total']).toMatch(/超过批复计划中该次来华的经费 25,400 元|超过计划批复金额 40,000 元/);
    expect(await visitCount()).toBe(before);
  });

  it('refuses dates outside the execution period or still to come, and speaks English when asked', async () => {
    const planned = await plannedOf(1);
    const early = await send('employer_handler', 'POST', '/execution/visits', carried(planned.visitId, experts[1]!.id, { arrivalDate: `${api.year}-02-20` }));
    expect(early.status).toBe(422);
    expect((await json<Refusal>(early)).error.fields).toContainEqual({
      field: 'arrivalDate',
      message: `抵华日期须在项目执行期内(${api.year}-03-01 至 ${api.year}-12-31)`,
    });
    // The clock says 15 January of the next year; a departure in the period but after today would not have happened.
    await h.db.query(`update projects.plans set content = content || jsonb_build_object('endDate', $2::text) where id = $1`, [planId, `${api.year + 1}-06-30`]);
    try {
      const future = await send(
        'employer_handler',
        'POST',
        '/execution/visits',
        carried(planned.visitId, experts[1]!.id, { arrivalDate: `${api.year + 1}-01-10`, departureDate: `${api.year + 1}-01-20` }),
        'en-US',
      );
      expect(future.status).toBe(422);
      const { error } = await json<Refusal>(future);
      expect(error.message).toBe('The actual visit is incomplete or breaks a rule; correct what is marked and save again.');
      expect(error.fields).toContainEqual({
        field: 'departureDate',
        message: `The departure date cannot be after today (${api.year + 1}-01-15): actual visits are recorded once they have happened`,
      });
    } finally {
      await h.db.query(`update projects.plans set content = content || jsonb_build_object('endDate', $2::text) where id = $1`, [planId, `${api.year}-12-31`]);
    }
  });

  it('records a planned visit not carried out only with a reason, and nothing is spent on it', async () => {
    const planned = await plannedOf(1);
    const noReason = await send('employer_handler', 'POST', '/execution/visits', { plannedVisitId: planned.visitId, expertId: experts[1]!.id, carriedOut: false });
    expect(noReason.status).toBe(422);
    expect((await json<Refusal>(noReason)).error.fields).toContainEqual({ field: 'reason', message: '请填写未执行的原因' });
    const recorded = await send('employer_handler', 'POST', '/execution/visits', {
      plannedVisitId: planned.visitId,
      expertId: experts[1]!.id,
      carriedOut: false,
      reason: '专家因健康原因未能来华',
      funding: { ...FUNDING },
    });
    expect(recorded.status).toBe(201);
    expect(await json<Visit>(recorded)).toMatchObject({ carriedOut: false, total: 0, days: null, reason: '专家因健康原因未能来华' });
    expect((await page()).totals).toMatchObject({ visitsNotCarriedOut: 1, visitsCarriedOut: 1 });
  });

  it('takes a visit outside the plan only with a reason and only for an expert of the unit, flagged as outside the plan', async () => {
    const other = experts[2] ?? experts[0]!;
    const small = { ...FUNDING, internationalTravel: 2_000 * YUAN, livingDays: 3, pocketDays: 3, livingPerDay: 300 * YUAN, pocketPerDay: 200 * YUAN, intercityTransport: 0 };
    const noReason = await send('employer_handler', 'POST', '/execution/visits', carried(null, other.id, { departureDate: `${api.year}-05-13`, funding: small }));
    expect(noReason.status).toBe(422);
    expect((await json<Refusal>(noReason)).error.fields?.map((f) => f.field)).toContain('reason');
    // An expert of Shanghai's library is not Beijing's to add.
    const shanghai = (await api.expertsOf('employer_sh'))[0]!;
    const foreign = await send('employer_handler', 'POST', '/execution/visits', carried(null, shanghai.id, { reason: '临时增加', departureDate: `${api.year}-05-13`, funding: small }));
    expect(foreign.status).toBe(422);
    expect((await json<Refusal>(foreign)).error.fields).toContainEqual({ field: 'expertId', message: '所选专家不在本单位的专家库中,请从专家库中选择' });

    const added = await send('employer_handler', 'POST', '/execution/visits', carried(null, other.id, { reason: '合作需要,临时增加一次短期来华', departureDate: `${api.year}-05-13`, funding: small }));
    expect(added.status).toBe(201);
    const seen = await page();
    const row = seen.experts.find((e) => e.expertId === other.id)!;
    expect(row.unplanned).toHaveLength(1);
    expect(row.unplanned[0]).toMatchObject({ inPlan: false, reason: '合作需要,临时增加一次短期来华', days: 3 });
    expect(seen.totals['visitsOutsidePlan']).toBe(1);
  });

  it('changes a record only at the version the form saw', async () => {
    const planned = await plannedOf(0);
    const visit = planned.actual!;
    const changed = await send('employer_handler', 'PUT', `/execution/visits/${visit.id}`, { ...carried(planned.visitId, experts[0]!.id, { city: '上海' }), version: visit.version });
    expect(changed.status).toBe(200);
    expect(await json<Visit & { city: string }>(changed)).toMatchObject({ city: '上海', version: 2 });
    const stale = await send('employer_handler', 'PUT', `/execution/visits/${visit.id}`, { ...carried(planned.visitId, experts[0]!.id, { city: '广州' }), version: visit.version });
    expect(stale.status).toBe(409);
    expect((await json<Refusal>(stale)).error.code).toBe('EXECUTION_STALE');
  });

  it('files proofs checked by their bytes, and refuses a text file named .pdf', async () => {
    const visit = (await plannedOf(0)).actual!;
    const passport = await send('employer_handler', 'POST', `/execution/visits/${visit.id}/proofs`, { kind: 'passport', file: { filename: '护照.pdf', contentBase64: PDF } });
    expect(passport.status).toBe(201);
    const photo = await send('employer_handler', 'POST', `/execution/visits/${visit.id}/proofs`, { kind: 'photo', file: { filename: '讲座.png', contentBase64: PNG } });
    expect(photo.status).toBe(201);
    const fake = await send('employer_handler', 'POST', `/execution/visits/${visit.id}/proofs`, {
      kind: 'entry_exit',
      file: { filename: '出入境.pdf', contentBase64: Buffer.from('not a pdf at all').toString('base64') },
    });
    expect(fake.status).toBe(400);
    const proofs = (await plannedOf(0)).actual!.proofs;
    expect(proofs.map((p) => p.kind).sort()).toEqual(['passport', 'photo']);
    // The proof downloads through the plan's file route, for whoever may read the plan.
    const download = await api.send('supervisor_bj', 'GET', `/plans/${planId}/files/${proofs.find((p) => p.kind === 'passport')!.id}`);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(10);
  });

  it('lets the supervising and national levels read the execution but not record it', async () => {
    for (const user of ['supervisor_bj', 'national_admin']) {
      const seen = await json<Execution>(send(user, 'GET', '/execution'));
      expect(seen.mayRecord, user).toBe(false);
      expect(seen.why).toBe('计划已批复,正在执行;执行情况由计划所属单位登记。');
      const before = await visitCount();
      const refused = await send(user, 'POST', '/execution/visits', carried((await plannedOf(0)).visitId, experts[0]!.id));
      expect(refused.status, user).toBe(403);
      expect((await json<Refusal>(refused)).error.code).toBe('EXECUTION_NOT_OWN');
      expect(await visitCount()).toBe(before);
    }
  });

  it('answers another unit 404 for every execution route of the plan, and changes nothing', async () => {
    const visit = (await plannedOf(0)).actual!;
    const before = await visitCount();
    for (const [method, path, body] of [
      ['GET', '/execution', undefined],
      ['POST', '/execution/visits', carried(null, experts[0]!.id, { reason: '越权' })],
      ['PUT', `/execution/visits/${visit.id}`, { ...carried(null, experts[0]!.id, { reason: '越权' }), version: 2 }],
      ['DELETE', `/execution/visits/${visit.id}`, undefined],
      ['POST', `/execution/visits/${visit.id}/proofs`, { kind: 'photo', file: { filename: 'x.png', contentBase64: PNG } }],
    ] as const) {
      for (const user of ['employer_sh', 'supervisor_sh', 'ministry_univ']) {
        const response = await send(user, method, path, body);
        expect(response.status, `${user} ${method} ${path}`).toBe(404);
      }
    }
    expect(await visitCount()).toBe(before);
  });

  it('refuses the execution of a plan not yet approved', async () => {
    const draft = await api.complete('employer_handler', 'young_foreign_talent', '尚未批复的计划', [experts[0]!.id]);
    const response = await api.send('employer_handler', 'GET', `/plans/${draft}/execution`);
    expect(response.status).toBe(409);
    expect((await json<Refusal>(response)).error.message).toBe('计划批复后才进入执行,当前不能登记或查看执行情况。');
  });

  it('removes a record with its proofs', async () => {
    const planned = await plannedOf(0);
    const visit = planned.actual!;
    expect((await send('employer_handler', 'DELETE', `/execution/visits/${visit.id}`)).status).toBe(204);
    expect((await plannedOf(0)).actual).toBeNull();
    const { rows } = await h.db.query<{ n: number }>(`select count(*)::int as n from projects.plan_files where plan_id = $1 and slot like 'proof:%'`, [planId]);
    expect(rows[0]!.n).toBe(0);
  });
});
