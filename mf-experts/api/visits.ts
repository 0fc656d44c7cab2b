// Visits (来华) over HTTP: an expert's history for people, and the internal routes through which plans write
// (the gateway's service assertion). Each route parses, asks the visits service (services/visits.ts), and answers.
import {
  describeRoute,
  type FieldLabels,
  localeOf,
  type ModuleApp,
  type ModuleContext,
  parseJson,
  requireObjectId,
} from '@wgzj/gateway/kit';
import { planExpertsRequest, removePlanExperts, replacePlanExperts, visitsOf } from './services/visits.ts';

const VISIT_LABELS: FieldLabels = {
  unitId: { 'zh-CN': '申报单位', 'en-US': 'Unit' },
  'experts.expertId': { 'zh-CN': '专家', 'en-US': 'Expert' },
  'experts.visits.startDate': { 'zh-CN': '来华开始日期', 'en-US': 'Start date' },
  'experts.visits.endDate': { 'zh-CN': '来华结束日期', 'en-US': 'End date' },
  'experts.visits.city': { 'zh-CN': '来华城市', 'en-US': 'City' },
};

export function registerVisitRoutes(app: ModuleApp, ctx: ModuleContext): void {
  app.get('/experts/:id/visits', describeRoute({ summary: "An expert's visits, newest first, each happened or planned" }), async (c) => {
    const id = requireObjectId(c.req.param('id'));
    return c.json(await visitsOf(ctx.db, c.var.identity, id, localeOf(c)));
  });

  app.put('/internal/plans/:planId/experts', describeRoute({ summary: "Replace a plan's experts and visits", body: planExpertsRequest }), async (c) => {
    const planId = requireObjectId(c.req.param('planId'));
    const plan = await parseJson(c, planExpertsRequest, VISIT_LABELS);
    return c.json(await replacePlanExperts(ctx.db, planId, plan));
  });

  app.delete('/internal/plans/:planId/experts', describeRoute({ summary: "Remove a plan's experts and visits" }), async (c) => {
    const planId = requireObjectId(c.req.param('planId'));
    return c.json(await removePlanExperts(ctx.db, planId));
  });
}
