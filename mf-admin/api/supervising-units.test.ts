// 归口管理单位 created here and synced to the portal (问题三, 问题五): a real dev portal and gateway over real HTTP,
// the initial password only in the SMS, the new account signing in; failures, retries, conflicts and refusals.
import { join } from 'node:path';
import { creditCodeCheckChar, idNumberCheckChar, loadFieldCipher, type ModuleContext } from '@wgzj/gateway/kit';
import { CJK, json, moduleHarness, type ErrorBody, type Harness } from '@wgzj/gateway/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, formAction } from '@wgzj/gateway/testing/browser';
import { confirmAccount, freePort, signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';
import { dispatchPortalSync, initialPasswordSms, MAX_ATTEMPTS } from './portal-sync.ts';

// ---- fictitious identifiers with correct check characters ------------------------------------------------

let serial = 0;
/** A fresh unified social credit code (GB 32100) for each call. */
function creditCode(): string {
  const first17 = `11330000${String(Date.now() % 1e5).padStart(5, '0')}${String(++serial).padStart(4, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}
/** A fresh resident ID number (GB 11643), born 1990-05-05. */
function idNumber(): string {
  const first17 = `33010619900505${String(++serial % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
/** A fresh mobile no demo or portal account uses. */
function mobile(): string {
  return `177${String(Date.now() % 1e4).padStart(4, '0')}${String(++serial).padStart(4, '0')}`;
}
function username(prefix = 'sv'): string {
  return `${prefix}_${Date.now().toString(36)}_${++serial}`;
}

const account = (over: Record<string, unknown> = {}) => ({
  username: username(),
  displayName: '李明',
  mobile: mobile(),
  email: 'liming@zjkjt.example.com',
  idNumber: idNumber(),
  ...over,
});

const unitBody = (over: Record<string, unknown> = {}) => ({
  name: `浙江省科学技术厅${++serial}`,
  creditCode: creditCode(),
  province: '330000',
  address: '浙江省杭州市西湖区文三路 1 号',
  contactName: '王强',
  contactPhone: '0571-87054321',
  contactEmail: 'wzc@zjkjt.example.com',
  accounts: [account()],
  ...over,
});

interface SyncRowView {
  kind: 'unit' | 'account';
  username: string | null;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
}
interface Detail {
  id: string;
  name: string;
  creditCode: string;
  provinceName: string;
  syncState: string;
  accounts: Array<{ id: string; username: string; mobileMasked: string; syncState: string | null } & Record<string, unknown>>;
  sync: SyncRowView[];
}
interface ListItem {
  id: string;
  name: string;
  accountCount: number;
  syncState: string;
}

const post = (body: unknown): RequestInit & { locale?: string } => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

let stack: Stack;
const logLines: string[] = [];
/** What the gateway has been told: the portal's sync endpoint and the client credentials it accepts. */
const syncTarget = () => ({ url: `${stack.portal.issuer.replace(/\/$/, '')}/sync`, clientId: 'wgzjxm', clientSecret: 'dev-portal-secret' });

beforeAll(async () => {
  stack = await startStack({ logLines });
});
afterAll(async () => {
  await stack?.close();
});

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Signs in at the portal with a username and password through the gateway, and confirms the account. */
async function signInWithPassword(username: string, password: string): Promise<Browser> {
  const browser = new Browser();
  const start = new URL('/', stack.gatewayUrl);
  const first = await browser.request(start, { headers: { accept: 'text/html', 'sec-fetch-dest': 'document' } });
  const page = await browser.follow(first, start, '\u0000');
  const action = formAction(await page.res.text(), page.url);
  const posted = await browser.request(action, { form: { kind: 'natural', username, password } });
  const done = await browser.follow(posted, action, '\u0000');
  if (done.url.pathname !== '/auth/confirm') throw new Error(`sign-in did not reach the confirmation: ${done.url.href} ${await done.res.text()}`);
  await confirmAccount(browser, done.res, done.url);
  return browser;
}

const jsonHeaders = { accept: 'application/json', 'sec-fetch-dest': 'empty' };

describe('through the gateway: create, sync by the gateway’s own dispatcher, SMS, sign in as the new account', () => {
  it('creates a unit with an account that the portal learns of and that signs in with the password from the SMS', async () => {
    const { browser } = await signInThrough(stack, 'national_admin');
    const me = (await (await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: jsonHeaders })).json()) as { csrfToken: string };
    const person = account({ displayName: '周红' });
    const body = unitBody({ accounts: [person] });
    const url = new URL('/api/admin/supervising-units', stack.gatewayUrl);
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        ...jsonHeaders,
        'content-type': 'application/json',
        cookie: browser.jar.header(url),
        origin: stack.gatewayUrl,
        'x-csrf-token': me.csrfToken,
      },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Detail;
    expect(created).toMatchObject({ name: body.name, creditCode: body.creditCode, provinceName: '浙江省', syncState: 'syncing' });
    expect(created.accounts).toEqual([expect.objectContaining({ username: person.username, mobileMasked: `${person.mobile.slice(0, 3)}****${person.mobile.slice(-4)}` })]);
    expect(JSON.stringify(created)).not.toContain(person.mobile);
    expect(JSON.stringify(created)).not.toContain(person.idNumber);

    // The gateway runs the dispatcher (module `start`) every 2 s: the unit goes first, then its account.
    const db = stack.gateway.db;
    await waitFor(async () => {
      const { rows } = await db.query<{ state: string }>('select state from admin.portal_sync_outbox where unit_id = $1', [created.id]);
      return rows.length === 2 && rows.every((r) => r.state === 'sent');
    });
    const known = stack.portal.accounts.findByUsername(person.username);
    expect(known).toMatchObject({ kind: 'natural', realnameStatus: 'verified', unit: { name: body.name, creditCode: body.creditCode, kind: 'supervising' } });

    // The initial password reached the person by SMS only.
    const cipher = loadFieldCipher({ inlineKey: stack.env['FIELD_ENCRYPTION_KEY'], keyFile: join(stack.dataDir, 'gateway', 'field-key') });
    const { rows: sms } = await db.query<{ phone_encrypted: string; phone_masked: string; body: string }>(
      `select phone_encrypted, phone_masked, body from notify.sms_outbox where purpose = 'portal_account_created'`,
    );
    const mine = sms.filter((s) => cipher.decrypt(s.phone_encrypted) === person.mobile);
    expect(mine).toHaveLength(1);
    const password = /初始密码:([^。]+)。/.exec(mine[0]!.body)?.[1];
    expect(password).toMatch(/^.{12}$/);
    expect(mine[0]!.body).toBe(initialPasswordSms(person.username, password!));
    expect(mine[0]!.body).toContain('修改密码');

    // Nowhere else: not in the API's answers, the outbox, the audit log or any log line.
    const detail = await browser.request(new URL(`/api/admin/supervising-units/${created.id}`, stack.gatewayUrl), { headers: jsonHeaders });
    const detailText = await detail.text();
    expect(detailText).not.toContain(password);
    expect(JSON.parse(detailText)).toMatchObject({ syncState: 'synced' });
    const audit = await db.query<{ s: string }>(`select coalesce(before_summary::text, '') || coalesce(after_summary::text, '') as s from audit.records`);
    const outbox = await db.query<{ s: string }>('select row_to_json(o)::text as s from admin.portal_sync_outbox o');
    for (const text of [...audit.rows.map((r) => r.s), ...outbox.rows.map((r) => r.s), ...logLines]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(person.idNumber);
    }
    expect(logLines.some((l) => l.includes('"event":"portal_sync_sent"'))).toBe(true);

    // The new account signs in through the portal and lands as a user of the new supervising unit.
    const newcomer = await signInWithPassword(person.username, password!);
    const who = (await (await newcomer.request(new URL('/auth/me', stack.gatewayUrl), { headers: jsonHeaders })).json()) as {
      user: { username: string; role: string; unit: { id: string; name: string; kind: string } };
    };
    expect(who.user).toMatchObject({ username: person.username, role: 'supervising_user', unit: { id: created.id, name: body.name, kind: 'supervising' } });
    const units = (await (await newcomer.request(new URL('/api/admin/units', stack.gatewayUrl), { headers: jsonHeaders })).json()) as {
      items: Array<{ name: string }>;
    };
    expect(units.items.map((u) => u.name)).toEqual([body.name]);
  });
});

describe('the admin API with the portal over real HTTP (dispatcher run by hand)', () => {
  let h: Harness;
  let ctx: ModuleContext;
  let unitIdOf: (name: string) => Promise<string>;

  beforeAll(async () => {
    h = await moduleHarness([], { portalSync: syncTarget() });
    ctx = h.contextOf('admin');
    unitIdOf = async (name) => (await h.db.query<{ id: string }>('select id from admin.units where name = $1', [name])).rows[0]!.id;
  });
  afterAll(async () => {
    await h?.close();
  });

  const create = (body: unknown, as = 'national_admin', locale = 'zh-CN') => h.call('admin', '/supervising-units', as, { ...post(body), locale });
  const detail = (id: string, as = 'national_admin') => json<Detail>(h.call('admin', `/supervising-units/${id}`, as));
  const counts = async () => {
    const { rows } = await h.db.query<{ units: number; users: number; outbox: number; audit: number; sms: number }>(
      `select (select count(*)::int from admin.units) as units, (select count(*)::int from admin.users) as users,
              (select count(*)::int from admin.portal_sync_outbox) as outbox, (select count(*)::int from audit.records) as audit,
              (select count(*)::int from notify.sms_outbox) as sms`,
    );
    return rows[0]!;
  };

  it('keeps an account the portal refuses as failed, with the portal’s message visible in the detail', async () => {
    const body = unitBody({ accounts: [account({ mobile: '13910000001' }), account()] });
    const res = await create(body);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as Detail;
    const result = await dispatchPortalSync(ctx);
    expect(result).toMatchObject({ sent: 2, failed: 1, retrying: 0 });
    const shown = await detail(id);
    expect(shown.syncState).toBe('failed');
    const [unitRow, refused, fine] = shown.sync;
    expect(unitRow).toMatchObject({ kind: 'unit', state: 'sent', attempts: 1, lastError: null });
    expect(refused).toMatchObject({ kind: 'account', username: body.accounts[0]!.username, state: 'failed', attempts: 1 });
    expect(refused!.lastError).toContain('该用户已经被注册');
    expect(fine).toMatchObject({ kind: 'account', state: 'sent' });
    expect(shown.accounts.map((a) => a.syncState)).toEqual(['failed', 'sent']);
    const list = await json<{ items: ListItem[] }>(h.call('admin', '/supervising-units', 'support'));
    expect(list.items.find((u) => u.id === id)).toMatchObject({ accountCount: 2, syncState: 'failed' });

    // Retrying changes nothing at the portal's mind: refused again, at once.
    const retried = await json<{ syncState: string; sync: SyncRowView[] }>(h.call('admin', `/supervising-units/${id}/sync/retry`, 'national_admin', post({})));
    expect(retried.syncState).toBe('failed');
    expect(retried.sync[1]).toMatchObject({ state: 'failed', attempts: 1 });
    expect(retried.sync[1]!.lastError).toContain('该用户已经被注册');
  });

  it('keeps rows pending with the network error while the portal is unreachable, and sends them on 重试同步', async () => {
    const down: ModuleContext = { ...ctx, portalSync: { ...syncTarget(), url: `http://127.0.0.1:${await freePort()}/sync` } };
    const body = unitBody();
    const { id } = (await (await create(body)).json()) as Detail;
    expect(await dispatchPortalSync(down, { unitId: id })).toMatchObject({ sent: 0, failed: 0, retrying: 1 });
    const shown = await detail(id);
    expect(shown.syncState).toBe('syncing');
    expect(shown.sync[0]).toMatchObject({ kind: 'unit', state: 'pending', attempts: 1 });
    expect(shown.sync[0]!.lastError).toMatch(/^网络错误/);
    expect(Date.parse(shown.sync[0]!.nextAttemptAt!)).toBeGreaterThan(Date.now());
    // The account waits while its unit is not at the portal.
    expect(shown.sync[1]).toMatchObject({ kind: 'account', state: 'pending', attempts: 0 });
    // Not due yet: a run now (with the portal back) leaves it alone.
    expect(await dispatchPortalSync(ctx, { unitId: id })).toMatchObject({ sent: 0 });

    const retried = await h.call('admin', `/supervising-units/${id}/sync/retry`, 'national_admin', post({}));
    expect(retried.status).toBe(200);
    const after = (await retried.json()) as { syncState: string; sync: SyncRowView[] };
    expect(after.syncState).toBe('synced');
    expect(after.sync.map((r) => r.state)).toEqual(['sent', 'sent']);
    expect(stack.portal.accounts.findByUsername(body.accounts[0]!.username)).toBeDefined();
    const { rows } = await h.db.query<{ action: string; actor_username: string }>(
      `select action, actor_username from audit.records where object_id = $1 order by at, id`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['supervising_unit.create', 'supervising_unit.sync_retry']);
    const sms = await h.db.query<{ phone_encrypted: string; body: string }>(`select phone_encrypted, body from notify.sms_outbox where purpose = 'portal_account_created'`);
    expect(sms.rows.some((s) => h.cipher.decrypt(s.phone_encrypted) === body.accounts[0]!.mobile && s.body.includes(body.accounts[0]!.username))).toBe(true);
  });

  it(`fails a row after ${MAX_ATTEMPTS} network errors, and 重试同步 starts it over`, async () => {
    const down: ModuleContext = { ...ctx, portalSync: { ...syncTarget(), url: `http://127.0.0.1:${await freePort()}/sync` } };
    const { id } = (await (await create(unitBody())).json()) as Detail;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await h.db.query(`update admin.portal_sync_outbox set next_attempt_at = now() where unit_id = $1 and state = 'pending'`, [id]);
      await dispatchPortalSync(down, { unitId: id });
    }
    let shown = await detail(id);
    expect(shown.syncState).toBe('failed');
    expect(shown.sync[0]).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
    expect(shown.sync[0]!.lastError).toMatch(/^网络错误/);
    const after = await json<{ syncState: string }>(h.call('admin', `/supervising-units/${id}/sync/retry`, 'national_admin', post({})));
    expect(after.syncState).toBe('synced');
    shown = await detail(id);
    expect(shown.sync.map((r) => [r.state, r.lastError])).toEqual([['sent', null], ['sent', null]]);
  });

  it('sends each row once when several dispatchers (gateway replicas) run at the same time', async () => {
    const body = unitBody({ accounts: [account(), account(), account()] });
    const { id } = (await (await create(body)).json()) as Detail;
    const runs = await Promise.all([dispatchPortalSync(ctx), dispatchPortalSync(ctx), dispatchPortalSync(ctx)]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(4);
    expect((await detail(id)).sync.map((r) => [r.state, r.attempts])).toEqual(Array.from({ length: 4 }, () => ['sent', 1]));
    const sms = await h.db.query<{ phone_encrypted: string }>(`select phone_encrypted from notify.sms_outbox where purpose = 'portal_account_created'`);
    for (const a of body.accounts) expect(sms.rows.filter((s) => h.cipher.decrypt(s.phone_encrypted) === a.mobile)).toHaveLength(1);
  });

  it('adds an account to an existing supervising unit (问题五) and syncs it the same way', async () => {
    const beijing = await unitIdOf('北京市科学技术委员会');
    const person = account();
    const res = await h.call('admin', `/supervising-units/${beijing}/accounts`, 'national_admin', post(person));
    expect(res.status).toBe(201);
    const shown = (await res.json()) as Detail;
    expect(shown.accounts.map((a) => a.username)).toContain(person.username);
    // A demo unit has no unit row of its own: the account goes at once.
    expect(shown.sync).toEqual([expect.objectContaining({ kind: 'account', username: person.username, state: 'pending' })]);
    await dispatchPortalSync(ctx, { unitId: beijing });
    expect((await detail(beijing)).sync[0]).toMatchObject({ state: 'sent' });
    expect(stack.portal.accounts.findByUsername(person.username)?.unit?.name).toBe('北京市科学技术委员会');
  });

  it('writes units, users, outbox rows and an audit entry without unmasked identifiers', async () => {
    const body = unitBody({ accounts: [account(), account()] });
    const { id } = (await (await create(body)).json()) as Detail;
    const unit = await h.db.query('select kind, status, registration_state, credit_code from admin.units where id = $1', [id]);
    expect(unit.rows[0]).toEqual({ kind: 'supervising', status: 'active', registration_state: 'approved', credit_code: body.creditCode });
    const users = await h.db.query<Record<string, string>>(
      'select username, role, status, review_state, mobile_encrypted, mobile_masked, mobile_hash, id_number_encrypted, id_number_masked from admin.users where unit_id = $1 order by created_at, username',
      [id],
    );
    expect(users.rows).toHaveLength(2);
    for (const row of users.rows) {
      const input = body.accounts.find((a) => a.username === row['username'])!;
      expect(row).toMatchObject({ role: 'supervising_user', status: 'active', review_state: 'approved' });
      expect(h.cipher.decrypt(row['mobile_encrypted']!)).toBe(input.mobile);
      expect(row['mobile_hash']).toBe(h.cipher.lookupHash(input.mobile));
      expect(h.cipher.decrypt(row['id_number_encrypted']!)).toBe(input.idNumber);
      expect(row['id_number_masked']).not.toBe(input.idNumber);
    }
    const outbox = await h.db.query<{ kind: string }>('select kind from admin.portal_sync_outbox where unit_id = $1 order by seq', [id]);
    expect(outbox.rows.map((r) => r.kind)).toEqual(['unit', 'account', 'account']);
    const audit = await h.db.query<{ action: string; s: string }>(`select action, after_summary::text as s from audit.records where object_id = $1`, [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['supervising_unit.create']);
    for (const a of body.accounts) {
      expect(audit.rows[0]!.s).toContain(a.username);
      expect(audit.rows[0]!.s).not.toContain(a.mobile);
      expect(audit.rows[0]!.s).not.toContain(a.idNumber);
    }
    await dispatchPortalSync(ctx, { unitId: id });
  });

  describe('refusals: nothing written', () => {
    const bad: Array<[what: string, body: Record<string, unknown>, field: string, zh: string, en: string]> = [
      ['no name', unitBody({ name: undefined }), 'name', '单位名称', 'Unit name'],
      ['a one-character name', unitBody({ name: '厅' }), 'name', '单位名称', 'Unit name'],
      ['a name over 100', unitBody({ name: '厅'.repeat(101) }), 'name', '单位名称', 'Unit name'],
      ['a wrong check character', unitBody({ creditCode: '11330000002567813A' }), 'creditCode', '统一社会信用代码', 'credit code'],
      ['an empty credit code', unitBody({ creditCode: '' }), 'creditCode', '统一社会信用代码', 'credit code'],
      ['an unknown province', unitBody({ province: '990000' }), 'province', '所在省份', 'Province'],
      ['an address over 200', unitBody({ address: '路'.repeat(201) }), 'address', '单位地址', 'Address'],
      ['no contact name', unitBody({ contactName: '' }), 'contactName', '联系人', 'Contact person'],
      ['a bad contact phone', unitBody({ contactPhone: '12345' }), 'contactPhone', '联系电话', 'Contact phone'],
      ['a bad contact e-mail', unitBody({ contactEmail: 'nobody' }), 'contactEmail', '联系邮箱', 'Contact e-mail'],
      ['no accounts', unitBody({ accounts: [] }), 'accounts', '帐号', 'Accounts'],
      ['six accounts', unitBody({ accounts: Array.from({ length: 6 }, () => account()) }), 'accounts', '帐号', 'Accounts'],
      ['accounts not a list', unitBody({ accounts: 'x' }), 'accounts', '帐号', 'Accounts'],
      ['a username with a space', unitBody({ accounts: [account({ username: 'a b c' })] }), 'accounts.0.username', '帐号用户名', 'Account username'],
      ['a two-letter username', unitBody({ accounts: [account({ username: 'ab' })] }), 'accounts.0.username', '帐号用户名', 'Account username'],
      ['a one-character display name', unitBody({ accounts: [account({ displayName: '李' })] }), 'accounts.0.displayName', '帐号姓名', 'Account holder name'],
      ['a landline as account mobile', unitBody({ accounts: [account(), account({ mobile: '0571-88888888' })] }), 'accounts.1.mobile', '帐号手机号', 'Account mobile'],
      ['a bad account e-mail', unitBody({ accounts: [account({ email: 'x@' })] }), 'accounts.0.email', '帐号电子邮箱', 'Account e-mail'],
      ['an ID number failing its check', unitBody({ accounts: [account({ idNumber: '330106199005051230' })] }), 'accounts.0.idNumber', '帐号身份证号', 'Account ID number'],
      ['an ID number with an impossible birth date', unitBody({ accounts: [account({ idNumber: `33010619901301001${idNumberCheckChar('33010619901301001')}` })] }), 'accounts.0.idNumber', '帐号身份证号', 'Account ID number'],
    ];

    it.each(bad)('refuses %s with 400 naming the field in zh-CN and en-US', async (_what, body, field, zh, en) => {
      const before = await counts();
      for (const [locale, label] of [['zh-CN', zh], ['en-US', en]] as const) {
        const res = await create(body, 'national_admin', locale);
        expect(res.status).toBe(400);
        const answer = (await res.json()) as ErrorBody;
        expect(answer.error.code).toBe('VALIDATION_FAILED');
        expect(answer.error.fields?.[0]?.field).toBe(field);
        expect(answer.error.message).toContain(label);
        expect(CJK.test(answer.error.message)).toBe(locale === 'zh-CN');
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses a bad account on the add-account route with 400 naming the field', async () => {
      const beijing = await unitIdOf('北京市科学技术委员会');
      const before = await counts();
      const cases: Array<[Record<string, unknown>, string, string, string]> = [
        [account({ mobile: '1391000000' }), 'mobile', '手机号', 'Mobile'],
        [account({ idNumber: '110105198503122410' }), 'idNumber', '身份证号', 'ID number'],
        [account({ username: undefined }), 'username', '用户名', 'Username'],
        [account({ displayName: '' }), 'displayName', '姓名', 'Name'],
      ];
      for (const [body, field, zh, en] of cases) {
        for (const [locale, label] of [['zh-CN', zh], ['en-US', en]] as const) {
          const res = await h.call('admin', `/supervising-units/${beijing}/accounts`, 'national_admin', { ...post(body), locale });
          expect(res.status).toBe(400);
          const answer = (await res.json()) as ErrorBody;
          expect(answer.error.fields?.[0]?.field).toBe(field);
          expect(answer.error.message).toContain(label);
        }
      }
      expect(await counts()).toEqual(before);
    });

    it('answers 409 for a known credit code or username, and for two accounts alike in one request', async () => {
      const before = await counts();
      const shared = mobile();
      const cases: Array<[unknown, string, string]> = [
        [unitBody({ creditCode: '11110000000021231Y' }), 'creditCode', 'SUPERVISING_CREDIT_CODE_TAKEN'],
        [unitBody({ accounts: [account(), account({ username: 'employer_handler' })] }), 'accounts.1.username', 'SUPERVISING_USERNAME_TAKEN'],
        [unitBody({ accounts: [account({ username: 'EMPLOYER_HANDLER' })] }), 'accounts.0.username', 'SUPERVISING_USERNAME_TAKEN'],
        [unitBody({ accounts: [account({ mobile: shared }), account({ mobile: shared })] }), 'accounts.1.mobile', 'SUPERVISING_DUPLICATE_ACCOUNT'],
        [unitBody({ accounts: [account({ username: 'twin_name' }), account({ username: 'Twin_Name' })] }), 'accounts.1.username', 'SUPERVISING_DUPLICATE_ACCOUNT'],
      ];
      for (const [body, field, code] of cases) {
        for (const locale of ['zh-CN', 'en-US']) {
          const res = await create(body, 'national_admin', locale);
          expect(res.status).toBe(409);
          const answer = (await res.json()) as ErrorBody;
          expect(answer.error).toMatchObject({ code, fields: [expect.objectContaining({ field })] });
          expect(CJK.test(answer.error.message)).toBe(locale === 'zh-CN');
        }
      }
      const beijing = await unitIdOf('北京市科学技术委员会');
      const taken = await h.call('admin', `/supervising-units/${beijing}/accounts`, 'national_admin', post(account({ username: 'supervisor_bj' })));
      expect(taken.status).toBe(409);
      expect(await counts()).toEqual(before);
    });

    it('answers 403 to everyone but the national administrator (support may read), 404 for other units', async () => {
      const before = await counts();
      const beijing = await unitIdOf('北京市科学技术委员会');
      const employer = await unitIdOf('北京示例大学');
      for (const user of ['employer_handler', 'employer_admin', 'ministry_univ', 'supervisor_bj', 'support']) {
        expect((await create(unitBody(), user)).status, user).toBe(403);
        expect((await h.call('admin', `/supervising-units/${beijing}/accounts`, user, post(account()))).status).toBe(403);
        expect((await h.call('admin', `/supervising-units/${beijing}/sync/retry`, user, post({}))).status).toBe(403);
      }
      // A refused caller learns nothing about the body either.
      expect((await create({ nonsense: true }, 'supervisor_bj')).status).toBe(403);
      for (const user of ['employer_handler', 'supervisor_bj']) {
        expect((await h.call('admin', '/supervising-units', user)).status).toBe(403);
        expect((await h.call('admin', `/supervising-units/${beijing}`, user)).status).toBe(403);
      }
      expect((await h.call('admin', '/supervising-units', 'support')).status).toBe(200);
      expect((await h.call('admin', `/supervising-units/${beijing}`, 'support')).status).toBe(200);
      for (const id of [employer, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        expect((await h.call('admin', `/supervising-units/${id}`, 'national_admin')).status).toBe(404);
        expect((await h.call('admin', `/supervising-units/${id}/accounts`, 'national_admin', post(account()))).status).toBe(404);
        expect((await h.call('admin', `/supervising-units/${id}/sync/retry`, 'national_admin', post({}))).status).toBe(404);
      }
      expect((await create('{not json')).status).toBe(400);
      expect(await counts()).toEqual(before);
    });
  });

  describe('random JSON (property): never a 500, never a partial write', () => {
    const credit = fc.integer({ min: 0, max: 9_999_999 }).map((n) => {
      const first17 = `1132000000${String(n).padStart(7, '0')}`;
      return first17 + creditCodeCheckChar(first17);
    });
    const validAccount = fc.record({
      username: fc.stringMatching(/^[a-z][a-z0-9_.]{2,12}$/),
      displayName: fc.constantFrom('李明', '欧阳娜娜', 'Anna Li'),
      mobile: fc.integer({ min: 0, max: 99_999_999 }).map((n) => `176${String(n).padStart(8, '0')}`),
      email: fc.constantFrom('a@example.com', 'li.ming@js.example.cn'),
      idNumber: fc.integer({ min: 0, max: 999 }).map((n) => {
        const first17 = `32010219880808${String(n).padStart(3, '0')}`;
        return first17 + idNumberCheckChar(first17);
      }),
    });
    const validUnit = fc.record({
      name: fc.constantFrom('江苏省科学技术厅', '江苏省外国专家局'),
      creditCode: credit,
      province: fc.constantFrom('320000', '110000'),
      address: fc.constant('南京市鼓楼区北京西路 39 号'),
      contactName: fc.constant('王强'),
      contactPhone: fc.constantFrom('025-83301234', '13800000000'),
      contactEmail: fc.constant('k@example.com'),
      accounts: fc.array(validAccount, { minLength: 1, maxLength: 5 }),
    });
    const anyValue = fc.oneof(fc.jsonValue(), fc.string(), fc.constant(undefined));
    /** A valid body with one field (or one account's field) replaced by anything at all. */
    const spoiled = <T extends Record<string, unknown>>(valid: fc.Arbitrary<T>) =>
      fc.tuple(valid, fc.nat(), anyValue).map(([body, i, value]) => {
        const keys = Object.keys(body);
        const key = keys[i % keys.length]!;
        const accounts = body['accounts'];
        if (Array.isArray(accounts) && key === 'accounts' && i % 2) {
          const row = { ...(accounts[i % accounts.length] as Record<string, unknown>) };
          const rowKeys = Object.keys(row);
          row[rowKeys[i % rowKeys.length]!] = value;
          return { ...body, accounts: accounts.map((a, j) => (j === i % accounts.length ? row : a)) };
        }
        return { ...body, [key]: value };
      });
    const bodiesFor = <T extends Record<string, unknown>>(valid: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: spoiled(valid) }, { weight: 1, arbitrary: fc.jsonValue() });

    const checkWrite = async (call: () => Promise<Response>, kind: 'unit' | 'account', accountsIn: number, seen: Set<number>) => {
      const before = await counts();
      const res = await call();
      seen.add(res.status);
      expect([201, 400, 409]).toContain(res.status);
      const after = await counts();
      if (res.status === 201) {
        expect(after.users - before.users).toBe(accountsIn);
        expect(after.outbox - before.outbox).toBe(accountsIn + (kind === 'unit' ? 1 : 0));
        expect(after.units - before.units).toBe(kind === 'unit' ? 1 : 0);
        expect(after.audit - before.audit).toBe(1);
      } else {
        expect(after).toEqual(before);
      }
    };

    it('POST /supervising-units', async () => {
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(bodiesFor(validUnit), fc.constantFrom('zh-CN', 'en-US'), async (body, locale) => {
          const n = (body as { accounts?: unknown } | null)?.accounts;
          await checkWrite(() => create(body === undefined ? 'null' : body, 'national_admin', locale), 'unit', Array.isArray(n) ? n.length : 0, seen);
        }),
        { numRuns: 80 },
      );
        expect([...seen]).toEqual(expect.arrayContaining([201, 400]));
    });

    it('POST /supervising-units/:id/accounts', async () => {
      const shanghai = await unitIdOf('上海市科学技术委员会');
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(bodiesFor(validAccount), async (body) => {
          await checkWrite(
            () => h.call('admin', `/supervising-units/${shanghai}/accounts`, 'national_admin', post(body === undefined ? 'null' : body)),
            'account',
            1,
            seen,
          );
        }),
        { numRuns: 80 },
      );
      expect([...seen]).toEqual(expect.arrayContaining([201, 400]));
    });
  });
});
