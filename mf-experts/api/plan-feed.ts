// Plans reach the library through the project library's published view `projects.plan_expert_feed`: each
// submitted plan with its experts, visits and a sequence number that moves whenever the plan moves. This side
// applies every plan whose number it has not applied yet, in its own transaction, so a plan's experts and
// visits here follow the plan's state without the two areas calling each other.
import type { ModuleContext } from '@wgzj/gateway/kit';
import { type PlanStateSeen, replacePlanExperts } from './visits.ts';

interface FeedRow {
  plan_id: string;
  unit_id: string;
  status: string;
  program: string;
  program_name: string;
  feed_seq: string;
  experts: Array<{ expertId: string; visits: Array<{ startDate: string; endDate: string; city: string; purpose: string | null }> }>;
}

/** Plans a library keeps: submitted and not refused. A plan withdrawn to draft or rejected leaves the library. */
const KEPT = new Set(['supervising_review', 'national_review', 'expert_review', 'returned', 'approved']);

/**
 * How far below the highest applied sequence number a poll looks first. Numbers are drawn when a plan changes and
 * become visible when its transaction commits, so a slow commit can show a number lower than one already applied;
 * a few thousand covers any commit that is merely late, and the rolling comparison covers the rest.
 */
export const LOOK_BACK = 5000;

/** How many feed numbers each poll's rolling comparison covers: the whole feed every minute or so, in small steps. */
export const SWEEP_WINDOW = 5000;

/** A stretch of the feed by sequence number: above `above`, up to `upTo` inclusive (open when absent). */
export interface FeedRange {
  above: number;
  upTo?: number;
}

/**
 * Applies what changed since last time within `range` (the whole feed when absent); returns how many plans it
 * applied. A range is read through the plans' feed-number index. Safe to run from several replicas.
 */
export async function syncFromPlanFeed(ctx: ModuleContext, batch = 200, range: FeedRange = { above: -1 }): Promise<number> {
  return (await feedPublished(ctx)) ? applyFeed(ctx, batch, range) : 0;
}

/** The project library publishes the feed once it has migrated; until then (a separate deployment) there is none. */
async function feedPublished(ctx: ModuleContext): Promise<boolean> {
  const { rows } = await ctx.db.query(`select 1 from information_schema.views where table_schema = 'projects' and table_name = 'plan_expert_feed'`);
  return rows.length > 0;
}

async function applyFeed(ctx: ModuleContext, batch: number, range: FeedRange): Promise<number> {
  const { rows } = await ctx.db.query<FeedRow>(
    `select f.plan_id, f.unit_id, f.status, f.program, f.program_name, f.feed_seq, f.experts
     from projects.plan_expert_feed f left join experts.plan_sync s on s.plan_id = f.plan_id
     where f.feed_seq > $2 and ($3::bigint is null or f.feed_seq <= $3) and s.applied_seq is distinct from f.feed_seq
     order by f.feed_seq limit $1`,
    [batch, range.above, range.upTo ?? null],
  );
  let applied = 0;
  for (const row of rows) {
    try {
      if (KEPT.has(row.status)) {
        await replacePlanExperts(ctx, row.plan_id, {
          unitId: row.unit_id,
          approved: row.status === 'approved',
          state: row.status as PlanStateSeen,
          program: row.program,
          programName: row.program_name,
          experts: row.experts.map((e) => ({ expertId: e.expertId, visits: e.visits.map((v) => ({ ...v, purpose: v.purpose ?? null })) })),
        }, Number(row.feed_seq));
      } else {
        await ctx.db.transaction(async (tx) => {
          await tx.query('delete from experts.visits where plan_id = $1', [row.plan_id]);
          await tx.query('delete from experts.plan_links where plan_id = $1', [row.plan_id]);
          await markApplied(tx, row.plan_id, Number(row.feed_seq));
        });
      }
      applied++;
    } catch (error) {
      // An expert merged away since the plan was submitted: the next change of the plan brings it again.
      ctx.logger.warn({ planId: row.plan_id, err: error instanceof Error ? error.message : String(error) }, 'plan feed entry not applied');
      await ctx.db.transaction((tx) => markApplied(tx, row.plan_id, Number(row.feed_seq)));
    }
  }
  return applied;
}

export async function markApplied(tx: { query: ModuleContext['db']['query'] }, planId: string, seq: number): Promise<void> {
  await tx.query(
    `insert into experts.plan_sync (plan_id, applied_seq) values ($1, $2)
     on conflict (plan_id) do update set applied_seq = greatest(experts.plan_sync.applied_seq, excluded.applied_seq), applied_at = now()`,
    [planId, seq],
  );
}

async function highestApplied(ctx: ModuleContext): Promise<number> {
  const { rows } = await ctx.db.query<{ seq: string | null }>('select max(applied_seq)::text as seq from experts.plan_sync');
  return Number(rows[0]?.seq ?? 0);
}

/** Where the rolling comparison stands: the feed number its next window starts above. */
export interface FeedReader {
  sweptTo: number;
}

/**
 * One poll: the feed's recent end, then the next window of the rolling comparison (wrapping to the start past the
 * highest applied number). No poll reads the whole feed, so 100,000 plans cost each poll a few milliseconds.
 */
export async function pollPlanFeed(ctx: ModuleContext, reader: FeedReader): Promise<number> {
  if (!(await feedPublished(ctx))) return 0;
  const top = await highestApplied(ctx);
  const applied = await applyFeed(ctx, 200, { above: top - LOOK_BACK });
  const window = { above: reader.sweptTo, upTo: reader.sweptTo + SWEEP_WINDOW };
  const swept = await applyFeed(ctx, 200, window);
  // A full window may hold more: it is read again before the comparison moves on.
  if (swept < 200) reader.sweptTo = window.upTo >= top ? -1 : window.upTo;
  return applied + swept;
}

/** The background reader: every few seconds, until stopped. */
export function startPlanFeed(ctx: ModuleContext, everyMs = 3000): () => void {
  let running = false;
  const reader: FeedReader = { sweptTo: -1 };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    pollPlanFeed(ctx, reader)
      .catch((error: unknown) => ctx.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'plan feed sync failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
