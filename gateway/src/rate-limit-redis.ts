// The kit's rate limits (`RateLimiter`) kept in Redis, shared by every gateway replica. Same contract as the
// database store: a window starts at a key's first hit, counting and deciding are one atomic step (a Lua script).
import { createClient } from 'redis';
import { redisGuard } from './redis-deadline.ts';
import type { RateLimiter } from '@wgzj/gateway/kit';

const PREFIX = 'wgzj:rl:';
/** A rate check sits in front of every sign-in attempt: a Redis that does not answer must not hold it up. */
const COMMAND_DEADLINE_MS = 500;

/** Redis did not answer: callers refuse the attempt (fail closed) rather than letting unlimited tries through. */
export class RateLimitUnavailable extends Error {
  readonly code = 'RATE_LIMIT_UNAVAILABLE';
}

// The window's start is the caller's clock (ARGV[1], ms), as in the database store, so both stores agree on when a
// window ends and tests can move time; the key's TTL only clears Redis of ended windows.
const HIT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local started = tonumber(redis.call('HGET', KEYS[1], 's'))
if not started or started <= now - window then
  redis.call('HSET', KEYS[1], 's', now, 'n', 1)
  redis.call('PEXPIRE', KEYS[1], window + 60000)
  return {1, now}
end
return {redis.call('HINCRBY', KEYS[1], 'n', 1), started}`;

export async function createRedisRateLimiter(
  url: string,
  now: () => number = Date.now,
): Promise<RateLimiter & { close(): Promise<void> }> {
  const client = createClient({
    url,
    // Queued commands would hold sign-in attempts while Redis is down; fail them at once instead.
    disableOfflineQueue: true,
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  client.on('error', () => {});
  // A gateway may start while Redis is down: connect() would wait for it through every retry, so the start waits a
  // second at most, and every hit fails closed until Redis is back.
  const connected = client.connect().catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([connected, new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
  clearTimeout(timer);

  const guard = redisGuard(client, COMMAND_DEADLINE_MS, (why) => new RateLimitUnavailable(why));

  return {
    hit: (rule) =>
      guard(async () => {
        const at = now();
        const windowMs = rule.windowSeconds * 1000;
        const [count, started] = (await client.eval(HIT, { keys: [PREFIX + rule.key], arguments: [String(at), String(windowMs)] })) as [number, number];
        return {
          allowed: count <= rule.limit,
          count,
          retryAfterSeconds: Math.max(1, Math.ceil((Number(started) + windowMs - at) / 1000)),
        };
      }),
    count: (rule) =>
      guard(async () => {
        const [started, hits] = await client.hmGet(PREFIX + rule.key, ['s', 'n']);
        if (!started || !hits || Number(started) <= now() - rule.windowSeconds * 1000) return 0;
        return Number(hits);
      }),
    reset: (key) =>
      guard(async () => {
        await client.del(PREFIX + key);
      }),
    async close() {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
    },
  };
}
