// The same contract for both session stores: the database store always, the Redis store when REDIS_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_MIGRATIONS, migrate, type Identity } from '@wgzj/gateway/kit';
import { openTestDatabase, type TestDatabase } from '@wgzj/gateway/testing';
import { fileURLToPath } from 'node:url';
import { createDbSessionStore } from './store-db.ts';
import { createRedisSessionStore } from './store-redis.ts';
import { hashId, type SessionData, type SessionStore } from './store.ts';

const identity = (userId: string): Identity => ({
  userId,
  username: `user-${userId}`,
  displayName: '测试用户',
  role: 'employer_handler',
  unit: { id: 'u1', name: '北京示例大学', kind: 'employer' },
  scope: { level: 'unit', unitId: 'u1' },
});
const session = (userId: string, portalSid?: string): SessionData => ({
  identity: identity(userId),
  csrfToken: 'csrf',
  ...(portalSid ? { portalSid } : {}),
  createdAt: Date.now(),
  lastSeenAt: Date.now(),
});

const kinds: Array<[string, () => Promise<{ store: SessionStore; close(): Promise<void> }>]> = [
  [
    'database',
    async () => {
      const database: TestDatabase = await openTestDatabase();
      await migrate(database.db, KIT_MIGRATIONS);
      await migrate(database.db, { module: 'gateway', dir: fileURLToPath(new URL('../../db/migrations', import.meta.url)) });
      return { store: createDbSessionStore(database.db), close: () => database.drop() };
    },
  ],
];
if (process.env['REDIS_URL']) {
  const url = process.env['REDIS_URL'];
  kinds.push(['redis', async () => {
    const store = await createRedisSessionStore(url);
    return { store, close: () => store.close() };
  }]);
}

describe.each(kinds)('%s session store', (_kind, open) => {
  let store: SessionStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await open());
  });
  afterAll(async () => {
    await close();
  });

  it('gives each session a fresh unguessable id and returns what was stored', async () => {
    const a = await store.create(session('alice'), 60);
    const b = await store.create(session('alice'), 60);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await store.get(a))?.identity.userId).toBe('alice');
    expect(await store.get(hashId(a))).toBeNull();
  });

  it('forgets a session after its time to live', async () => {
    const id = await store.create(session('bob'), 1);
    expect(await store.get(id)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await store.get(id)).toBeNull();
  });

  it('updates and deletes', async () => {
    const id = await store.create(session('carol'), 60);
    const data = (await store.get(id))!;
    await store.update(id, { ...data, lastSeenAt: 42 }, 60);
    expect((await store.get(id))?.lastSeenAt).toBe(42);
    await store.delete(id);
    expect(await store.get(id)).toBeNull();
  });

  it('ends every session of a user, or of one portal session, and no other', async () => {
    const d1 = await store.create(session('dave', 'sid-1'), 60);
    const d2 = await store.create(session('dave', 'sid-2'), 60);
    const e1 = await store.create(session('erin', 'sid-3'), 60);
    expect(await store.deleteWhere({ portalSid: 'sid-1' })).toBe(1);
    expect(await store.get(d1)).toBeNull();
    expect(await store.get(d2)).not.toBeNull();
    expect(await store.deleteWhere({ userId: 'dave' })).toBe(1);
    expect(await store.get(d2)).toBeNull();
    expect(await store.get(e1)).not.toBeNull();
  });

  it("lists a user's sessions by store key, and ends one by its key", async () => {
    const f1 = await store.create(session('frank'), 60);
    const f2 = await store.create(session('frank'), 60);
    const listed = await store.listForUser('frank');
    expect(listed.map((s) => s.key).sort()).toEqual([hashId(f1), hashId(f2)].sort());
    expect(listed.every((s) => s.data.identity.userId === 'frank')).toBe(true);
    expect(await store.deleteByKey(hashId(f1))).toBe(true);
    expect(await store.get(f1)).toBeNull();
    expect(await store.get(f2)).not.toBeNull();
    expect(await store.deleteByKey(hashId(f1))).toBe(false);
  });

  it('hands out a sign-in record exactly once, and lets it be looked at before', async () => {
    const id = await store.putOnce({ state: 's', nonce: 'n' }, 60);
    expect((await store.peekOnce<{ state: string }>(id))?.state).toBe('s');
    expect((await store.takeOnce<{ state: string }>(id))?.state).toBe('s');
    expect(await store.takeOnce(id)).toBeNull();
    expect(await store.peekOnce(id)).toBeNull();
  });
});
