// Sessions in Redis under faults, with two gateway replicas: a private redis-server this test can hang,
// stop and start again. Skipped only where no redis-server is installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '@wgzj/gateway/testing/browser';
import { freePort, signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

class PrivateRedis {
  private process: ChildProcess | null = null;
  readonly dir = mkdtempSync(join(tmpdir(), 'wgzj-redis-'));
  constructor(readonly port: number) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Appends every write to disk, so a stopped and restarted server still has its sessions. */
  async start() {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 50; i++) {
      if (spawnSync('redis-cli', ['-p', String(this.port), 'ping']).stdout?.toString().includes('PONG')) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('redis-server did not start');
  }

  hang() {
    this.process?.kill('SIGSTOP');
  }
  resume() {
    this.process?.kill('SIGCONT');
  }
  async stop() {
    const exited = new Promise((resolve) => this.process?.once('exit', resolve));
    this.process?.kill('SIGTERM');
    await exited;
    this.process = null;
  }
  async destroy() {
    if (this.process) {
      this.resume();
      await this.stop();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const json = { accept: 'application/json', 'sec-fetch-dest': 'empty' };

describe.skipIf(!hasRedis)('sessions in Redis, two gateway replicas', () => {
  let redis: PrivateRedis;
  let a: Stack;
  let b: Stack;
  let browser: Browser;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    a = await startStack({ env: { REDIS_URL: redis.url } });
    b = await startStack({ replicaOf: a });
    ({ browser } = await signInThrough(a, 'employer_handler'));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.destroy();
  });

  const api = (stack: Stack) => browser.request(new URL('/api/projects/plans', stack.gatewayUrl), { headers: json });

  it('serves one session from either replica', async () => {
    expect(a.gateway.sessions.store.kind).toBe('redis');
    expect((await api(a)).status).toBe(200);
    expect((await api(b)).status).toBe(200);
  });

  it('answers 503 within a second while Redis hangs, keeps the cookie, and carries on when it is back', async () => {
    redis.hang();
    try {
      const started = performance.now();
      const res = await api(a);
      const elapsed = performance.now() - started;
      expect(res.status).toBe(503);
      expect(elapsed).toBeLessThan(1_000);
      expect(await res.json()).toMatchObject({ error: { code: 'SESSION_STORE_UNAVAILABLE' } });
      expect(res.headers.getSetCookie()).toEqual([]);
      // A page visit gets a retry page, not a trip to the sign-in (no login loop).
      const page = await browser.request(new URL('/projects', a.gatewayUrl), { headers: { accept: 'text/html', 'sec-fetch-dest': 'document' } });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('会话服务暂时不可用');
    } finally {
      redis.resume();
    }
    await expect.poll(async () => (await api(a)).status, { timeout: 5_000 }).toBe(200);
  });

  it('answers 503 at once while Redis is stopped, and the same cookie works after it restarts', async () => {
    await redis.stop();
    const started = performance.now();
    const res = await api(b);
    expect(res.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(1_000);
    await redis.start();
    await expect.poll(async () => (await api(b)).status, { timeout: 8_000 }).toBe(200);
    expect((await api(a)).status).toBe(200);
  });

  it('refuses the next request on every replica once the account is disabled', async () => {
    const { browser: other } = await signInThrough(a, 'employer_admin');
    const call = (stack: Stack) => other.request(new URL('/api/projects/plans', stack.gatewayUrl), { headers: json });
    expect((await call(b)).status).toBe(200);
    await a.gateway.db.query(`update admin.users set status = 'disabled' where username = 'employer_admin'`);
    try {
      expect((await call(a)).status).toBe(401);
      expect((await call(b)).status).toBe(401);
    } finally {
      await a.gateway.db.query(`update admin.users set status = 'active' where username = 'employer_admin'`);
    }
  });

  it('refuses the next request on every replica once the sessions of a user are revoked', async () => {
    const { rows } = await a.gateway.db.query<{ id: string }>(`select id from admin.users where username = 'employer_handler'`);
    expect(await b.gateway.sessions.store.listForUser(rows[0]!.id)).not.toHaveLength(0);
    await a.gateway.sessions.store.deleteWhere({ userId: rows[0]!.id });
    expect((await api(a)).status).toBe(401);
    expect((await api(b)).status).toBe(401);
  });
});
