// Plans reach the expert library through the project library's published feed: a submitted plan's experts and
// visits appear in the library, approval marks the link approved (and locks the record), a withdrawn plan leaves.
import { type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedReader, LOOK_BACK, pollPlanFeed, SWEEP_WINDOW, syncFromPlanFeed } from './plan-feed.ts';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');

describe('the expert library follows plans', () => {
  let h: Harness;
  let planId: string;
  let expertId: string;
  const send = (user: string, method: string, path: string, body?: unknown) =>
    h.call('projects', path, user, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const version = async (user: string) => (await json<{ version: number }>(send(user, 'GET', `/plans/${planId}`))).version;
  const visits = async () =>
    (await json<{ items: Array<{ planId: string; city: string; programName: string }> }>(h.call('experts', `/experts/${expertId}/visits`, 'employer_handler'))).items.filter(
      (v) => v.planId === planId,
    );

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    // Whatever the demo plans already fed.
    await syncFromPlanFeed(h.contextOf('experts'));
    const mine = await json<{ items: Array<{ id: string; name: string }> }>(h.call('experts', '/experts?name=Anna', 'employer_handler'));
    expertId = mine.items[0]!.id;
    const calls = await json<{ items: Array<{ id: string; projectType: string; canApply: boolean }> }>(send('employer_handler', 'GET', '/calls'));
    const call = calls.items.find((c) => c.canApply && c.projectType === 'young_foreign_talent')!;
    planId = (await json<{ id: string }>(send('employer_handler', 'POST', '/plans', { callId: call.id, title: '专家库同步计划' }))).id;
    const year = new Date().getUTCFullYear() + 1;
    const saved = await send('employer_handler', 'PUT', `/plans/${planId}`, {
      version: await version('employer_handler'),
      title: '专家库同步计划',
      content: { discipline: '物理', leader: '张伟', startDate: `${year}-01-01`, endDate: `${year}-12-31`, objectives: '合作', tasks: '讲座', selfFunding: 100 },
      experts: [{ expertId, visits: [{ id: crypto.randomUUID(), startDate: `${year}-06-01`, endDate: `${year}-06-10`, city: '天津', purpose: null,
        funding: { internationalTravel: 0, livingPerDay: 0, livingDays: 0, pocketPerDay: 0, pocketDays: 0, intercityTransport: 0, salary: 0, other: 0 } }] }],
    });
    expect(saved.status).toBe(200);
    await send('employer_handler', 'POST', `/plans/${planId}/files`, { slot: 'image:budgetTable', file: { filename: 't.png', contentBase64: PNG } });
    await send('employer_handler', 'POST', `/plans/${planId}/files`, { slot: 'attachment:application', file: { filename: 'a.pdf', contentBase64: PDF } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('knows nothing of a draft', async () => {
    expect(await syncFromPlanFeed(h.contextOf('experts'))).toBe(0);
    expect(await visits()).toEqual([]);
  });

  it('lists the visits of a submitted plan under its program, once however often it syncs', async () => {
    expect((await send('employer_handler', 'POST', `/plans/${planId}/actions`, { action: 'submit', version: await version('employer_handler') })).status).toBe(200);
    expect(await syncFromPlanFeed(h.contextOf('experts'))).toBe(1);
    expect(await syncFromPlanFeed(h.contextOf('experts'))).toBe(0);
    expect(await visits()).toEqual([expect.objectContaining({ city: '天津', programName: '外国青年人才计划' })]);
    const { rows } = await h.db.query<{ approved: boolean }>('select approved from experts.plan_links where plan_id = $1', [planId]);
    expect(rows).toEqual([{ approved: false }]);
  });

  it('drops them when the plan is withdrawn, and brings them back approved after approval', async () => {
    expect((await send('employer_handler', 'POST', `/plans/${planId}/actions`, { action: 'withdraw', version: await version('employer_handler') })).status).toBe(200);
    await syncFromPlanFeed(h.contextOf('experts'));
    expect(await visits()).toEqual([]);
    await send('employer_handler', 'POST', `/plans/${planId}/actions`, { action: 'submit', version: await version('employer_handler') });
    await send('supervisor_bj', 'POST', `/plans/${planId}/actions`, { action: 'approve', version: await version('supervisor_bj') });
    await send('national_admin', 'POST', `/plans/${planId}/actions`, { action: 'approve', version: await version('national_admin'), approvedAmount: 0, documentNumber: '国科外专批〔2027〕9号' });
    await syncFromPlanFeed(h.contextOf('experts'));
    expect(await visits()).toHaveLength(1);
    const { rows } = await h.db.query<{ approved: boolean }>('select approved from experts.plan_links where plan_id = $1', [planId]);
    expect(rows).toEqual([{ approved: true }]);
    // An approved plan uses the expert: the record is now changed only through a correction request.
    const edit = await h.call('experts', `/experts/${expertId}`, 'employer_handler', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, position: 'x' }),
    });
    expect(edit.status).toBe(409);
    expect(((await edit.json()) as { error: { code: string } }).error.code).toBe('EXPERT_LOCKED');
  });

  it('reads the recent end of the feed on each poll, and the rolling comparison still finds a change far below it', async () => {
    const experts = h.contextOf('experts');
    const seqOf = async () => Number((await h.db.query<{ s: string }>('select feed_seq::text as s from projects.plans where id = $1', [planId])).rows[0]!.s);
    const reader: FeedReader = { sweptTo: -1 };
    // A fresh change: the next poll applies it.
    await h.db.query(`update projects.plans set feed_seq = nextval('projects.plan_feed_seq') where id = $1`, [planId]);
    expect(await pollPlanFeed(experts, reader)).toBe(1);
    // Another replica applied numbers far above this plan's next change (as after a very slow commit): the recent
    // end does not reach it, the rolling comparison does within a few polls.
    const far = crypto.randomUUID();
    await h.db.query(`update projects.plans set feed_seq = nextval('projects.plan_feed_seq') where id = $1`, [planId]);
    const top = (await seqOf()) + LOOK_BACK + 3 * SWEEP_WINDOW;
    await h.db.query('insert into experts.plan_sync (plan_id, applied_seq) values ($1, $2)', [far, top]);
    try {
      expect(await syncFromPlanFeed(experts, 200, { above: top - LOOK_BACK })).toBe(0);
      const applied: number[] = [];
      for (let poll = 0; poll < Math.ceil(top / SWEEP_WINDOW) + 1; poll++) applied.push(await pollPlanFeed(experts, reader));
      expect(applied.reduce((a, b) => a + b)).toBe(1);
    } finally {
      await h.db.query('delete from experts.plan_sync where plan_id = $1', [far]);
    }
  });
});
