// What technical support can find out, and that nobody else can.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '@wgzj/gateway/testing/browser';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

let stack: Stack;
let support: Browser;
let supportCsrf: string;

beforeAll(async () => {
  stack = await startStack({ env: { PORTAL_CLIENT_SECRET: 'dev-portal-secret' } });
  ({ browser: support } = await signInThrough(stack, 'support'));
  supportCsrf = ((await (await get(support, '/auth/me')).json()) as { csrfToken: string }).csrfToken;
});
afterAll(async () => {
  await stack?.close();
});

const json = { accept: 'application/json', 'sec-fetch-dest': 'empty' };
const get = (browser: Browser, path: string) => browser.request(new URL(path, stack.gatewayUrl), { headers: json });
const send = (browser: Browser, method: string, path: string, csrf?: string) =>
  browser.request(new URL(path, stack.gatewayUrl), {
    method,
    headers: { ...json, origin: stack.gatewayUrl, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
  });

/** 查询 as the screen sends it: the search in a JSON body, with the session's CSRF token. */
function search(browser: Browser, body: unknown, csrf = supportCsrf, headers: Record<string, string> = {}) {
  const target = new URL('/api/gateway/diagnostics/handoffs/search', stack.gatewayUrl);
  return fetch(target, {
    method: 'POST',
    headers: {
      ...json,
      cookie: browser.jar.header(target),
      'content-type': 'application/json',
      origin: stack.gatewayUrl,
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

describe('gateway diagnostics', () => {
  it('finds a refused sign-in by its reference code, with the failed check', async () => {
    const { res } = await signInThrough(stack, 'realname_pending');
    const reference = /data-testid="reference">([^<]+)</.exec(await res.text())![1]!;
    const found = (await (await get(support, `/api/gateway/diagnostics/handoffs?reference=${reference.toLowerCase()}`)).json()) as {
      items: Array<{ reference: string; refusal: string; checks: Array<{ check: string; passed: boolean }> }>;
    };
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ reference, refusal: 'ADMISSION_REALNAME_PENDING' });
    expect(found.items[0]!.checks.find((c) => !c.passed)?.check).toBe('real_name');
  });

  it('finds attempts by username, by phone and by time range', async () => {
    await signInThrough(stack, 'unit_bad_credit_code');
    const byName = (await (await get(support, '/api/gateway/diagnostics/handoffs?username=unit_bad_credit_code')).json()) as {
      items: Array<{ phoneMasked: string; refusal: string }>;
    };
    expect(byName.items[0]?.refusal).toBe('ADMISSION_CREDIT_CODE_INVALID');
    const phone = stack.portal.accounts.findByUsername('unit_bad_credit_code')!.phoneNumber;
    const byPhone = (await (await search(support, { phone })).json()) as { items: Array<{ username: string }> };
    expect(byPhone.items.length).toBeGreaterThan(0);
    expect(new Set(byPhone.items.map((i) => i.username))).toEqual(new Set(['unit_bad_credit_code']));
    const both = (await (await search(support, { phone, username: 'someone_else' })).json()) as { items: unknown[] };
    expect(both.items).toHaveLength(0);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = (await (await get(support, `/api/gateway/diagnostics/handoffs?from=${future}`)).json()) as { items: unknown[] };
    expect(none.items).toHaveLength(0);
  });

  it('takes a phone only in the posted search: refused in a URL, checked in the body, and the POST needs its CSRF token', async () => {
    const phone = stack.portal.accounts.findByUsername('unit_bad_credit_code')!.phoneNumber;
    for (const query of [`phone=${phone}`, 'phone=', `username=x&phone=${phone}`]) {
      const res = await get(support, `/api/gateway/diagnostics/handoffs?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('DIAGNOSTICS_PHONE_IN_URL');
      expect(body.error.message).toContain('手机号不能放在网址中');
    }
    for (const bad of [{ phone: '1391000' }, { phone: 13910000002 }, { limit: 0 }, { from: 'yesterday' }]) {
      const res = await search(support, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    }
    expect((await search(support, { phone }, '')).status).toBe(403);
    expect((await search(support, { phone }, supportCsrf, { origin: 'https://evil.example' })).status).toBe(403);
    const res = await search(support, { phone });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it("lists a user's sessions and ends them: one, then all", async () => {
    const a = await signInThrough(stack, 'employer_admin');
    const b = await signInThrough(stack, 'employer_admin');
    const listed = (await (await get(support, '/api/gateway/diagnostics/sessions?username=employer_admin')).json()) as {
      user: { id: string };
      items: Array<{ key: string }>;
    };
    expect(listed.items.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(listed)).not.toMatch(/wgzj_sid|csrf|idToken/i);
    expect((await send(support, 'DELETE', `/api/gateway/diagnostics/sessions/${listed.items[0]!.key}`, supportCsrf)).status).toBe(204);
    const alive = [await get(a.browser, '/auth/me'), await get(b.browser, '/auth/me')].map((r) => r.status).sort();
    expect(alive).toEqual([200, 401]);
    const revoked = await send(support, 'POST', `/api/gateway/diagnostics/users/${listed.user.id}/sessions/revoke`, supportCsrf);
    expect(((await revoked.json()) as { ended: number }).ended).toBeGreaterThanOrEqual(1);
    expect((await get(a.browser, '/auth/me')).status).toBe(401);
    expect((await get(b.browser, '/auth/me')).status).toBe(401);
  });

  it('refuses revocation without the CSRF token', async () => {
    const { browser } = await signInThrough(stack, 'employer_handler');
    const listed = (await (await get(support, '/api/gateway/diagnostics/sessions?username=employer_handler')).json()) as { user: { id: string } };
    expect((await send(support, 'POST', `/api/gateway/diagnostics/users/${listed.user.id}/sessions/revoke`)).status).toBe(403);
    expect((await get(browser, '/auth/me')).status).toBe(200);
  });

  it('shows dependency health and the configuration without any secret', async () => {
    const health = (await (await get(support, '/api/gateway/diagnostics/health')).json()) as { checks: Record<string, { ok: boolean }> };
    expect(health.checks['database']?.ok).toBe(true);
    expect(health.checks['portal']?.ok).toBe(true);
    const config = await (await get(support, '/api/gateway/diagnostics/config')).text();
    expect(config).toContain(stack.portal.issuer);
    expect(config).not.toContain('dev-portal-secret');
    const key = JSON.parse(readFileSync(`${stack.dataDir}/gateway/assertion-key.json`, 'utf8')) as { d: string };
    expect(config).not.toContain(key.d);
  });

  it('counts sign-ins by outcome and times the session store and API calls in /metrics', async () => {
    await signInThrough(stack, 'no_grant');
    const { browser } = await signInThrough(stack, 'employer_handler');
    await get(browser, '/api/projects/plans');
    const metrics = await (await fetch(new URL('/metrics', stack.gatewayUrl))).text();
    expect(metrics).toMatch(/wgzj_handoffs_total\{outcome="admitted"\} [1-9]/);
    expect(metrics).toMatch(/wgzj_handoffs_total\{outcome="ADMISSION_ROLE_MISSING"\} [1-9]/);
    const store = stack.gateway.sessions.store.kind;
    expect(metrics).toMatch(new RegExp(`wgzj_session_store_seconds_count\\{store="${store}",operation="get",result="ok"\\} [1-9]`));
    expect(metrics).toMatch(/wgzj_api_proxy_seconds_count\{area="projects",status="2xx"\} [1-9]/);
  });

  it('is for technical support only', async () => {
    for (const username of ['employer_handler', 'supervisor_bj', 'national_admin']) {
      const { browser } = await signInThrough(stack, username);
      expect((await get(browser, '/api/gateway/diagnostics/handoffs')).status, username).toBe(403);
      const csrf = ((await (await get(browser, '/auth/me')).json()) as { csrfToken: string }).csrfToken;
      expect((await search(browser, { username: 'support' }, csrf)).status, username).toBe(403);
    }
    const anonymous = await fetch(new URL('/api/gateway/diagnostics/handoffs', stack.gatewayUrl), { headers: json });
    expect(anonymous.status).toBe(401);
  });
});
