// Plans reach the library through the project library's published view `projects.plan_expert_feed`: each
// submitted plan with its experts, visits and a sequence number that moves whenever the plan moves. This job
// applies every plan whose number it has not applied yet, each through the visits service in its own transaction,
// so a plan's experts and visits here follow the plan's state without the two areas calling each other.
import type { ModuleContext } from '@wgzj/gateway/kit';
import { applyFeedEntry, type FeedRange, feedPublished, highestApplied, passOverFeedEntry, unappliedFeedRows } from './services/visits.ts';

export type { FeedRange } from './services/visits.ts';

/**
 * How far below the highest applied sequence number a poll looks first. Numbers are drawn when a plan changes and
 * become visible when its transaction commits, so a slow commit can show a number lower than one already applied;
 * a few thousand covers any commit that is merely late, and the rolling comparison covers the rest.
 */
export const LOOK_BACK = 5000;

/** How many feed numbers each poll's rolling comparison covers: the whole feed every minute or so, in small steps. */
export const SWEEP_WINDOW = 5000;

/**
 * Applies what changed since last time within `range` (the whole feed when absent); returns how many plans it
 * applied. A range is read through the plans' feed-number index. Safe to run from several replicas.
 */
export async function syncFromPlanFeed(ctx: ModuleContext, batch = 200, range: FeedRange = { above: -1 }): Promise<number> {
  return (await feedPublished(ctx.db)) ? applyFeed(ctx, batch, range) : 0;
}

async function applyFeed(ctx: ModuleContext, batch: number, range: FeedRange): Promise<number> {
  const rows = await unappliedFeedRows(ctx.db, batch, range);
  let applied = 0;
  for (const row of rows) {
    try {
      await applyFeedEntry(ctx.db, row);
      applied++;
    } catch (error) {
      // An expert merged away since the plan was submitted: the next change of the plan brings it again.
      ctx.logger.warn({ planId: row.plan_id, err: error instanceof Error ? error.message : String(error) }, 'plan feed entry not applied');
      await passOverFeedEntry(ctx.db, row);
    }
  }
  return applied;
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
  if (!(await feedPublished(ctx.db))) return 0;
  const top = await highestApplied(ctx.db);
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
