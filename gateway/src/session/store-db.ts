// Session store in the gateway's database schema: the embedded default, and any deployment without Redis.
import type { Db } from '@wgzj/gateway/kit';
import { hashId, newOpaqueId, type SessionData, type SessionStore } from './store.ts';
import type { LoginTransactionsRow, SessionsRow } from '../../db/rows.ts';

export function createDbSessionStore(db: Db, now: () => number = Date.now): SessionStore {
  const expiry = (ttlSeconds: number) => new Date(now() + ttlSeconds * 1000).toISOString();
  const current = () => new Date(now()).toISOString();
  let lastSweep = 0;

  // Expired rows are invisible to reads; this removes them now and then so the table stays small.
  async function sweep() {
    if (now() - lastSweep < 60_000) return;
    lastSweep = now();
    await db.query('delete from gateway.sessions where expires_at < $1', [current()]);
    await db.query('delete from gateway.login_transactions where expires_at < $1', [current()]);
  }

  return {
    kind: 'database',
    async create(data, ttlSeconds) {
      const id = newOpaqueId();
      await db.query(
        `insert into gateway.sessions (id_hash, user_id, portal_sid, portal_subject, data, expires_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [hashId(id), data.identity.userId, data.portalSid ?? null, data.portalSubject ?? null, JSON.stringify(data), expiry(ttlSeconds)],
      );
      await sweep();
      return id;
    },
    async get(id) {
      const { rows } = await db.query<{ data: SessionData }>(
        'select data from gateway.sessions where id_hash = $1 and expires_at > $2',
        [hashId(id), current()],
      );
      return rows[0]?.data ?? null;
    },
    async update(id, data, ttlSeconds) {
      await db.query('update gateway.sessions set data = $2, expires_at = $3 where id_hash = $1', [
        hashId(id),
        JSON.stringify(data),
        expiry(ttlSeconds),
      ]);
    },
    async delete(id) {
      await db.query('delete from gateway.sessions where id_hash = $1', [hashId(id)]);
    },
    async listForUser(userId) {
      const { rows } = await db.query<Pick<SessionsRow, 'id_hash'> & { data: SessionData }>(
        'select id_hash, data from gateway.sessions where user_id = $1 and expires_at > $2',
        [userId, current()],
      );
      return rows.map((r) => ({ key: r.id_hash, data: r.data }));
    },
    async deleteByKey(key) {
      const { rowCount } = await db.query('delete from gateway.sessions where id_hash = $1', [key]);
      return rowCount > 0;
    },
    async deleteWhere(filter) {
      const [column, value] =
        'userId' in filter
          ? ['user_id', filter.userId]
          : 'portalSid' in filter
            ? ['portal_sid', filter.portalSid]
            : ['portal_subject', filter.portalSubject];
      const { rowCount } = await db.query(`delete from gateway.sessions where ${column} = $1`, [value]);
      return rowCount;
    },
    async putOnce(data, ttlSeconds) {
      const id = newOpaqueId();
      await db.query('insert into gateway.login_transactions (id_hash, data, expires_at) values ($1, $2, $3)', [
        hashId(id),
        JSON.stringify(data),
        expiry(ttlSeconds),
      ]);
      return id;
    },
    async peekOnce<T>(id: string) {
      const { rows } = await db.query<{ data: T }>(
        'select data from gateway.login_transactions where id_hash = $1 and expires_at > $2',
        [hashId(id), current()],
      );
      return rows[0]?.data ?? null;
    },
    async takeOnce<T>(id: string) {
      const { rows } = await db.query<Pick<LoginTransactionsRow, 'expires_at'> & { data: T }>(
        'delete from gateway.login_transactions where id_hash = $1 returning data, expires_at',
        [hashId(id)],
      );
      const row = rows[0];
      return row && new Date(row.expires_at).getTime() > now() ? row.data : null;
    },
    async ping() {
      await db.query('select 1');
    },
    async close() {},
  };
}
