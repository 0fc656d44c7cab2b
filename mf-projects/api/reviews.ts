// 专家评审 over HTTP: each route parses, asks the review service (services/reviews.ts), and answers.
import {
  describeRoute,
  type FieldLabels,
  localeOf,
  type ModuleApp,
  type ModuleContext,
  parseJson,
  requestMeta,
  requireObjectId,
  requireRole,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { listReviewers, reviewablePlan, scorePlan } from './services/reviews.ts';

// Any number is accepted here and checked against the plan's rubric (scoreProblems), so every item out of its range
// is named with its own maximum instead of a generic "too big".
const scoreRequest = z.object({
  scores: z.record(z.string().max(40), z.number()),
  opinion: z.string().trim().min(1, 'rule:required').max(2000),
});

const SCORE_LABELS: FieldLabels = { scores: { 'zh-CN': '评分', 'en-US': 'Scores' }, opinion: { 'zh-CN': '评审意见', 'en-US': 'Opinion' } };

export function registerReviewRoutes(app: ModuleApp, ctx: ModuleContext): void {
  app.get('/reviewers', describeRoute({ summary: 'List the expert reviewers the national level can assign', roles: ['national_admin'] }), async (c) => {
    requireRole(c.var.identity, ['national_admin']);
    return c.json(await listReviewers(ctx.db));
  });

  app.put('/plans/:id/review', describeRoute({ summary: "Score an assigned plan against its template's rubric", body: scoreRequest, roles: ['expert_reviewer'] }), async (c) => {
    const me = c.var.identity;
    const plan = await reviewablePlan(ctx.db, me, requireObjectId(c.req.param('id')));
    const body = await parseJson(c, scoreRequest, SCORE_LABELS);
    return c.json(await scorePlan(ctx.db, me, plan, body, localeOf(c), requestMeta(c)));
  });
}
