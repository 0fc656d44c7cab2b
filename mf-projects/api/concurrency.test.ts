// On a PostgreSQL server, where transactions really run side by side: two supervising users approving the same
// plan at the same moment record exactly one transition; the same submit sent twice at once submits once.
import { type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planApi } from './testing/plans.ts';

describe.skipIf(!process.env['DATABASE_URL'])('concurrent review on PostgreSQL', () => {
  let h: Harness;
  let api: ReturnType<typeof planApi>;

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    api = planApi(h);
    // A second user of the Beijing supervising unit.
    const unit = (await h.identityOf('supervisor_bj')).unit.id;
    await h.db.query(`insert into admin.users (username, display_name, role, unit_id) values ('supervisor_bj2', '周婷', 'supervising_user', $1)`, [unit]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('lets exactly one of two simultaneous approvals through', async () => {
    const [expert] = await api.expertsOf('employer_handler');
    const id = await api.complete('employer_handler', 'high_end_foreign_expert', '并发审核计划', [expert!.id]);
    expect((await api.submit('employer_handler', id)).status).toBe(200);
    const { version } = await api.detail('supervisor_bj', id);
    const responses = await Promise.all(['supervisor_bj', 'supervisor_bj2'].map((user) => api.act(user, id, { action: 'approve', version })));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const { rows } = await h.db.query<{ events: number; audit: number; status: string }>(
      `select (select count(*)::int from projects.plan_events where plan_id = $1 and action = 'supervising_approve') as events,
              (select count(*)::int from audit.records where object_id = $1::text and action = 'plan.supervising_approve') as audit,
              (select status from projects.plans where id = $1) as status`,
      [id],
    );
    expect(rows[0]).toEqual({ events: 1, audit: 1, status: 'national_review' });
  });

  it('submits once when the same submit arrives twice at once with one idempotency key', async () => {
    const [expert] = await api.expertsOf('employer_handler');
    const id = await api.complete('employer_handler', 'young_foreign_talent', '并发提交计划', [expert!.id]);
    const { version } = await api.detail('employer_handler', id);
    const key = { 'idempotency-key': 'double-click-1' };
    const responses = await Promise.all([0, 1].map(() => api.act('employer_handler', id, { action: 'submit', version }, key)));
    // One submits; the other is either answered from the key or refused as stale, never a second submission.
    expect(responses.map((r) => r.status)).toContain(200);
    const { rows } = await h.db.query<{ n: number }>('select count(*)::int as n from projects.plan_snapshots where plan_id = $1', [id]);
    expect(rows[0]!.n).toBe(1);
    const retry = await api.act('employer_handler', id, { action: 'submit', version }, key);
    expect(await json(retry)).toMatchObject({ status: 'supervising_review' });
  });
});
