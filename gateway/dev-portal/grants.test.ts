// 用户授权管理 driven like a browser: the legal person signs in, grants and revokes; the person's next tokens
// show it, and a revocation that leaves no grant sends a signed back-channel logout token to the client.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, subjectFor } from './accounts.ts';
import type { Portal } from './provider.ts';
import { Browser, captchaAnswer, hiddenField } from '@wgzj/gateway/testing/browser';
import {
  CLIENT_ID,
  devApi,
  publishedJwks,
  rpConfig,
  signIn,
  startBackchannelReceiver,
  startPortal,
  type BackchannelReceiver,
} from '@wgzj/gateway/testing/relying-party';

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** A browser on the grants page: it remembers the CSRF token of the last page it was shown. */
class GrantsVisitor {
  readonly browser = new Browser();
  csrf = '';
  constructor(readonly portal: Portal) {}

  url(path: string): URL {
    return new URL(path, this.portal.issuer);
  }

  async open(): Promise<{ res: Response; html: string }> {
    const res = await this.browser.request(this.url('/grants'));
    const html = await res.text();
    this.csrf = hiddenField(html, 'csrf');
    return { res, html };
  }

  async signIn(username = 'legal_person', password = DEMO_PASSWORD, extra: Record<string, string> = {}): Promise<Response> {
    await this.open();
    const res = await this.post('/grants/login', { kind: 'legal', username, password, ...extra });
    // Signing in issues a new session and token: pick the token up from the page, as a browser would.
    if (res.status === 303) await this.open();
    return res;
  }

  post(path: string, form: Record<string, string>, csrf: string | null = this.csrf): Promise<Response> {
    return this.browser.request(this.url(path), { form: csrf === null ? form : { csrf, ...form } });
  }
}

async function verifyLogoutToken(portal: Portal, token: string) {
  return jwtVerify(token, createLocalJWKSet(await publishedJwks(portal)), {
    issuer: portal.issuer,
    audience: CLIENT_ID,
    typ: 'logout+jwt',
    algorithms: ['RS256'],
  });
}

describe('用户授权管理 (captcha off)', () => {
  let receiver: BackchannelReceiver;
  let portal: Portal;
  let config: oidc.Configuration;

  beforeAll(async () => {
    receiver = await startBackchannelReceiver();
    portal = await startPortal({}, receiver.url);
    config = await rpConfig(portal);
  });
  afterAll(async () => {
    await portal.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });

  it('offers only 法人登录, without a captcha, and keeps its session in an HttpOnly SameSite=Lax portal_ cookie', async () => {
    const visitor = new GrantsVisitor(portal);
    const { res, html } = await visitor.open();
    expect(res.status).toBe(200);
    expect(html).toContain('科学技术部政务服务平台 · 用户授权管理');
    expect(html).toContain('<label for="kind-legal">法人登录</label>');
    expect(html).not.toContain('自然人登录');
    expect(html).not.toContain('验证码');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('portal_grants='));
    expect(cookie).toMatch(/; Path=\/grants; HttpOnly; SameSite=Lax/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('lets the legal person grant no_grant 事项办理员 (next tokens carry it) and revoke it (a logout token goes out)', async () => {
    const legal = new GrantsVisitor(portal);
    const signedIn = await legal.signIn();
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/grants');

    let { html } = await legal.open();
    expect(html).toContain('授权操作 · 北京示例大学');
    expect(html).toContain('data-testid="grant-row-no_grant"');
    expect(html).toContain('data-testid="grant-row-employer_handler"');
    expect(html).not.toContain('grant-row-supervisor_bj'); // another unit
    expect(html).not.toContain('grant-row-legal_person'); // not a natural person
    expect(html).not.toContain('110108199302172821'); // ID numbers are masked on screen
    expect(html).toContain('110***********2821');

    const granted = await legal.post('/grants/grant', { username: 'no_grant', role: 'handler' });
    expect(granted.status).toBe(303);
    ({ html } = await legal.open());
    expect(html).toContain('已为 孙丽(no_grant)授权“外国专家项目-事项办理员”');

    const withGrant = await signIn(config, { username: 'no_grant' });
    if (!withGrant.ok) throw new Error('sign-in failed');
    const sub = withGrant.tokens.claims()!.sub;
    expect(withGrant.tokens.claims()!.wgzj_roles).toEqual(['handler']);
    expect(await oidc.fetchUserInfo(config, withGrant.tokens.access_token, sub)).toMatchObject({ wgzj_roles: ['handler'] });
    expect(receiver.received).toHaveLength(0);

    const revoked = await legal.post('/grants/revoke', { username: 'no_grant', role: 'handler' });
    expect(revoked.status).toBe(303);
    ({ html } = await legal.open());
    expect(html).toContain('已取消 孙丽(no_grant)的“外国专家项目-事项办理员”授权,其在外国专家项目管理信息系统的登录会话已结束');

    // Delivered before the page answered.
    expect(receiver.received).toHaveLength(1);
    const logoutToken = new URLSearchParams(receiver.received[0]).get('logout_token')!;
    const header = decodeProtectedHeader(logoutToken);
    expect(header).toMatchObject({ typ: 'logout+jwt', alg: 'RS256' });
    expect(header.kid).toBe((await publishedJwks(portal)).keys[0]!.kid);
    const { payload } = await verifyLogoutToken(portal, logoutToken);
    expect(payload.sub).toBe(sub);
    expect(payload.sub).toBe(subjectFor('no_grant'));
    expect(payload.events).toEqual({ [LOGOUT_EVENT]: {} });
    expect(payload).not.toHaveProperty('nonce');
    expect(payload).not.toHaveProperty('sid');
    expect(typeof payload.jti).toBe('string');
    expect(typeof payload.iat).toBe('number');

    const afterRevoke = await signIn(config, { username: 'no_grant' });
    if (!afterRevoke.ok) throw new Error('sign-in failed');
    expect(afterRevoke.tokens.claims()!.wgzj_roles).toEqual([]);
    expect(await oidc.fetchUserInfo(config, afterRevoke.tokens.access_token, sub)).toMatchObject({ wgzj_roles: [] });
  });

  it('sends a logout token only when the last grant goes', async () => {
    const legal = new GrantsVisitor(portal);
    await legal.signIn();
    await legal.post('/grants/grant', { username: 'no_grant', role: 'handler' });
    await legal.post('/grants/grant', { username: 'no_grant', role: 'admin' });
    expect(portal.accounts.findByUsername('no_grant')!.roles).toEqual(['handler', 'admin']);

    await legal.post('/grants/revoke', { username: 'no_grant', role: 'handler' });
    expect(receiver.received).toHaveLength(0);
    // Revoking what was never granted ends nothing.
    await legal.post('/grants/revoke', { username: 'no_grant', role: 'handler' });
    expect(receiver.received).toHaveLength(0);
    await legal.post('/grants/revoke', { username: 'no_grant', role: 'admin' });
    expect(receiver.received).toHaveLength(1);
    expect(portal.accounts.findByUsername('no_grant')!.roles).toEqual([]);
  });

  it('refuses a natural-person account, and a wrong password, with zh-CN messages', async () => {
    const visitor = new GrantsVisitor(portal);
    const natural = await visitor.signIn('employer_admin');
    expect(natural.status).toBe(400);
    const html = await natural.text();
    expect(html).toContain('该帐号为自然人帐号。用户授权管理仅限单位法人帐号登录');
    expect(natural.headers.get('location')).toBeNull();
    expect((await visitor.open()).html).toContain('<label for="kind-legal">法人登录</label>');

    const wrong = await visitor.signIn('legal_person', 'not-the-password');
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('用户名或密码错误');
    expect(wrongHtml).not.toContain('not-the-password');

    // Even a natural person allowed to administer the unit in this system cannot grant here.
    const post = await visitor.post('/grants/grant', { username: 'no_grant', role: 'handler' });
    expect(post.status).toBe(401);
    expect(portal.accounts.findByUsername('no_grant')!.roles).toEqual([]);
  });

  it("does not let a legal person change a person of another unit, and says so in zh-CN", async () => {
    const legal = new GrantsVisitor(portal);
    await legal.signIn();
    await legal.open();
    const grant = await legal.post('/grants/grant', { username: 'supervisor_bj', role: 'admin' });
    expect(grant.status).toBe(403);
    expect(await grant.text()).toContain('只能为本单位的自然人授权或取消授权,该用户不属于本单位');
    const revoke = await legal.post('/grants/revoke', { username: 'supervisor_bj', role: 'handler' });
    expect(revoke.status).toBe(403);
    expect(portal.accounts.findByUsername('supervisor_bj')!.roles).toEqual(['handler']);
    expect(receiver.received).toHaveLength(0);

    const unknown = await legal.post('/grants/grant', { username: 'nobody', role: 'handler' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('用户不存在');
    const badRole = await legal.post('/grants/grant', { username: 'no_grant', role: 'root' });
    expect(badRole.status).toBe(400);
    expect(await badRole.text()).toContain('授权事项无效');
  });

  it('requires the CSRF token of the signed-in session on every form', async () => {
    const legal = new GrantsVisitor(portal);
    await legal.signIn();
    const { html } = await legal.open();
    expect(html).toContain('name="csrf"');

    const missing = await legal.post('/grants/grant', { username: 'no_grant', role: 'handler' }, null);
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('页面已失效,请刷新页面后重试');
    expect((await legal.post('/grants/grant', { username: 'no_grant', role: 'handler' }, 'forged')).status).toBe(403);

    // The anonymous token from before sign-in is worth nothing afterwards, nor is another visitor's token.
    const other = new GrantsVisitor(portal);
    await other.open();
    expect((await legal.post('/grants/grant', { username: 'no_grant', role: 'handler' }, other.csrf)).status).toBe(403);
    expect((await legal.post('/grants/logout', {}, null)).status).toBe(403);
    expect(portal.accounts.findByUsername('no_grant')!.roles).toEqual([]);

    // Signing in needs the page's token too (no login CSRF).
    const stranger = new GrantsVisitor(portal);
    const noToken = await stranger.post('/grants/login', { kind: 'legal', username: 'legal_person', password: DEMO_PASSWORD }, null);
    expect(noToken.status).toBe(403);
  });

  it('signs out with 退出: the session is gone and its forms stop working', async () => {
    const legal = new GrantsVisitor(portal);
    const signedIn = await legal.signIn();
    const sessionCookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('portal_grants='))!;
    const { html } = await legal.open();
    expect(html).toMatch(/<form method="post" action="\/grants\/logout">.*<button type="submit" class="secondary">退出<\/button>/s);
    const csrf = legal.csrf;

    const out = await legal.post('/grants/logout', {});
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().some((c) => /^portal_grants=;.*Max-Age=0/.test(c))).toBe(true);
    expect((await legal.open()).html).toContain('<label for="kind-legal">法人登录</label>');

    // Replaying the old cookie and token after sign-out changes nothing.
    const replay = await fetch(new URL('/grants/grant', portal.issuer), {
      method: 'POST',
      headers: { cookie: sessionCookie.split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, username: 'no_grant', role: 'handler' }).toString(),
      redirect: 'manual',
    });
    expect(replay.status).toBe(403);
    expect(portal.accounts.findByUsername('no_grant')!.roles).toEqual([]);
  });

  it('sends a logout token when the dev API takes away the last grant', async () => {
    const cleared = await devApi(portal, '/dev/accounts/employer_handler/roles', { roles: [] });
    expect(await cleared.json()).toMatchObject({ wgzj_roles: [], backchannel: 'delivered' });
    expect(receiver.received).toHaveLength(1);
    const { payload } = await verifyLogoutToken(portal, new URLSearchParams(receiver.received[0]).get('logout_token')!);
    expect(payload.sub).toBe(subjectFor('employer_handler'));

    // Nothing to end when there was no grant to begin with.
    await devApi(portal, '/dev/accounts/employer_handler/roles', { roles: [] });
    expect(receiver.received).toHaveLength(1);
    await devApi(portal, '/dev/accounts/employer_handler/roles', { roles: ['handler'] });
  });
});

describe('用户授权管理 (captcha on)', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({ captcha: true }, '');
  });
  afterAll(() => portal.close());

  it('asks for the captcha on the page and refuses a wrong one', async () => {
    const legal = new GrantsVisitor(portal);
    const { html } = await legal.open();
    expect(html).toMatch(/<label for="captcha">验证码<\/label>/);
    const wrong = await legal.post('/grants/login', { kind: 'legal', username: 'legal_person', password: DEMO_PASSWORD, captcha: 'ZZZZ' });
    expect(wrong.status).toBe(400);
    const again = await wrong.text();
    expect(again).toContain('验证码错误');

    legal.csrf = hiddenField(again, 'csrf');
    const right = await legal.post('/grants/login', {
      kind: 'legal', username: 'legal_person', password: DEMO_PASSWORD, captcha: captchaAnswer(again),
    });
    expect(right.status).toBe(303);
  });
});

describe('用户授权管理 when the relying party does not answer', () => {
  const lines: string[] = [];
  let portal: Portal;
  let deadUrl: string;

  beforeAll(async () => {
    // A port that was free a moment ago: the logout token cannot be delivered.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    deadUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/auth/backchannel-logout`;
    await new Promise((resolve) => probe.close(resolve));
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    portal = await startPortal({ logger }, deadUrl);
  });
  afterAll(() => portal.close());

  it('still revokes, tells the legal person the notice failed, and logs the failure without the token', async () => {
    const legal = new GrantsVisitor(portal);
    await legal.signIn();
    await legal.post('/grants/revoke', { username: 'employer_handler', role: 'handler' });
    expect(portal.accounts.findByUsername('employer_handler')!.roles).toEqual([]);
    expect((await legal.open()).html).toContain('通知外国专家项目管理信息系统结束其登录会话失败,已记录日志');

    const failure = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'backchannel_logout_failed');
    expect(failure).toMatchObject({ sub: subjectFor('employer_handler'), clientId: CLIENT_ID, reason: 'grant_revoked' });
    const all = lines.join('\n');
    expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT
    expect(all).not.toContain(legal.csrf);
  });
});
