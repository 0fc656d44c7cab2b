// The plan service (项目/平台计划): the one door to plan data for the routes, the to-do and the file and review
// routes. Lists, the one entry page's data (/plans/:id decides editor, review or read), the draft with autosave,
// creation from an open call, deletion of a draft never submitted, and the actions (plan-transitions.ts).
import {
  CommonErrors,
  type Db,
  type Identity,
  type Locale,
  type Queryable,
  writeAudit,
  withIdempotencyKey,
} from '@wgzj/gateway/kit';
import { shanghaiToday } from '@wgzj/gateway/kit/shared/dates';
import { isEmployerRole, isEmployerUnitKind } from '@wgzj/gateway/kit/shared/roles';
import { planProblems, refuseVisitsOutsidePeriod } from '../plan-checks.ts';
import { t } from '../messages.ts';
import { requireUnitStanding } from '../unit-standing.ts';
import { type Action, ACTION_NAMES, ACTIONS, flowActionFor, mayEdit, PLAN_EDITING, type PlanState, STATE_NAMES } from '../plan-flow.ts';
import { diffSnapshots } from '../snapshot.ts';
import { pickContent } from '../template.ts';
import type { CreateRequest, ListFilter, SaveRequest } from './plan-inputs.ts';
import {
  contractSlot,
  countUnitExperts,
  daysOf,
  deletePlanRow,
  exportRows,
  findPlan,
  fundingOf,
  insertPlan,
  listConditions,
  listedExpertIds,
  listRows,
  loadParts,
  markNewsRead,
  openCall,
  PlanErrors,
  type ListRow,
  type PlanParts,
  planPageRows,
  type PlanRow,
  replaceExperts,
  type ReviewRow,
  rulesOf,
  subjectOf,
  supervisingUnitOf,
  templateOf,
  toDoRows,
  type TypeNames,
  typeNames,
  updateDraft,
  visitTotal,
} from './plan-repository.ts';

export { runAction, runBulk, type ActionContext, type ActionResult } from './plan-transitions.ts';
export { findPlan, PlanErrors, type PlanRow, templateOf } from './plan-repository.ts';

/** Who the change was asked by, for the audit record. */
export interface RequestMeta {
  requestId?: string;
  clientIp?: string;
}


// ---- lists ------------------------------------------------------------------------------------------------

const toListItem = (r: ListRow, types: TypeNames, locale: Locale) => ({
  id: r.id,
  title: r.title,
  projectType: r.project_type,
  projectTypeName: types.get(r.project_type)?.[locale] ?? r.project_type,
  family: types.get(r.project_type)?.family ?? null,
  year: r.year,
  status: r.status,
  statusName: STATE_NAMES[r.status][locale],
  version: r.version,
  unitId: r.unit_id,
  unitName: r.unit_name,
  requestedAmount: Number(r.requested_amount),
  approvedAmount: r.approved_amount === null ? null : Number(r.approved_amount),
  expertCount: r.expert_count,
  submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
  updatedAt: new Date(r.updated_at).toISOString(),
});
export type PlanListItem = ReturnType<typeof toListItem>;

/** One page of the plans this person may read, as the list shows them. */
export async function listPlans(db: Db, me: Identity, query: ListFilter & { limit: number; offset: number }, locale: Locale) {
  const where = listConditions(me, query);
  const { rows, total } = await listRows(db, where, { review: query.view === 'review', limit: query.limit, offset: query.offset });
  const types = await typeNames(db);
  return { items: rows.map((r) => toListItem(r, types, locale)), total };
}

/** The whole list for a download; the download itself is on the audit record. */
export async function exportPlans(db: Db, me: Identity, filter: ListFilter, locale: Locale, meta: RequestMeta): Promise<PlanListItem[]> {
  const rows = await exportRows(db, listConditions(me, filter));
  const types = await typeNames(db);
  const items = rows.map((r) => toListItem(r, types, locale));
  await db.transaction((tx) =>
    writeAudit(tx, { actor: me, action: 'plan.export', objectType: 'plan', objectId: 'list', after: { rows: items.length, filter }, ...meta }),
  );
  return items;
}

/** A notification is stored in both languages when it is written. */
const storedNewsTitle = (n: { title_zh: string; title_en: string }, locale: Locale) => (locale === 'en-US' ? n.title_en : n.title_zh);

/** The to-do: what waits for this person, and their unread news (a plan with news is listed once, as news). */
export async function planToDo(db: Db, me: Identity, locale: Locale) {
  const { count, items, news } = await toDoRows(db, me);
  const label = (status: string) =>
    status === 'returned'
      ? t(locale, 'todo.returned')
      : status === 'expert_review' && me.role === 'expert_reviewer'
        ? t(locale, 'todo.toScore')
        : t(locale, 'todo.toReview');
  const notified = new Set(news.map((n) => n.plan_id));
  return {
    count: count + news.filter((n) => !items.some((i) => i.id === n.plan_id)).length,
    items: [
      ...news.map((n) => ({ title: storedNewsTitle(n, locale), link: `/projects/plans/${n.plan_id}`, createdAt: new Date(n.created_at).toISOString() })),
      ...items
        .filter((r) => !notified.has(r.id))
        .map((r) => ({ title: `${label(r.status)}:${r.title}`, link: `/projects/plans/${r.id}`, createdAt: new Date(r.updated_at).toISOString() })),
    ],
  };
}

// ---- the entry page ---------------------------------------------------------------------------------------
type Mode = 'edit' | 'review' | 'score' | 'read';

const WHY = {
  draft: { 'zh-CN': '草稿,尚未提交。填写完整后请提交{next}审核。', 'en-US': 'Draft, not yet submitted. When complete, submit it to {next}.' },
  returned: { 'zh-CN': '已被退回,请按退回理由修改后重新提交。', 'en-US': 'Returned: change it as the reasons say and submit again.' },
  waitingSupervisingMine: {
    'zh-CN': '已提交,等待归口管理单位审核,您可以撤回。',
    'en-US': 'Submitted and waiting for the supervising unit; you can withdraw it.',
  },
  waitingNationalMineDirect: { 'zh-CN': '已提交,等待国家管理员审核,您可以撤回。', 'en-US': 'Submitted and waiting for the national level; you can withdraw it.' },
  waitingNational: { 'zh-CN': '归口管理单位已审核通过,等待国家管理员审核。', 'en-US': 'Approved by the supervising unit; waiting for the national level.' },
  reviewSupervising: {
    'zh-CN': '等待您单位(归口管理单位)审核:可审核通过、退回修改或审核不通过。',
    'en-US': 'Waiting for your review as the supervising unit: approve, return for revision or reject.',
  },
  reviewNational: {
    'zh-CN': '等待国家审核:可分配评审专家、批复、退回修改或不予批复。',
    'en-US': 'Waiting for the national review: assign reviewers, approve, return or reject.',
  },
  expertReview: { 'zh-CN': '专家评审中:{done}/{all} 位评审专家已评分。', 'en-US': 'In expert review: {done} of {all} reviewers have scored.' },
  score: { 'zh-CN': '您是本计划的评审专家,请按评分标准打分并填写评审意见。', 'en-US': 'You are a reviewer of this plan: score it against the rubric and give your opinion.' },
  scored: { 'zh-CN': '您已提交评分;在国家管理员批复前仍可修改。', 'en-US': 'You have scored this plan; you can change it until the national level decides.' },
  approved: { 'zh-CN': '已批复:批复金额 {amount} 元,批复文号 {doc}。', 'en-US': 'Approved: {amount} yuan, document {doc}.' },
  rejected: { 'zh-CN': '不予批复,理由见审核记录。', 'en-US': 'Rejected; the reason is in the review history.' },
  waitingOther: { 'zh-CN': '{state},您可以查看。', 'en-US': '{state}; you can read it.' },
} as const;

const fill = (text: string, vars: Record<string, string | number>) => Object.entries(vars).reduce((t, [k, v]) => t.replace(`{${k}}`, String(v)), text);
const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function modeOf(plan: PlanRow, actions: readonly Action[], me: Identity, myReview: { submitted_at: Date | null } | undefined): Mode {
  if (mayEdit(me, subjectOf(plan))) return 'edit';
  if (me.role === 'expert_reviewer' && myReview && plan.status === 'expert_review') return 'score';
  if (actions.some((a) => a !== 'withdraw')) return 'review';
  return 'read';
}

function whyOf(plan: PlanRow, mode: Mode, actions: readonly Action[], me: Identity, reviews: ReviewRow[], locale: Locale): string {
  if (mode === 'edit') {
    if (plan.status === 'returned') return WHY.returned[locale];
    const next = me.unit.kind === 'ministry_university' ? { 'zh-CN': '国家管理员', 'en-US': 'the national level' } : { 'zh-CN': '归口管理单位', 'en-US': 'your supervising unit' };
    return fill(WHY.draft[locale], { next: next[locale] });
  }
  if (mode === 'score') return (reviews.find((r) => r.reviewer_id === me.userId)?.submitted_at ? WHY.scored : WHY.score)[locale];
  if (plan.status === 'approved') {
    return fill(WHY.approved[locale], { amount: yuan(Number(plan.approved_amount ?? 0)), doc: plan.approval_document ?? '' });
  }
  if (plan.status === 'rejected') return WHY.rejected[locale];
  if (plan.status === 'expert_review') {
    const done = reviews.filter((r) => r.submitted_at).length;
    return fill(WHY.expertReview[locale], { done, all: reviews.length });
  }
  if (actions.includes('withdraw')) return (plan.status === 'supervising_review' ? WHY.waitingSupervisingMine : WHY.waitingNationalMineDirect)[locale];
  if (mode === 'review') return (plan.status === 'supervising_review' ? WHY.reviewSupervising : WHY.reviewNational)[locale];
  if (plan.status === 'national_review' && plan.unit_kind !== 'ministry_university') return WHY.waitingNational[locale];
  return fill(WHY.waitingOther[locale], { state: STATE_NAMES[plan.status][locale] });
}

export function expertsView(parts: PlanParts) {
  return parts.experts.map((e) => ({
    expertId: e.expert_id,
    name: e.name,
    chineseName: e.chinese_name,
    nationality: e.nationality,
    passportMasked: e.passport_masked,
    active: e.status === 'active',
    visits: parts.visits
      .filter((v) => v.expert_id === e.expert_id)
      .map((v) => {
        const funding = fundingOf(v, parts.files);
        const { attachments: _a, ...amounts } = funding;
        return {
          id: v.id,
          startDate: v.start_date,
          endDate: v.end_date,
          days: daysOf(v),
          city: v.city,
          purpose: v.purpose,
          funding: amounts,
          total: visitTotal(funding),
          contract: parts.files.find((f) => f.slot === contractSlot(v.id))?.id ?? null,
        };
      }),
  }));
}

export async function detailOf(db: Queryable, me: Identity, plan: PlanRow, locale: Locale) {
  const { parts, reviews, events, snapshots } = await planPageRows(db, plan.id);
  const subject = subjectOf(plan);
  const actions = ACTIONS.filter((a) => flowActionFor(a, subject, me) !== null);
  const myReview = reviews.find((r) => r.reviewer_id === me.userId);
  const mode = modeOf(plan, actions, me, myReview);
  const template = templateOf(plan);
  // Reviewers score on their own: each sees only their own scores; the national level sees all.
  const visibleReviews = me.role === 'national_admin' ? reviews : me.role === 'expert_reviewer' ? reviews.filter((r) => r.reviewer_id === me.userId) : [];
  const [latest, previous] = snapshots;
  const changes = latest && previous ? diffSnapshots(previous.content, latest.content, template, locale) : [];
  return {
    id: plan.id,
    title: plan.title,
    version: plan.version,
    status: plan.status,
    statusName: STATE_NAMES[plan.status][locale],
    mode,
    why: whyOf(plan, mode, actions, me, reviews, locale),
    actions,
    projectType: plan.project_type,
    projectTypeName: locale === 'zh-CN' ? plan.type_name_zh : plan.type_name_en,
    family: plan.family,
    year: plan.year,
    unit: { id: plan.unit_id, name: plan.unit_name, kind: plan.unit_kind },
    supervisingUnit: plan.supervising_unit_id ? { id: plan.supervising_unit_id, name: plan.supervising_unit_name } : null,
    template: { id: plan.template_id, version: plan.template_version, definition: template },
    policy: plan.policy_id ? { id: plan.policy_id, title: plan.policy_title, version: plan.policy_version, rules: rulesOf(plan) } : null,
    content: plan.content,
    experts: expertsView(parts),
    files: parts.files.map((f) => ({ id: f.id, slot: f.slot, filename: f.filename, size: f.size, contentType: f.content_type, createdAt: new Date(f.created_at).toISOString() })),
    // What still blocks a submission, for the people who can fix it.
    problems: mode === 'edit' ? planProblems(plan, parts, locale) : [],
    requestedAmount: Number(plan.requested_amount),
    approvedAmount: plan.approved_amount === null ? null : Number(plan.approved_amount),
    approvalDocument: plan.approval_document,
    createdByName: plan.created_by_name,
    submittedAt: plan.submitted_at ? new Date(plan.submitted_at).toISOString() : null,
    submissionCount: plan.submission_count,
    decidedAt: plan.decided_at ? new Date(plan.decided_at).toISOString() : null,
    updatedAt: new Date(plan.updated_at).toISOString(),
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      actionName: ACTION_NAMES[e.action][locale],
      fromState: e.from_state,
      toState: e.to_state,
      actorName: e.actor_name,
      actorUnitName: e.actor_unit_name,
      reason: e.reason,
      sectionReasons: e.section_reasons,
      createdAt: new Date(e.created_at).toISOString(),
    })),
    reviews: visibleReviews.map((r) => ({
      reviewerId: r.reviewer_id,
      reviewerName: r.reviewer_name,
      scores: r.scores,
      total: r.total,
      opinion: r.opinion,
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    })),
    reviewProgress: { assigned: reviews.length, submitted: reviews.filter((r) => r.submitted_at).length },
    // What changed since the previous submission, for everyone who reads the plan (reviewers above all).
    changes,
  };
}


/** The plan page's data for this person, or 404 when the plan is not theirs to read. */
export async function planPage(db: Db, me: Identity, id: string, locale: Locale) {
  return detailOf(db, me, await findPlan(db, me, id), locale);
}

/** The caller's news about a plan they may read, marked read; how many were. */
export async function markPlanNewsRead(db: Db, me: Identity, id: string): Promise<{ read: number }> {
  const plan = await findPlan(db, me, id);
  return { read: await markNewsRead(db, me.userId, plan.id) };
}

/** 404 unless this person may read the plan: what routes ask before anything about a body is said. */
export async function requireReadable(db: Queryable, me: Identity, id: string): Promise<PlanRow> {
  return findPlan(db, me, id);
}

// ---- writing a draft ----------------------------------------------------------------------------------------

/** The plan's own unit, in a state its submitter may change; otherwise why not. */
export function assertEditable(plan: PlanRow, me: Identity): void {
  const subject = subjectOf(plan);
  if (!PLAN_EDITING.allowed(me, subject)) throw CommonErrors.FORBIDDEN();
  if (!mayEdit(me, subject)) throw PlanErrors.PLAN_NOT_EDITABLE();
}

/** A plan locked for a change of its content within tx: readable by this person (else 404) and theirs to edit now. */
export async function planToChange(tx: Queryable, me: Identity, id: string): Promise<PlanRow> {
  const plan = await findPlan(tx, me, id, true);
  assertEditable(plan, me);
  return plan;
}

/** Autosave: the draft at the version the editor saw; what still blocks a submission comes back with it. */
export async function saveDraft(db: Db, me: Identity, id: string, body: SaveRequest, locale: Locale) {
  return db.transaction(async (tx) => {
    const plan = await planToChange(tx, me, id);
    if (plan.version !== body.version) throw PlanErrors.PLAN_STALE();
    const template = templateOf(plan);
    const content = pickContent(template, body.content);
    refuseVisitsOutsidePeriod({ year: plan.year, content }, body.experts, locale);
    // An expert newly listed must be an active expert of the plan's own unit (the library's scope rule). One already
    // listed stays even if merged away since, so the problem shows beside it instead of the row vanishing.
    const already = await listedExpertIds(tx, plan.id);
    const fresh = body.experts.map((e) => e.expertId).filter((x) => !already.has(x));
    if (fresh.length) {
      if ((await countUnitExperts(tx, fresh, plan.unit_id)) !== fresh.length) {
        throw PlanErrors.PLAN_EXPERT_UNKNOWN([{ field: 'experts', message: PlanErrors.PLAN_EXPERT_UNKNOWN().messageFor(locale) }]);
      }
    }
    // Visits and their files: a visit removed takes its contract with it.
    const { requested, visitCount } = await replaceExperts(tx, plan.id, body.experts, (f) => visitTotal({ ...f, attachments: [] }));
    const version = await updateDraft(tx, plan.id, { title: body.title, content, requested, expertCount: body.experts.length, visitCount });
    const saved = { ...plan, title: body.title, content, requested_amount: requested, version };
    const parts = await loadParts(tx, plan.id);
    return {
      version: saved.version,
      requestedAmount: requested,
      problems: planProblems(saved, parts, locale),
      experts: expertsView(parts),
    };
  });
}

/** A draft never submitted, gone; one that was submitted is withdrawn and changed instead. */
export async function deleteDraft(db: Db, me: Identity, id: string, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await planToChange(tx, me, id);
    if (plan.submission_count > 0) throw PlanErrors.PLAN_DELETE_SUBMITTED();
    await deletePlanRow(tx, id);
    await writeAudit(tx, { actor: me, action: 'plan.delete', objectType: 'plan', objectId: id, before: { title: plan.title }, ...meta });
  });
}

// ---- a new plan -------------------------------------------------------------------------------------------

/** A new draft from an open call, for an employer unit or a ministry university registered and approved. A double
 * click or a retried request with the same key creates one plan and is answered with its id. */
export async function createPlan(db: Db, me: Identity, body: CreateRequest, keyOf: () => string | undefined, meta: RequestMeta) {
  if (!isEmployerRole(me.role) || !isEmployerUnitKind(me.unit.kind)) throw PlanErrors.PLAN_ONLY_EMPLOYERS();
  await requireUnitStanding(db, me);
  const key = keyOf();
  return withIdempotencyKey(db, { actor: me, key, route: 'projects:create-plan', requestBody: body }, (keyed) => keyed.transaction(async (tx) => {
    const call = await openCall(tx, body.callId, me.unit.kind, shanghaiToday());
    if (!call) throw PlanErrors.PLAN_NO_OPEN_CALL();
    const supervising = await supervisingUnitOf(tx, me.unit.id);
    const id = await insertPlan(tx, {
      title: body.title,
      call,
      unitId: me.unit.id,
      supervisingUnitId: me.unit.kind === 'ministry_university' ? null : supervising,
      unitKind: me.unit.kind,
      createdBy: me.userId,
      createdByName: me.displayName,
    });
    await writeAudit(tx, { actor: me, action: 'plan.create', objectType: 'plan', objectId: id, after: { title: body.title, projectType: call.project_type }, ...meta });
    return { status: 201 as const, body: { id } };
  }));
}
