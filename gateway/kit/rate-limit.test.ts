// The database rate limiter on a real test database (PGlite, or PostgreSQL when DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_MIGRATIONS, migrate } from './migrate.ts';
import { dbRateLimiter } from './rate-limit.ts';
import { openTestDatabase, type TestDatabase } from '@wgzj/gateway/testing';

let database: TestDatabase;
let clock = Date.parse('2026-12-07T02:00:00Z');
const now = () => clock;

beforeAll(async () => {
  database = await openTestDatabase();
  await migrate(database.db, KIT_MIGRATIONS);
});
afterAll(async () => {
  await database.drop();
});

describe('dbRateLimiter', () => {
  it('refuses the hit after the limit, names when the window ends, and starts afresh after it', async () => {
    const limiter = dbRateLimiter(database.db, now);
    const rule = { key: 'test:a', limit: 3, windowSeconds: 60 };
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limiter.hit(rule));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]!.count).toBe(4);
    expect(verdicts[3]!.retryAfterSeconds).toBe(60);
    clock += 45_000;
    const later = await limiter.hit(rule);
    expect(later.allowed).toBe(false);
    expect(later.retryAfterSeconds).toBe(15);
    clock += 16_000;
    expect(await limiter.hit(rule)).toMatchObject({ allowed: true, count: 1 });
  });

  it('keeps keys apart, counts without counting, and forgets a key on reset', async () => {
    const limiter = dbRateLimiter(database.db, now);
    await limiter.hit({ key: 'test:b', limit: 1, windowSeconds: 60 });
    expect(await limiter.count({ key: 'test:b', windowSeconds: 60 })).toBe(1);
    expect(await limiter.count({ key: 'test:c', windowSeconds: 60 })).toBe(0);
    expect((await limiter.hit({ key: 'test:c', limit: 1, windowSeconds: 60 })).allowed).toBe(true);
    await limiter.reset('test:b');
    expect(await limiter.count({ key: 'test:b', windowSeconds: 60 })).toBe(0);
  });

  it('never undercounts hits that arrive together', async () => {
    const limiter = dbRateLimiter(database.db, now);
    const rule = { key: 'test:burst', limit: 5, windowSeconds: 600 };
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => limiter.hit(rule)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    expect(Math.max(...verdicts.map((v) => v.count))).toBe(20);
  });
});
