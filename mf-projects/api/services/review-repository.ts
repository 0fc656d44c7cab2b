// 专家评审's statements: who may be assigned (the admin area's published account directory), the assignments and
// the scores (projects.plan_reviews, typed from db/rows.ts). The directory is another area's view, read through its
// narrow columns only (as every area reads another's), so its type stays written here.
import type { Queryable } from '@wgzj/gateway/kit';
import type { PlanReviewsRow } from '../../db/rows.ts';

interface Reviewer {
  user_id: string;
  display_name: string;
}

/** Every active expert reviewer, by name. */
export async function activeReviewers(db: Queryable): Promise<Array<Reviewer & { username: string }>> {
  const { rows } = await db.query<Reviewer & { username: string }>(
    `select user_id, display_name, username from admin.account_directory where role = 'expert_reviewer' and status = 'active' order by display_name`,
  );
  return rows;
}

/** Those of the ids that are active expert reviewers. */
export async function reviewersAmong(tx: Queryable, ids: readonly string[]): Promise<Reviewer[]> {
  const { rows } = await tx.query<Reviewer>(
    `select user_id, display_name from admin.account_directory where user_id = any($1::uuid[]) and role = 'expert_reviewer' and status = 'active'`,
    [ids],
  );
  return rows;
}

/** Assigns a reviewer once; assigning the same person again changes nothing. */
export async function assignReviewer(tx: Queryable, planId: string, reviewer: Reviewer, assignedBy: string): Promise<void> {
  await tx.query(
    `insert into projects.plan_reviews (plan_id, reviewer_id, reviewer_name, assigned_by) values ($1, $2, $3, $4)
     on conflict (plan_id, reviewer_id) do nothing`,
    [planId, reviewer.user_id, reviewer.display_name, assignedBy],
  );
}

/** How many assigned reviewers have not scored yet. */
export async function pendingReviews(tx: Queryable, planId: string): Promise<number> {
  const { rows } = await tx.query<{ pending: number }>('select count(*)::int as pending from projects.plan_reviews where plan_id = $1 and submitted_at is null', [
    planId,
  ]);
  return rows[0]!.pending;
}

/** Stores the reviewer's scores while the plan is in expert review; false when it is not (or they are not assigned). */
export async function storeScores(
  tx: Queryable,
  planId: string,
  reviewerId: string,
  review: { scores: Record<string, number>; total: number; opinion: string },
): Promise<boolean> {
  const { rows } = await tx.query<Pick<PlanReviewsRow, 'plan_id'>>(
    `update projects.plan_reviews r set scores = $3, total = $4, opinion = $5, submitted_at = now()
     from projects.plans p where p.id = r.plan_id and r.plan_id = $1 and r.reviewer_id = $2 and p.status = 'expert_review'
     returning r.plan_id`,
    [planId, reviewerId, JSON.stringify(review.scores), review.total, review.opinion],
  );
  return rows.length > 0;
}
