// A plan's execution (执行中): once approved, its unit records per expert what actually happened — each actual visit
// (实际来华) with its dates, place, work and spending per funding item, or a planned visit declared not carried out — and
// files the proofs (passport page, entry/exit stamps, work photos). The one door to that data for the routes and, later,
// the summary that is prefilled from it. Actuals are checked against the funding policy the plan was approved under,
// the approved visit's own funding and the plan's approved amount; each figure over a limit is named beside its field.
import {
  AppError,
  acceptUpload,
  CommonErrors,
  type Db,
  defineErrors,
  type FieldIssue,
  type Identity,
  type Locale,
  type Queryable,
  type UploadedFile,
  writeAudit,
} from '@wgzj/gateway/kit';
import { shanghaiToday } from '@wgzj/gateway/kit/shared/dates';
import { isEmployerRole } from '@wgzj/gateway/kit/shared/roles';
import { visitWindowOf, type VisitWindow } from '../../shared/visit-window.ts';
import { checkFunding, type FundingEntry, yuan } from '../funding.ts';
import { DAY_NAMES } from '../plan-checks.ts';
import { t } from '../messages.ts';
import type { PlanState } from '../plan-flow.ts';
import { countSlotFiles, deleteFile, deleteSlotFiles, insertFile } from './plan-file-repository.ts';
import {
  type ActualVisitRow,
  type ActualVisitValues,
  actualVisit,
  actualVisits,
  deleteActualVisit,
  expertNames,
  insertActualVisit,
  proofFiles,
  type ProofFileRow,
  proofSlotPrefix,
  unitKeepsExpert,
  updateActualVisit,
} from './execution-repository.ts';
import type { ActualVisitRequest } from './execution-inputs.ts';
import { daysOf, findPlan, fundingOf, loadParts, type PlanParts, type PlanRow, rulesOf, visitTotal } from './plan-repository.ts';
import type { RequestMeta } from './plans.ts';

export const ExecutionErrors = defineErrors({
  EXECUTION_NOT_OPEN: {
    status: 409,
    'zh-CN': '计划批复后才进入执行,当前不能登记或查看执行情况。',
    'en-US': 'A plan is carried out once approved; its execution cannot be recorded or read before that.',
  },
  EXECUTION_NOT_OWN: {
    status: 403,
    'zh-CN': '执行情况由计划所属单位的事项办理员、事项管理员登记,您可以查看。',
    'en-US': "Execution is recorded by the plan's own unit (matter handlers and administrators); you may read it.",
  },
  EXECUTION_INVALID: {
    status: 422,
    'zh-CN': '实际来华信息有误或超出标准,请按标出的提示修改后再保存。',
    'en-US': 'The actual visit is incomplete or breaks a rule; correct what is marked and save again.',
  },
  EXECUTION_STALE: {
    status: 409,
    'zh-CN': '该来华记录已在别处修改,请刷新后再编辑。',
    'en-US': 'This visit record was changed elsewhere; reload it before editing.',
  },
  EXECUTION_ALREADY_RECORDED: {
    status: 409,
    'zh-CN': '该次计划来华已经登记,请修改已有的记录。',
    'en-US': 'This planned visit has been recorded already; change that record instead.',
  },
});

/** The states in which a plan is carried out and its unit records what happened (执行中). */
const EXECUTING_STATES: readonly PlanState[] = ['approved'];

/** Who records execution: the plan's own unit's handlers, while it is being carried out. */
const mayRecord = (me: Identity, plan: Pick<PlanRow, 'unit_id' | 'status'>) =>
  isEmployerRole(me.role) && me.unit.id === plan.unit_id && EXECUTING_STATES.includes(plan.status);

/** The kinds of proof filed per actual visit, with what each accepts and keeps. */
export const PROOF_KINDS = {
  passport: { maxCount: 1, noun: { 'zh-CN': '护照个人信息页', 'en-US': 'Passport personal page' } },
  entry_exit: { maxCount: 5, noun: { 'zh-CN': '出入境记录页', 'en-US': 'Entry and exit stamps' } },
  photo: { maxCount: 2, noun: { 'zh-CN': '工作照片', 'en-US': 'Work photos' } },
  contract: { maxCount: 1, noun: { 'zh-CN': '聘用合同', 'en-US': 'Employment contract' } },
} as const;
export type ProofKind = keyof typeof PROOF_KINDS;
export const PROOF_KIND_NAMES = Object.keys(PROOF_KINDS) as [ProofKind, ...ProofKind[]];
const PROOF_RULES = { accept: ['pdf', 'jpeg', 'png'] as const, maxBytes: 10 * 1024 * 1024 };
export const LARGEST_PROOF = PROOF_RULES.maxBytes;

const DATE_NAMES = {
  arrivalDate: { 'zh-CN': '抵华日期', 'en-US': 'arrival date' },
  departureDate: { 'zh-CN': '离华日期', 'en-US': 'departure date' },
} as const;

// ---- the page ---------------------------------------------------------------------------------------------------

const fenOf = (v: number | string) => Number(v);

function entryOf(v: Pick<ActualVisitRow, 'international_travel' | 'living_per_day' | 'living_days' | 'pocket_per_day' | 'pocket_days' | 'intercity_transport' | 'salary' | 'other'>): FundingEntry {
  return {
    internationalTravel: fenOf(v.international_travel),
    livingPerDay: fenOf(v.living_per_day),
    livingDays: v.living_days,
    pocketPerDay: fenOf(v.pocket_per_day),
    pocketDays: v.pocket_days,
    intercityTransport: fenOf(v.intercity_transport),
    salary: fenOf(v.salary),
    other: fenOf(v.other),
    attachments: [],
  };
}

const kindOfSlot = (slot: string) => slot.split(':')[2] as ProofKind;

function toActualVisit(v: ActualVisitRow, proofs: readonly ProofFileRow[]) {
  const { attachments: _attachments, ...funding } = entryOf(v);
  return {
    id: v.id,
    version: v.version,
    plannedVisitId: v.planned_visit_id,
    expertId: v.expert_id,
    inPlan: v.planned_visit_id !== null,
    carriedOut: v.carried_out,
    reason: v.reason,
    arrivalDate: v.arrival_date,
    departureDate: v.departure_date,
    days: v.days,
    city: v.city,
    workDone: v.work_done,
    funding,
    total: v.carried_out ? visitTotal(entryOf(v)) : 0,
    proofs: proofs
      .filter((f) => f.slot.startsWith(proofSlotPrefix(v.id)))
      .map((f) => ({ id: f.id, kind: kindOfSlot(f.slot), filename: f.filename, size: f.size, contentType: f.content_type, createdAt: f.created_at })),
    recordedBy: v.recorded_by_name,
    updatedAt: v.updated_at,
  };
}
export type ActualVisit = ReturnType<typeof toActualVisit>;

/** 执行率: spent over approved, in per cent with one decimal; null when nothing was approved. */
const rateOf = (spent: number, approved: number) => (approved > 0 ? Math.round((spent / approved) * 1000) / 10 : null);

function whyLine(me: Identity, plan: PlanRow, locale: Locale): string {
  if (mayRecord(me, plan)) return t(locale, 'execution.why.record');
  return t(locale, 'execution.why.read');
}

async function readableExecution(db: Queryable, me: Identity, planId: string, lock = false): Promise<PlanRow> {
  const plan = await findPlan(db, me, planId, lock);
  if (!EXECUTING_STATES.includes(plan.status)) throw ExecutionErrors.EXECUTION_NOT_OPEN();
  return plan;
}

/** The execution page of an approved plan: planned against actual, per expert, with the totals. */
export async function executionPage(db: Db, me: Identity, planId: string, locale: Locale) {
  const plan = await readableExecution(db, me, planId);
  const [parts, actuals, proofs] = await Promise.all([loadParts(db, plan.id), actualVisits(db, plan.id), proofFiles(db, plan.id)]);
  const byPlanned = new Map(actuals.filter((a) => a.planned_visit_id).map((a) => [a.planned_visit_id!, a]));
  const planExperts = parts.experts.map((e) => e.expert_id);
  const outside = [...new Set(actuals.map((a) => a.expert_id).filter((id) => !planExperts.includes(id)))];
  const names = new Map(parts.experts.map((e) => [e.expert_id, e.name ?? e.expert_id]));
  for (const [id, name] of await expertNames(db, outside)) names.set(id, name);

  const experts = [...planExperts, ...outside].map((expertId) => ({
    expertId,
    name: names.get(expertId) ?? expertId,
    inPlan: planExperts.includes(expertId),
    planned: parts.visits
      .filter((v) => v.expert_id === expertId)
      .map((v) => {
        const actual = byPlanned.get(v.id);
        return {
          visitId: v.id,
          startDate: v.start_date,
          endDate: v.end_date,
          days: daysOf(v),
          city: v.city,
          purpose: v.purpose,
          plannedTotal: visitTotal(fundingOf(v, parts.files)),
          actual: actual ? toActualVisit(actual, proofs) : null,
        };
      }),
    unplanned: actuals.filter((a) => a.expert_id === expertId && a.planned_visit_id === null).map((a) => toActualVisit(a, proofs)),
  }));

  const carried = actuals.filter((a) => a.carried_out);
  const spent = carried.reduce((sum, a) => sum + visitTotal(entryOf(a)), 0);
  const approved = plan.approved_amount === null ? 0 : Number(plan.approved_amount);
  const window = visitWindowOf(plan.year, plan.content);
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      status: plan.status,
      year: plan.year,
      unitName: plan.unit_name,
      approvedAmount: approved,
      approvalDocument: plan.approval_document,
      policy: plan.policy_title ? { title: plan.policy_title, version: plan.policy_version } : null,
      window,
    },
    mayRecord: mayRecord(me, plan),
    why: whyLine(me, plan, locale),
    experts,
    totals: {
      approved,
      planned: parts.visits.reduce((sum, v) => sum + visitTotal(fundingOf(v, parts.files)), 0),
      spent,
      balance: approved - spent,
      executionRate: rateOf(spent, approved),
      visitsPlanned: parts.visits.length,
      visitsCarriedOut: carried.length,
      visitsNotCarriedOut: actuals.filter((a) => !a.carried_out).length,
      visitsOutsidePlan: actuals.filter((a) => a.planned_visit_id === null).length,
      // 人次 and 人天: visits carried out, and the days they lasted
      personVisits: carried.length,
      personDays: carried.reduce((sum, a) => sum + (a.days ?? 0), 0),
    },
  };
}

// ---- checks -------------------------------------------------------------------------------------------------------

interface CheckInput {
  plan: PlanRow;
  parts: PlanParts;
  others: readonly ActualVisitRow[];
  body: ActualVisitRequest;
  today: string;
  locale: Locale;
}

const outsideWindow = (window: VisitWindow, day: string) => day < window.from || day > window.to;

/** Every problem of an actual visit, each at the field the form shows it beside. */
async function problemsOf(db: Queryable, { plan, parts, others, body, today, locale }: CheckInput): Promise<FieldIssue[]> {
  const problems: FieldIssue[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const planned = body.plannedVisitId ? parts.visits.find((v) => v.id === body.plannedVisitId) : undefined;

  if (body.plannedVisitId && !planned) add('plannedVisitId', t(locale, 'execution.plannedUnknown'));
  if (planned && planned.expert_id !== body.expertId) add('expertId', t(locale, 'execution.expertMismatch'));
  if (!body.plannedVisitId) {
    if (!body.reason) add('reason', t(locale, 'execution.reasonOutsidePlan'));
    const inPlan = parts.experts.some((e) => e.expert_id === body.expertId);
    if (!inPlan && !(await unitKeepsExpert(db, plan.unit_id, body.expertId))) add('expertId', t(locale, 'execution.expertUnknown'));
  }
  if (body.plannedVisitId && others.some((o) => o.planned_visit_id === body.plannedVisitId)) {
    throw ExecutionErrors.EXECUTION_ALREADY_RECORDED();
  }

  if (!body.carriedOut) {
    if (!body.plannedVisitId) add('carriedOut', t(locale, 'execution.notCarriedOutsidePlan'));
    if (!body.reason) add('reason', t(locale, 'execution.reasonNotCarried'));
    return problems;
  }

  const window = visitWindowOf(plan.year, plan.content);
  for (const field of ['arrivalDate', 'departureDate'] as const) {
    const day = body[field];
    const name = DATE_NAMES[field][locale];
    if (!day) add(field, t(locale, 'execution.dateRequired', { field: name }));
    else if (outsideWindow(window, day)) {
      add(
        field,
        window.fromPeriod
          ? t(locale, 'checks.inPeriod', { field: name, from: window.from, to: window.to })
          : t(locale, 'checks.inYear', { field: name, n: plan.year, from: window.from, to: window.to }),
      );
    } else if (day > today) add(field, t(locale, 'execution.notYet', { field: name, today }));
  }
  if (!body.city) add('city', t(locale, 'checks.city'));

  const funding = body.funding;
  const days = daysOf({ start_date: body.arrivalDate ?? null, end_date: body.departureDate ?? null });
  if (days !== null && days > 0) {
    for (const field of ['livingDays', 'pocketDays'] as const) {
      if (funding[field] > days) {
        add(
          `funding.${field}`,
          t(locale, 'checks.daysOfVisit', { field: DAY_NAMES[field][locale], n: days, from: body.arrivalDate!, to: body.departureDate! }),
        );
      }
    }
  }
  // Proofs (a contract among them) are filed once the record exists; the summary asks for whatever is missing.
  const entry: FundingEntry = { ...funding, attachments: ['contract'] };
  for (const violation of checkFunding(rulesOf(plan), entry)) add(`funding.${violation.field}`, violation[locale]);

  const total = visitTotal(entry);
  if (planned) {
    const plannedTotal = visitTotal(fundingOf(planned, parts.files));
    if (total > plannedTotal) add('funding.total', t(locale, 'execution.overPlannedVisit', { spent: yuan(total), planned: yuan(plannedTotal) }));
  }
  const approved = plan.approved_amount === null ? 0 : Number(plan.approved_amount);
  const spentElsewhere = others.filter((o) => o.carried_out).reduce((sum, o) => sum + visitTotal(entryOf(o)), 0);
  if (spentElsewhere + total > approved) {
    add('funding.total', t(locale, 'execution.overApproved', { spent: yuan(spentElsewhere + total), approved: yuan(approved) }));
  }
  return problems;
}


const NO_FUNDING = { internationalTravel: 0, livingPerDay: 0, livingDays: 0, pocketPerDay: 0, pocketDays: 0, intercityTransport: 0, salary: 0, other: 0 };

function valuesOf(body: ActualVisitRequest): ActualVisitValues {
  const f = body.carriedOut ? body.funding : NO_FUNDING;
  return {
    planned_visit_id: body.plannedVisitId,
    expert_id: body.expertId,
    carried_out: body.carriedOut,
    reason: body.reason ?? null,
    arrival_date: body.carriedOut ? (body.arrivalDate ?? null) : null,
    departure_date: body.carriedOut ? (body.departureDate ?? null) : null,
    city: body.carriedOut ? (body.city ?? null) : null,
    work_done: body.carriedOut ? (body.workDone ?? null) : null,
    international_travel: f.internationalTravel,
    living_per_day: f.livingPerDay,
    living_days: f.livingDays,
    pocket_per_day: f.pocketPerDay,
    pocket_days: f.pocketDays,
    intercity_transport: f.intercityTransport,
    salary: f.salary,
    other: f.other,
  };
}

// ---- writes -------------------------------------------------------------------------------------------------------

export interface ExecutionContext {
  db: Db;
  actor: Identity;
  locale: Locale;
  /** Today in Beijing: an actual visit cannot end after it. */
  today?: string;
  meta: RequestMeta;
}

/** The plan locked for a change of its execution, refused unless this person records it now. */
async function lockedForRecording(tx: Queryable, me: Identity, planId: string): Promise<PlanRow> {
  const plan = await readableExecution(tx, me, planId, true);
  if (!mayRecord(me, plan)) throw ExecutionErrors.EXECUTION_NOT_OWN();
  return plan;
}

/** Records an actual visit (or a planned one not carried out); answers the record as the page shows it. */
export async function recordActualVisit(ctx: ExecutionContext, planId: string, body: ActualVisitRequest): Promise<ActualVisit> {
  const { actor: me, locale } = ctx;
  return ctx.db.transaction(async (tx) => {
    const plan = await lockedForRecording(tx, me, planId);
    const [parts, others] = await Promise.all([loadParts(tx, plan.id), actualVisits(tx, plan.id)]);
    const problems = await problemsOf(tx, { plan, parts, others, body, today: ctx.today ?? shanghaiToday(), locale });
    if (problems.length) throw ExecutionErrors.EXECUTION_INVALID(problems);
    const values = valuesOf(body);
    const { id } = await insertActualVisit(tx, plan.id, values, { userId: me.userId, name: me.displayName });
    await writeAudit(tx, { actor: me, action: 'plan.actual_visit.record', objectType: 'plan', objectId: plan.id, after: { id, ...values }, ...ctx.meta });
    return toActualVisit((await actualVisit(tx, plan.id, id))!, []);
  });
}

/** Changes a record at the version the person saw. */
export async function changeActualVisit(ctx: ExecutionContext, planId: string, visitId: string, body: ActualVisitRequest & { version: number }) {
  const { actor: me, locale } = ctx;
  return ctx.db.transaction(async (tx) => {
    const plan = await lockedForRecording(tx, me, planId);
    const before = await actualVisit(tx, plan.id, visitId, true);
    if (!before) throw CommonErrors.NOT_FOUND();
    if (before.version !== body.version) throw ExecutionErrors.EXECUTION_STALE();
    const [parts, all] = await Promise.all([loadParts(tx, plan.id), actualVisits(tx, plan.id)]);
    const others = all.filter((o) => o.id !== visitId);
    const problems = await problemsOf(tx, { plan, parts, others, body, today: ctx.today ?? shanghaiToday(), locale });
    if (problems.length) throw ExecutionErrors.EXECUTION_INVALID(problems);
    const values = valuesOf(body);
    if (!(await updateActualVisit(tx, plan.id, visitId, body.version, values, { userId: me.userId, name: me.displayName }))) {
      throw ExecutionErrors.EXECUTION_STALE();
    }
    await writeAudit(tx, { actor: me, action: 'plan.actual_visit.change', objectType: 'plan', objectId: plan.id, before, after: { id: visitId, ...values }, ...ctx.meta });
    const proofs = await proofFiles(tx, plan.id);
    return toActualVisit((await actualVisit(tx, plan.id, visitId))!, proofs);
  });
}

/** Removes a record and its proofs. */
export async function removeActualVisit(ctx: ExecutionContext, planId: string, visitId: string): Promise<void> {
  const { actor: me } = ctx;
  await ctx.db.transaction(async (tx) => {
    const plan = await lockedForRecording(tx, me, planId);
    const before = await actualVisit(tx, plan.id, visitId, true);
    if (!before) throw CommonErrors.NOT_FOUND();
    await deleteActualVisit(tx, plan.id, visitId);
    await writeAudit(tx, { actor: me, action: 'plan.actual_visit.remove', objectType: 'plan', objectId: plan.id, before, ...ctx.meta });
  });
}

/** 404 unless this person may read the plan: asked before a body is read, so out of scope says nothing else. */
export async function requirePlanReadable(db: Db, me: Identity, planId: string): Promise<void> {
  await findPlan(db, me, planId);
}

/** Files a proof of an actual visit carried out, checked by its bytes (PDF, JPEG or PNG, up to 10 MB). */
export async function fileProof(ctx: ExecutionContext, planId: string, visitId: string, upload: { kind: ProofKind; file: UploadedFile }) {
  const { actor: me, locale } = ctx;
  return ctx.db.transaction(async (tx) => {
    const plan = await lockedForRecording(tx, me, planId);
    const visit = await actualVisit(tx, plan.id, visitId, true);
    if (!visit) throw CommonErrors.NOT_FOUND();
    const kind = PROOF_KINDS[upload.kind];
    const rules = { ...PROOF_RULES, field: `proofs.${upload.kind}`, noun: kind.noun, maxCount: kind.maxCount };
    if (!visit.carried_out) {
      throw ExecutionErrors.EXECUTION_INVALID([{ field: `proofs.${upload.kind}`, message: t(locale, 'execution.proofNotCarried') }]);
    }
    const file = acceptUpload(upload.file, rules, locale);
    const slot = `${proofSlotPrefix(visitId)}${upload.kind}`;
    if (kind.maxCount === 1) await deleteSlotFiles(tx, plan.id, slot);
    else if ((await countSlotFiles(tx, plan.id, slot)) >= kind.maxCount) {
      throw new AppError('FILE_TOO_MANY', {
        status: 400,
        'zh-CN': t('zh-CN', 'file.tooMany', { noun: kind.noun['zh-CN'], max: kind.maxCount }),
        'en-US': t('en-US', 'file.tooMany', { noun: kind.noun['en-US'], max: kind.maxCount }),
      });
    }
    const stored = await insertFile(tx, {
      plan_id: plan.id,
      slot,
      filename: file.filename,
      content_type: file.contentType,
      size: file.bytes.length,
      content: file.bytes,
      uploaded_by: me.userId,
    });
    await writeAudit(tx, { actor: me, action: 'plan.actual_visit.proof', objectType: 'plan', objectId: plan.id, after: { visitId, slot, filename: file.filename, size: file.bytes.length }, ...ctx.meta });
    return { id: stored.id, kind: upload.kind, filename: file.filename, size: file.bytes.length, contentType: file.contentType, createdAt: new Date(stored.created_at).toISOString() };
  });
}

/** Removes one proof of an actual visit. */
export async function removeProof(ctx: ExecutionContext, planId: string, visitId: string, fileId: string): Promise<void> {
  const { actor: me } = ctx;
  await ctx.db.transaction(async (tx) => {
    const plan = await lockedForRecording(tx, me, planId);
    // Only a proof of this visit: the plan's other files (its application's) are not this door's to remove.
    const proof = (await proofFiles(tx, plan.id)).find((f) => f.id === fileId && f.slot.startsWith(proofSlotPrefix(visitId)));
    if (!proof) throw CommonErrors.NOT_FOUND();
    const removed = await deleteFile(tx, plan.id, proof.id);
    await writeAudit(tx, { actor: me, action: 'plan.actual_visit.remove_proof', objectType: 'plan', objectId: plan.id, before: { visitId, ...removed }, ...ctx.meta });
  });
}

