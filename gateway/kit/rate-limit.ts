// Rate limits: at most `limit` hits per key in a fixed window. One interface with a database store here (module
// APIs and a gateway without Redis) and a Redis store in the gateway, so a rule is written the same way on both.
import type { Queryable } from './db.ts';
import { defineErrors } from './errors.ts';
import type { KitRateLimitsRow } from './rows.ts';

export interface RateRule {
  /** What is counted, e.g. `legacy:ip:203.0.113.7` or `expert-claim:user:<id>`; the store keeps it as given. */
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface RateVerdict {
  /** False once this hit is beyond the limit of the window. */
  allowed: boolean;
  /** Hits in the current window, this one included. */
  count: number;
  /** Seconds until the window ends and the key may be used again. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one hit and says whether it is within the limit; counting and deciding are one atomic step. */
  hit(rule: RateRule): Promise<RateVerdict>;
  /** The current window's count without counting (0 when the window is over). */
  count(rule: Omit<RateRule, 'limit'>): Promise<number>;
  /** Forgets a key (e.g. an account's failures after its owner signed in). */
  reset(key: string): Promise<void>;
}

export const RateLimitErrors = defineErrors({
  RATE_LIMITED: {
    status: 429,
    'zh-CN': '操作过于频繁,请稍后再试。',
    'en-US': 'Too many attempts; try again later.',
  },
});

/** Minutes in words for a refusal: "5 分钟" / "5 minutes", at least one. */
export function retryMinutes(verdict: RateVerdict): number {
  return Math.max(1, Math.ceil(verdict.retryAfterSeconds / 60));
}

/**
 * The database store: one upsert per hit counts and, when the window is over, starts a new one, so concurrent
 * hits on one key can never undercount. `now` is the caller's clock (tests move it).
 */
export function dbRateLimiter(db: Queryable, now: () => number = Date.now): RateLimiter {
  let sinceSweep = 0;
  return {
    async hit(rule) {
      const at = new Date(now());
      const { rows } = await db.query<Pick<KitRateLimitsRow, 'hits' | 'window_started_at'>>(
        `insert into kit.rate_limits as r (key, window_started_at, hits) values ($1, $2::timestamptz, 1)
         on conflict (key) do update set
           hits = case when r.window_started_at <= $2::timestamptz - make_interval(secs => $3) then 1 else r.hits + 1 end,
           window_started_at = case when r.window_started_at <= $2::timestamptz - make_interval(secs => $3) then $2::timestamptz
                                    else r.window_started_at end
         returning hits, window_started_at`,
        [rule.key, at.toISOString(), rule.windowSeconds],
      );
      // Now and then, windows that ended a day ago go, so the table holds only live keys.
      if (++sinceSweep >= 500) {
        sinceSweep = 0;
        await db.query(`delete from kit.rate_limits where window_started_at < $1::timestamptz - interval '1 day'`, [at.toISOString()]);
      }
      const row = rows[0]!;
      const endsAt = new Date(row.window_started_at).getTime() + rule.windowSeconds * 1000;
      return { allowed: row.hits <= rule.limit, count: row.hits, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - at.getTime()) / 1000)) };
    },
    async count(rule) {
      const { rows } = await db.query<Pick<KitRateLimitsRow, 'hits'>>(
        `select hits from kit.rate_limits where key = $1 and window_started_at > $2::timestamptz - make_interval(secs => $3)`,
        [rule.key, new Date(now()).toISOString(), rule.windowSeconds],
      );
      return rows[0]?.hits ?? 0;
    },
    async reset(key) {
      await db.query('delete from kit.rate_limits where key = $1', [key]);
    },
  };
}
