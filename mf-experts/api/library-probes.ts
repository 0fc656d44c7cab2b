// Answers that tell a unit whether a passport is in the library (a claim, a new record or an edit that meets a
// passport already there, an import row) are rationed and audited: one passport number is not enough to learn
// anything, and guessing numbers runs out of budget after a handful. The budget is per user and per unit, shared
// by every such answer; once it is spent, every create and claim is refused alike, so "refused" and "created" say
// nothing about the library until the window ends. What a create or an edit that meets a taken passport is told
// is the expert service's (services/experts.ts screenTakenPassport).
import { AppError, dbRateLimiter, type Identity, type Queryable, type RateLimiter, writeAudit } from '@wgzj/gateway/kit';

/** Per user an hour, per unit a day: an honest unit claims a few experts at a time (create, then claim: two). */
export const PROBE_LIMITS = {
  user: { limit: 10, windowSeconds: 3600 },
  unit: { limit: 40, windowSeconds: 86_400 },
} as const;

const userKey = (actor: Identity) => `expert-probe:user:${actor.userId}`;
const unitKey = (actor: Identity) => `expert-probe:unit:${actor.unit.id}`;

const LIMITED = {
  status: 429,
  'zh-CN': `核对专家库中已有专家的次数已达上限(每人每小时 ${PROBE_LIMITS.user.limit} 次,每单位每天 ${PROBE_LIMITS.unit.limit} 次),请稍后再试;如确需认领更多专家,请联系国家管理员(科技部外国专家服务司)。`,
  'en-US': `You have reached the limit for checking experts already in the library (${PROBE_LIMITS.user.limit} an hour per person, ${PROBE_LIMITS.unit.limit} a day per unit); try again later, or ask the national administrator if you need to claim more.`,
} as const;

export interface WriteMeta {
  requestId?: string;
  clientIp?: string;
}

export interface ProbeGuard {
  /** Refuses (429 RATE_LIMITED) when the caller or its unit has no budget left, without counting. */
  ensureBudget(actor: Identity): Promise<void>;
  /** Counts `hits` answers against both budgets; refuses (429) beyond either, auditing the first refusal of a window. */
  spend(actor: Identity, hits: number, meta: WriteMeta): Promise<void>;
}

export function probeGuard(db: Queryable, limiter: RateLimiter = dbRateLimiter(db)): ProbeGuard {
  return {
    async ensureBudget(actor) {
      const [user, unit] = await Promise.all([
        limiter.count({ key: userKey(actor), windowSeconds: PROBE_LIMITS.user.windowSeconds }),
        limiter.count({ key: unitKey(actor), windowSeconds: PROBE_LIMITS.unit.windowSeconds }),
      ]);
      if (user >= PROBE_LIMITS.user.limit || unit >= PROBE_LIMITS.unit.limit) throw new AppError('RATE_LIMITED', LIMITED);
    },
    async spend(actor, hits, meta) {
      let refused: { key: string; count: number; limit: number } | null = null;
      for (let i = 0; i < hits; i++) {
        const user = await limiter.hit({ key: userKey(actor), ...PROBE_LIMITS.user });
        const unit = await limiter.hit({ key: unitKey(actor), ...PROBE_LIMITS.unit });
        if (!user.allowed) refused = { key: 'user', count: user.count, limit: PROBE_LIMITS.user.limit };
        else if (!unit.allowed) refused = { key: 'unit', count: unit.count, limit: PROBE_LIMITS.unit.limit };
        if (refused) break;
      }
      if (!refused) return;
      // One record per spent window: the moment a budget ran out is worth reading; every later knock is not.
      if (refused.count === refused.limit + 1 || hits > 1) {
        await writeAudit(db, {
          actor,
          action: 'expert.probe_limited',
          objectType: 'expert',
          objectId: 'probe',
          after: { budget: refused.key, limit: refused.limit },
          ...meta,
        });
      }
      throw new AppError('RATE_LIMITED', LIMITED);
    },
  };
}

/** Names compare as people type them: case and spaces aside ("anna  SCHMIDT" is Anna Schmidt). */
export const sameName = (a: string, b: string) => {
  const norm = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en-US').replace(/\s+/g, '');
  return norm(a) === norm(b);
};
