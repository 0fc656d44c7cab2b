// "Today" moves while no visit changes: once an hour (and at start) the visits service works out again the records
// whose nearest planned visit has come, so a visit that began counts as 来华 and the next one is shown.
import type { ModuleContext } from '@wgzj/gateway/kit';
import { refreshDueVisitStats } from './services/visits.ts';

/** The daily part of the module's background work: at start, then each hour (a new Beijing day is caught within one). */
export function startVisitClock(ctx: ModuleContext, everyMs = 3_600_000): () => void {
  const run = () =>
    refreshDueVisitStats(ctx.db).catch((error: unknown) =>
      ctx.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'visit dates refresh failed'),
    );
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
