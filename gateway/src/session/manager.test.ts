// Idle timeout and absolute lifetime, with a clock the test controls.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_MIGRATIONS, migrate, type Identity } from '@wgzj/gateway/kit';
import { openTestDatabase, type TestDatabase } from '@wgzj/gateway/testing';
import { fileURLToPath } from 'node:url';
import { SessionManager } from './manager.ts';
import { createDbSessionStore } from './store-db.ts';

const identity: Identity = {
  userId: 'u-1',
  username: 'employer_handler',
  displayName: '张伟',
  role: 'employer_handler',
  unit: { id: 'unit-1', name: '北京示例大学', kind: 'employer' },
  scope: { level: 'unit', unitId: 'unit-1' },
};

let database: TestDatabase;
let clock = Date.UTC(2026, 10, 28, 1, 0, 0);
let app: Hono;

beforeAll(async () => {
  database = await openTestDatabase();
  await migrate(database.db, KIT_MIGRATIONS);
  await migrate(database.db, { module: 'gateway', dir: fileURLToPath(new URL('../../db/migrations', import.meta.url)) });
  // The store keeps rows by wall-clock expiry; the manager's own clock decides idle and absolute expiry.
  const sessions = new SessionManager(createDbSessionStore(database.db), { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600, secure: false }, () => clock);
  app = new Hono();
  app.post('/start', async (c) => {
    await sessions.start(c, { identity });
    return c.text('started');
  });
  app.get('/who', async (c) => {
    const session = await sessions.current(c);
    return session ? c.text(session.data.identity.username) : c.text('nobody', 401);
  });
});
afterAll(async () => {
  await database.drop();
});

async function signIn(): Promise<string> {
  const res = await app.request('/start', { method: 'POST' });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
const who = (cookie: string) => app.request('/who', { headers: { cookie } });

const minutes = (n: number) => n * 60_000;

describe('session lifetime', () => {
  it('ends a session left idle longer than the idle timeout', async () => {
    const cookie = await signIn();
    clock += minutes(29);
    expect((await who(cookie)).status).toBe(200);
    clock += minutes(29);
    expect((await who(cookie)).status).toBe(200); // activity at 29 min kept it alive
    clock += minutes(31);
    expect((await who(cookie)).status).toBe(401);
    clock -= minutes(31);
    expect((await who(cookie)).status).toBe(401); // removed, not just hidden
  });

  it('ends an active session at its absolute lifetime', async () => {
    const cookie = await signIn();
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      clock += minutes(20);
      expect((await who(cookie)).status).toBe(200);
    }
    clock += minutes(40);
    expect((await who(cookie)).status).toBe(401);
  });

  it('sets the cookie HttpOnly, SameSite=Lax, for the whole site', async () => {
    const res = await app.request('/start', { method: 'POST' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^wgzj_sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
  });
});

describe('over https', () => {
  it('names the cookie __Host-wgzj_sid and marks it Secure', async () => {
    const secureApp = new Hono();
    const sessions = new SessionManager(createDbSessionStore(database.db), { idleSeconds: 60, absoluteSeconds: 3600, secure: true });
    secureApp.post('/start', async (c) => {
      await sessions.start(c, { identity });
      return c.text('started');
    });
    const cookie = (await secureApp.request('/start', { method: 'POST' })).headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-wgzj_sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});
