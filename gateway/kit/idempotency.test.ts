// withIdempotencyKey on a real database: a key claimed once, a replay answered from the store, another body
// refused, a failed work freeing the key, keys scoped per person and route and expiring. On a PostgreSQL server
// the same key really arrives five times at once.
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db.ts';
import { AppError, createErrorHandler } from './errors.ts';
import { IDEMPOTENCY_KEY_MAX_LENGTH, idempotencyKeyOf, withIdempotencyKey } from './idempotency.ts';
import { createLogger } from './logger.ts';
import { KIT_MIGRATIONS, migrate } from './migrate.ts';
import { openTestDatabase, type TestDatabase } from '@wgzj/gateway/testing';

const alice = { userId: 'u-alice' };
const bob = { userId: 'u-bob' };

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  await migrate(db, KIT_MIGRATIONS);
  await db.exec('create table public.things (id serial primary key, name text not null)');
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  await db.exec('truncate public.things; truncate kit.idempotency_keys');
});

const things = async () => (await db.query<{ n: number }>('select count(*)::int as n from public.things')).rows[0]!.n;

/** The work a route does: one insert in the transaction it is given, answered 201 with the new id. */
function createThing(name: string, runs: { n: number } = { n: 0 }) {
  return async (tx: Db) => {
    runs.n++;
    const { rows } = await tx.query<{ id: number }>('insert into public.things (name) values ($1) returning id', [name]);
    return { status: 201 as const, body: { id: rows[0]!.id, name } };
  };
}

describe('withIdempotencyKey', () => {
  it('runs the work once; the same key and body again is answered with the stored response', async () => {
    const runs = { n: 0 };
    const request = { actor: alice, key: 'k-1', route: 'test:create', requestBody: { name: 'a' } };
    const first = await withIdempotencyKey(db, request, createThing('a', runs));
    const second = await withIdempotencyKey(db, request, createThing('a', runs));
    expect(first).toMatchObject({ status: 201, replayed: false });
    expect(second).toEqual({ status: 201, body: first.body, replayed: true });
    expect(runs.n).toBe(1);
    expect(await things()).toBe(1);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    await withIdempotencyKey(db, { actor: alice, key: 'k-order', route: 'test:create', requestBody: { a: 1, b: [1, { c: 2, d: 3 }] } }, createThing('x'));
    const again = await withIdempotencyKey(db, { actor: alice, key: 'k-order', route: 'test:create', requestBody: { b: [1, { d: 3, c: 2 }], a: 1 } }, createThing('x'));
    expect(again.replayed).toBe(true);
  });

  it('refuses the same key with another body (422), runs nothing and keeps the first answer', async () => {
    const first = await withIdempotencyKey(db, { actor: alice, key: 'k-2', route: 'test:create', requestBody: { name: 'a' } }, createThing('a'));
    const runs = { n: 0 };
    const other = withIdempotencyKey(db, { actor: alice, key: 'k-2', route: 'test:create', requestBody: { name: 'b' } }, createThing('b', runs));
    await expect(other).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 });
    expect(runs.n).toBe(0);
    expect(await things()).toBe(1);
    const replay = await withIdempotencyKey(db, { actor: alice, key: 'k-2', route: 'test:create', requestBody: { name: 'a' } }, createThing('a'));
    expect(replay.body).toEqual(first.body);
  });

  it('says so in the caller’s language', async () => {
    const error = await withIdempotencyKey(db, { actor: alice, key: 'k-3', route: 'test:create', requestBody: 1 }, createThing('a'))
      .then(() => withIdempotencyKey(db, { actor: alice, key: 'k-3', route: 'test:create', requestBody: 2 }, createThing('b')))
      .catch((e: unknown) => e as AppError);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).messageFor('zh-CN')).toContain('Idempotency-Key');
    expect((error as AppError).messageFor('zh-CN')).toContain('本次未执行');
    expect((error as AppError).messageFor('en-US')).toContain('nothing was done');
  });

  it('frees the key when the work fails, with everything the work wrote', async () => {
    const request = { actor: alice, key: 'k-fail', route: 'test:create', requestBody: { name: 'a' } };
    const failing = async (tx: Db) => {
      await tx.query("insert into public.things (name) values ('half')");
      throw new AppError('NOPE', { status: 400, 'zh-CN': '不行', 'en-US': 'No' });
    };
    await expect(withIdempotencyKey(db, request, failing)).rejects.toMatchObject({ code: 'NOPE' });
    expect(await things()).toBe(0);
    const retry = await withIdempotencyKey(db, request, createThing('a'));
    expect(retry.replayed).toBe(false);
    expect(await things()).toBe(1);
  });

  it('scopes a key to its person and its route', async () => {
    await withIdempotencyKey(db, { actor: alice, key: 'same', route: 'test:create', requestBody: 1 }, createThing('a'));
    const bobs = await withIdempotencyKey(db, { actor: bob, key: 'same', route: 'test:create', requestBody: 2 }, createThing('b'));
    const elsewhere = await withIdempotencyKey(db, { actor: alice, key: 'same', route: 'test:other', requestBody: 3 }, createThing('c'));
    expect([bobs.replayed, elsewhere.replayed]).toEqual([false, false]);
    expect(await things()).toBe(3);
  });

  it('lets a key name a new request once its day is over', async () => {
    await withIdempotencyKey(db, { actor: alice, key: 'old', route: 'test:create', requestBody: 1 }, createThing('a'));
    await db.query("update kit.idempotency_keys set expires_at = now() - interval '1 second' where key = 'old'");
    const fresh = await withIdempotencyKey(db, { actor: alice, key: 'old', route: 'test:create', requestBody: 2 }, createThing('b'));
    expect(fresh.replayed).toBe(false);
    expect(await things()).toBe(2);
    const { rows } = await db.query<{ n: number }>("select count(*)::int as n from kit.idempotency_keys where key = 'old' and expires_at > now() + interval '23 hours'");
    expect(rows[0]!.n).toBe(1);
  });

  it('clears the person’s expired keys as it goes', async () => {
    await withIdempotencyKey(db, { actor: alice, key: 'stale', route: 'test:create', requestBody: 1 }, createThing('a'));
    await db.query("update kit.idempotency_keys set expires_at = now() - interval '1 hour'");
    await withIdempotencyKey(db, { actor: alice, key: 'next', route: 'test:create', requestBody: 2 }, createThing('b'));
    const { rows } = await db.query<{ key: string }>('select key from kit.idempotency_keys order by key');
    expect(rows.map((r) => r.key)).toEqual(['next']);
  });

  it('just runs the work when no key is sent, every time', async () => {
    const runs = { n: 0 };
    await withIdempotencyKey(db, { actor: alice, key: undefined, route: 'test:create', requestBody: 1 }, createThing('a', runs));
    await withIdempotencyKey(db, { actor: alice, key: undefined, route: 'test:create', requestBody: 1 }, createThing('a', runs));
    expect(runs.n).toBe(2);
    expect(await db.query('select 1 from kit.idempotency_keys')).toMatchObject({ rows: [] });
  });

  it('keeps a nested transaction of the work a savepoint: a part that fails and is caught leaves the rest', async () => {
    const result = await withIdempotencyKey(db, { actor: alice, key: 'nested', route: 'test:create', requestBody: 1 }, async (tx) => {
      await tx.query("insert into public.things (name) values ('kept')");
      await tx
        .transaction(async (inner) => {
          await inner.query("insert into public.things (name) values ('undone')");
          await inner.query('select 1/0');
        })
        .catch(() => {});
      return { status: 200 as const, body: { ok: true } };
    });
    expect(result.status).toBe(200);
    expect((await db.query<{ name: string }>('select name from public.things')).rows.map((r) => r.name)).toEqual(['kept']);
  });
});

describe('the Idempotency-Key header', () => {
  const app = new Hono();
  app.onError(createErrorHandler(createLogger('test', 'silent')));
  app.post('/', (c) => c.json({ key: idempotencyKeyOf(c) ?? null }));
  const send = (key: string | undefined, locale = 'zh-CN') =>
    app.request('/', { method: 'POST', headers: { 'accept-language': locale, ...(key === undefined ? {} : { 'idempotency-key': key }) } });

  it('accepts a UUID, a client’s own scheme, or none', async () => {
    for (const key of ['0b7e7d5e-1c3a-4e0f-9a7e-2f1f6c1d9b11', 'submit-once-7f3a', 'a', 'x'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH)]) {
      expect(await (await send(key)).json()).toEqual({ key });
    }
    expect(await (await send(undefined)).json()).toEqual({ key: null });
  });

  it.each([
    ['too long', 'x'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH + 1)],
    ['empty', ''],
    ['with spaces', 'a b'],
    ['not ASCII', 'clé'],
    ['with a tab', 'a\tb'],
  ])('refuses a key %s with a 400 naming the header, in the caller’s language', async (_why, key) => {
    const zh = await send(key);
    expect(zh.status).toBe(400);
    const body = (await zh.json()) as { error: { code: string; message: string; fields: Array<{ field: string; message: string }> } };
    expect(body.error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(body.error.fields[0]!.field).toBe('Idempotency-Key');
    expect(body.error.fields[0]!.message).toContain('请求标识');
    const en = (await (await send(key, 'en-US')).json()) as { error: { fields: Array<{ message: string }> } };
    expect(en.error.fields[0]!.message).toContain('visible ASCII');
  });
});

describe.skipIf(!process.env['DATABASE_URL'])('one key arriving at once on PostgreSQL', () => {
  it('runs the work once for five simultaneous requests and answers all five alike', async () => {
    const runs = { n: 0 };
    const request = { actor: alice, key: 'burst', route: 'test:create', requestBody: { name: 'a' } };
    const slow = async (tx: Db) => {
      const result = await createThing('a', runs)(tx);
      // Hold the claim a moment so the others really arrive while it is open.
      await tx.query('select pg_sleep(0.2)');
      return result;
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => withIdempotencyKey(db, request, slow)));
    expect(runs.n).toBe(1);
    expect(await things()).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify({ status: a.status, body: a.body }))).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
  });

  it('lets a waiting request do the work when the first one failed', async () => {
    const request = { actor: alice, key: 'first-fails', route: 'test:create', requestBody: { name: 'a' } };
    const failing = async (tx: Db) => {
      await tx.query('select pg_sleep(0.2)');
      throw new AppError('NOPE', { status: 400, 'zh-CN': '不行', 'en-US': 'No' });
    };
    const [first, second] = await Promise.allSettled([
      withIdempotencyKey(db, request, failing),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => withIdempotencyKey(db, request, createThing('a'))),
    ]);
    expect(first.status).toBe('rejected');
    expect(second).toMatchObject({ status: 'fulfilled', value: { status: 201, replayed: false } });
    expect(await things()).toBe(1);
  });

  it('refuses a simultaneous request with the same key and another body, and creates nothing for it', async () => {
    const slow = (name: string) => async (tx: Db) => {
      const result = await createThing(name)(tx);
      await tx.query('select pg_sleep(0.2)');
      return result;
    };
    const results = await Promise.allSettled([
      withIdempotencyKey(db, { actor: alice, key: 'race', route: 'test:create', requestBody: { name: 'a' } }, slow('a')),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        withIdempotencyKey(db, { actor: alice, key: 'race', route: 'test:create', requestBody: { name: 'b' } }, slow('b')),
      ),
    ]);
    expect(results[0].status).toBe('fulfilled');
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect((await db.query<{ name: string }>('select name from public.things')).rows).toEqual([{ name: 'a' }]);
  });
});
