// The one copy of the error codes the plans API answers with, for the services that throw them and the plan screens
// that switch on them. No imports, so a browser bundle takes it as it is; the texts and statuses stay with the server.

/** A plan's draft and its creation refused (plan-repository.ts PlanErrors). */
export const PLAN_ERROR_CODES = [
  'PLAN_NOT_EDITABLE',
  'PLAN_STALE',
  'PLAN_EXPERT_UNKNOWN',
  'PLAN_INCOMPLETE',
  'PLAN_NO_OPEN_CALL',
  'PLAN_ONLY_EMPLOYERS',
  'PLAN_DELETE_SUBMITTED',
] as const;
export type PlanErrorCode = (typeof PLAN_ERROR_CODES)[number];

/** An action on a plan refused for what the request carried (plan-transitions.ts ActionErrors). */
export const PLAN_ACTION_ERROR_CODES = [
  'PLAN_REVIEWERS_REQUIRED',
  'PLAN_REVIEWER_UNKNOWN',
  'PLAN_REVIEWS_PENDING',
  'PLAN_APPROVAL_REQUIRED',
  'PLAN_SECTION_UNKNOWN',
  'PLAN_APPROVED_TOO_MUCH',
] as const;
export type PlanActionErrorCode = (typeof PLAN_ACTION_ERROR_CODES)[number];

/** Each code by its own name, for a screen's comparison (`error.code === PLAN_ERRORS.PLAN_STALE`), so a renamed
 * code fails to compile there as it does in the server's specs. */
export const PLAN_ERRORS = Object.fromEntries([...PLAN_ERROR_CODES, ...PLAN_ACTION_ERROR_CODES].map((code) => [code, code])) as {
  readonly [C in PlanErrorCode | PlanActionErrorCode]: C;
};
