// The data-scope walk: every route of the projects API that names a plan, called by every role with the plans
// (and their files) outside that role's scope, is refused (404, or 403 where the role may never act) and changes
// nothing; lists, the export and the to-do never carry a plan out of scope. Routes come from the app itself, so a
// route added later is walked too.
import { type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { expectRefusedEverywhere, NOBODY, routesOf, tableSnapshot, type WalkRoute } from '@wgzj/gateway/testing/scope-walk';
import { readFirstSheet } from '@wgzj/gateway/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectsApp } from './app.ts';
import { PDF, planApi } from './testing/plans.ts';

const USERS = ['employer_handler', 'employer_admin', 'ministry_univ', 'supervisor_bj', 'supervisor_sh', 'employer_sh', 'national_admin', 'support', 'reviewer'];

const BODY_OF: Record<string, unknown> = {
  'PUT /plans/:id': { version: 1, title: '越权修改', content: {}, experts: [] },
  'POST /plans/:id/actions': { action: 'approve', version: 1, reason: '越权', approvedAmount: 1, documentNumber: 'x', reviewerIds: [] },
  'POST /plans/:id/files': { slot: 'attachment:application', file: { filename: 'x.pdf', contentBase64: PDF } },
  'PUT /plans/:id/review': { scores: { necessity: 1 }, opinion: '越权' },
  'POST /plans/:id/execution/visits': { plannedVisitId: null, expertId: NOBODY, carriedOut: true, reason: '越权', arrivalDate: '2027-05-01', departureDate: '2027-05-02', city: '北京' },
  'PUT /plans/:id/execution/visits/:visitId': { version: 1, plannedVisitId: null, expertId: NOBODY, carriedOut: false, reason: '越权' },
  'POST /plans/:id/execution/visits/:visitId/proofs': { kind: 'photo', file: { filename: 'x.pdf', contentBase64: PDF } },
};

const TABLES = ['projects.plans', 'projects.plan_experts', 'projects.plan_visits', 'projects.plan_files', 'projects.plan_snapshots', 'projects.plan_events', 'projects.plan_reviews', 'projects.notifications', 'projects.plan_actual_visits'];
const snapshot = (h: Harness) =>
  tableSnapshot(
    h,
    TABLES.map((t) => `select * from ${t} order by 1, 2`),
    (r) => ({ ...r, content: undefined }),
  );

describe('projects data-scope walk: every route × every role × every plan outside the scope', () => {
  let h: Harness;
  let routes: WalkRoute[];
  let calls = 0;
  let reviewerPlan: string;

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    const api = planApi(h);
    routes = routesOf(createProjectsApp(h.contextOf('projects')), (r) => r.path.includes('/plans/:id'));
    // Shanghai has a draft and a plan waiting for its supervising unit; Beijing a submitted one; each has a file.
    const sh = (await api.expertsOf('employer_sh'))[0]!.id;
    const bj = (await api.expertsOf('employer_handler'))[0]!.id;
    const shDraft = await api.complete('employer_sh', 'high_end_foreign_expert', '上海草稿', [sh]);
    const shSubmitted = await api.complete('employer_sh', 'young_foreign_talent', '上海已提交', [sh]);
    expect((await api.submit('employer_sh', shSubmitted)).status).toBe(200);
    const bjSubmitted = await api.complete('employer_handler', 'young_foreign_talent', '北京已提交', [bj]);
    expect((await api.submit('employer_handler', bjSubmitted)).status).toBe(200);
    void shDraft;
    // The reviewer is assigned one plan: the ministry university's, which waits at the national level.
    const { rows } = await h.db.query<{ id: string }>(`select id from projects.plans where status = 'national_review'`);
    reviewerPlan = rows[0]!.id;
    const reviewers = await json<{ items: Array<{ userId: string }> }>(h.call('projects', '/reviewers', 'national_admin'));
    expect((await api.move('national_admin', reviewerPlan, 'assign_reviewers', { reviewerIds: [reviewers.items[0]!.userId] })).status).toBe(200);
  });
  afterAll(async () => {
    console.info(`projects scope walk: ${calls} calls`);
    await h.close();
  });

  /** Plans a user may not read: outside the data scope, or (a reviewer) not assigned. */
  async function outside(user: string) {
    const me = await h.identityOf(user);
    const visible = await h.unitsVisibleTo(user);
    const { rows } = await h.db.query<{ id: string; unit_id: string; file_id: string | null }>(
      'select p.id, p.unit_id, (select f.id from projects.plan_files f where f.plan_id = p.id limit 1) as file_id from projects.plans p',
    );
    return rows.filter((p) => (me.role === 'expert_reviewer' ? p.id !== reviewerPlan : !visible.has(p.unit_id)));
  }

  it('has something outside every scope but the national level’s to walk', async () => {
    for (const user of USERS.filter((u) => u !== 'national_admin' && u !== 'support')) expect((await outside(user)).length, user).toBeGreaterThan(0);
    expect(routes.length).toBeGreaterThanOrEqual(8);
  });

  it.each(USERS)('%s: every plan route refuses the plans outside its scope, and nothing changes', async (user) => {
    const plans = await outside(user);
    calls += await expectRefusedEverywhere({
      harness: h,
      area: 'projects',
      user,
      routes,
      objectsFor: () => plans,
      pathFor: (route, plan) => route.path.replace(':id', plan.id).replace(':fileId', plan.file_id ?? NOBODY),
      bodyOf: (route) => BODY_OF[`${route.method} ${route.path}`],
      refusedWith: [404],
      snapshot: () => snapshot(h),
    });
  });

  it.each(USERS)('%s: lists, the to-do and the export carry only plans inside its scope', async (user) => {
    const hidden = new Set((await outside(user)).map((p) => p.id));
    const { rows: titles } = await h.db.query<{ id: string; title: string }>('select id, title from projects.plans');
    for (const view of ['all', 'review', 'mine']) {
      const page = await json<{ items: Array<{ id: string }> }>(h.call('projects', `/plans?view=${view}&limit=100`, user));
      for (const item of page.items) expect(hidden.has(item.id), `${user} ${view} lists ${item.id}`).toBe(false);
    }
    const todo = await json<{ items: Array<{ link: string }> }>(h.call('projects', '/todo', user));
    for (const item of todo.items) expect(hidden.has(item.link.split('/').pop()!)).toBe(false);
    const exported = await h.call('projects', '/plans/export', user);
    expect(exported.status).toBe(200);
    const sheet = await readFirstSheet(new Uint8Array(await exported.arrayBuffer()), 1000);
    const listed = new Set(sheet.rows.map((r) => r.cells[0] ?? ''));
    for (const plan of titles.filter((t) => hidden.has(t.id))) expect(listed.has(plan.title), `${user} exports ${plan.title}`).toBe(false);
  });

  it('refuses a bulk review of plans outside the supervising unit’s scope, plan by plan, changing nothing', async () => {
    const before = await snapshot(h);
    const foreign = await outside('supervisor_sh');
    const { results } = await json<{ results: Array<{ ok: boolean; error?: { code: string } }> }>(
      h.call('projects', '/plans/bulk', 'supervisor_sh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'approve', items: foreign.slice(0, 5).map((p) => ({ id: p.id, version: 1 })) }),
      }),
    );
    expect(results.map((r) => r.error?.code)).toEqual(foreign.slice(0, 5).map(() => 'NOT_FOUND'));
    expect(await snapshot(h)).toBe(before);
  });
});
