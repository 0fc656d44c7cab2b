// Routes of the project library (项目库): catalogue (types, calls, templates), plans, their files, expert review,
// and the to-do: plans waiting for the caller, and news about the caller's own plans (站内消息).
import { createModuleApp, type Identity, localeOf, type ModuleContext } from '@wgzj/gateway/kit';
import { registerCatalogueRoutes } from './catalogue.ts';
import { registerPlanFileRoutes } from './plan-files.ts';
import { registerPlanRoutes, waitingCondition } from './plans.ts';
import { registerReviewRoutes } from './reviews.ts';
import { unitStanding } from './unit-standing.ts';

async function todoOf(ctx: ModuleContext, me: Identity, english: boolean) {
  const waiting = waitingCondition(me, 1);
  const [count, items, news] = await Promise.all([
    waiting
      ? ctx.db.query<{ n: number }>(`select count(*)::int as n from projects.plans p where ${waiting.sql}`, waiting.params)
      : Promise.resolve({ rows: [{ n: 0 }] }),
    waiting
      ? ctx.db.query<{ id: string; title: string; status: string; updated_at: Date }>(
          `select p.id, p.title, p.status, p.updated_at from projects.plans p where ${waiting.sql} order by p.updated_at, p.id limit 10`,
          waiting.params,
        )
      : Promise.resolve({ rows: [] as Array<{ id: string; title: string; status: string; updated_at: Date }> }),
    ctx.db.query<{ plan_id: string; title_zh: string; title_en: string; created_at: Date }>(
      'select plan_id, title_zh, title_en, created_at from projects.notifications where user_id = $1 and read_at is null order by created_at desc limit 10',
      [me.userId],
    ),
  ]);
  const label = (status: string) =>
    status === 'returned'
      ? english ? 'Returned plan' : '退回待修改'
      : status === 'expert_review' && me.role === 'expert_reviewer'
        ? english ? 'Plan to score' : '计划待评分'
        : english ? 'Plan to review' : '计划待审核';
  const notified = new Set(news.rows.map((n) => n.plan_id));
  return {
    count: count.rows[0]!.n + news.rows.filter((n) => !items.rows.some((i) => i.id === n.plan_id)).length,
    items: [
      ...news.rows.map((n) => ({ title: english ? n.title_en : n.title_zh, link: `/projects/plans/${n.plan_id}`, createdAt: new Date(n.created_at).toISOString() })),
      ...items.rows
        .filter((r) => !notified.has(r.id))
        .map((r) => ({ title: `${label(r.status)}:${r.title}`, link: `/projects/plans/${r.id}`, createdAt: new Date(r.updated_at).toISOString() })),
    ],
  };
}

export function createProjectsApp(ctx: ModuleContext) {
  const app = createModuleApp('projects', ctx);
  registerCatalogueRoutes(app, ctx);
  registerPlanRoutes(app, ctx);
  registerPlanFileRoutes(app, ctx);
  registerReviewRoutes(app, ctx);
  app.get('/todo', async (c) => c.json(await todoOf(ctx, c.var.identity, localeOf(c) === 'en-US')));
  // Whether the caller's unit may start and submit plans yet, and what to do if not: 新报计划 says it first.
  app.get('/unit-standing', async (c) => c.json(await unitStanding(ctx.db, c.var.identity, localeOf(c))));
  return app;
}
