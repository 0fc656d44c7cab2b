// The sync from this system to the portal: supervising units and their users' accounts, client-authenticated,
// validated field by field, idempotent, and a synced account signs in through a real code flow.
import * as oidc from 'openid-client';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portal } from './provider.ts';
import { generateInitialPassword } from './sync.ts';
import { devApi, rpConfig, signIn, startPortal } from '@wgzj/gateway/testing/relying-party';

/** Fictitious, with correct check characters (GB 32100 / GB 11643). */
const ZHEJIANG = { name: '浙江省科学技术厅', creditCode: '11330000002567813E', kind: 'supervising' } as const;
const GUANGDONG = { name: '广东省科学技术厅', creditCode: '11440000007654321U', kind: 'supervising' } as const;
const VALID_ID = '330106199005051239';
const WRONG_CHECK_DIGIT_ID = '330106199005051230';
const OTHER_VALID_IDS = ['440304198511204567', '320102198808081122', '420106199203153342'] as const;

const account = (over: Record<string, unknown> = {}) => ({
  username: 'zj_kjt_li',
  name: '李明',
  idNumber: VALID_ID,
  phone: '13700001111',
  email: 'liming@zjkjt.example.com',
  unit: ZHEJIANG,
  ...over,
});

describe('sync from this system (supervising units and their accounts)', () => {
  const lines: string[] = [];
  let portal: Portal;
  let config: oidc.Configuration;

  beforeAll(async () => {
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    portal = await startPortal({ logger });
    config = await rpConfig(portal);
  });
  afterAll(() => portal.close());

  it('answers 401 without valid client credentials and changes nothing', async () => {
    for (const path of ['/sync/units', '/sync/accounts']) {
      const anonymous = await fetch(new URL(path, portal.issuer), {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ZHEJIANG),
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect((await devApi(portal, path, account(), 'wrong-secret')).status).toBe(401);
    }
    expect(portal.accounts.findByUsername('zj_kjt_li')).toBeUndefined();
    expect(portal.accounts.findUnit(ZHEJIANG.creditCode)).toBeUndefined();
  });

  it('answers 400 naming the field on bad input', async () => {
    const cases: Array<[path: string, body: unknown, field: string | null, words: string]> = [
      ['/sync/units', { ...ZHEJIANG, creditCode: undefined }, 'creditCode', '统一社会信用代码(creditCode):不能为空'],
      ['/sync/units', { ...ZHEJIANG, creditCode: '11330000002567813A' }, 'creditCode', '校验位'],
      ['/sync/units', { ...ZHEJIANG, kind: 'employer' }, 'kind', '单位类型(kind):只能为 supervising'],
      ['/sync/units', { ...ZHEJIANG, name: '  ' }, 'name', '单位名称(name):不能为空'],
      ['/sync/units', [], null, '请求体须为 JSON 对象'],
      ['/sync/accounts', account({ username: undefined }), 'username', '用户名(username):不能为空'],
      ['/sync/accounts', account({ username: 'a b' }), 'username', '字母、数字'],
      ['/sync/accounts', account({ phone: '0571-88888888' }), 'phone', '手机号(phone)'],
      ['/sync/accounts', account({ email: 'not-an-email' }), 'email', '电子邮箱(email):格式不正确'],
      ['/sync/accounts', account({ idNumber: '12345' }), 'idNumber', '身份证号(idNumber)'],
      ['/sync/accounts', account({ unit: undefined }), 'unit', '单位(unit):不能为空'],
      ['/sync/accounts', account({ unit: { ...ZHEJIANG, creditCode: '123' } }), 'unit.creditCode', '统一社会信用代码(unit.creditCode)'],
      ['/sync/accounts', account({ unit: { ...ZHEJIANG, kind: 'national' } }), 'unit.kind', '单位类型(unit.kind)'],
    ];
    for (const [path, body, field, words] of cases) {
      const res = await devApi(portal, path, body);
      const answer = (await res.json()) as { code: string; field: string | null; message: string };
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(answer.code).toBe('INVALID_INPUT');
      expect(answer.field).toBe(field);
      expect(answer.message).toContain(words);
    }
    const notJson = await fetch(new URL('/sync/accounts', portal.issuer), {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('wgzjxm-test:test-secret').toString('base64')}` },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { message: string }).message).toBe('请求体须为 JSON');
    expect(portal.accounts.findByUsername('zj_kjt_li')).toBeUndefined();
  });

  it('registers a supervising unit once (201), then updates it (200)', async () => {
    const first = await devApi(portal, '/sync/units', ZHEJIANG);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual(ZHEJIANG);
    const renamed = await devApi(portal, '/sync/units', { ...ZHEJIANG, name: '浙江省科技厅' });
    expect(renamed.status).toBe(200);
    expect(portal.accounts.findUnit(ZHEJIANG.creditCode)!.name).toBe('浙江省科技厅');
    expect((await devApi(portal, '/sync/units', ZHEJIANG)).status).toBe(200);

    // A credit code the portal knows for an employer unit is not turned into a supervising one.
    const employer = await devApi(portal, '/sync/units', { name: '北京示例大学', creditCode: '121100004000018622', kind: 'supervising' });
    expect(employer.status).toBe(409);
    expect(((await employer.json()) as { code: string }).code).toBe('UNIT_CONFLICT');
  });

  it('creates an account with an initial password only in the first answer (201), then updates it (200)', async () => {
    const first = await devApi(portal, '/sync/accounts', account());
    expect(first.status).toBe(201);
    const created = (await first.json()) as { username: string; initialPassword: string; realnameStatus: string };
    expect(created).toMatchObject({ username: 'zj_kjt_li', realnameStatus: 'verified' });
    expect(created.initialPassword).toMatch(/^.{12}$/);
    expect(first.headers.get('cache-control')).toBe('no-store');

    const synced = portal.accounts.findByUsername('zj_kjt_li')!;
    expect(synced).toMatchObject({ kind: 'natural', realnameStatus: 'verified', roles: [], unit: ZHEJIANG });

    const again = await devApi(portal, '/sync/accounts', account({ email: 'li.ming@zjkjt.example.com' }));
    expect(again.status).toBe(200);
    const repeated = (await again.json()) as Record<string, unknown>;
    expect(repeated).toEqual({ username: 'zj_kjt_li', realnameStatus: 'verified' });
    expect(portal.accounts.findByUsername('zj_kjt_li')!.email).toBe('li.ming@zjkjt.example.com');
    // The first password still works: a repeat does not reset it.
    expect(portal.accounts.authenticate('zj_kjt_li', created.initialPassword)).toBeDefined();

    // The password was never logged.
    expect(lines.join('\n')).not.toContain(created.initialPassword);
    expect(lines.some((l) => l.includes('"event":"account_synced"'))).toBe(true);
    expect(lines.join('\n')).not.toContain(VALID_ID);
  });

  it('leaves real-name verification pending when the ID number fails its check or the name is missing', async () => {
    const badId = await devApi(portal, '/sync/accounts', account({
      username: 'gd_kjt_wang', idNumber: WRONG_CHECK_DIGIT_ID, phone: '13700002222', unit: GUANGDONG,
    }));
    expect(badId.status).toBe(201);
    expect(await badId.json()).toMatchObject({ realnameStatus: 'pending' });
    expect(portal.accounts.findByUsername('gd_kjt_wang')!.realnameStatus).toBe('pending');

    const noName = await devApi(portal, '/sync/accounts', account({
      username: 'gd_kjt_zhao', name: undefined, idNumber: OTHER_VALID_IDS[0], phone: '13700003333', unit: GUANGDONG,
    }));
    expect(noName.status).toBe(201);
    expect(await noName.json()).toMatchObject({ realnameStatus: 'pending' });

    // Correcting the data on a repeat verifies the account.
    const fixed = await devApi(portal, '/sync/accounts', account({
      username: 'gd_kjt_wang', idNumber: OTHER_VALID_IDS[1], phone: '13700002222', unit: GUANGDONG,
    }));
    expect(fixed.status).toBe(200);
    expect(portal.accounts.findByUsername('gd_kjt_wang')!.realnameStatus).toBe('verified');
  });

  it('refuses a username that belongs to a portal account this system did not create, and a taken phone number', async () => {
    const taken = await devApi(portal, '/sync/accounts', account({ username: 'employer_handler', phone: '13700004444', idNumber: null }));
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: 'USERNAME_TAKEN', message: '用户名已被政务服务平台的其他帐号使用' });
    expect(portal.accounts.findByUsername('employer_handler')!.unit!.name).toBe('北京示例大学');

    // 该用户已经被注册: an ID number or mobile number another account already uses.
    const phone = await devApi(portal, '/sync/accounts', account({ username: 'zj_kjt_sun', phone: '13910000001', idNumber: null }));
    expect(phone.status).toBe(409);
    expect(await phone.json()).toMatchObject({ code: 'ALREADY_REGISTERED' });
    const id = await devApi(portal, '/sync/accounts', account({ username: 'zj_kjt_sun', phone: '13700007777' }));
    expect(id.status).toBe(409);
    expect(await id.json()).toMatchObject({
      code: 'ALREADY_REGISTERED', message: '该用户已经被注册,请检查用户证件号码或手机号码是否正确',
    });

    const otherName = await devApi(portal, '/sync/accounts', account({
      username: 'zj_kjt_qian', phone: '13700005555', idNumber: null, unit: { ...GUANGDONG, name: '别的名字' },
    }));
    expect(otherName.status).toBe(409);
    expect(await otherName.json()).toMatchObject({ code: 'UNIT_CONFLICT' });
  });

  it('lets the synced account sign in through the portal with its initial password (real code flow)', async () => {
    const ok = await devApi(portal, '/sync/accounts', account({
      username: 'zj_kjt_zhou', name: '周红', idNumber: OTHER_VALID_IDS[2], phone: '13700006666',
      email: 'zhouhong@zjkjt.example.com',
    }));
    expect(ok.status).toBe(201);
    const { initialPassword } = (await ok.json()) as { initialPassword: string };

    // Not the demo password: only the one handed to this system.
    expect((await signIn(config, { username: 'zj_kjt_zhou', password: 'Demo@2026' })).ok).toBe(false);

    const signedIn = await signIn(config, { username: 'zj_kjt_zhou', password: initialPassword });
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.html}`);
    const claims = signedIn.tokens.claims()!;
    expect(claims).toMatchObject({
      preferred_username: 'zj_kjt_zhou',
      name: '周红',
      account_kind: 'natural',
      realname_status: 'verified',
      id_number: OTHER_VALID_IDS[2],
      phone_number: '13700006666',
      unit: { name: '浙江省科学技术厅', credit_code: ZHEJIANG.creditCode, kind: 'supervising' },
      wgzj_roles: [],
    });
    expect(claims.sub).toBe(portal.accounts.findByUsername('zj_kjt_zhou')!.sub);
    const userinfo = await oidc.fetchUserInfo(config, signedIn.tokens.access_token, claims.sub);
    expect(userinfo).toMatchObject({ preferred_username: 'zj_kjt_zhou', wgzj_roles: [] });
  });

  it('generates initial passwords with every character class and no look-alikes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateInitialPassword();
      expect(password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*[2-9])(?=.*[@#$%&*])[A-HJ-NP-Za-km-z2-9@#$%&*]{12}$/);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});
