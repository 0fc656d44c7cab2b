// Idempotency-Key for requests that create or move something: the key is claimed atomically in the transaction
// of the work itself, so a retry (or a second copy arriving at the same moment) is answered with the stored
// response instead of doing the work again; the same key with a different body is refused.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { withinTransaction, type Db } from './db.ts';
import { CommonErrors, defineErrors, pickLocale } from './errors.ts';
import type { KitIdempotencyKeysRow } from './rows.ts';

/** The header as browsers and clients send it; its value names one intent of one person. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Long enough for a UUID or any client's scheme; visible ASCII only, since it is stored and compared as text. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 100;
/** How long a key answers for its first request; after that it may name a new one. */
export const IDEMPOTENCY_KEY_HOURS = 24;

const KEY_SHAPE = new RegExp(`^[\\x21-\\x7e]{1,${IDEMPOTENCY_KEY_MAX_LENGTH}}$`);

export const IdempotencyErrors = defineErrors({
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    'zh-CN': `请求标识(Idempotency-Key)须为 1 至 ${IDEMPOTENCY_KEY_MAX_LENGTH} 个可见 ASCII 字符(字母、数字或符号,不含空格)`,
    'en-US': `The Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters (letters, digits or symbols, no spaces)`,
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    'zh-CN': '该请求标识(Idempotency-Key)已用于内容不同的另一次提交,本次未执行;请刷新页面后重新操作。',
    'en-US': 'This Idempotency-Key was already used for a request with different content, so nothing was done; reload the page and try again.',
  },
});

/** The request's Idempotency-Key, checked; undefined when none was sent. */
export function idempotencyKeyOf(c: Context): string | undefined {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return undefined;
  if (!KEY_SHAPE.test(key)) {
    throw IdempotencyErrors.IDEMPOTENCY_KEY_INVALID().onField(IDEMPOTENCY_HEADER, pickLocale(c.req.header('accept-language')));
  }
  return key;
}

/** What the work answered, as it is stored and replayed. */
export interface StoredResponse<B> {
  status: ContentfulStatusCode;
  body: B;
}

export interface IdempotentRequest {
  actor: { userId: string };
  /** From idempotencyKeyOf; undefined runs the work as it is, with nothing stored. */
  key: string | undefined;
  /** Where the key is scoped besides the user, e.g. `projects:create-plan` or `projects:plan-action:<id>`. */
  route: string;
  /** The request as the route understood it; a retry must send the same. */
  requestBody: unknown;
}

/** JSON with object keys sorted, so the same body hashes the same however its keys were ordered. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const requestHash = (body: unknown) => createHash('sha256').update(canonical(body)).digest('hex');

/**
 * Runs `work` once per key. With a key, the claim, the work's writes and the stored response commit together in
 * one transaction (`work` gets the database bound to it; its own transactions become savepoints), so:
 * a second request with the key waits on the claim (PostgreSQL's unique index) and is then answered with the
 * stored response; a work that fails frees the key with everything else it wrote; the same key with another body
 * is 422 IDEMPOTENCY_KEY_REUSED and changes nothing.
 */
export async function withIdempotencyKey<B>(
  db: Db,
  request: IdempotentRequest,
  work: (db: Db) => Promise<StoredResponse<B>>,
): Promise<StoredResponse<B> & { replayed: boolean }> {
  if (request.key === undefined) return { ...(await work(db)), replayed: false };
  const { userId } = request.actor;
  const { key, route } = request;
  const hash = requestHash(request.requestBody);
  return db.transaction(async (tx) => {
    // A key past its day names nothing any more: it may be claimed afresh (the update's condition), and the
    // person's other expired keys go while we are here.
    const claimed = await tx.query(
      `insert into kit.idempotency_keys (user_id, route, key, request_hash, expires_at)
       values ($1, $2, $3, $4, now() + make_interval(hours => $5))
       on conflict (user_id, route, key) do update
         set request_hash = excluded.request_hash, status = null, response = null, created_at = now(), expires_at = excluded.expires_at
         where kit.idempotency_keys.expires_at <= now()
       returning 1`,
      [userId, route, key, hash, IDEMPOTENCY_KEY_HOURS],
    );
    if (claimed.rowCount) {
      await tx.query('delete from kit.idempotency_keys where user_id = $1 and expires_at <= now() and not (route = $2 and key = $3)', [userId, route, key]);
      const result = await work(withinTransaction(db.kind, tx));
      await tx.query('update kit.idempotency_keys set status = $4, response = $5 where user_id = $1 and route = $2 and key = $3', [
        userId,
        route,
        key,
        result.status,
        JSON.stringify(result.body ?? null),
      ]);
      return { ...result, replayed: false };
    }
    const { rows } = await tx.query<Pick<KitIdempotencyKeysRow, 'request_hash' | 'status'> & { response: B }>(
      'select request_hash, status, response from kit.idempotency_keys where user_id = $1 and route = $2 and key = $3',
      [userId, route, key],
    );
    const stored = rows[0];
    // Claim and answer commit together, so a claim without an answer is never visible; a row gone since the
    // insert saw it was an expired one another request just replaced — reload and try again.
    if (!stored || stored.status === null) throw CommonErrors.CONFLICT();
    if (stored.request_hash !== hash) throw IdempotencyErrors.IDEMPOTENCY_KEY_REUSED();
    return { status: stored.status as ContentfulStatusCode, body: stored.response, replayed: true };
  });
}
