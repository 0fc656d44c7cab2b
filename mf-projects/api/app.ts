// Routes of the project library (项目库): catalogue (types, calls, templates), plans, their files, expert review,
// and the to-do: plans waiting for the caller, and news about the caller's own plans (站内消息).
import { createModuleApp, describeRoute, localeOf, type ModuleContext } from '@wgzj/gateway/kit';
import { registerCatalogueRoutes } from './catalogue.ts';
import { registerExecutionRoutes } from './execution.ts';
import { registerPlanFileRoutes } from './plan-files.ts';
import { registerPlanRoutes } from './plans.ts';
import { registerReviewRoutes } from './reviews.ts';
import { planToDo } from './services/plans.ts';
import { unitStanding } from './unit-standing.ts';

export function createProjectsApp(ctx: ModuleContext) {
  const app = createModuleApp('projects', ctx);
  registerCatalogueRoutes(app, ctx);
  registerPlanRoutes(app, ctx);
  registerPlanFileRoutes(app, ctx);
  registerReviewRoutes(app, ctx);
  registerExecutionRoutes(app, ctx);
  app.get('/todo', describeRoute({ summary: 'List the plans waiting for the caller and their unread news about their own plans' }), async (c) =>
    c.json(await planToDo(ctx.db, c.var.identity, localeOf(c))),
  );
  // Whether the caller's unit may start and submit plans yet, and what to do if not: 新报计划 says it first.
  app.get('/unit-standing', describeRoute({ summary: "Whether the caller's unit may start and submit plans yet" }), async (c) => c.json(await unitStanding(ctx.db, c.var.identity, localeOf(c))));
  return app;
}
