// Drives the dev portal the way the gateway and a browser do: real HTTP, real authorization code + PKCE
// flows through openid-client, the sign-in form posted like a browser would.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountDirectory, DEMO_UNITS, DirectoryError, SEED_ACCOUNTS } from './accounts.ts';
import type { Portal } from './provider.ts';
import { Browser, captchaAnswer, formAction } from '@wgzj/gateway/testing/browser';
import {
  CLIENT_ID,
  POST_LOGOUT_URI,
  REDIRECT_URI,
  SCOPE,
  devApi,
  publishedJwks,
  rpConfig,
  signIn,
  startBackchannelReceiver,
  startPortal,
  type BackchannelReceiver,
} from '@wgzj/gateway/testing/relying-party';

// ---- test-local check-character helpers (deliberately independent of any production code) ---------

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015: weights 3^i mod 31 over the first 17 characters. */
function creditCodeIsValid(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARSET.indexOf(code[i]!) * (3 ** i % 31);
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31] === code[17];
}

/** GB 11643-1999: ISO 7064 MOD 11-2. */
function residentIdIsValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11] === id[17];
}

// ---- tests ----------------------------------------------------------------------------------------

describe('seeded identifiers', () => {
  it('gives every resident ID number a correct GB 11643 check digit', () => {
    for (const account of SEED_ACCOUNTS) {
      if (account.kind === 'natural') expect(residentIdIsValid(account.idNumber ?? ''), account.username).toBe(true);
      else expect(account.idNumber).toBeNull();
    }
  });

  it('gives every unit credit code a correct GB 32100 check character, except the one meant to be wrong', () => {
    const { employerWithBadCreditCode, employerWithoutCreditCode, ...good } = DEMO_UNITS;
    for (const unit of Object.values(good)) expect(creditCodeIsValid(unit.creditCode), unit.name).toBe(true);
    expect(employerWithBadCreditCode.creditCode).toHaveLength(18);
    expect(creditCodeIsValid(employerWithBadCreditCode.creditCode)).toBe(false);
    expect(employerWithoutCreditCode.creditCode).toBe('');
  });

  it('uses mainland mobile numbers and unique login names', () => {
    for (const account of SEED_ACCOUNTS) expect(account.phoneNumber).toMatch(/^1[358]\d{9}$|^13\d{9}$/);
    expect(new Set(SEED_ACCOUNTS.map((a) => a.username)).size).toBe(SEED_ACCOUNTS.length);
  });
});

describe('account directory', () => {
  it("lets a unit's legal-person account grant and revoke roles of its own natural persons only", () => {
    const directory = new AccountDirectory();
    expect(directory.grantRole('legal_person', 'no_grant', 'handler').roles).toEqual(['handler']);
    expect(directory.grantRole('legal_person', 'no_grant', 'admin').roles).toEqual(['handler', 'admin']);
    expect(directory.revokeRole('legal_person', 'no_grant', 'handler').roles).toEqual(['admin']);

    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof DirectoryError ? err.code : 'OTHER';
      }
      return 'NONE';
    };
    expect(refusal(() => directory.grantRole('legal_person', 'supervisor_bj', 'handler'))).toBe('UNIT_MISMATCH');
    expect(refusal(() => directory.grantRole('employer_admin', 'no_grant', 'handler'))).toBe('NOT_LEGAL_PERSON');
    expect(refusal(() => directory.grantRole('legal_person', 'nobody', 'handler'))).toBe('ACCOUNT_NOT_FOUND');
    expect(refusal(() => directory.grantRole('legal_person', 'no_grant', 'root' as never))).toBe('INVALID_ROLE');
    expect(refusal(() => directory.setRealnameStatus('no_grant', 'maybe' as never))).toBe('INVALID_REALNAME_STATUS');
  });

  it('keeps each directory separate from the seed data and from other directories', () => {
    const a = new AccountDirectory();
    const b = new AccountDirectory();
    a.setRealnameStatus('employer_handler', 'unverified');
    expect(b.findByUsername('employer_handler')!.realnameStatus).toBe('verified');
    expect(SEED_ACCOUNTS.find((s) => s.username === 'employer_handler')!.realnameStatus).toBe('verified');
  });
});

describe('dev portal sign-in (captcha off)', () => {
  let portal: Portal;
  let config: oidc.Configuration;

  beforeAll(async () => {
    portal = await startPortal();
    config = await rpConfig(portal);
  });
  afterAll(() => portal.close());

  it('answers a browser asking for its icon with 204, not a 404 in the console', async () => {
    const res = await fetch(new URL('/favicon.ico', portal.issuer));
    expect(res.status).toBe(204);
  });

  it('signs employer_handler in and releases the portal claims in the ID token and userinfo', async () => {
    const result = await signIn(config, { username: 'employer_handler' });
    if (!result.ok) throw new Error(`sign-in failed: ${result.html}`);
    const idToken = result.tokens.id_token!;
    expect(decodeProtectedHeader(idToken).alg).toBe('RS256');

    const claims = result.tokens.claims()!;
    expect(claims).toMatchObject({
      iss: portal.issuer,
      aud: CLIENT_ID,
      preferred_username: 'employer_handler',
      name: '张伟',
      account_kind: 'natural',
      realname_status: 'verified',
      id_number: '110105198503122413',
      phone_number: '13910000001',
      unit: { name: '北京示例大学', credit_code: DEMO_UNITS.employerUniversity.creditCode, kind: 'employer' },
      wgzj_roles: ['handler'],
    });
    expect(claims.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(typeof claims.sid).toBe('string');

    const userinfo = await oidc.fetchUserInfo(config, result.tokens.access_token, claims.sub);
    expect(userinfo).toMatchObject({
      sub: claims.sub,
      preferred_username: 'employer_handler',
      unit: { credit_code: DEMO_UNITS.employerUniversity.creditCode },
      wgzj_roles: ['handler'],
      realname_status: 'verified',
    });
  });

  it('gives the same account the same opaque sub on every sign-in', async () => {
    const a = await signIn(config, { username: 'employer_admin' });
    const b = await signIn(config, { username: 'employer_admin' });
    if (!a.ok || !b.ok) throw new Error('sign-in failed');
    expect(a.tokens.claims()!.sub).toBe(b.tokens.claims()!.sub);
    expect(a.tokens.claims()!.wgzj_roles).toEqual(['admin']);
  });

  it('refuses a wrong password with the zh-CN message and issues no code', async () => {
    const result = await signIn(config, { username: 'employer_handler', password: 'wrong-password' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.location).toBeNull();
    expect(result.html).toContain('用户名或密码错误');
    expect(result.html).not.toContain('wrong-password');
  });

  it('refuses an unknown user with the same message as a wrong password', async () => {
    const result = await signIn(config, { username: 'nobody_here' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.html).toContain('用户名或密码错误');
  });

  it('refuses a natural-person account on the legal-person tab, and the reverse', async () => {
    const natural = await signIn(config, { username: 'employer_handler', kind: 'legal' });
    expect(natural.ok).toBe(false);
    if (!natural.ok) expect(natural.html).toContain('该帐号为自然人帐号,请选择自然人登录');

    const legal = await signIn(config, { username: 'legal_person', kind: 'natural' });
    expect(legal.ok).toBe(false);
    if (!legal.ok) expect(legal.html).toContain('该帐号为法人帐号,请选择法人登录');
  });

  it('signs the legal-person account in on the legal-person tab', async () => {
    const result = await signIn(config, { username: 'legal_person', kind: 'legal' });
    if (!result.ok) throw new Error(`sign-in failed: ${result.html}`);
    expect(result.tokens.claims()).toMatchObject({
      account_kind: 'legal',
      name: '北京示例大学',
      unit: { name: '北京示例大学', credit_code: DEMO_UNITS.employerUniversity.creditCode },
    });
    expect(result.tokens.claims()!.id_number).toBeUndefined();
  });

  it('shows a labelled sign-in form without a captcha field when captchas are off', async () => {
    const browser = new Browser();
    const authUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI, scope: SCOPE, state: oidc.randomState(),
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const { res } = await browser.follow(await browser.request(authUrl), authUrl, REDIRECT_URI);
    const html = await res.text();
    expect(html).toContain('科学技术部政务服务平台 · 统一用户登录');
    expect(html).toContain('您正在进入“外国专家项目管理信息系统”');
    expect(html).toMatch(/<label for="username">用户名<\/label>/);
    expect(html).toMatch(/<label for="password">密码<\/label>/);
    expect(html).not.toContain('验证码');
    expect(html).toMatch(/<button type="submit"[^>]*>登录<\/button>/);
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: SCOPE, state: 'x' });
    const res = await fetch(url, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('lets tests change real-name status and grants through the dev API, which needs the client credentials', async () => {
    expect((await devApi(portal, '/dev/accounts/no_grant/roles', { roles: ['handler'] }, 'wrong')).status).toBe(401);
    expect((await devApi(portal, '/dev/accounts/nobody/roles', { roles: ['handler'] })).status).toBe(404);
    expect((await devApi(portal, '/dev/accounts/no_grant/roles', { roles: ['superuser'] })).status).toBe(400);

    expect((await devApi(portal, '/dev/accounts/no_grant/roles', { roles: ['handler'] })).status).toBe(200);
    expect((await devApi(portal, '/dev/accounts/no_grant/realname', { status: 'pending' })).status).toBe(200);
    const result = await signIn(config, { username: 'no_grant' });
    if (!result.ok) throw new Error('sign-in failed');
    expect(result.tokens.claims()).toMatchObject({ wgzj_roles: ['handler'], realname_status: 'pending' });
  });

  it('rotates signing keys: the new kid comes first, new ID tokens use it, old tokens still verify', async () => {
    const before = await signIn(config, { username: 'supervisor_bj' });
    if (!before.ok) throw new Error('sign-in failed');
    const oldKid = (await publishedJwks(portal)).keys[0]!.kid;
    expect(decodeProtectedHeader(before.tokens.id_token!).kid).toBe(oldKid);

    expect((await devApi(portal, '/dev/rotate-keys', undefined, 'wrong')).status).toBe(401);
    const rotated = await devApi(portal, '/dev/rotate-keys');
    expect(rotated.status).toBe(200);
    const { kid: newKid } = (await rotated.json()) as { kid: string };

    const jwks = await publishedJwks(portal);
    expect(jwks.keys[0]!.kid).toBe(newKid);
    expect(newKid).not.toBe(oldKid);
    expect(jwks.keys.map((k) => k.kid)).toContain(oldKid);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);

    const after = await signIn(config, { username: 'supervisor_bj' });
    if (!after.ok) throw new Error('sign-in failed');
    expect(decodeProtectedHeader(after.tokens.id_token!).kid).toBe(newKid);
    const keySet = createLocalJWKSet(jwks);
    const verified = await jwtVerify(after.tokens.id_token!, keySet, { issuer: portal.issuer, audience: CLIENT_ID });
    expect(verified.payload.preferred_username).toBe('supervisor_bj');
    await expect(jwtVerify(before.tokens.id_token!, keySet, { issuer: portal.issuer, audience: CLIENT_ID }))
      .resolves.toBeTruthy();
  });
});

describe('dev portal captcha (captcha on)', () => {
  let portal: Portal;
  let config: oidc.Configuration;

  beforeAll(async () => {
    portal = await startPortal({ captcha: true });
    config = await rpConfig(portal);
  });
  afterAll(() => portal.close());

  it('refuses a wrong captcha even with the right password', async () => {
    const result = await signIn(config, { username: 'employer_handler', captcha: () => 'ZZZZ' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.html).toContain('验证码错误');
      expect(result.html).toMatch(/<label for="captcha">验证码<\/label>/);
    }
  });

  it('accepts the captcha shown on the page', async () => {
    const result = await signIn(config, { username: 'employer_handler', captcha: captchaAnswer });
    expect(result.ok).toBe(true);
  });
});

describe('dev portal logout', () => {
  let portal: Portal;
  let config: oidc.Configuration;
  let receiver: BackchannelReceiver;

  beforeAll(async () => {
    receiver = await startBackchannelReceiver();
    portal = await startPortal({}, receiver.url);
    config = await rpConfig(portal);
  });
  afterAll(async () => {
    await portal.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  it('ends the session on RP-initiated logout, returns to the registered URI and sends a back-channel logout', async () => {
    const result = await signIn(config, { username: 'employer_handler' });
    if (!result.ok) throw new Error('sign-in failed');
    const { browser, tokens } = result;
    const sid = tokens.claims()!.sid;
    expect(sid).toEqual(expect.any(String));

    const endUrl = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: 'bye',
    });
    const confirmPage = await browser.request(endUrl);
    expect(confirmPage.status).toBe(200);
    const html = await confirmPage.text();
    expect(html).toContain('退出登录');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(xsrf).toBeTruthy();

    const confirmed = await browser.request(formAction(html, endUrl), { form: { xsrf: xsrf!, logout: 'yes' } });
    expect(confirmed.status).toBe(303);
    const back = new URL(confirmed.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(POST_LOGOUT_URI);
    expect(back.searchParams.get('state')).toBe('bye');

    await expect.poll(() => receiver.received.length, { timeout: 3000 }).toBeGreaterThan(0);
    const logoutToken = new URLSearchParams(receiver.received.at(-1)).get('logout_token')!;
    const { payload } = await jwtVerify(logoutToken, createLocalJWKSet(await publishedJwks(portal)), {
      issuer: portal.issuer,
      audience: CLIENT_ID,
    });
    expect(payload.sub).toBe(tokens.claims()!.sub);
    expect(payload.sid).toBe(sid);
    expect(payload.events).toHaveProperty(['http://schemas.openid.net/event/backchannel-logout']);

    // The portal session is gone: a new authorization request asks for the password again.
    const authUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI, scope: SCOPE, state: oidc.randomState(),
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const again = await browser.follow(await browser.request(authUrl), authUrl, REDIRECT_URI);
    expect(again.res.status).toBe(200);
    expect(await again.res.text()).toContain('<label for="password">密码</label>');
  });

  it('refuses a post-logout redirect URI that is not registered', async () => {
    const result = await signIn(config, { username: 'employer_admin' });
    if (!result.ok) throw new Error('sign-in failed');
    const endUrl = oidc.buildEndSessionUrl(config, {
      id_token_hint: result.tokens.id_token!,
      post_logout_redirect_uri: 'http://evil.example.com/',
    });
    const res = await result.browser.request(endUrl);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe('dev portal signing keys on disk', () => {
  let dataDir: string;
  beforeAll(async () => { dataDir = await mkdtemp(join(tmpdir(), 'dev-portal-')); });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps its signing keys across restarts, including a rotation', async () => {
    const first = await startPortal({ dataDir });
    const kid1 = (await publishedJwks(first)).keys[0]!.kid;
    await first.close();

    const second = await startPortal({ dataDir });
    expect((await publishedJwks(second)).keys[0]!.kid).toBe(kid1);
    const kid2 = await second.rotateKeys();
    await second.close();

    const third = await startPortal({ dataDir });
    const kids = (await publishedJwks(third)).keys.map((k) => k.kid);
    await third.close();
    expect(kids).toEqual([kid2, kid1]);
  });
});
