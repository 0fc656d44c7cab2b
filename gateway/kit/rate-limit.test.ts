// The database rate limiter on a real test database (PGlite, or PostgreSQL when DATABASE_URL is set): the contract
// every store keeps (gateway/testing/rate-limit-contract.ts), and hits that arrive together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_MIGRATIONS, migrate } from './migrate.ts';
import { dbRateLimiter } from './rate-limit.ts';
import { openTestDatabase, type TestDatabase } from '@wgzj/gateway/testing';
import { rateLimiterContract } from '@wgzj/gateway/testing/rate-limit-contract';

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
  rateLimiterContract({
    limiter: () => dbRateLimiter(database.db, now),
    key: (name) => `test:${name}`,
    advance: (ms) => {
      clock += ms;
    },
  });

  it('never undercounts hits that arrive together', async () => {
    const limiter = dbRateLimiter(database.db, now);
    const rule = { key: 'test:burst', limit: 5, windowSeconds: 600 };
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => limiter.hit(rule)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    expect(Math.max(...verdicts.map((v) => v.count))).toBe(20);
  });
});
