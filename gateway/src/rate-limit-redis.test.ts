// The Redis rate limiter: the same contract as the database store (kit/rate-limit.test.ts) on the machine's Redis,
// and it refuses rather than waits when Redis is gone or hangs (fail closed). Skipped only where REDIS_URL is unset.
import { createServer, Socket, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimiter, RateLimitUnavailable } from './rate-limit-redis.ts';
import { rateLimiterContract } from '@wgzj/gateway/testing/rate-limit-contract';
import { freePort } from '@wgzj/gateway/testing/stack';

const redisUrl = process.env['REDIS_URL'];
let clock = Date.parse('2026-12-07T02:00:00Z');
const now = () => clock;
/** Keys of this run only, so runs (and other suites on the same Redis) never meet. */
const run = `test-${process.pid}-${Date.now()}`;

describe.skipIf(!redisUrl)('Redis rate limiter', () => {
  let limiter: Awaited<ReturnType<typeof createRedisRateLimiter>>;
  beforeAll(async () => {
    limiter = await createRedisRateLimiter(redisUrl!, now);
  });
  afterAll(async () => {
    await limiter?.close();
  });

  rateLimiterContract({
    limiter: () => limiter,
    key: (name) => `${run}:${name}`,
    advance: (ms) => {
      clock += ms;
    },
  });

  it('never undercounts hits that arrive together, from two gateways', async () => {
    const other = await createRedisRateLimiter(redisUrl!, now);
    try {
      const rule = { key: `${run}:burst`, limit: 5, windowSeconds: 600 };
      const verdicts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : limiter).hit(rule)));
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
      expect(Math.max(...verdicts.map((v) => v.count))).toBe(20);
    } finally {
      await other.close();
    }
  });

  it('lets Redis forget a key once its window is over (a TTL on every key)', async () => {
    const { createClient } = await import('redis');
    const client = createClient({ url: redisUrl! });
    await client.connect();
    try {
      await limiter.hit({ key: `${run}:ttl`, limit: 1, windowSeconds: 30 });
      const ttl = await client.pTTL(`wgzj:rl:${run}:ttl`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(90_000);
    } finally {
      await client.close();
    }
  });

  it('refuses within a second while Redis hangs, and counts again once it answers', async () => {
    const proxy = await hangableProxy(new URL(redisUrl!));
    const through = await createRedisRateLimiter(`redis://127.0.0.1:${proxy.port}`, now);
    try {
      const rule = { key: `${run}:hang`, limit: 5, windowSeconds: 60 };
      expect((await through.hit(rule)).allowed).toBe(true);
      proxy.hang();
      const started = performance.now();
      await expect(through.hit(rule)).rejects.toBeInstanceOf(RateLimitUnavailable);
      expect(performance.now() - started).toBeLessThan(1_000);
      proxy.resume();
      await expect.poll(async () => (await through.hit(rule).catch(() => null))?.allowed, { timeout: 5_000 }).toBe(true);
    } finally {
      proxy.resume();
      await through.close();
      await proxy.close();
    }
  });
});

describe('Redis rate limiter without Redis', () => {
  it('starts, and refuses every hit at once (fail closed) instead of queueing it', async () => {
    const limiter = await createRedisRateLimiter(`redis://127.0.0.1:${await freePort()}`, now);
    try {
      const started = performance.now();
      await expect(limiter.hit({ key: `${run}:down`, limit: 5, windowSeconds: 60 })).rejects.toBeInstanceOf(RateLimitUnavailable);
      await expect(limiter.reset(`${run}:down`)).rejects.toBeInstanceOf(RateLimitUnavailable);
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      await limiter.close();
    }
  });
});

/** A TCP relay to Redis that can stop passing bytes on (a Redis that accepts and never answers). */
async function hangableProxy(target: URL) {
  let hung = false;
  const held: Array<() => void> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(Number(target.port || 6379), target.hostname);
    sockets.add(client).add(upstream);
    const relay = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (hung) held.push(() => to.write(chunk));
        else to.write(chunk);
      });
    relay(client, upstream);
    relay(upstream, client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    hang: () => {
      hung = true;
    },
    resume: () => {
      hung = false;
      for (const send of held.splice(0)) send();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
