// Moving a plan: every action goes through the review-flow engine (conditional update + audit record in one
// transaction); what comes with it happens in that same transaction: the submission's checks and snapshot, the
// reviewers assigned, the approved amount, the history line, the notifications and the expert library feed.
import {
  AppError,
  defineErrors,
  enqueueSms,
  type FieldCipher,
  fireTransition,
  type FlowSubject,
  type Identity,
  type Locale,
  type Queryable,
  type Db,
  type ErrorSpec,
  FlowErrors,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { PlanActionErrorCode } from '../../shared/plan-errors.ts';
import { planProblems } from '../plan-checks.ts';
import { requireUnitStanding } from '../unit-standing.ts';
import { flowActionFor, type FlowAction, type PlanState, planFlow, PLANS_TABLE } from '../plan-flow.ts';
import { t } from '../messages.ts';
import {
  accountContact,
  clearSubmitted,
  findPlan,
  freezeSnapshot,
  insertEvent,
  insertNotification,
  loadParts,
  loadPlan,
  markMoved,
  PlanErrors,
  type PlanRow,
  setApproval,
  templateOf,
} from './plan-repository.ts';
import { assignReviewer, pendingReviews, reviewersAmong } from './review-repository.ts';
import { snapshotOf } from '../snapshot.ts';
import { approvalFen, yuanText } from '../number-rules.ts';

export const ActionErrors = defineErrors({
  PLAN_REVIEWERS_REQUIRED: { status: 400, 'zh-CN': '请至少选择一位评审专家。', 'en-US': 'Choose at least one expert reviewer.' },
  PLAN_REVIEWER_UNKNOWN: {
    status: 400,
    'zh-CN': '所选评审专家不存在或已停用。',
    'en-US': 'A chosen reviewer does not exist or is disabled.',
  },
  PLAN_REVIEWS_PENDING: {
    status: 409,
    'zh-CN': '还有评审专家未提交评分,全部评分后才能批复。',
    'en-US': 'Some reviewers have not scored yet; approve once every score is in.',
  },
  PLAN_APPROVAL_REQUIRED: {
    status: 400,
    'zh-CN': '批复须填写批复金额和批复文号。',
    'en-US': 'An approval needs the approved amount and the approval document number.',
  },
  PLAN_SECTION_UNKNOWN: {
    status: 400,
    'zh-CN': '退回理由对应的栏目不在本计划的申报书中。',
    'en-US': 'A reason names a section this plan’s form does not have.',
  },
  PLAN_APPROVED_TOO_MUCH: {
    status: 400,
    'zh-CN': '批复金额不能超过申请的专家经费。',
    'en-US': 'The approved amount cannot exceed the expert funding applied for.',
  },
} satisfies Record<PlanActionErrorCode, ErrorSpec>);

export const actionRequest = z.object({
  action: z.enum(['submit', 'withdraw', 'approve', 'return', 'reject', 'assign_reviewers']),
  version: z.number().int().min(0),
  reason: z.string().trim().max(1000).optional(),
  /** A return's reasons per template section (basic, experts, attachments…). */
  sectionReasons: z.record(z.string().max(40), z.string().trim().max(1000)).optional(),
  reviewerIds: z.array(z.uuid()).max(20).optional(),
  /** 批复金额 in fen. */
  approvedAmount: approvalFen().optional(),
  documentNumber: z.string().trim().max(60).optional(),
});
export type ActionRequest = z.output<typeof actionRequest>;

export const ACTION_LABELS = {
  action: { 'zh-CN': '操作', 'en-US': 'Action' },
  version: { 'zh-CN': '版本', 'en-US': 'Version' },
  reason: { 'zh-CN': '审核意见', 'en-US': 'Comments' },
  sectionReasons: { 'zh-CN': '分项退回理由', 'en-US': 'Reasons per section' },
  reviewerIds: { 'zh-CN': '评审专家', 'en-US': 'Reviewers' },
  approvedAmount: { 'zh-CN': '批复金额', 'en-US': 'Approved amount' },
  documentNumber: { 'zh-CN': '批复文号', 'en-US': 'Document number' },
};

export interface ActionContext {
  db: Db;
  cipher: FieldCipher;
  actor: Identity;
  locale: Locale;
  requestId?: string;
  clientIp?: string;
}

export interface ActionResult {
  id: string;
  status: PlanState;
  version: number;
}

/** What the submitter hears of a return or a decision: the news line and the SMS. */
const NOTICE = {
  returned: { title: 'notice.returned', sms: 'sms.returned' },
  approved: { title: 'notice.approved', sms: 'sms.approved' },
  rejected: { title: 'notice.rejected', sms: 'sms.rejected' },
} as const;

/** The submitter hears of a return or a decision: in the system and, when their account has a mobile, by SMS. */
async function notifySubmitter(tx: Queryable, cipher: FieldCipher, plan: PlanRow, state: PlanState): Promise<void> {
  const notice = state in NOTICE ? NOTICE[state as keyof typeof NOTICE] : undefined;
  if (!notice || !plan.created_by) return;
  const vars = { title: plan.title };
  await insertNotification(tx, plan.created_by, plan.id, { zh: t('zh-CN', notice.title, vars), en: t('en-US', notice.title, vars) });
  const contact = await accountContact(tx, plan.created_by);
  if (contact?.mobile_encrypted && contact.status === 'active') {
    // Sent to a mainland mobile through the government SMS gateway, which carries the Chinese text only.
    await enqueueSms(tx, cipher, { phone: cipher.decrypt(contact.mobile_encrypted), body: t('zh-CN', notice.sms, vars), purpose: `plan_${state}` });
  }
}

async function assignReviewers(tx: Queryable, plan: PlanRow, actor: Identity, reviewerIds: readonly string[] | undefined): Promise<void> {
  const ids = [...new Set(reviewerIds ?? [])];
  if (!ids.length) throw ActionErrors.PLAN_REVIEWERS_REQUIRED();
  const reviewers = await reviewersAmong(tx, ids);
  if (reviewers.length !== ids.length) throw ActionErrors.PLAN_REVIEWER_UNKNOWN();
  for (const reviewer of reviewers) await assignReviewer(tx, plan.id, reviewer, actor.userId);
}

const APPROVAL_FIELDS = {
  approvedAmount: { 'zh-CN': '请填写批复金额', 'en-US': 'Enter the approved amount' },
  documentNumber: { 'zh-CN': '请填写批复文号', 'en-US': 'Enter the approval document number' },
} as const;

/** 批复: each missing or wrong part is named beside its own field, so the dialog shows it there and not in a toast only. */
async function approve(tx: Queryable, plan: PlanRow, request: ActionRequest, locale: Locale): Promise<void> {
  const missing: Array<'approvedAmount' | 'documentNumber'> = [];
  if (request.approvedAmount === undefined) missing.push('approvedAmount');
  if (!request.documentNumber) missing.push('documentNumber');
  if (missing.length) throw ActionErrors.PLAN_APPROVAL_REQUIRED(missing.map((field) => ({ field, message: APPROVAL_FIELDS[field][locale] })));
  const requested = Number(plan.requested_amount);
  if (request.approvedAmount! > requested && requested > 0) {
    const message = t(locale, 'approval.tooMuch', { amount: yuanText(requested) });
    throw ActionErrors.PLAN_APPROVED_TOO_MUCH([{ field: 'approvedAmount', message }]);
  }
  if ((await pendingReviews(tx, plan.id)) > 0) throw ActionErrors.PLAN_REVIEWS_PENDING();
  await setApproval(tx, plan.id, request.approvedAmount, request.documentNumber);
}

/** A submission: everything must be complete and within the policy; then the plan is frozen as the next snapshot. */
async function freezeSubmission(tx: Queryable, plan: PlanRow, actor: Identity, locale: Locale): Promise<void> {
  const parts = await loadParts(tx, plan.id);
  const problems = planProblems(plan, parts, locale);
  if (problems.length) throw PlanErrors.PLAN_INCOMPLETE(problems.map((p) => ({ field: p.path, message: p.message })));
  const seq = plan.submission_count + 1;
  await freezeSnapshot(tx, plan, seq, snapshotOf(plan, parts), actor.userId);
}

/**
 * Runs one action on one plan for one person. The plan must be readable by them (else 404); the action must be
 * open to them in its current state (else 403), at the version they saw (else 409). A retry with an
 * Idempotency-Key never gets here: the route answers it through the kit's withIdempotencyKey, which hands this a
 * database bound to the key's transaction.
 */
export async function runAction(ctx: ActionContext, planId: string, request: ActionRequest, seen?: PlanRow): Promise<ActionResult> {
  // The row the route already read for this person (its 404 check) serves; read here only when none was handed over.
  const plan = seen && seen.id === planId ? seen : await findPlan(ctx.db, ctx.actor, planId);
  const subject: FlowSubject<PlanState> = {
    id: plan.id,
    state: plan.status,
    version: plan.version,
    unitId: plan.unit_id,
    supervisingUnitId: plan.supervising_unit_id,
  };
  const flowAction = flowActionFor(request.action, subject, ctx.actor);
  if (!flowAction) {
    if (plan.version !== request.version) throw FlowErrors.FLOW_STALE_VERSION();
    throw FlowErrors.FLOW_NOT_ALLOWED();
  }
  // A unit still in registration review submits nothing: no level would review the plan.
  if (flowAction === 'submit' || flowAction === 'submit_direct') await requireUnitStanding(ctx.db, ctx.actor);
  checkSections(plan, request);
  const reason = reasonOf(request);
  const after = await fireTransition(ctx.db, planFlow, PLANS_TABLE, {
    id: plan.id,
    action: flowAction,
    actor: ctx.actor,
    expectedVersion: request.version,
    ...(reason ? { reason } : {}),
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    ...(ctx.clientIp ? { clientIp: ctx.clientIp } : {}),
    alongside: async (tx, moved) => {
      // The plan as it stands inside this transaction (locked by the state update just made). The transition only
      // went through at the version the person saw; every change of a plan's own columns outside a transition moves
      // its version, so a row read at that version is this one, with the new state and version.
      const current = plan.version === request.version ? { ...plan, status: moved.state as PlanState, version: moved.version } : await loadPlan(tx, plan.id);
      if (flowAction === 'submit' || flowAction === 'submit_direct') await freezeSubmission(tx, current, ctx.actor, ctx.locale);
      if (flowAction === 'assign_reviewers') await assignReviewers(tx, current, ctx.actor, request.reviewerIds);
      if (flowAction === 'national_approve') await approve(tx, current, request, ctx.locale);
      if (flowAction === 'withdraw' || flowAction === 'withdraw_direct') await clearSubmitted(tx, plan.id);
      await markMoved(tx, plan.id, moved.state === 'approved' || moved.state === 'rejected');
      await recordEvent(tx, current, flowAction, subject.state, moved.state as PlanState, ctx.actor, request);
      await notifySubmitter(tx, ctx.cipher, current, moved.state as PlanState);
    },
  });
  return { id: after.id, status: after.state, version: after.version };
}

/** Reasons per section name the plan's template sections, its experts or its attachments, nothing else. */
function checkSections(plan: PlanRow, request: ActionRequest): void {
  const keys = Object.keys(request.sectionReasons ?? {});
  if (!keys.length) return;
  const known = new Set(['experts', 'attachments', ...templateOf(plan).sections.map((s) => s.key)]);
  if (keys.some((k) => !known.has(k))) throw ActionErrors.PLAN_SECTION_UNKNOWN();
}

/** The reason on the record: the general one, or the per-section reasons joined when only those were given. */
function reasonOf(request: ActionRequest): string | undefined {
  if (request.reason) return request.reason;
  const sections = Object.values(request.sectionReasons ?? {}).filter(Boolean);
  return sections.length ? sections.join(';') : undefined;
}

async function recordEvent(
  tx: Queryable,
  plan: PlanRow,
  action: FlowAction,
  from: PlanState,
  to: PlanState,
  actor: Identity,
  request: ActionRequest,
): Promise<void> {
  const sections = Object.fromEntries(Object.entries(request.sectionReasons ?? {}).filter(([, v]) => v));
  await insertEvent(tx, {
    plan_id: plan.id,
    action,
    from_state: from,
    to_state: to,
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    actor_unit_name: actor.unit.name,
    actor_role: actor.role,
    reason: request.reason ?? null,
    section_reasons: Object.keys(sections).length ? sections : null,
  });
}

/** 批量审核: each plan on its own (its own transaction, audit record and notification); one refusal stops none. */
export async function runBulk(ctx: ActionContext, items: ReadonlyArray<{ id: string; version: number }>, request: Omit<ActionRequest, 'version'>) {
  const results: Array<{ id: string; ok: boolean; status?: PlanState; version?: number; error?: { code: string; message: string } }> = [];
  for (const item of items) {
    try {
      const done = await runAction(ctx, item.id, { ...request, version: item.version });
      results.push({ id: item.id, ok: true, status: done.status, version: done.version });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id: item.id, ok: false, error: { code: error.code, message: error.messageFor(ctx.locale) } });
    }
  }
  return results;
}

