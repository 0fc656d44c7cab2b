// Session store in Redis, shared by every gateway replica. Fails fast when Redis is unreachable.
import { createClient } from 'redis';
import { redisGuard } from '../redis-deadline.ts';
import { hashId, newOpaqueId, type SessionData, type SessionFilter, type SessionStore } from './store.ts';

const PREFIX = 'wgzj:';
const sessionKey = (id: string) => `${PREFIX}sess:${hashId(id)}`;
const onceKey = (id: string) => `${PREFIX}once:${hashId(id)}`;
const indexKey = (filter: SessionFilter) =>
  'userId' in filter
    ? `${PREFIX}sess-user:${filter.userId}`
    : 'portalSid' in filter
      ? `${PREFIX}sess-sid:${filter.portalSid}`
      : `${PREFIX}sess-sub:${filter.portalSubject}`;

const COMMAND_DEADLINE_MS = 700;

export class SessionStoreUnavailable extends Error {
  readonly code = 'SESSION_STORE_UNAVAILABLE';
}

export async function createRedisSessionStore(url: string): Promise<SessionStore> {
  const client = createClient({
    url,
    // Queued commands would make requests hang while Redis is down; fail them at once instead.
    disableOfflineQueue: true,
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  client.on('error', () => {});
  await client.connect();

  // Every operation has a deadline of its own: a Redis that accepts the connection but never answers (hung,
  // overloaded) must turn into a quick 503, not a request that waits forever.
  const guard = redisGuard(client, COMMAND_DEADLINE_MS, (why) => new SessionStoreUnavailable(why));

  async function index(id: string, data: SessionData, ttlSeconds: number) {
    const member = hashId(id);
    const keys = [
      indexKey({ userId: data.identity.userId }),
      ...(data.portalSid ? [indexKey({ portalSid: data.portalSid })] : []),
      ...(data.portalSubject ? [indexKey({ portalSubject: data.portalSubject })] : []),
    ];
    const multi = client.multi();
    for (const key of keys) multi.sAdd(key, member).expire(key, ttlSeconds, 'GT');
    for (const key of keys) multi.expire(key, ttlSeconds, 'NX');
    await multi.exec();
  }

  return {
    kind: 'redis',
    create: (data, ttlSeconds) =>
      guard(async () => {
        const id = newOpaqueId();
        await client.set(sessionKey(id), JSON.stringify(data), { expiration: { type: 'EX', value: ttlSeconds } });
        await index(id, data, ttlSeconds);
        return id;
      }),
    get: (id) =>
      guard(async () => {
        const raw = await client.get(sessionKey(id));
        return raw ? (JSON.parse(raw) as SessionData) : null;
      }),
    update: (id, data, ttlSeconds) =>
      guard(async () => {
        await client.set(sessionKey(id), JSON.stringify(data), { expiration: { type: 'EX', value: ttlSeconds }, condition: 'XX' });
      }),
    delete: (id) =>
      guard(async () => {
        await client.del(sessionKey(id));
      }),
    listForUser: (userId) =>
      guard(async () => {
        const members = await client.sMembers(indexKey({ userId }));
        if (!members.length) return [];
        const values = await client.mGet(members.map((m) => `${PREFIX}sess:${m}`));
        return members.flatMap((key, i) => (values[i] ? [{ key, data: JSON.parse(values[i]!) as SessionData }] : []));
      }),
    deleteByKey: (key) =>
      guard(async () => {
        if (!/^[0-9a-f]{64}$/.test(key)) return false;
        return (await client.del(`${PREFIX}sess:${key}`)) > 0;
      }),
    deleteWhere: (filter) =>
      guard(async () => {
        const members = await client.sMembers(indexKey(filter));
        if (!members.length) return 0;
        const removed = await client.del(members.map((m) => `${PREFIX}sess:${m}`));
        await client.del(indexKey(filter));
        return removed;
      }),
    putOnce: (data, ttlSeconds) =>
      guard(async () => {
        const id = newOpaqueId();
        await client.set(onceKey(id), JSON.stringify(data), { expiration: { type: 'EX', value: ttlSeconds } });
        return id;
      }),
    peekOnce: <T>(id: string) =>
      guard(async () => {
        const raw = await client.get(onceKey(id));
        return raw ? (JSON.parse(raw) as T) : null;
      }),
    takeOnce: <T>(id: string) =>
      guard(async () => {
        const raw = await client.getDel(onceKey(id));
        return raw ? (JSON.parse(raw) as T) : null;
      }),
    ping: () =>
      guard(async () => {
        await client.ping();
      }),
    async close() {
      await client.close().catch(() => client.destroy());
    },
  };
}
