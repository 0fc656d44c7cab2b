// What the gateway shows, and to whom: every page it renders carries its security policy and refuses to be framed
// (HSTS under https); /metrics and the checks behind /readyz are for operators; the dev SMS inbox exists only when
// asked for by name.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@wgzj/gateway/kit';
import { openTestDatabase, type TestDatabase } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '@wgzj/gateway/testing/browser';
import { loadConfig } from './config.ts';
import { createGateway } from './gateway.ts';
import { freePort, signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

const PAGE = { accept: 'text/html', 'sec-fetch-dest': 'document' };

/** The headers every page must carry. */
function expectPageProtection(res: Response, what: string) {
  expect(res.headers.get('content-type'), what).toMatch(/^text\/html/);
  const policy = res.headers.get('content-security-policy') ?? '';
  expect(policy, what).toContain("frame-ancestors 'none'");
  expect(policy, what).toMatch(/(^|; )script-src 'self'(;|$)/);
  expect(policy, what).toContain("object-src 'none'");
  expect(policy, what).toContain("base-uri 'self'");
  expect(policy, what).toMatch(/form-action 'self' http:\/\/localhost:\d+/);
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
}

// Gateways without module APIs, on one database: enough for headers, operator endpoints and the dev inbox, and
// started from exactly the environment each test gives (nothing from this process's own).
let database: TestDatabase;
const dataDir = mkdtempSync(join(tmpdir(), 'wgzj-app-'));
const shellDir = join(dataDir, 'shell');
mkdirSync(shellDir);
writeFileSync(join(shellDir, 'index.html'), '<!doctype html><title>外国专家项目管理信息系统</title>');
const opened: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  for (const gateway of opened) await gateway.close();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function bareGateway(env: Record<string, string> = {}) {
  const config = loadConfig({
    DATA_DIR: dataDir,
    SHELL_DIR: shellDir,
    PORTAL_ISSUER: 'http://localhost:9',
    MODULES: '',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const gateway = await createGateway(config, { db: database.db, logger: createLogger('gateway', 'silent') });
  opened.push(gateway);
  return async (path: string, headers: Record<string, string> = {}) =>
    gateway.app.fetch(new Request(new URL(path, 'http://localhost:8080'), { headers }));
}

describe('the dev SMS inbox', () => {
  it('does not exist on localhost unless SMS_SENDER=dev is set', async () => {
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8080' }).smsSender).toBe('none');
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:8080' }).smsSender).toBe('none');
    const get = await bareGateway({ PUBLIC_URL: 'http://localhost:8080' });
    expect((await get('/dev/sms', { accept: 'application/json' })).status).toBe(404);
    expect((await get('/dev/sms', PAGE)).status).not.toBe(200);
    expect((await get('/dev/sms?phone=13910000001', { accept: 'application/json' })).status).toBe(404);
  });

  it('exists when SMS_SENDER=dev is set explicitly, as npm start does for the demo', async () => {
    const get = await bareGateway({ SMS_SENDER: 'dev' });
    const res = await get('/dev/sms', { accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: expect.any(Array) });
  });
});

describe('/readyz and /metrics', () => {
  it('give load balancers the bare status, and nobody the checks or the metrics, when nothing is configured', async () => {
    const get = await bareGateway();
    const ready = await get('/readyz');
    // No portal and no remotes here: not ready, and saying only that.
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not_ready' });
    expect((await get('/healthz')).status).toBe(200);
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).not.toMatch(/process_|wgzj_/);
  });

  it('open the checks and the metrics to the bearer of METRICS_TOKEN only', async () => {
    const get = await bareGateway({ METRICS_TOKEN: 'operator-secret-1' });
    const anonymous = await get('/readyz');
    expect(await anonymous.json()).toEqual({ status: 'not_ready' });
    for (const authorization of ['Bearer operator-secret-2', 'Basic b3BlcmF0b3I6c2VjcmV0', 'Bearer', 'operator-secret-1', 'Bearer operator-secret-1x']) {
      expect(await (await get('/readyz', { authorization })).json(), authorization).toEqual({ status: 'not_ready' });
      const metrics = await get('/metrics', { authorization, 'accept-language': 'en-US' });
      expect(metrics.status, authorization).toBe(401);
      expect(metrics.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await metrics.json()).toMatchObject({ error: { code: 'OPERATOR_TOKEN_REQUIRED', message: expect.stringContaining('METRICS_TOKEN') } });
    }
    expect((await get('/metrics')).status).toBe(401);
    const detailed = (await (await get('/readyz', { authorization: 'Bearer operator-secret-1' })).json()) as { status: string; checks: Record<string, { ok: boolean }>; notReady: string[] };
    expect(detailed.status).toBe('not_ready');
    expect(detailed.checks['database']?.ok).toBe(true);
    expect(detailed.notReady).toContain('portal');
    const metrics = await get('/metrics', { authorization: 'bearer operator-secret-1' });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/wgzj_handoffs_total|process_cpu/);
  });

  it('are open to anyone only where METRICS_PUBLIC says so', async () => {
    const get = await bareGateway({ METRICS_PUBLIC: 'true' });
    expect(await (await get('/readyz')).json()).toMatchObject({ status: 'not_ready', checks: expect.any(Object) });
    expect((await get('/metrics')).status).toBe(200);
  });
});

describe('page protection', () => {
  it('sends HSTS under https, and not under plain http', async () => {
    const secure = await bareGateway({ PUBLIC_URL: 'https://wgzj.example.gov.cn' });
    for (const path of ['/auth/legacy', '/healthz', '/readyz']) {
      expect((await secure(path, PAGE)).headers.get('strict-transport-security'), path).toBe('max-age=31536000');
    }
    const plain = await bareGateway();
    expect((await plain('/auth/legacy', PAGE)).headers.get('strict-transport-security')).toBeNull();
  });

  describe('on every kind of page', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack();
    });
    afterAll(async () => {
      await stack?.close();
    });
    const at = (path: string) => new URL(path, stack.gatewayUrl);

    it('the legacy sign-in and password reset pages', async () => {
      for (const path of ['/auth/legacy', '/auth/legacy/reset']) {
        const res = await fetch(at(path), { headers: PAGE });
        expect(res.status, path).toBe(200);
        expectPageProtection(res, path);
      }
    });

    it('a refusal page after the portal', async () => {
      const { res, url } = await signInThrough(stack, 'no_grant');
      expect(url.pathname).toMatch(/^\/auth\//);
      expectPageProtection(res, url.pathname);
      expect(await res.text()).toContain('ADMISSION_ROLE_MISSING');
    });

    it('the account confirmation page', async () => {
      const { res, url } = await signInThrough(stack, 'employer_handler', '/', new Browser(), { confirm: false });
      expect(url.pathname).toBe('/auth/confirm');
      expectPageProtection(res, 'confirmation');
    });

    it('the shell’s index.html, and a shell page path of a signed-in user', async () => {
      const { browser } = await signInThrough(stack, 'employer_handler');
      for (const path of ['/', '/projects/plans']) {
        const res = await browser.request(at(path), { headers: PAGE });
        expect(res.status, path).toBe(200);
        expectPageProtection(res, path);
        expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
      }
      expectPageProtection(await fetch(at('/index.html')), '/index.html');
    });

    it('the dev SMS inbox', async () => {
      const res = await fetch(at('/dev/sms'), { headers: PAGE });
      expect(res.status).toBe(200);
      expectPageProtection(res, '/dev/sms');
    });

    it('leaves JSON answers to their own headers', async () => {
      const res = await fetch(at('/healthz'));
      expect(res.headers.get('x-frame-options')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
  it.skipIf(!hasRedis)('the retry page shown while the session store is down', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'wgzj-redis-'));
    const redis: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().includes('PONG'); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const get = await bareGateway({ REDIS_URL: `redis://127.0.0.1:${port}`, PORTAL_ISSUER: 'http://localhost:9' });
      const exited = new Promise((resolve) => redis.once('exit', resolve));
      redis.kill('SIGTERM');
      await exited;
      const res = await get('/projects', { ...PAGE, cookie: `wgzj_sid=${'a'.repeat(43)}` });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    } finally {
      if (redis.exitCode === null) redis.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
