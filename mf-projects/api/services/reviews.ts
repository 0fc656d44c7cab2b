// The review service (专家评审): the one door to reviewers and their scores for the review routes and the plan
// actions. The national level picks reviewers (accounts with the expert-reviewer role); each assigned reviewer
// scores the plan against its template's rubric and gives an opinion, until the national level decides.
import { CommonErrors, type Db, defineErrors, type FieldIssue, type Identity, type Locale, writeAudit } from '@wgzj/gateway/kit';
import { t } from '../messages.ts';
import type { TemplateDefinition } from '../template.ts';
import { findPlan, type PlanRow, templateOf } from './plan-repository.ts';
import type { RequestMeta } from './plans.ts';
import { activeReviewers, storeScores } from './review-repository.ts';

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

/** Every score that keeps the form from being sent, each at `scores.<item>`; empty when all are in and in range. */
export function scoreProblems(rubric: ReadonlyArray<RubricItem>, scores: Record<string, number>, locale: Locale): FieldIssue[] {
  const problems: FieldIssue[] = [];
  for (const item of rubric) {
    const value = scores[item.key];
    const field = `scores.${item.key}`;
    const vars = { item: item.label[locale], max: item.max };
    if (value === undefined) problems.push({ field, message: t(locale, 'score.missing', vars) });
    else if (!Number.isInteger(value)) problems.push({ field, message: t(locale, 'score.whole', vars) });
    else if (value < 0) problems.push({ field, message: t(locale, 'score.negative', vars) });
    else if (value > item.max) problems.push({ field, message: t(locale, 'score.tooHigh', vars) });
  }
  for (const key of Object.keys(scores)) {
    if (!rubric.some((r) => r.key === key)) problems.push({ field: `scores.${key}`, message: t(locale, 'score.unknown') });
  }
  return problems;
}

/** Who the national level can assign. */
export async function listReviewers(db: Db) {
  const rows = await activeReviewers(db);
  return { items: rows.map((r) => ({ userId: r.user_id, name: r.display_name, username: r.username })) };
}

/** A reviewer reads only the plans assigned to them (else 404); anyone else is refused (403) before the body is read. */
export async function reviewablePlan(db: Db, me: Identity, id: string): Promise<PlanRow> {
  const plan = await findPlan(db, me, id);
  if (me.role !== 'expert_reviewer') throw CommonErrors.FORBIDDEN();
  return plan;
}

/** A reviewer's scores and opinion for a plan in expert review; the total comes back. */
export async function scorePlan(
  db: Db,
  me: Identity,
  plan: PlanRow,
  body: { scores: Record<string, number>; opinion: string },
  locale: Locale,
  meta: RequestMeta,
) {
  const rubric = templateOf(plan).rubric;
  const problems = scoreProblems(rubric, body.scores, locale);
  if (problems.length) throw ReviewErrors.REVIEW_SCORES(problems);
  const total = rubric.reduce((sum, item) => sum + body.scores[item.key]!, 0);
  await db.transaction(async (tx) => {
    if (!(await storeScores(tx, plan.id, me.userId, { scores: body.scores, total, opinion: body.opinion }))) throw ReviewErrors.REVIEW_NOT_OPEN();
    await writeAudit(tx, { actor: me, action: 'plan.review_score', objectType: 'plan', objectId: plan.id, after: { total }, ...meta });
  });
  return { total };
}
