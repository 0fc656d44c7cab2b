// Plans (项目/平台计划): the lists, the one entry page's data (/plans/:id decides editor, review or read), the
// draft with autosave, creation from an open call, deletion of a draft never submitted, and the actions.
import {
  CommonErrors,
  Conditions,
  containing,
  defineRuleMessages,
  type FieldLabels,
  formatBeijingTime,
  type Identity,
  idempotencyKeyOf,
  listPage,
  type Locale,
  localeOf,
  type ModuleContext,
  PAGING_LABELS,
  paging,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
  sheetOf,
  workbookBytes,
  writeAudit,
  withIdempotencyKey,
  xlsxResponse,
} from '@wgzj/gateway/kit';
import type { Context, Hono } from 'hono';
import type { IdentityEnv } from '@wgzj/gateway/kit';
import { z } from 'zod';
import { FUNDING_FIELDS } from './funding.ts';
import { ACTION_LABELS, actionRequest, runAction, runBulk } from './plan-actions.ts';
import { planProblems, refuseVisitsOutsidePeriod } from './plan-checks.ts';
import { requireUnitStanding } from './unit-standing.ts';
import { type Action, ACTION_NAMES, ACTIONS, flowActionFor, type FlowAction, PLAN_STATES, type PlanState, STATE_NAMES } from './plan-flow.ts';
import {
  contractSlot,
  daysOf,
  findPlan,
  fundingOf,
  loadParts,
  PlanErrors,
  type PlanParts,
  type PlanRow,
  readCondition,
  rulesOf,
  templateOf,
  visitTotal,
} from './plan-store.ts';
import { diffSnapshots, type Snapshot } from './snapshot.ts';
import { isDay, pickContent } from './template.ts';
import { fundingFen, visitDays } from './number-rules.ts';

export type ProjectsApp = Hono<IdentityEnv>;

const EMPLOYER_ROLES = ['employer_handler', 'employer_admin'];
const blank = (v: unknown) => (v === '' ? undefined : v);

export const listFilter = z.object({
  /** mine: my unit's plans; review: waiting for me; all: everything in my scope. */
  view: z.preprocess(blank, z.enum(['mine', 'review', 'all']).default('all')),
  status: z.preprocess(blank, z.enum(PLAN_STATES).optional()),
  year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()),
  projectType: z.preprocess(blank, z.string().max(60).optional()),
  family: z.preprocess(blank, z.enum(['talent', 'platform']).optional()),
  title: z.preprocess(blank, z.string().trim().max(100).optional()),
  unitName: z.preprocess(blank, z.string().trim().max(100).optional()),
});
export type ListFilter = z.output<typeof listFilter>;
const listQuery = listFilter.extend(paging.shape);

const LIST_LABELS: FieldLabels = {
  ...PAGING_LABELS,
  view: { 'zh-CN': '列表', 'en-US': 'List' },
  status: { 'zh-CN': '状态', 'en-US': 'Status' },
  year: { 'zh-CN': '年度', 'en-US': 'Year' },
  projectType: { 'zh-CN': '项目类别', 'en-US': 'Project type' },
  family: { 'zh-CN': '计划类型', 'en-US': 'Kind' },
  title: { 'zh-CN': '计划名称', 'en-US': 'Title' },
  unitName: { 'zh-CN': '申报单位', 'en-US': 'Unit' },
};

/** Which plans wait for this person: the level they review, their assignments, or their unit's returned plans. */
export function waitingCondition(identity: Identity, firstParam: number): { sql: string; params: unknown[] } | null {
  switch (identity.role) {
    case 'supervising_user':
      return { sql: `p.supervising_unit_id = $${firstParam} and p.status = 'supervising_review'`, params: [identity.unit.id] };
    case 'national_admin':
      return { sql: `p.status in ('national_review', 'expert_review')`, params: [] };
    case 'expert_reviewer':
      return {
        sql: `p.status = 'expert_review' and exists (select 1 from projects.plan_reviews r where r.plan_id = p.id and r.reviewer_id = $${firstParam} and r.submitted_at is null)`,
        params: [identity.userId],
      };
    case 'employer_handler':
    case 'employer_admin':
      return { sql: `p.unit_id = $${firstParam} and p.status = 'returned'`, params: [identity.unit.id] };
    default:
      return null;
  }
}

/** The list's condition: the reader's scope, the view, then the filters. */
export function listConditions(identity: Identity, filter: ListFilter): Conditions {
  const where = new Conditions(readCondition(identity, 1));
  if (filter.view === 'mine') where.add((p) => `p.unit_id = ${p}`, identity.unit.id);
  if (filter.view === 'review') {
    const waiting = waitingCondition(identity, where.params.length + 1);
    if (!waiting) where.also('false');
    else {
      where.params.push(...waiting.params);
      where.also(waiting.sql);
    }
  }
  if (filter.status) where.add((p) => `p.status = ${p}`, filter.status);
  if (filter.year) where.add((p) => `p.year = ${p}`, filter.year);
  if (filter.projectType) where.add((p) => `p.project_type = ${p}`, filter.projectType);
  if (filter.family) where.add((p) => `p.project_type in (select code from projects.project_types where family = ${p})`, filter.family);
  if (filter.title) {
    // Two characters or more: the title's character pairs (an index) narrow it first (006_title_pairs.sql).
    if ([...filter.title].length >= 2) where.add((p) => `p.title_pairs @> projects.char_pairs(${p})`, filter.title);
    where.add((p) => `p.title ilike ${p}`, containing(filter.title));
  }
  if (filter.unitName) where.add((p) => `p.unit_id in (select unit_id from admin.unit_directory where unit_name ilike ${p})`, containing(filter.unitName));
  return where;
}

interface ListRow {
  id: string;
  title: string;
  project_type: string;
  year: number;
  status: PlanState;
  version: number;
  unit_id: string;
  unit_name: string | null;
  requested_amount: string;
  approved_amount: string | null;
  expert_count: number;
  submitted_at: Date | null;
  updated_at: Date;
}

const LIST_SELECT = `select p.id, p.title, p.project_type, p.year, p.status, p.version, p.unit_id, u.unit_name, p.requested_amount, p.approved_amount,
  p.expert_count, p.submitted_at, p.updated_at
  from projects.plans p left join admin.unit_directory u on u.unit_id = p.unit_id`;

async function typeNames(ctx: ModuleContext): Promise<Map<string, { family: string; 'zh-CN': string; 'en-US': string }>> {
  const { rows } = await ctx.db.query<{ code: string; family: string; name_zh: string; name_en: string }>(
    'select code, family, name_zh, name_en from projects.project_types',
  );
  return new Map(rows.map((r) => [r.code, { family: r.family, 'zh-CN': r.name_zh, 'en-US': r.name_en }]));
}

const toListItem = (r: ListRow, types: Awaited<ReturnType<typeof typeNames>>, locale: Locale) => ({
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

// ---- the entry page ---------------------------------------------------------------------------------

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
  const editable = (plan.status === 'draft' || plan.status === 'returned') && EMPLOYER_ROLES.includes(me.role) && me.unit.id === plan.unit_id;
  if (editable) return 'edit';
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

interface ReviewRow {
  reviewer_id: string;
  reviewer_name: string;
  scores: Record<string, number> | null;
  total: number | null;
  opinion: string | null;
  submitted_at: Date | null;
  assigned_at: Date;
}

interface EventRow {
  id: string;
  action: FlowAction;
  from_state: PlanState;
  to_state: PlanState;
  actor_name: string;
  actor_unit_name: string;
  reason: string | null;
  section_reasons: Record<string, string> | null;
  created_at: Date;
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

async function detailOf(ctx: ModuleContext, me: Identity, plan: PlanRow, locale: Locale) {
  const [parts, reviews, events, snapshots] = await Promise.all([
    loadParts(ctx.db, plan.id),
    ctx.db.query<ReviewRow>(
      'select reviewer_id, reviewer_name, scores, total, opinion, submitted_at, assigned_at from projects.plan_reviews where plan_id = $1 order by assigned_at, reviewer_name',
      [plan.id],
    ),
    ctx.db.query<EventRow>(
      `select id, action, from_state, to_state, actor_name, actor_unit_name, reason, section_reasons, created_at
       from projects.plan_events where plan_id = $1 order by id desc`,
      [plan.id],
    ),
    ctx.db.query<{ seq: number; content: Snapshot; submitted_at: Date }>(
      'select seq, content, submitted_at from projects.plan_snapshots where plan_id = $1 order by seq desc limit 2',
      [plan.id],
    ),
  ]);
  const subject = { id: plan.id, state: plan.status, version: plan.version, unitId: plan.unit_id, supervisingUnitId: plan.supervising_unit_id };
  const actions = ACTIONS.filter((a) => flowActionFor(a, subject, me) !== null);
  const myReview = reviews.rows.find((r) => r.reviewer_id === me.userId);
  const mode = modeOf(plan, actions, me, myReview);
  const template = templateOf(plan);
  // Reviewers score on their own: each sees only their own scores; the national level sees all.
  const visibleReviews = me.role === 'national_admin' ? reviews.rows : me.role === 'expert_reviewer' ? reviews.rows.filter((r) => r.reviewer_id === me.userId) : [];
  const [latest, previous] = snapshots.rows;
  const changes = latest && previous ? diffSnapshots(previous.content, latest.content, template, locale) : [];
  return {
    id: plan.id,
    title: plan.title,
    version: plan.version,
    status: plan.status,
    statusName: STATE_NAMES[plan.status][locale],
    mode,
    why: whyOf(plan, mode, actions, me, reviews.rows, locale),
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
    events: events.rows.map((e) => ({
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
    reviewProgress: { assigned: reviews.rows.length, submitted: reviews.rows.filter((r) => r.submitted_at).length },
    // What changed since the previous submission, for everyone who reads the plan (reviewers above all).
    changes,
  };
}

// ---- writing a draft --------------------------------------------------------------------------------

defineRuleMessages('projects', {
  date: { 'zh-CN': '须从日期选择器中选择日期', 'en-US': 'must be a date chosen from the picker' },
  visitOrder: { 'zh-CN': '结束日期不能早于开始日期', 'en-US': 'cannot be before the start date' },
  expertOnce: { 'zh-CN': '同一位专家只能列入一次,请在该专家下添加多次来华', 'en-US': 'list each expert once and add visits under them' },
  visitOnce: { 'zh-CN': '来华记录重复', 'en-US': 'a visit is listed twice' },
});

// Refused with the limit named, never clamped (number-rules.ts).
const fen = fundingFen();
const days = visitDays();
const dayOrNull = z.string().refine(isDay, { message: 'rule:projects.date' }).nullable();

const visitInput = z
  .object({
    id: z.uuid(),
    startDate: dayOrNull,
    endDate: dayOrNull,
    city: z.string().trim().max(50).nullable(),
    purpose: z.string().trim().max(500).nullable().optional(),
    funding: z.object({
      internationalTravel: fen,
      livingPerDay: fen,
      livingDays: days,
      pocketPerDay: fen,
      pocketDays: days,
      intercityTransport: fen,
      salary: fen,
      other: fen,
    }),
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, { path: ['endDate'], message: 'rule:projects.visitOrder' });

export const saveRequest = z.object({
  version: z.number().int().min(0),
  title: z.string().trim().min(1, 'rule:required').max(200),
  content: z.record(z.string().max(40), z.unknown()),
  experts: z
    .array(z.object({ expertId: z.uuid(), visits: z.array(visitInput).max(20) }))
    .max(200)
    .refine((list) => new Set(list.map((e) => e.expertId)).size === list.length, { message: 'rule:projects.expertOnce' })
    .refine((list) => new Set(list.flatMap((e) => e.visits.map((v) => v.id))).size === list.flatMap((e) => e.visits).length, {
      message: 'rule:projects.visitOnce',
    }),
});
export type SaveRequest = z.output<typeof saveRequest>;

export const SAVE_LABELS: FieldLabels = {
  version: { 'zh-CN': '版本', 'en-US': 'Version' },
  title: { 'zh-CN': '计划名称', 'en-US': 'Plan title' },
  experts: { 'zh-CN': '外国专家', 'en-US': 'Foreign experts' },
  'experts.expertId': { 'zh-CN': '专家', 'en-US': 'Expert' },
  'experts.visits': { 'zh-CN': '来华', 'en-US': 'Visits' },
  'experts.visits.startDate': { 'zh-CN': '来华开始日期', 'en-US': 'Start date' },
  'experts.visits.endDate': { 'zh-CN': '来华结束日期', 'en-US': 'End date' },
  'experts.visits.city': { 'zh-CN': '来华城市', 'en-US': 'City' },
  'experts.visits.purpose': { 'zh-CN': '工作内容', 'en-US': 'Purpose' },
  ...Object.fromEntries(
    FUNDING_FIELDS.map((f) => [
      `experts.visits.funding.${f}`,
      {
        internationalTravel: { 'zh-CN': '国际旅费', 'en-US': 'International travel' },
        livingPerDay: { 'zh-CN': '生活费标准', 'en-US': 'Living costs per day' },
        livingDays: { 'zh-CN': '生活费天数', 'en-US': 'Days of living costs' },
        pocketPerDay: { 'zh-CN': '零用费标准', 'en-US': 'Pocket money per day' },
        pocketDays: { 'zh-CN': '零用费天数', 'en-US': 'Days of pocket money' },
        intercityTransport: { 'zh-CN': '城市间交通费', 'en-US': 'Intercity transport' },
        salary: { 'zh-CN': '工资', 'en-US': 'Salary' },
        other: { 'zh-CN': '其他费用', 'en-US': 'Other costs' },
      }[f],
    ]),
  ),
};

/** The plan's own unit, in a state its submitter may change; otherwise why not. */
export function assertEditable(plan: PlanRow, me: Identity): void {
  if (!EMPLOYER_ROLES.includes(me.role) || me.unit.id !== plan.unit_id) throw CommonErrors.FORBIDDEN();
  if (plan.status !== 'draft' && plan.status !== 'returned') throw PlanErrors.PLAN_NOT_EDITABLE();
}

async function saveDraft(ctx: ModuleContext, me: Identity, id: string, body: SaveRequest, locale: Locale) {
  return ctx.db.transaction(async (tx) => {
    const plan = await findPlan(tx, me, id, true);
    assertEditable(plan, me);
    if (plan.version !== body.version) throw PlanErrors.PLAN_STALE();
    const template = templateOf(plan);
    const content = pickContent(template, body.content);
    refuseVisitsOutsidePeriod({ year: plan.year, content }, body.experts, locale);
    // An expert newly listed must be an active expert of the plan's own unit (the library's scope rule). One already
    // listed stays even if merged away since, so the problem shows beside it instead of the row vanishing.
    const { rows: listed } = await tx.query<{ expert_id: string }>('select expert_id from projects.plan_experts where plan_id = $1', [plan.id]);
    const already = new Set(listed.map((r) => r.expert_id));
    const fresh = body.experts.map((e) => e.expertId).filter((x) => !already.has(x));
    if (fresh.length) {
      const { rows } = await tx.query<{ n: number }>(
        `select count(*)::int as n from experts.expert_directory d join experts.expert_unit_directory u on u.expert_id = d.expert_id and u.unit_id = $2
         where d.expert_id = any($1::uuid[]) and d.status = 'active'`,
        [fresh, plan.unit_id],
      );
      if (rows[0]!.n !== fresh.length) throw PlanErrors.PLAN_EXPERT_UNKNOWN([{ field: 'experts', message: PlanErrors.PLAN_EXPERT_UNKNOWN().messageFor(locale) }]);
    }
    // Visits and their files: a visit removed takes its contract with it.
    const visitIds = body.experts.flatMap((e) => e.visits.map((v) => v.id));
    await tx.query(`delete from projects.plan_files where plan_id = $1 and slot like 'contract:%' and not (substr(slot, 10) = any($2::text[]))`, [plan.id, visitIds]);
    await tx.query('delete from projects.plan_visits where plan_id = $1', [plan.id]);
    await tx.query('delete from projects.plan_experts where plan_id = $1', [plan.id]);
    let requested = 0;
    let visitCount = 0;
    for (const [position, expert] of body.experts.entries()) {
      await tx.query('insert into projects.plan_experts (plan_id, expert_id, position) values ($1, $2, $3)', [plan.id, expert.expertId, position]);
      for (const [order, v] of expert.visits.entries()) {
        const f = v.funding;
        await tx.query(
          `insert into projects.plan_visits (plan_id, id, expert_id, position, start_date, end_date, city, purpose, international_travel, living_per_day,
             living_days, pocket_per_day, pocket_days, intercity_transport, salary, other)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [plan.id, v.id, expert.expertId, position * 100 + order, v.startDate, v.endDate, v.city || null, v.purpose || null, f.internationalTravel,
            f.livingPerDay, f.livingDays, f.pocketPerDay, f.pocketDays, f.intercityTransport, f.salary, f.other],
        );
        requested += visitTotal({ ...f, attachments: [] });
        visitCount++;
      }
    }
    const { rows } = await tx.query<{ version: number }>(
      `update projects.plans set title = $2, content = $3, requested_amount = $4, expert_count = $5, visit_count = $6, version = version + 1, updated_at = now()
       where id = $1 returning version`,
      [plan.id, body.title, JSON.stringify(content), requested, body.experts.length, visitCount],
    );
    const saved = { ...plan, title: body.title, content, requested_amount: requested, version: rows[0]!.version };
    const parts = await loadParts(tx, plan.id);
    return {
      version: saved.version,
      requestedAmount: requested,
      problems: planProblems(saved, parts, locale),
      experts: expertsView(parts),
    };
  });
}

const createRequest = z.object({ callId: z.uuid(), title: z.string().trim().min(1, 'rule:required').max(200) });
const CREATE_LABELS: FieldLabels = { callId: { 'zh-CN': '申报批次', 'en-US': 'Call' }, title: SAVE_LABELS['title']! };

/** Today in Beijing: calls open and close on Beijing dates. */
export const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function registerPlanRoutes(app: ProjectsApp, ctx: ModuleContext): void {
  app.get('/plans', async (c) => {
    const query = parseQuery(c, listQuery, LIST_LABELS);
    const where = listConditions(c.var.identity, query);
    const { rows, total } = await listPage<ListRow>(ctx.db, {
      select: LIST_SELECT,
      where: where.where,
      params: where.params,
      orderBy: query.view === 'review' ? 'x.updated_at, x.id' : 'x.updated_at desc, x.id',
      limit: query.limit,
      offset: query.offset,
    });
    const types = await typeNames(ctx);
    const locale = localeOf(c);
    return c.json({ items: rows.map((r) => toListItem(r, types, locale)), total });
  });

  app.get('/plans/export', async (c) => {
    const filter = parseQuery(c, listFilter, LIST_LABELS);
    const where = listConditions(c.var.identity, filter);
    const { rows } = await ctx.db.query<ListRow>(`select x.* from (${LIST_SELECT} where ${where.sql}) x order by x.updated_at desc, x.id limit 20000`, where.params);
    const types = await typeNames(ctx);
    const locale = localeOf(c);
    const en = locale === 'en-US';
    const items = rows.map((r) => toListItem(r, types, locale));
    const sheet = sheetOf(en ? 'Plans' : '计划列表', [
      { header: en ? 'Title' : '计划名称', width: 40, value: (p: (typeof items)[number]) => p.title },
      { header: en ? 'Project type' : '项目类别', width: 30, value: (p) => p.projectTypeName },
      { header: en ? 'Year' : '年度', width: 8, value: (p) => p.year },
      { header: en ? 'Unit' : '申报单位', width: 30, value: (p) => p.unitName ?? '' },
      { header: en ? 'Status' : '状态', width: 16, value: (p) => p.statusName },
      { header: en ? 'Experts' : '专家人数', width: 10, value: (p) => p.expertCount },
      { header: en ? 'Expert funding applied for (yuan)' : '申请专家经费(元)', width: 18, value: (p) => p.requestedAmount / 100 },
      { header: en ? 'Approved (yuan)' : '批复金额(元)', width: 16, value: (p) => (p.approvedAmount === null ? '' : p.approvedAmount / 100) },
      { header: en ? 'Submitted (Beijing time)' : '提交时间(北京时间)', width: 20, value: (p) => (p.submittedAt ? formatBeijingTime(p.submittedAt) : '') },
    ], items);
    await ctx.db.transaction((tx) =>
      writeAudit(tx, {
        actor: c.var.identity,
        action: 'plan.export',
        objectType: 'plan',
        objectId: 'list',
        after: { rows: items.length, filter },
        ...requestMeta(c),
      }),
    );
    return xlsxResponse(await workbookBytes([sheet]), en ? 'plans' : '计划列表');
  });

  app.post('/plans', async (c) => {
    const me = c.var.identity;
    const body = await parseJson(c, createRequest, CREATE_LABELS);
    if (!EMPLOYER_ROLES.includes(me.role) || (me.unit.kind !== 'employer' && me.unit.kind !== 'ministry_university')) throw PlanErrors.PLAN_ONLY_EMPLOYERS();
    await requireUnitStanding(ctx.db, me);
    const key = idempotencyKeyOf(c);
    // A double click or a retried request with the same key creates one plan and is answered with its id.
    const created = await withIdempotencyKey(ctx.db, { actor: me, key, route: 'projects:create-plan', requestBody: body }, (db) => db.transaction(async (tx) => {
      const { rows: calls } = await tx.query<{ id: string; project_type: string; year: number; policy_code: string; opens_on: string }>(
        `select id, project_type, year, policy_code, to_char(opens_on, 'YYYY-MM-DD') as opens_on from projects.calls
         where id = $1 and $2 = any(unit_kinds) and opens_on <= $3::date and closes_on >= $3::date
           and exists (select 1 from projects.project_types t where t.code = calls.project_type and t.active)`,
        [body.callId, me.unit.kind, beijingToday()],
      );
      const call = calls[0];
      if (!call) throw PlanErrors.PLAN_NO_OPEN_CALL();
      const { rows: units } = await tx.query<{ supervising_unit_id: string | null }>('select supervising_unit_id from admin.unit_directory where unit_id = $1', [me.unit.id]);
      // The policy in force for this call and this kind of unit: the latest version effective when the call opened.
      const { rows } = await tx.query<{ id: string }>(
        `insert into projects.plans (title, project_type, year, unit_id, supervising_unit_id, unit_kind, call_id, template_id, policy_id, created_by, created_by_name)
         values ($1, $2, $3, $4, $5, $6, $7,
           (select id from projects.templates where project_type = $2 order by version desc limit 1),
           (select id from projects.funding_policies where code = $8 and $6 = any(unit_kinds) and effective_from <= $9::date order by version desc limit 1),
           $10, $11)
         returning id`,
        [body.title, call.project_type, call.year, me.unit.id, me.unit.kind === 'ministry_university' ? null : (units[0]?.supervising_unit_id ?? null),
          me.unit.kind, call.id, call.policy_code, call.opens_on, me.userId, me.displayName],
      );
      const id = rows[0]!.id;
      await writeAudit(tx, { actor: me, action: 'plan.create', objectType: 'plan', objectId: id, after: { title: body.title, projectType: call.project_type }, ...requestMeta(c) });
      return { status: 201 as const, body: { id } };
    }));
    return c.json(created.body, created.status);
  });

  app.get('/plans/:id', async (c) => {
    const me = c.var.identity;
    const plan = await findPlan(ctx.db, me, requireObjectId(c.req.param('id')));
    return c.json(await detailOf(ctx, me, plan, localeOf(c)));
  });

  // The plan page, once shown, marks the caller's news about it (站内消息) read: a POST of its own, since a GET
  // (a prefetch, a link preview, a retried load) must never change anything.
  app.post('/plans/:id/notifications/read', async (c) => {
    const me = c.var.identity;
    const plan = await findPlan(ctx.db, me, requireObjectId(c.req.param('id')));
    const { rows } = await ctx.db.query<{ n: number }>(
      `with marked as (update projects.notifications set read_at = now() where user_id = $1 and plan_id = $2 and read_at is null returning 1)
       select count(*)::int as n from marked`,
      [me.userId, plan.id],
    );
    return c.json({ read: rows[0]!.n });
  });

  app.put('/plans/:id', async (c) => {
    const id = requireObjectId(c.req.param('id'));
    const me = c.var.identity;
    // Out of scope is 404 before anything about the body is said.
    await findPlan(ctx.db, me, id);
    const body = await parseJson(c, saveRequest, SAVE_LABELS);
    return c.json(await saveDraft(ctx, me, id, body, localeOf(c)));
  });

  app.delete('/plans/:id', async (c) => {
    const me = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    await ctx.db.transaction(async (tx) => {
      const plan = await findPlan(tx, me, id, true);
      assertEditable(plan, me);
      if (plan.submission_count > 0) throw PlanErrors.PLAN_DELETE_SUBMITTED();
      await tx.query('delete from projects.plans where id = $1', [id]);
      await writeAudit(tx, { actor: me, action: 'plan.delete', objectType: 'plan', objectId: id, before: { title: plan.title }, ...requestMeta(c) });
    });
    return c.body(null, 204);
  });

  app.post('/plans/:id/actions', async (c) => {
    const id = requireObjectId(c.req.param('id'));
    const me = c.var.identity;
    await findPlan(ctx.db, me, id);
    const body = await parseJson(c, actionRequest, ACTION_LABELS);
    const locale = localeOf(c);
    const meta = requestMeta(c);
    // The same action retried with its key (a double click, a lost answer) is answered, not done twice.
    const result = await withIdempotencyKey(ctx.db, { actor: me, key: idempotencyKeyOf(c), route: `projects:plan-action:${id}`, requestBody: body }, async (db) => ({
      status: 200 as const,
      body: await runAction({ db, cipher: ctx.cipher, actor: me, locale, ...meta }, id, body),
    }));
    return c.json(result.body, result.status);
  });

  const bulkRequest = z.object({
    action: z.enum(['approve', 'return', 'reject']),
    reason: z.string().trim().max(1000).optional(),
    items: z.array(z.object({ id: z.uuid(), version: z.number().int().min(0) })).min(1).max(100),
  });

  app.post('/plans/bulk', async (c) => {
    const me = c.var.identity;
    // 批量审核 is the supervising level's: the national approval needs an amount and a document number per plan.
    if (me.role !== 'supervising_user') throw CommonErrors.FORBIDDEN();
    const body = await parseJson(c, bulkRequest, { ...ACTION_LABELS, items: { 'zh-CN': '计划', 'en-US': 'Plans' } });
    const locale = localeOf(c);
    const results = await runBulk({ db: ctx.db, cipher: ctx.cipher, actor: me, locale, ...requestMeta(c) }, body.items, {
      action: body.action,
      ...(body.reason ? { reason: body.reason } : {}),
    });
    return c.json({ results });
  });
}

export type { Context };
