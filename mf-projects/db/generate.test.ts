// The benchmark's generated data is only worth timing if the product can use it: generated experts and plans
// must open and save through the API like any other, within each role's scope.
import { json, moduleHarness, type Harness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExperts } from '../../mf-experts/db/generate.ts';
import { generatePlans, type GeneratePlansResult } from './generate.ts';

describe('generated plans', () => {
  let h: Harness;
  let result: GeneratePlansResult;
  /** What the demo seed made, before the generators ran. */
  let demoExperts: string[];
  let demoPlans: string[];

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    demoExperts = (await h.db.query<{ id: string }>('select expert_id::text as id from experts.expert_directory')).rows.map((r) => r.id);
    demoPlans = (await h.db.query<{ id: string }>('select id::text as id from projects.plans')).rows.map((r) => r.id);
    await generateExperts(h.db, { experts: 300, visits: 600, units: 10 });
    result = await generatePlans(h.db, { plans: 400, visits: 1200, units: 10 });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('adds the plans and visits asked for, in every state', async () => {
    expect(result.plans).toBe(400);
    expect(result.visits).toBe(1200);
    const { rows } = await h.db.query<{ n: string }>(`select count(distinct status)::text as n from projects.plans where title not like '%示例%'`);
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(5);
  });

  it("lets the demo employer open and save back its generated draft with the generated library's experts", async () => {
    const drafts = await json<{ items: Array<{ id: string; status: string }> }>(h.call('projects', '/plans?view=mine&status=draft&limit=50', 'employer_handler'));
    const generated = drafts.items.find((p) => !demoPlans.includes(p.id));
    expect(generated).toBeDefined();
    const plan = await json<{ version: number; title: string; content: unknown; experts: Array<{ expertId: string; visits: unknown[] }> }>(
      h.call('projects', `/plans/${generated!.id}`, 'employer_handler'),
    );
    const { rows } = await h.db.query<{ id: string }>(
      `select d.expert_id::text as id from experts.expert_directory d join experts.expert_unit_directory u on u.expert_id = d.expert_id
       join admin.account_directory a on a.unit_id = u.unit_id where a.username = 'employer_handler' and d.status = 'active' and not (d.expert_id::text = any($1))
       order by 1 limit 1`,
      [demoExperts],
    );
    const saved = await h.call('projects', `/plans/${generated!.id}`, 'employer_handler', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: plan.version, title: plan.title, content: plan.content, experts: [{ expertId: rows[0]!.id, visits: [] }] }),
    });
    expect(saved.status).toBe(200);
  });

  it('opens a generated plan of another unit for the national level, and not for the demo employer', async () => {
    const { rows } = await h.db.query<{ id: string }>(
      `select p.id::text as id from projects.plans p join admin.unit_directory u on u.unit_id = p.unit_id
       where u.credit_code <> '121100004000018622' and p.status <> 'draft' and not (p.id::text = any($1)) limit 1`,
      [demoPlans],
    );
    expect((await h.call('projects', `/plans/${rows[0]!.id}`, 'national_admin')).status).toBe(200);
    expect((await h.call('projects', `/plans/${rows[0]!.id}`, 'employer_handler')).status).toBe(404);
  });
});
