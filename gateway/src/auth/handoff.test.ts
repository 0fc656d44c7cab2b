// The portal handoff end to end: a real dev portal, a real gateway, real HTTP and OIDC between them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, formAction } from '@wgzj/gateway/testing/browser';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';
import { safeReturnTo } from './handoff.ts';
import { PORTAL_PROBE_SECONDS } from './portal-client.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const url = (path: string) => new URL(path, stack.gatewayUrl);

async function me(browser: Browser) {
  const res = await browser.request(url('/auth/me'), { headers: { accept: 'application/json', 'sec-fetch-dest': 'empty' } });
  return { status: res.status, body: (await res.json()) as { user?: { username: string; role: string; unit: { name: string } }; csrfToken?: string } };
}

describe('signing in through the portal', () => {
  it('sends a page visit without a session to the portal and back to the page it asked for', async () => {
    const { browser, res, url: landed } = await signInThrough(stack, 'employer_handler', '/projects');
    expect(landed.href).toBe(url('/projects').href);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('外国专家项目管理信息系统');
    const who = await me(browser);
    expect(who.status).toBe(200);
    expect(who.body.user).toMatchObject({ username: 'employer_handler', role: 'employer_handler', unit: { name: '北京示例大学' } });
  });

  it('issues a session cookie that is HttpOnly and SameSite=Lax, and a new one at every sign-in', async () => {
    const browser = new Browser();
    const first = await signInThrough(stack, 'employer_handler', '/', browser);
    const firstCookie = first.browser.jar.header(url('/'));
    const again = await signInThrough(stack, 'employer_handler', '/auth/login', browser);
    expect(again.url.pathname).toBe('/');
    expect(browser.jar.header(url('/'))).not.toBe(firstCookie);
    const login = await fetch(url('/auth/login'), { redirect: 'manual' });
    expect(login.headers.getSetCookie().join(';')).toMatch(/HttpOnly/i);
  });

  it('answers /auth/me with Cache-Control: no-store, signed in or not', async () => {
    const { browser } = await signInThrough(stack, 'employer_handler');
    const signedIn = await browser.request(url('/auth/me'), { headers: { accept: 'application/json', 'sec-fetch-dest': 'empty' } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    const anonymous = await fetch(url('/auth/me'), { headers: { accept: 'application/json' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
  });

  it('lets an API call through with the identity of the session, scoped to the unit', async () => {
    const { browser } = await signInThrough(stack, 'employer_handler');
    const res = await browser.request(url('/api/projects/plans'), { headers: { accept: 'application/json', 'sec-fetch-dest': 'empty' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<{ unitName: string }>; total: number };
    expect(body.total).toBeGreaterThan(0);
    expect(new Set(body.items.map((p) => p.unitName))).toEqual(new Set(['北京示例大学']));
  });

  it('refuses a portal user without a grant, on a zh-CN page that says who grants it where, with a reference code', async () => {
    const { res } = await signInThrough(stack, 'no_grant');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('ADMISSION_ROLE_MISSING');
    expect(html).toContain('用户授权管理');
    expect(html).toMatch(/data-testid="reference">H\d{8}-[A-Z0-9]{6}</);
  });
});

describe('what the gateway refuses', () => {
  it('answers an API call without a session with JSON 401, and a page visit with the sign-in redirect', async () => {
    const api = await fetch(url('/api/projects/plans'), { headers: { accept: 'application/json', 'sec-fetch-dest': 'empty' } });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: 'AUTH_REQUIRED', message: '请先登录。' } });
    const page = await fetch(url('/experts'), { headers: { accept: 'text/html', 'sec-fetch-dest': 'document' }, redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/auth/login?returnTo=%2Fexperts');
  });

  it('treats a tampered or made-up session cookie as no session', async () => {
    const { browser } = await signInThrough(stack, 'employer_handler');
    const cookie = browser.jar.header(url('/'));
    const tampered = cookie.replace(/wgzj_sid=([^;]+)/, (_, v: string) => `wgzj_sid=${v.slice(0, -1)}${v.endsWith('A') ? 'B' : 'A'}`);
    for (const value of [tampered, 'wgzj_sid=../../etc/passwd', `wgzj_sid=${'x'.repeat(43)}`]) {
      const res = await fetch(url('/api/projects/plans'), { headers: { cookie: value, accept: 'application/json', 'sec-fetch-dest': 'empty' } });
      expect(res.status).toBe(401);
    }
  });

  it('refuses unsafe API calls without the CSRF token or from another origin', async () => {
    const { browser } = await signInThrough(stack, 'employer_handler');
    const { body } = await me(browser);
    const call = (headers: Record<string, string>) =>
      browser.request(url('/api/projects/plans'), {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', 'sec-fetch-dest': 'empty', ...headers },
      });
    const missing = await call({ origin: stack.gatewayUrl });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    const foreign = await call({ origin: 'https://evil.example', 'x-csrf-token': body.csrfToken! });
    expect(foreign.status).toBe(403);
    const wrong = await call({ origin: stack.gatewayUrl, 'x-csrf-token': 'not-the-token' });
    expect(wrong.status).toBe(403);
    // With both, the gateway lets it through to the module, which reads the (empty) body and answers for itself.
    const passed = await call({ origin: stack.gatewayUrl, 'x-csrf-token': body.csrfToken! });
    expect(passed.status).toBe(400);
    expect(await passed.json()).toMatchObject({ error: { code: 'BAD_JSON' } });
  });

  it('refuses a callback without its sign-in transaction, and the same callback replayed', async () => {
    const browser = new Browser();
    const start = await browser.request(url('/auth/login'));
    const atPortal = await browser.follow(start, url('/auth/login'), '\u0000');
    const html = await atPortal.res.text();
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&'), atPortal.url);
    const posted = await browser.request(action, { form: { kind: 'natural', username: 'employer_handler', password: 'Demo@2026' } });
    const atCallback = await browser.follow(posted, action, `${stack.gatewayUrl}/auth/callback`);
    expect(atCallback.url.pathname).toBe('/auth/callback');
    // A different browser (no transaction cookie) presenting the code is refused, on the refusal's own address.
    const stranger = new Browser();
    const refused = await stranger.request(atCallback.url);
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toMatch(/^\/auth\/refused\/H\d{8}-[A-Z2-9]{6}$/);
    const page = await stranger.follow(refused, atCallback.url, '\u0000');
    expect(page.res.status).toBe(400);
    expect(await page.res.text()).toContain('HANDOFF_STATE_MISSING');
    // The rightful browser succeeds once; the replay finds no transaction left.
    const first = await browser.request(atCallback.url);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/auth/confirm');
    const replay = await browser.follow(await browser.request(atCallback.url), atCallback.url, '\u0000');
    expect(replay.res.status).toBe(400);
  });

  it('refuses a callback whose state does not match the transaction', async () => {
    const browser = new Browser();
    const start = await browser.request(url('/auth/login'));
    expect(start.status).toBe(302);
    const forged = url('/auth/callback?code=forged&state=not-the-state');
    const { res } = await browser.follow(await browser.request(forged), forged, '\u0000');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('HANDOFF_PORTAL_ERROR');
  });

  it('never sends the browser off-site after sign-in', () => {
    for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '', '/auth/callback']) {
      expect(safeReturnTo(bad)).toBe('/');
    }
    expect(safeReturnTo('/projects/plans?id=1')).toBe('/projects/plans?id=1');
  });
});

describe('logout', () => {
  it('ends the session and signs out at the portal, naming the client rather than putting a token in the URL', async () => {
    const { browser } = await signInThrough(stack, 'employer_handler');
    const { body } = await me(browser);
    const res = await browser.request(url('/auth/logout'), { form: { _csrf: body.csrfToken! } });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.href.startsWith(stack.portal.issuer)).toBe(true);
    expect(location.searchParams.get('client_id')).toBe('wgzjxm');
    expect(location.searchParams.get('post_logout_redirect_uri')).toBe(`${stack.gatewayUrl}/`);
    expect(location.searchParams.has('id_token_hint')).toBe(false);
    expect(location.href).not.toMatch(/ey[\w-]+\.ey[\w-]+\./);
    expect((await me(browser)).status).toBe(401);
    // The portal asks to confirm (a script does it in a real browser), ends its own session, and sends the
    // browser back here.
    const page = await browser.follow(await browser.request(location), location, `${stack.gatewayUrl}/`);
    const html = await page.res.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const action = formAction(html, page.url);
    const back = await browser.follow(await browser.request(action, { form: { xsrf, logout: 'yes' } }), action, `${stack.gatewayUrl}/`);
    expect(back.url.href.startsWith(`${stack.gatewayUrl}/`)).toBe(true);
  });

  it('refuses a logout form posted without the token', async () => {
    const { browser } = await signInThrough(stack, 'employer_handler');
    const res = await browser.request(url('/auth/logout'), { form: {} });
    expect(res.status).toBe(403);
    expect((await me(browser)).status).toBe(200);
  });
});

describe('health', () => {
  it('is alive, and says which dependency is not ready', async () => {
    expect((await fetch(url('/healthz'))).status).toBe(200);
    const ready = await fetch(url('/readyz'));
    const body = (await ready.json()) as { checks: Record<string, { ok: boolean }>; notReady: string[] };
    expect(body.checks['database']?.ok).toBe(true);
    expect(body.checks['sessionStore']?.ok).toBe(true);
    expect(body.checks['portal']?.ok).toBe(true);
    // No remote is published in this test's empty remotes folder.
    expect(ready.status).toBe(503);
    expect(body.notReady).toEqual(expect.arrayContaining(['remote:projects', 'remote:admin']));
  });

  it('publishes the assertion signing key as a JWKS', async () => {
    const jwks = (await (await fetch(url('/.well-known/jwks.json'))).json()) as { keys: Array<{ kid: string; d?: string; alg: string }> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]!.alg).toBe('ES256');
    expect(jwks.keys[0]!.d).toBeUndefined();
  });
});

describe('when the portal goes down', () => {
  let mine: Stack;
  beforeAll(async () => {
    mine = await startStack();
  });
  afterAll(async () => {
    await mine?.close();
  });

  it('keeps existing sessions working, and says so on readiness', async () => {
    const { browser } = await signInThrough(mine, 'employer_handler');
    await mine.portal.close();
    const api = await browser.request(new URL('/api/projects/plans', mine.gatewayUrl), { headers: { accept: 'application/json', 'sec-fetch-dest': 'empty' } });
    expect(api.status).toBe(200);
    const ready = (await (await fetch(new URL('/readyz', mine.gatewayUrl))).json()) as { notReady: string[] };
    expect(ready.notReady).toEqual(expect.arrayContaining(['portal', 'portalJwks']));
  });
});

describe('when the portal stops after its configuration was kept', () => {
  let clock = Date.now();
  let mine: Stack;
  beforeAll(async () => {
    mine = await startStack({ now: () => clock });
  });
  afterAll(async () => {
    await mine?.close();
  });

  it('answers /auth/login with the same 503 page as before it was kept, not a redirect to the dead portal, and recovers', async () => {
    const { browser } = await signInThrough(mine, 'employer_handler');
    expect(browser.visited.some((v) => v.startsWith(mine.portal.issuer))).toBe(true);
    const port = Number(new URL(mine.portal.issuer).port);
    await mine.portal.close();
    // The portal's last answer stands for a few seconds; past them, the next sign-in asks again.
    clock += PORTAL_PROBE_SECONDS * 1000 + 1;
    const res = await fetch(new URL('/auth/login', mine.gatewayUrl), { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('政务服务平台暂时无法访问');
    expect(html).toMatch(/H\d{8}-[A-Z2-9]{6}/);
    // A rush of sign-ins within those seconds is answered from that one probe, each with the same page.
    const rush = await Promise.all(Array.from({ length: 5 }, () => fetch(new URL('/auth/login', mine.gatewayUrl), { redirect: 'manual' })));
    expect(rush.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
    await mine.portal.listen(port);
    clock += PORTAL_PROBE_SECONDS * 1000 + 1;
    const back = await fetch(new URL('/auth/login', mine.gatewayUrl), { redirect: 'manual' });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')!.startsWith(mine.portal.issuer)).toBe(true);
  });
});

describe('when the portal is unreachable', () => {
  let down: Stack;
  beforeAll(async () => {
    down = await startStack({ portalDown: true });
  });
  afterAll(async () => {
    await down?.close();
  });

  it('answers sign-in with a clear zh-CN page instead of an error', async () => {
    const res = await fetch(new URL('/auth/login', down.gatewayUrl), { redirect: 'manual' });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('政务服务平台暂时无法访问');
    expect(html).toContain('HANDOFF_PORTAL_UNAVAILABLE');
  });
});
