// The contract every rate-limit store keeps (the database's in the kit, Redis's in the gateway): the same tests,
// run by each store's own test file on its own store and clock.
import { expect, it } from 'vitest';
import type { RateLimiter } from '../kit/rate-limit.ts';

export interface RateLimiterUnderTest {
  /** The store, once the test file's beforeAll has made it. */
  limiter(): RateLimiter;
  /** A key of this run only, so runs (and other suites on the same store) never meet. */
  key(name: string): string;
  /** Moves the store's clock on. */
  advance(ms: number): void;
}

export function rateLimiterContract(store: RateLimiterUnderTest): void {
  it('refuses the hit after the limit, names when the window ends, and starts afresh after it', async () => {
    const limiter = store.limiter();
    const rule = { key: store.key('a'), limit: 3, windowSeconds: 60 };
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limiter.hit(rule));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]!.count).toBe(4);
    expect(verdicts[3]!.retryAfterSeconds).toBe(60);
    store.advance(45_000);
    const later = await limiter.hit(rule);
    expect(later.allowed).toBe(false);
    expect(later.retryAfterSeconds).toBe(15);
    store.advance(16_000);
    expect(await limiter.hit(rule)).toMatchObject({ allowed: true, count: 1 });
  });

  it('keeps keys apart, counts without counting, and forgets a key on reset', async () => {
    const limiter = store.limiter();
    const [b, c] = [store.key('b'), store.key('c')];
    await limiter.hit({ key: b, limit: 1, windowSeconds: 60 });
    expect(await limiter.count({ key: b, windowSeconds: 60 })).toBe(1);
    expect(await limiter.count({ key: c, windowSeconds: 60 })).toBe(0);
    expect((await limiter.hit({ key: c, limit: 1, windowSeconds: 60 })).allowed).toBe(true);
    await limiter.reset(b);
    expect(await limiter.count({ key: b, windowSeconds: 60 })).toBe(0);
  });
}
