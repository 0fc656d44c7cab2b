// 帐号查询 on the demo data: each administrator finds exactly the accounts it looks after (worked out here from the
// database), a mobile number is revealed only within that reach and always audited, and bad filters are refused.
import { fileURLToPath } from 'node:url';
import { migrate } from '@wgzj/gateway/kit';
import { CJK, type ErrorBody, type Harness, json, moduleHarness, type Page } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Account {
  id: string;
  username: string;
  legacyLogins: string[];
  displayName: string;
  role: string;
  unit: { id: string; name: string; kind: string };
  status: string;
  mobileMasked: string | null;
  emailMasked: string | null;
}
interface Reveal {
  field: string;
  value: string | null;
  masked: string | null;
}
interface Row {
  id: string;
  username: string;
  role: string;
  unit_id: string;
  unit_kind: string;
  supervising_unit_id: string | null;
}

const GATEWAY_MIGRATIONS = fileURLToPath(new URL('../../gateway/db/migrations', import.meta.url));

let h: Harness;
let accounts: Row[];
const byName = (username: string) => accounts.find((a) => a.username === username)!;

/** The rule, written out again from 问题七: whose accounts each role looks after (null: none, refused). */
function expectedReach(actor: Row): Set<string> | null {
  switch (actor.role) {
    case 'supervising_user':
      return new Set(accounts.filter((a) => a.unit_kind === 'employer' && a.supervising_unit_id === actor.unit_id).map((a) => a.id));
    case 'support':
      return new Set(accounts.filter((a) => a.unit_kind === 'supervising').map((a) => a.id));
    case 'national_admin':
      return new Set(accounts.map((a) => a.id));
    default:
      return null;
  }
}

const reveal = (id: string, as: string, body: unknown = { field: 'mobile' }, locale?: string) =>
  h.call('admin', `/accounts/${id}/reveal`, as, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(locale ? { locale } : {}),
  });

const revealAudits = async () =>
  (await h.db.query<{ n: number }>("select count(*)::int as n from audit.records where action = 'account.reveal_mobile'")).rows[0]!.n;

beforeAll(async () => {
  h = await moduleHarness([]);
  // The gateway's published view of legacy logins, with the demo logins the gateway seeds.
  await migrate(h.db, { module: 'gateway', dir: GATEWAY_MIGRATIONS });
  ({ rows: accounts } = await h.db.query<Row>(
    `select u.id, u.username, u.role, n.id as unit_id, n.kind as unit_kind, n.supervising_unit_id
     from admin.users u join admin.units n on n.id = u.unit_id`,
  ));
  for (const [login, username] of [
    ['WGZJXM_zhangwei', 'employer_handler'],
    ['liuyang', 'supervisor_bj'],
  ] as const) {
    await h.db.query("insert into gateway.legacy_credentials (username, user_id, password_hash) values ($1, $2, 'not-a-hash')", [
      login,
      byName(username).id,
    ]);
  }
});
afterAll(async () => {
  await h.close();
});

describe('GET /accounts', () => {
  it('gives every demo user exactly the accounts the rule allows, or 403', async () => {
    expect(accounts.length).toBeGreaterThan(6);
    for (const actor of accounts) {
      const expected = expectedReach(actor);
      const res = await h.call('admin', '/accounts?limit=100', actor.username);
      if (!expected) {
        expect(res.status, actor.username).toBe(403);
        expect(((await res.json()) as ErrorBody).error.code).toBe('FORBIDDEN');
        continue;
      }
      expect(res.status, actor.username).toBe(200);
      const page = (await res.json()) as Page<Account>;
      expect(new Set(page.items.map((a) => a.id)), actor.username).toEqual(expected);
      expect(page.total).toBe(expected.size);
    }
  });

  it('describes an account with its legacy logins, masked mobile and e-mail, never the number itself', async () => {
    const page = await json<Page<Account>>(h.call('admin', '/accounts', 'supervisor_bj'));
    const zhang = page.items.find((a) => a.username === 'employer_handler')!;
    expect(zhang).toMatchObject({
      legacyLogins: ['WGZJXM_zhangwei'],
      displayName: '张伟',
      role: 'employer_handler',
      unit: { name: '北京示例大学', kind: 'employer' },
      status: 'active',
      mobileMasked: '139****0001',
      emailMasked: 'zh***@bjsl-univ.example.com',
    });
    expect(JSON.stringify(page)).not.toMatch(/1[3-9]\d{9}/);
    const liu = await json<Page<Account>>(h.call('admin', '/accounts?username=liuyang', 'support'));
    expect(liu.items.map((a) => [a.username, a.legacyLogins])).toEqual([['supervisor_bj', ['liuyang']]]);
  });

  it('filters by username or legacy login, name, exact mobile and unit name, in part', async () => {
    const names = async (query: string, as = 'national_admin') =>
      (await json<Page<Account>>(h.call('admin', `/accounts?${query}`, as))).items.map((a) => a.username).sort();
    expect(await names('username=zhangwei')).toEqual(['employer_handler']);
    expect(await names('username=EMPLOYER_')).toEqual(['employer_admin', 'employer_handler', 'employer_sh']);
    expect(await names(`name=${encodeURIComponent('张')}`)).toEqual(['employer_handler']);
    expect(await names(`unitName=${encodeURIComponent('上海')}`)).toEqual(['employer_sh', 'supervisor_sh']);
    // A filter never widens the reach: 上海's units are not 北京's.
    expect(await names(`unitName=${encodeURIComponent('上海')}`, 'supervisor_bj')).toEqual([]);
    expect(await names('username=%25', 'supervisor_bj')).toEqual([]);
  });

  it('pages with limit and offset', async () => {
    const all = await json<Page<Account>>(h.call('admin', '/accounts?limit=100', 'national_admin'));
    const first = await json<Page<Account>>(h.call('admin', '/accounts?limit=3', 'national_admin'));
    const second = await json<Page<Account>>(h.call('admin', '/accounts?limit=3&offset=3', 'national_admin'));
    expect(first.total).toBe(all.total);
    expect([...first.items, ...second.items].map((a) => a.id)).toEqual(all.items.slice(0, 6).map((a) => a.id));
  });

  it.each([
    ['limit=0', '每页条数', 'Page size'],
    ['limit=abc', '每页条数', 'Page size'],
  ])('refuses %s in both languages, naming the field', async (query, zh, en) => {
    const zhRes = await h.call('admin', `/accounts?${query}`, 'national_admin');
    expect(zhRes.status).toBe(400);
    const zhBody = (await zhRes.json()) as ErrorBody;
    expect(zhBody.error.code).toBe('VALIDATION_FAILED');
    expect(zhBody.error.message).toContain(zh);
    expect(zhBody.error.message).toMatch(CJK);
    const enBody = await json<ErrorBody>(h.call('admin', `/accounts?${query}`, 'national_admin', { locale: 'en-US' }));
    expect(enBody.error.message).toContain(en);
    expect(enBody.error.message).not.toMatch(CJK);
  });
});

describe('POST /accounts/:id/reveal', () => {
  it('unmasks a mobile only within reach, with exactly one audit record each time, 404 outside, 403 for others', async () => {
    for (const actor of accounts) {
      const expected = expectedReach(actor);
      for (const target of accounts) {
        const before = await revealAudits();
        const res = await reveal(target.id, actor.username);
        const label = `${actor.username} → ${target.username}`;
        if (!expected) {
          expect(res.status, label).toBe(403);
        } else if (!expected.has(target.id)) {
          expect(res.status, label).toBe(404);
          expect(((await res.json()) as ErrorBody).error.code).toBe('NOT_FOUND');
        } else {
          expect(res.status, label).toBe(200);
          const body = (await res.json()) as Reveal;
          expect(body.value, label).toMatch(/^1[3-9]\d{9}$/);
          expect(await revealAudits(), label).toBe(before + 1);
          continue;
        }
        expect(await revealAudits(), label).toBe(before);
      }
    }
  });

  it('records who revealed what, from where, and shows the number', async () => {
    const target = byName('employer_handler');
    const res = await reveal(target.id, 'supervisor_bj');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ field: 'mobile', value: '13910000001', masked: '139****0001' });
    const { rows } = await h.db.query<{
      actor_username: string;
      actor_role: string;
      actor_unit_name: string;
      client_ip: string;
      request_id: string;
      after_summary: unknown;
    }>("select * from audit.records where action = 'account.reveal_mobile' and object_id = $1 order by at desc, id desc limit 1", [target.id]);
    expect(rows[0]).toMatchObject({ actor_username: 'supervisor_bj', actor_role: 'supervising_user', actor_unit_name: '北京市科学技术委员会', client_ip: '203.0.113.7' });
    expect(rows[0]!.request_id).toBeTruthy();
    expect(JSON.stringify(rows[0]!.after_summary)).not.toContain('13910000001');
  });

  it('answers 404 for an unknown or malformed id, and refuses another field', async () => {
    expect((await reveal('00000000-0000-0000-0000-000000000000', 'national_admin')).status).toBe(404);
    expect((await reveal('not-an-id', 'national_admin')).status).toBe(404);
    const before = await revealAudits();
    const other = await reveal(byName('employer_handler').id, 'national_admin', { field: 'idNumber' });
    expect(other.status).toBe(400);
    expect(((await other.json()) as ErrorBody).error.message).toContain('查看内容');
    expect(await revealAudits()).toBe(before);
  });
});

describe('POST /accounts/search (a mobile number never in a URL)', () => {
  const search = (as: string, body: unknown, locale?: string) =>
    h.call('admin', '/accounts/search', as, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...(locale ? { locale } : {}),
    });
  const names = async (body: unknown, as = 'national_admin') => (await json<Page<Account>>(search(as, body))).items.map((a) => a.username).sort();

  it('finds by the exact mobile in the body, with the other filters, paging and the same reach as GET', async () => {
    expect(await names({ mobile: '13910000002' })).toEqual(['employer_admin']);
    expect(await names({ mobile: '13910000009' })).toEqual([]);
    expect(await names({ mobile: '', username: 'zhangwei' })).toEqual(['employer_handler']);
    expect(await names({ mobile: '13910000002' }, 'support')).toEqual([]);
    const res = await search('national_admin', { limit: 3, offset: 0 });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as Page<Account>).items).toHaveLength(3);
    expect((await search('employer_handler', { mobile: '13910000002' })).status).toBe(403);
  });

  it('refuses a mobile in the query string of GET /accounts instead of ignoring it, in both languages', async () => {
    for (const query of ['mobile=13910000002', 'mobile=', 'username=x&mobile=1']) {
      const res = await h.call('admin', `/accounts?${query}`, 'national_admin');
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe('ACCOUNT_MOBILE_IN_URL');
      expect(body.error.message).toContain('手机号不能放在网址中');
    }
    const en = await json<ErrorBody>(h.call('admin', '/accounts?mobile=13910000002', 'national_admin', { locale: 'en-US' }));
    expect(en.error.message).toContain('A mobile number cannot be searched in the address');
  });

  it.each([
    [{ mobile: '1391000' }, '手机号', 'Mobile'],
    [{ mobile: '139100000011' }, '手机号', 'Mobile'],
    [{ mobile: '1391000000a' }, '手机号', 'Mobile'],
    [{ mobile: 13910000002 }, '手机号', 'Mobile'],
    [{ limit: 0 }, '每页条数', 'Page size'],
  ])('refuses %j in both languages, naming the field', async (body, zh, en) => {
    const zhRes = await search('national_admin', body);
    expect(zhRes.status).toBe(400);
    const zhBody = (await zhRes.json()) as ErrorBody;
    expect(zhBody.error.code).toBe('VALIDATION_FAILED');
    expect(zhBody.error.message).toContain(zh);
    const enBody = await json<ErrorBody>(search('national_admin', body, 'en-US'));
    expect(enBody.error.message).toContain(en);
    expect(enBody.error.message).not.toMatch(CJK);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await h.call('admin', '/accounts/search', 'national_admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'mobile=1' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('BAD_JSON');
  });
});
