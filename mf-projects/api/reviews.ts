// 专家评审: the national level picks reviewers (accounts with the expert-reviewer role); each assigned reviewer
// scores the plan against its template's rubric and gives an opinion, until the national level decides.
import {
  CommonErrors,
  defineErrors,
  type FieldIssue,
  type FieldLabels,
  type Locale,
  localeOf,
  type ModuleContext,
  parseJson,
  requestMeta,
  requireObjectId,
  requireRole,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { ProjectsApp } from './projects-app.ts';
import { findPlan, templateOf } from './services/plans.ts';
import type { TemplateDefinition } from './template.ts';

type RubricItem = TemplateDefinition['rubric'][number];

const ReviewErrors = defineErrors({
  REVIEW_NOT_OPEN: {
    status: 409,
    'zh-CN': '该计划当前不在专家评审阶段,不能评分。',
    'en-US': 'This plan is not in expert review; it cannot be scored now.',
  },
  REVIEW_SCORES: {
    status: 400,
    'zh-CN': '请按评分标准为每一项打分,分值不能超过该项满分。',
    'en-US': 'Score every item of the rubric, each within its maximum.',
  },
});

// Any number is accepted here and checked against the plan's rubric below, so every item out of its range is named
// with its own maximum instead of a generic "too big".
const scoreRequest = z.object({
  scores: z.record(z.string().max(40), z.number()),
  opinion: z.string().trim().min(1, 'rule:required').max(2000),
});
const SCORE_TEXTS = {
  missing: { 'zh-CN': '请为「{item}」打分(0–{max} 的整数)', 'en-US': 'Score “{item}” (a whole number from 0 to {max})' },
  whole: { 'zh-CN': '「{item}」的评分须为整数', 'en-US': 'The score of “{item}” must be a whole number' },
  negative: { 'zh-CN': '「{item}」的评分不能为负数', 'en-US': 'The score of “{item}” cannot be negative' },
  tooHigh: { 'zh-CN': '「{item}」的评分不能超过 {max} 分', 'en-US': 'The score of “{item}” cannot exceed {max}' },
  unknown: { 'zh-CN': '评分标准中没有这一项', 'en-US': 'The rubric has no such item' },
} as const;

/** Every score that keeps the form from being sent, each at `scores.<item>`; empty when all are in and in range. */
export function scoreProblems(rubric: ReadonlyArray<RubricItem>, scores: Record<string, number>, locale: Locale): FieldIssue[] {
  const say = (text: (typeof SCORE_TEXTS)[keyof typeof SCORE_TEXTS], item: RubricItem) =>
    text[locale].replace('{item}', item.label[locale]).replace('{max}', String(item.max));
  const problems: FieldIssue[] = [];
  for (const item of rubric) {
    const value = scores[item.key];
    const field = `scores.${item.key}`;
    if (value === undefined) problems.push({ field, message: say(SCORE_TEXTS.missing, item) });
    else if (!Number.isInteger(value)) problems.push({ field, message: say(SCORE_TEXTS.whole, item) });
    else if (value < 0) problems.push({ field, message: say(SCORE_TEXTS.negative, item) });
    else if (value > item.max) problems.push({ field, message: say(SCORE_TEXTS.tooHigh, item) });
  }
  for (const key of Object.keys(scores)) {
    if (!rubric.some((r) => r.key === key)) problems.push({ field: `scores.${key}`, message: SCORE_TEXTS.unknown[locale] });
  }
  return problems;
}

const SCORE_LABELS: FieldLabels = { scores: { 'zh-CN': '评分', 'en-US': 'Scores' }, opinion: { 'zh-CN': '评审意见', 'en-US': 'Opinion' } };

export function registerReviewRoutes(app: ProjectsApp, ctx: ModuleContext): void {
  /** Who the national level can assign. */
  app.get('/reviewers', async (c) => {
    requireRole(c.var.identity, ['national_admin']);
    const { rows } = await ctx.db.query<{ user_id: string; display_name: string; username: string }>(
      `select user_id, display_name, username from admin.account_directory where role = 'expert_reviewer' and status = 'active' order by display_name`,
    );
    return c.json({ items: rows.map((r) => ({ userId: r.user_id, name: r.display_name, username: r.username })) });
  });

  app.put('/plans/:id/review', async (c) => {
    const me = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    // A reviewer reads only the plans assigned to them; anyone else is refused before the body is read.
    const plan = await findPlan(ctx.db, me, id);
    if (me.role !== 'expert_reviewer') throw CommonErrors.FORBIDDEN();
    const body = await parseJson(c, scoreRequest, SCORE_LABELS);
    const rubric = templateOf(plan).rubric;
    const problems = scoreProblems(rubric, body.scores, localeOf(c));
    if (problems.length) throw ReviewErrors.REVIEW_SCORES(problems);
    const total = rubric.reduce((sum, item) => sum + body.scores[item.key]!, 0);
    await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `update projects.plan_reviews r set scores = $3, total = $4, opinion = $5, submitted_at = now()
         from projects.plans p where p.id = r.plan_id and r.plan_id = $1 and r.reviewer_id = $2 and p.status = 'expert_review'
         returning r.plan_id`,
        [plan.id, me.userId, JSON.stringify(body.scores), total, body.opinion],
      );
      if (!rows.length) throw ReviewErrors.REVIEW_NOT_OPEN();
      await writeAudit(tx, { actor: me, action: 'plan.review_score', objectType: 'plan', objectId: plan.id, after: { total }, ...requestMeta(c) });
    });
    return c.json({ total });
  });
}
