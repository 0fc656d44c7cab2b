// 新报计划 and the plan actions with an Idempotency-Key (the screens send one per intent): a retry creates or moves
// nothing new and gets the first answer; the same key with another body is refused and changes nothing. On a
// PostgreSQL server the five copies of one request really arrive at once.
import { type ErrorBody, type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planApi } from './testing/plans.ts';

let h: Harness;
let api: ReturnType<typeof planApi>;
let callId: string;
let otherCallId: string;

beforeAll(async () => {
  h = await moduleHarness(['experts', 'projects']);
  api = planApi(h);
  const calls = await json<{ items: Array<{ id: string; canApply: boolean }> }>(api.send('employer_handler', 'GET', '/calls'));
  const open = calls.items.filter((c) => c.canApply);
  callId = open[0]!.id;
  otherCallId = (open[1] ?? open[0]!).id;
});
afterAll(async () => {
  await h.close();
});

const plansTitled = async (title: string) =>
  (await h.db.query<{ n: number }>('select count(*)::int as n from projects.plans where title = $1', [title])).rows[0]!.n;
const create = (title: string, key?: string, call = callId, locale?: string) =>
  api.send('employer_handler', 'POST', '/plans', { callId: call, title }, key === undefined ? {} : { 'idempotency-key': key }, locale);

describe('POST /plans with an Idempotency-Key', () => {
  it('creates one plan for a retried request and answers the retry with the same id', async () => {
    const first = await create('幂等计划一', 'create-1');
    const retry = await create('幂等计划一', 'create-1');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(await json(retry)).toEqual(await json(first));
    expect(await plansTitled('幂等计划一')).toBe(1);
  });

  it('refuses the same key with another title (422, in the caller’s language) and creates nothing', async () => {
    await create('幂等计划二', 'create-2');
    const other = await create('另一个计划', 'create-2');
    expect(other.status).toBe(422);
    const body = await json<ErrorBody>(other);
    expect(body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(body.error.message).toContain('本次未执行');
    expect(await plansTitled('另一个计划')).toBe(0);
    const english = await json<ErrorBody>(create('Another plan', 'create-2', callId, 'en-US'));
    expect(english.error.message).toContain('nothing was done');
  });

  it('refuses the same key for another call, too', async () => {
    await create('幂等计划三', 'create-3');
    const other = await create('幂等计划三', 'create-3', otherCallId === callId ? '00000000-0000-4000-8000-000000000000' : otherCallId);
    expect(other.status).toBe(422);
    expect(await plansTitled('幂等计划三')).toBe(1);
  });

  it('keeps keys apart per person: another employer’s same key is their own plan', async () => {
    await create('幂等计划四', 'shared-key');
    const theirs = await api.send('employer_admin', 'POST', '/plans', { callId, title: '幂等计划四' }, { 'idempotency-key': 'shared-key' });
    expect(theirs.status).toBe(201);
    expect(await plansTitled('幂等计划四')).toBe(2);
  });

  it('frees the key when the creation is refused, so the corrected request goes through with it', async () => {
    const refused = await create('', 'create-5');
    expect(refused.status).toBe(400);
    const corrected = await create('幂等计划五', 'create-5');
    expect(corrected.status).toBe(201);
    expect(await plansTitled('幂等计划五')).toBe(1);
  });

  it('refuses a malformed key with a 400 naming the header and creates nothing', async () => {
    const response = await create('幂等计划六', 'x'.repeat(101));
    expect(response.status).toBe(400);
    const body = await json<ErrorBody>(response);
    expect(body.error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(body.error.fields?.[0]?.field).toBe('Idempotency-Key');
    expect(await plansTitled('幂等计划六')).toBe(0);
  });

  it('creates a plan each time when no key is sent', async () => {
    await create('无标识计划');
    await create('无标识计划');
    expect(await plansTitled('无标识计划')).toBe(2);
  });
});

describe('plan actions with an Idempotency-Key', () => {
  it('refuses the key of a submit reused for a withdraw, and does not withdraw', async () => {
    const [expert] = await api.expertsOf('employer_handler');
    const id = await api.complete('employer_handler', 'young_foreign_talent', '幂等提交计划', [expert!.id]);
    const submitted = await api.submit('employer_handler', id, { 'idempotency-key': 'act-1' });
    expect(submitted.status).toBe(200);
    const { version } = await json<{ version: number }>(submitted);
    const withdraw = await api.act('employer_handler', id, { action: 'withdraw', version }, { 'idempotency-key': 'act-1' });
    expect(withdraw.status).toBe(422);
    expect((await json<ErrorBody>(withdraw)).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await api.detail('employer_handler', id)).status).toBe('supervising_review');
    // The same key on another plan is another intent.
    const other = await api.complete('employer_handler', 'young_foreign_talent', '幂等提交计划二', [expert!.id]);
    expect((await api.submit('employer_handler', other, { 'idempotency-key': 'act-1' })).status).toBe(200);
  });
});

describe.skipIf(!process.env['DATABASE_URL'])('one key arriving five times at once on PostgreSQL', () => {
  it('creates one plan and answers all five requests with its id', async () => {
    const responses = await Promise.all(Array.from({ length: 5 }, () => create('并发幂等计划', 'burst-create')));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(await plansTitled('并发幂等计划')).toBe(1);
    const { rows } = await h.db.query<{ n: number }>(`select count(*)::int as n from audit.records where action = 'plan.create' and object_id = $1`, [
      (bodies[0] as { id: string }).id,
    ]);
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses the copies with another body that arrive at the same moment, and creates nothing for them', async () => {
    const responses = await Promise.all([
      create('并发幂等甲', 'burst-mixed'),
      create('并发幂等乙', 'burst-mixed'),
      create('并发幂等甲', 'burst-mixed'),
      create('并发幂等乙', 'burst-mixed'),
    ]);
    const created = (await plansTitled('并发幂等甲')) + (await plansTitled('并发幂等乙'));
    expect(created).toBe(1);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 422, 422]);
  });

  it('submits once for five simultaneous submits with one key, all answered alike', async () => {
    const [expert] = await api.expertsOf('employer_handler');
    const id = await api.complete('employer_handler', 'young_foreign_talent', '并发幂等提交', [expert!.id]);
    const { version } = await api.detail('employer_handler', id);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api.act('employer_handler', id, { action: 'submit', version }, { 'idempotency-key': 'burst-submit' })),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    const { rows } = await h.db.query<{ snapshots: number; audit: number }>(
      `select (select count(*)::int from projects.plan_snapshots where plan_id = $1) as snapshots,
              (select count(*)::int from audit.records where object_id = $1::text and action = 'plan.submit') as audit`,
      [id],
    );
    expect(rows[0]).toEqual({ snapshots: 1, audit: 1 });
  });
});
