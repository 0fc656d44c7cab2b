// 认领: a passport number alone opens nothing. A claim needs nationality, passport, name and birth date to match,
// answers a miss exactly like an unknown passport, is rationed per person and per unit and audited with the
// passport masked; until the unit that entered the record accepts, the claimant sees only its own claim. A create
// or an edit that meets another unit's passport is the same kind of answer, rationed alike.
import { CJK, type ErrorBody, type Harness, json, moduleHarness, type ToDo } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROBE_LIMITS } from './library-probes.ts';

interface Claim {
  id: string;
  side: 'claimant' | 'deciding';
  state: string;
  version: number;
  name: string;
  birthDate: string;
  nationality: string;
  passportMasked: string;
  decisionReason: string | null;
  decidedByName: string | null;
  expert: { id: string; name: string } | null;
  claimantUnit: { id: string; name: string | null };
  actions: string[];
}

const ANNA = { nationality: 'DE', passportNumber: 'C01X00T47', name: 'Anna Schmidt', birthDate: '1975-04-12' };
const YUKI = { nationality: 'JP', passportNumber: 'TK1234567', name: 'Yuki Tanaka', birthDate: '1982-07-21' };
const MARIA = { nationality: 'IT', passportNumber: 'YA7654321', name: 'Maria Rossi', birthDate: '1985-09-09' };
const PIERRE = { nationality: 'FR', passportNumber: '18AV12345', name: 'Pierre Dubois', birthDate: '1979-01-30' };
const NEW_FIELDS = { gender: 'female', disciplineCode: '0812', keywords: [] };

describe('claiming an expert another unit entered', () => {
  let h: Harness;
  let idOf: (name: string) => string;

  beforeAll(async () => {
    h = await moduleHarness(['experts']);
    const { rows } = await h.db.query<{ id: string; name: string }>('select id, name from experts.experts order by created_at');
    idOf = (name) => rows.find((r) => r.name === name)!.id;
  });
  afterAll(async () => {
    await h.close();
  });
  // Each test starts with its budget whole; the rationing tests spend it on purpose.
  beforeEach(async () => {
    await h.db.query('delete from kit.rate_limits');
  });

  const send = (method: string, path: string, user: string, body?: unknown, locale = 'zh-CN') =>
    h.call('experts', path, user, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }), locale });
  const claim = (user: string, body: Record<string, unknown>, locale?: string) => send('POST', '/claims', user, body, locale);
  const decide = (user: string, c: { id: string; version: number }, action: string, reason?: string) =>
    send('POST', `/claims/${c.id}/transition`, user, { action, version: c.version, ...(reason ? { reason } : {}) });
  const claimOf = (user: string, id: string) => json<Claim>(h.call('experts', `/claims/${id}`, user));
  const counts = async () =>
    (
      await h.db.query<{ units: number; claims: number; experts: number }>(
        `select (select count(*)::int from experts.expert_units) as units, (select count(*)::int from experts.claims) as claims,
                (select count(*)::int from experts.experts) as experts`,
      )
    ).rows[0]!;
  const auditOf = async (action: string) =>
    (await h.db.query<{ actor_username: string; text: string }>(`select actor_username, after_summary::text as text from audit.records where action = $1 order by id`, [action])).rows;
  const hits = async (key: string) => (await h.db.query<{ hits: number }>('select hits from kit.rate_limits where key = $1', [key])).rows[0]?.hits ?? 0;
  const userKey = async (user: string) => `expert-probe:user:${(await h.identityOf(user)).userId}`;
  const unitKey = async (user: string) => `expert-probe:unit:${(await h.identityOf(user)).unit.id}`;

  describe('what a claim must know', () => {
    it.each([
      ['an unknown passport', { ...ANNA, passportNumber: 'ZZ0000000' }],
      ['the right passport with another name', { ...ANNA, name: 'Anna Müller' }],
      ['the right passport with another birth date', { ...ANNA, birthDate: '1975-04-13' }],
      ['the right passport under another nationality', { ...ANNA, nationality: 'AT' }],
    ])('answers %s with the one "no such expert", adds nothing, and audits it masked', async (_case, body) => {
      const reference = await json<ErrorBody>(claim('employer_sh', { ...ANNA, passportNumber: 'XX9999999' }));
      const before = await counts();
      const response = await claim('employer_sh', body);
      expect(response.status).toBe(404);
      // Byte for byte the answer an unknown passport gets: nothing tells the two apart.
      expect(await json<ErrorBody>(response)).toEqual(reference);
      expect(reference.error.code).toBe('EXPERT_CLAIM_NO_MATCH');
      expect(reference.error.message).toMatch(/国籍、护照号码、姓名和出生日期均与所填一致/);
      expect(await counts()).toEqual(before);
      const audit = await auditOf('expert_claim.no_match');
      expect(audit.at(-1)!.actor_username).toBe('employer_sh');
      expect(JSON.stringify(audit)).not.toContain(body.passportNumber);
      expect(audit.at(-1)!.text).toContain(body.passportNumber.slice(0, 2) + '*****');
    });

    it('refuses a passport number alone: the name and the birth date are required', async () => {
      const before = await counts();
      const response = await claim('employer_sh', { nationality: 'DE', passportNumber: 'C01X00T47' });
      expect(response.status).toBe(400);
      expect((await json<ErrorBody>(response)).error.fields?.map((f) => f.field).sort()).toEqual(['birthDate', 'name']);
      expect(await counts()).toEqual(before);
    });

    it('answers in English on request, and the old claim by passport number is gone', async () => {
      const english = await json<ErrorBody>(claim('employer_sh', { ...ANNA, name: 'Nobody' }, 'en-US'));
      expect(english.error.code).toBe('EXPERT_CLAIM_NO_MATCH');
      expect(english.error.message).not.toMatch(CJK);
      expect((await send('POST', '/experts/claim', 'employer_sh', { nationality: 'DE', passportNumber: 'C01X00T47' })).status).toBe(404);
    });

    it.each(['supervisor_bj', 'national_admin', 'support'])('refuses %s claiming: employer units invite experts', async (user) => {
      expect((await claim(user, ANNA)).status).toBe(403);
    });
  });

  describe('while the claim waits', () => {
    let waiting: Claim;

    it('takes the name as typed, whatever its case and spaces, and keeps the record closed to the claimant', async () => {
      const before = await counts();
      const response = await claim('employer_sh', { ...ANNA, name: '  anna   SCHMIDT ', passportNumber: 'c01x 00t47', note: '拟邀请参加 2027 年合作研究' });
      expect(response.status).toBe(201);
      waiting = (await json<{ claim: Claim }>(response)).claim;
      expect(waiting).toMatchObject({
        side: 'claimant',
        state: 'pending',
        name: 'anna   SCHMIDT',
        birthDate: '1975-04-12',
        nationality: 'DE',
        passportMasked: 'C0*****47',
        expert: null,
        actions: ['withdraw'],
      });
      // What the claimant reads names neither the record nor the unit that entered it.
      const text = JSON.stringify(waiting);
      for (const secret of ['C01X00T47', idOf('Anna Schmidt'), '北京示例大学', 'Technische', '+49']) expect(text).not.toContain(secret);
      expect(await counts()).toEqual({ ...before, claims: before.claims + 1 });
      const anna = idOf('Anna Schmidt');
      for (const path of [`/experts/${anna}`, `/experts/${anna}/visits`, `/experts/${anna}/files/cv`]) {
        expect((await h.call('experts', path, 'employer_sh')).status).toBe(404);
      }
      expect((await send('POST', `/experts/${anna}/reveal`, 'employer_sh', { field: 'passport' })).status).toBe(404);
      expect(await json(h.call('experts', '/experts?name=Anna', 'employer_sh'))).toMatchObject({ total: 0 });
      // Nor may a plan of the claimant's unit list the expert: the published unit directory does not have it yet.
      const linked = await h.db.query('select 1 from experts.expert_unit_directory where expert_id = $1 and unit_id = $2', [anna, (await h.identityOf('employer_sh')).unit.id]);
      expect(linked.rows).toHaveLength(0);
      const audit = await auditOf('expert_claim.submit');
      expect(JSON.stringify(audit)).not.toContain('C01X00T47');
    });

    it('answers asking again with the claim already waiting', async () => {
      const again = await claim('employer_sh', ANNA);
      expect(again.status).toBe(200);
      expect((await json<{ claim: Claim }>(again)).claim.id).toBe(waiting.id);
    });

    it('shows the unit that entered the record who asks for which of its experts', async () => {
      const incoming = await json<{ items: Claim[]; total: number }>(h.call('experts', '/claims?side=incoming', 'employer_handler'));
      expect(incoming.items).toEqual([
        expect.objectContaining({ id: waiting.id, side: 'deciding', claimantUnit: expect.objectContaining({ name: '上海示例研究院' }), expert: expect.objectContaining({ name: 'Anna Schmidt' }), actions: ['accept', 'decline'] }),
      ]);
      const todo = await json<ToDo>(h.call('experts', '/todo', 'employer_admin'));
      expect(todo.items).toContainEqual(expect.objectContaining({ title: '专家认领申请待处理:Anna Schmidt', link: '/experts/claims' }));
      // Nobody outside the two units and the national level sees it.
      for (const user of ['supervisor_bj', 'supervisor_sh', 'ministry_univ', 'support']) {
        expect((await h.call('experts', `/claims/${waiting.id}`, user)).status).toBe(404);
      }
    });

    it('lets neither the claimant accept its own claim nor the deciding unit withdraw it', async () => {
      const own = await decide('employer_sh', waiting, 'accept');
      expect(own.status).toBe(403);
      expect((await json<ErrorBody>(own)).error.code).toBe('FLOW_NOT_ALLOWED');
      expect((await decide('employer_handler', waiting, 'withdraw')).status).toBe(403);
      expect((await claimOf('employer_sh', waiting.id)).state).toBe('pending');
    });

    it('opens the record to the claimant once the entering unit accepts, and records it', async () => {
      const accepted = await decide('employer_handler', waiting, 'accept');
      expect(accepted.status).toBe(200);
      expect(await json(accepted)).toMatchObject({ state: 'accepted' });
      const seen = await claimOf('employer_sh', waiting.id);
      expect(seen).toMatchObject({ state: 'accepted', expert: { id: idOf('Anna Schmidt'), name: 'Anna Schmidt' }, actions: [] });
      expect((await h.call('experts', `/experts/${idOf('Anna Schmidt')}`, 'employer_sh')).status).toBe(200);
      expect((await auditOf('expert_claim.accept')).map((r) => r.actor_username)).toEqual(['employer_handler']);
      const todo = await json<ToDo>(h.call('experts', '/todo', 'employer_sh'));
      expect(todo.items).toContainEqual(expect.objectContaining({ title: '专家认领申请已通过:anna   SCHMIDT' }));
      // A stale decision changes nothing.
      expect((await decide('employer_handler', waiting, 'decline', 'late')).status).toBe(409);
    });

    it('answers a claim of an expert already in the unit with that expert', async () => {
      expect(await json(claim('employer_sh', ANNA))).toEqual({ claim: null, expertId: idOf('Anna Schmidt') });
    });
  });

  describe('decline, withdraw, and the national level', () => {
    it('needs a reason to decline; the claimant reads it and the record stays closed', async () => {
      const { claim: asked } = await json<{ claim: Claim }>(claim('employer_sh', YUKI));
      const bare = await decide('employer_admin', asked, 'decline');
      expect(bare.status).toBe(400);
      expect((await json<ErrorBody>(bare)).error.code).toBe('FLOW_REASON_REQUIRED');
      expect((await decide('employer_admin', asked, 'decline', '该专家与我单位签有独家合作协议')).status).toBe(200);
      const seen = await claimOf('employer_sh', asked.id);
      expect(seen).toMatchObject({ state: 'declined', decisionReason: '该专家与我单位签有独家合作协议', decidedByName: null, expert: null });
      expect((await h.call('experts', `/experts/${idOf('Yuki Tanaka')}`, 'employer_sh')).status).toBe(404);
      expect((await json<ToDo>(h.call('experts', '/todo', 'employer_sh'))).items).toContainEqual(expect.objectContaining({ title: '专家认领申请未通过:Yuki Tanaka' }));
    });

    it('lets the claimant withdraw while it waits, and the national level decide instead of the entering unit', async () => {
      const first = (await json<{ claim: Claim }>(claim('ministry_univ', MARIA))).claim;
      expect((await decide('ministry_univ', first, 'withdraw')).status).toBe(200);
      expect((await claimOf('ministry_univ', first.id)).state).toBe('withdrawn');
      const second = await claim('ministry_univ', MARIA);
      expect(second.status).toBe(201);
      const asked = (await json<{ claim: Claim }>(second)).claim;
      expect(asked.id).not.toBe(first.id);
      const national = await claimOf('national_admin', asked.id);
      expect(national.actions).toEqual(['accept', 'decline']);
      expect((await decide('national_admin', asked, 'accept')).status).toBe(200);
      expect((await h.call('experts', `/experts/${idOf('Maria Rossi')}`, 'ministry_univ')).status).toBe(200);
    });

    it('does not accept a claim on a record merged away since', async () => {
      const asked = (await json<{ claim: Claim }>(claim('employer_sh', PIERRE))).claim;
      const pierre = idOf('Pierre Dubois');
      await h.db.query(`update experts.experts set status = 'merged' where id = $1`, [pierre]);
      try {
        const refused = await decide('ministry_univ', asked, 'accept');
        expect(refused.status).toBe(409);
        expect((await json<ErrorBody>(refused)).error.code).toBe('EXPERT_MERGED');
        expect((await claimOf('employer_sh', asked.id)).state).toBe('pending');
      } finally {
        await h.db.query(`update experts.experts set status = 'active' where id = $1`, [pierre]);
      }
    });
  });

  describe('rationing', () => {
    it(`refuses a person's ${PROBE_LIMITS.user.limit + 1}th attempt in an hour even with the right answers, auditing the first refusal`, async () => {
      for (let i = 0; i < PROBE_LIMITS.user.limit; i++) {
        expect((await claim('employer_admin', { ...PIERRE, passportNumber: `GUESS${String(i).padStart(4, '0')}` })).status).toBe(404);
      }
      const right = await claim('employer_admin', PIERRE);
      expect(right.status).toBe(429);
      const body = await json<ErrorBody>(right);
      expect(body.error.code).toBe('RATE_LIMITED');
      expect(body.error.message).toMatch(/每人每小时 10 次/);
      expect((await claim('employer_admin', PIERRE)).status).toBe(429);
      expect((await auditOf('expert.probe_limited')).map((r) => r.actor_username)).toEqual(['employer_admin']);
      // Another person of the same unit still has their own hour.
      expect((await claim('employer_handler', PIERRE)).status).toBe(201);
    });

    it(`refuses a unit's people once the unit has made ${PROBE_LIMITS.unit.limit} attempts in a day`, async () => {
      await h.db.query(`insert into kit.rate_limits (key, window_started_at, hits) values ($1, now(), $2)`, [await unitKey('employer_sh'), PROBE_LIMITS.unit.limit]);
      const response = await claim('employer_sh', PIERRE);
      expect(response.status).toBe(429);
      expect((await json<ErrorBody>(response)).error.message).toMatch(/每单位每天 40 次/);
    });

    it('counts simultaneous attempts exactly: no more answers than the budget', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => claim('employer_sh', { ...ANNA, passportNumber: `RACE${String(i).padStart(5, '0')}` }).then((r) => r.status)),
      );
      expect(attempts.filter((s) => s === 404)).toHaveLength(PROBE_LIMITS.user.limit);
      expect(attempts.filter((s) => s === 429)).toHaveLength(20 - PROBE_LIMITS.user.limit);
    });
  });

  describe('creates and edits that meet another unit’s passport', () => {
    it('offers the claim when passport, name and birth date all match; refuses anything else without naming anyone; counts and audits both', async () => {
      const before = await counts();
      const matching = await send('POST', '/experts', 'employer_sh', { ...YUKI, ...NEW_FIELDS, name: 'YUKI  tanaka' });
      expect(matching.status).toBe(409);
      const offered = await json<ErrorBody>(matching);
      expect(offered.error.code).toBe('EXPERT_CLAIMABLE');
      expect(offered.error.fields).toEqual([{ field: 'passportNumber', message: expect.stringMatching(/可提交认领申请/) }]);
      const other = await send('POST', '/experts', 'employer_sh', { ...YUKI, ...NEW_FIELDS, name: 'Someone Else' });
      expect(other.status).toBe(409);
      const refused = await json<ErrorBody>(other);
      expect(refused.error.code).toBe('EXPERT_PASSPORT_UNAVAILABLE');
      expect(refused.error.message).toMatch(/请联系国家管理员/);
      expect(JSON.stringify(refused)).not.toMatch(/Yuki|Tanaka|北京示例大学/);
      expect(await counts()).toEqual(before);
      expect(await hits(await userKey('employer_sh'))).toBe(2);
      expect(await hits(await unitKey('employer_sh'))).toBe(2);
      const audit = await auditOf('expert.passport_taken');
      expect(audit.slice(-2).map((r) => JSON.parse(r.text).answer)).toEqual(['claim_offered', 'refused']);
      expect(JSON.stringify(audit)).not.toContain('TK1234567');
    });

    it('refuses every create once the budget is spent, so a refusal tells nothing about a passport', async () => {
      await h.db.query(`insert into kit.rate_limits (key, window_started_at, hits) values ($1, now(), $2)`, [await userKey('employer_sh'), PROBE_LIMITS.user.limit]);
      const before = await counts();
      const fresh = await send('POST', '/experts', 'employer_sh', { ...NEW_FIELDS, nationality: 'NL', passportNumber: 'NEVERSEEN1', name: 'Nobody Known', birthDate: '1990-01-01' });
      expect(fresh.status).toBe(429);
      expect(await counts()).toEqual(before);
    });

    it('refuses an edit that would take another unit’s passport in the same neutral words, counted', async () => {
      const maria = await json<{ version: number }>(h.call('experts', `/experts/${idOf('Maria Rossi')}`, 'employer_sh'));
      const response = await send('PATCH', `/experts/${idOf('Maria Rossi')}`, 'employer_sh', { version: maria.version, nationality: 'FR', passportNumber: '18AV12345' });
      expect(response.status).toBe(409);
      expect((await json<ErrorBody>(response)).error.code).toBe('EXPERT_PASSPORT_UNAVAILABLE');
      expect(await hits(await userKey('employer_sh'))).toBe(1);
    });

    it('says plainly when the passport is already in the unit’s own library, without spending the budget', async () => {
      const response = await send('POST', '/experts', 'employer_handler', { ...YUKI, ...NEW_FIELDS });
      expect((await json<ErrorBody>(response)).error.code).toBe('EXPERT_DUPLICATE_PASSPORT');
      expect(await hits(await userKey('employer_handler'))).toBe(0);
    });
  });
});
