// A plan as stored, and every statement the plan service issues outside a transition: one read that gathers the
// plan, its template, policy, experts, visits and files; the lists and the to-do; the history; the write of a draft
// (autosave); a new plan and a deleted draft. Who may read a plan is decided here once: the data scope, or a
// reviewer's assignment.
import { CommonErrors, Conditions, containing, defineErrors, type ErrorSpec, type FlowSubject, type Identity, listPage, type Queryable, scopeCondition } from '@wgzj/gateway/kit';
import type { FundingEntry } from '../funding.ts';
import { fundingRules, type FundingRule } from '../funding.ts';
import { type FlowAction, PARTY_OF_ROLE, type PlanState, statesWaitingFor } from '../plan-flow.ts';
import type { ListFilter } from './plan-inputs.ts';
import type { PlanErrorCode } from '../../shared/plan-errors.ts';
import type { Snapshot } from '../snapshot.ts';
import { templateDefinition, type TemplateDefinition } from '../template.ts';
import type {
  CallsRow,
  FundingPoliciesRow,
  NotificationsRow,
  PlanEventsRow,
  PlanExpertsRow,
  PlanFilesRow,
  PlanReviewsRow,
  PlansRow,
  PlanSnapshotsRow,
  PlanVisitsRow,
  ProjectTypesRow,
  TemplatesRow,
} from '../../db/rows.ts';

export const PLAN_SCOPE = { unit: 'p.unit_id', supervisingUnit: 'p.supervising_unit_id' };

export const PlanErrors = defineErrors({
  PLAN_NOT_EDITABLE: {
    status: 409,
    'zh-CN': '该计划已提交,当前不能修改;如需修改,请在上级审核前撤回。',
    'en-US': 'This plan has been submitted and cannot be changed now; withdraw it before the next level acts.',
  },
  PLAN_STALE: {
    status: 409,
    'zh-CN': '该计划已在别处修改,请刷新后再编辑。',
    'en-US': 'This plan was changed elsewhere; reload it before editing.',
  },
  PLAN_EXPERT_UNKNOWN: {
    status: 400,
    'zh-CN': '所选专家不在本单位的专家库中,请从专家库中选择或先在专家库中新建。',
    'en-US': 'A chosen expert is not in your unit’s expert library; choose one there or add it first.',
  },
  PLAN_INCOMPLETE: {
    status: 422,
    'zh-CN': '计划尚未填写完整或有不符合要求的内容,请按提示修改后再提交。',
    'en-US': 'The plan is incomplete or breaks a rule; fix what is marked and submit again.',
  },
  PLAN_NO_OPEN_CALL: {
    status: 409,
    'zh-CN': '该项目类别当前没有面向您单位开放的申报批次。',
    'en-US': 'There is no call of this project type open to your unit now.',
  },
  PLAN_ONLY_EMPLOYERS: {
    status: 403,
    'zh-CN': '只有用人单位或部属高校的事项办理员、事项管理员可以新报计划。',
    'en-US': 'Only matter handlers and administrators of employer units or ministry universities can start a plan.',
  },
  PLAN_DELETE_SUBMITTED: {
    status: 409,
    'zh-CN': '已提交过的计划不能删除,可撤回后修改。',
    'en-US': 'A plan that has been submitted cannot be deleted; withdraw and change it instead.',
  },
} satisfies Record<PlanErrorCode, ErrorSpec>);

/** The names an area reads from the admin area's published unit directory (another area's view: its type stays here). */
interface UnitNames {
  unit_name: string | null;
  supervising_unit_name: string | null;
}

/** A plan with its type's names, its template and its policy (left-joined: null when it has none). The state, family
 * and content are narrowed to what the flow, the catalogue and the template write there. */
export type PlanRow = Pick<
  PlansRow,
  | 'id'
  | 'title'
  | 'project_type'
  | 'year'
  | 'version'
  | 'unit_id'
  | 'unit_kind'
  | 'supervising_unit_id'
  | 'call_id'
  | 'template_id'
  | 'policy_id'
  | 'requested_amount'
  | 'approved_amount'
  | 'approval_document'
  | 'expert_count'
  | 'visit_count'
  | 'created_by'
  | 'created_by_name'
  | 'submitted_at'
  | 'submission_count'
  | 'decided_at'
  | 'updated_at'
> &
  Pick<TemplatesRow, 'definition'> &
  Pick<FundingPoliciesRow, 'rules'> &
  UnitNames & {
    status: PlanState;
    content: Record<string, unknown>;
    family: 'talent' | 'platform';
    type_name_zh: ProjectTypesRow['name_zh'];
    type_name_en: ProjectTypesRow['name_en'];
    template_version: TemplatesRow['version'];
    policy_title: FundingPoliciesRow['title'] | null;
    policy_version: FundingPoliciesRow['version'] | null;
  };

const PLAN_SELECT = `
  select p.id, p.title, p.project_type, t.family, t.name_zh as type_name_zh, t.name_en as type_name_en, p.year, p.status, p.version,
         p.unit_id, u.unit_name, p.unit_kind, p.supervising_unit_id, s.unit_name as supervising_unit_name, p.call_id,
         p.template_id, tv.version as template_version, tv.definition, p.policy_id, fp.title as policy_title, fp.version as policy_version,
         fp.rules, p.content, p.requested_amount, p.approved_amount, p.approval_document, p.expert_count, p.visit_count, p.created_by,
         p.created_by_name, p.submitted_at, p.submission_count, p.decided_at, p.updated_at
  from projects.plans p
  join projects.project_types t on t.code = p.project_type
  join projects.templates tv on tv.id = p.template_id
  left join projects.funding_policies fp on fp.id = p.policy_id
  left join admin.unit_directory u on u.unit_id = p.unit_id
  left join admin.unit_directory s on s.unit_id = p.supervising_unit_id`;

/** Reviewing levels see a plan once it was submitted: a draft (never sent, or withdrawn) is its unit's own work. */
const REVIEWING_ROLES = new Set(['supervising_user', 'national_admin']);

/** The condition a caller's reads pass: in the data scope, or (a reviewer) assigned to the plan. */
export function readCondition(identity: Identity, firstParam: number): { sql: string; params: unknown[] } {
  if (identity.role === 'expert_reviewer') {
    return {
      sql: `exists (select 1 from projects.plan_reviews r where r.plan_id = p.id and r.reviewer_id = $${firstParam})`,
      params: [identity.userId],
    };
  }
  const scope = scopeCondition(identity.scope, PLAN_SCOPE, firstParam);
  return REVIEWING_ROLES.has(identity.role) ? { sql: `(${scope.sql}) and p.status <> 'draft'`, params: scope.params } : scope;
}

/** A plan the caller may read, or 404 (never 403: what is out of scope does not exist for them). */
export async function findPlan(db: Queryable, identity: Identity, id: string, lock = false): Promise<PlanRow> {
  const read = readCondition(identity, 2);
  const { rows } = await db.query<PlanRow>(`${PLAN_SELECT} where p.id = $1 and ${read.sql}${lock ? ' for update of p' : ''}`, [id, ...read.params]);
  if (!rows[0]) throw CommonErrors.NOT_FOUND();
  return rows[0];
}

/** A plan by id alone, for work whose access was already decided (inside a transition). */
export async function loadPlan(db: Queryable, id: string): Promise<PlanRow> {
  const { rows } = await db.query<PlanRow>(`${PLAN_SELECT} where p.id = $1`, [id]);
  if (!rows[0]) throw CommonErrors.NOT_FOUND();
  return rows[0];
}

export const templateOf = (row: PlanRow): TemplateDefinition => templateDefinition.parse(row.definition);
export const rulesOf = (row: PlanRow): FundingRule[] => (row.rules ? fundingRules.parse(row.rules) : []);

/** A visit; its days leave the database as 'YYYY-MM-DD' text so no time zone can shift one. */
export type VisitRow = Pick<
  PlanVisitsRow,
  | 'id'
  | 'expert_id'
  | 'city'
  | 'purpose'
  | 'international_travel'
  | 'living_per_day'
  | 'living_days'
  | 'pocket_per_day'
  | 'pocket_days'
  | 'intercity_transport'
  | 'salary'
  | 'other'
> & { start_date: string | null; end_date: string | null };

/** A listed expert as the expert library's published directory shows them (another area's view: its type stays
 * here); null throughout when the library no longer has the record. */
export type ExpertRow = Pick<PlanExpertsRow, 'expert_id'> & {
  name: string | null;
  chinese_name: string | null;
  nationality: string | null;
  passport_masked: string | null;
  status: string | null;
};

export type FileRow = Pick<PlanFilesRow, 'id' | 'slot' | 'filename' | 'content_type' | 'size' | 'created_at'>;

export interface PlanParts {
  experts: ExpertRow[];
  visits: VisitRow[];
  files: FileRow[];
}

/** One after another: inside a transition `db` is a single client, which runs one query at a time. */
export async function loadParts(db: Queryable, planId: string): Promise<PlanParts> {
  const experts = await db.query<ExpertRow>(
    `select e.expert_id, d.name, d.chinese_name, d.nationality, d.passport_masked, d.status
     from projects.plan_experts e left join experts.expert_directory d on d.expert_id = e.expert_id
     where e.plan_id = $1 order by e.position`,
    [planId],
  );
  const visits = await db.query<VisitRow>(
    `select id, expert_id, to_char(start_date, 'YYYY-MM-DD') as start_date, to_char(end_date, 'YYYY-MM-DD') as end_date, city, purpose,
            international_travel, living_per_day, living_days, pocket_per_day, pocket_days, intercity_transport, salary, other
     from projects.plan_visits where plan_id = $1 order by position`,
    [planId],
  );
  const files = await db.query<FileRow>(
    'select id, slot, filename, content_type, size, created_at from projects.plan_files where plan_id = $1 order by created_at, id',
    [planId],
  );
  return { experts: experts.rows, visits: visits.rows, files: files.rows };
}

export const contractSlot = (visitId: string) => `contract:${visitId}`;

/** A visit's funding as the rule engine reads it; bigint columns arrive as strings from one driver. */
export function fundingOf(v: VisitRow, files: readonly FileRow[]): FundingEntry {
  return {
    internationalTravel: Number(v.international_travel),
    livingPerDay: Number(v.living_per_day),
    livingDays: v.living_days,
    pocketPerDay: Number(v.pocket_per_day),
    pocketDays: v.pocket_days,
    intercityTransport: Number(v.intercity_transport),
    salary: Number(v.salary),
    other: Number(v.other),
    attachments: files.some((f) => f.slot === contractSlot(v.id)) ? ['contract'] : [],
  };
}

export const visitTotal = (e: FundingEntry) =>
  e.internationalTravel + e.livingPerDay * e.livingDays + e.pocketPerDay * e.pocketDays + e.intercityTransport + e.salary + e.other;

export const daysOf = (v: { start_date: string | null; end_date: string | null }) =>
  v.start_date && v.end_date ? Math.round((Date.parse(v.end_date) - Date.parse(v.start_date)) / 86_400_000) + 1 : null;

// ---- lists and the to-do ------------------------------------------------------------------------------

/** Which plans wait for this person: the states the flow says wait for their party (plan-flow.ts WAITS_FOR), narrowed
 * to the plans that party is: their unit's, those their unit supervises, or those assigned to them to score. */
export function waitingCondition(identity: Identity, firstParam: number): { sql: string; params: unknown[] } | null {
  const party = PARTY_OF_ROLE[identity.role];
  if (!party) return null;
  const states = statesWaitingFor(party);
  if (!states.length) return null;
  const inState = states.length === 1 ? `p.status = '${states[0]}'` : `p.status in (${states.map((s) => `'${s}'`).join(', ')})`;
  switch (party) {
    case 'ownUnit':
      return { sql: `p.unit_id = $${firstParam} and ${inState}`, params: [identity.unit.id] };
    case 'supervisingUnit':
      return { sql: `p.supervising_unit_id = $${firstParam} and ${inState}`, params: [identity.unit.id] };
    case 'national':
      return { sql: inState, params: [] };
    case 'assignedReviewer':
      return {
        sql: `${inState} and exists (select 1 from projects.plan_reviews r where r.plan_id = p.id and r.reviewer_id = $${firstParam} and r.submitted_at is null)`,
        params: [identity.userId],
      };
  }
}

/** A plan as the review-flow engine sees it. */
export const subjectOf = (plan: PlanRow): FlowSubject<PlanState> => ({
  id: plan.id,
  state: plan.status,
  version: plan.version,
  unitId: plan.unit_id,
  supervisingUnitId: plan.supervising_unit_id,
});

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

export type ListRow = Pick<
  PlansRow,
  'id' | 'title' | 'project_type' | 'year' | 'version' | 'unit_id' | 'requested_amount' | 'approved_amount' | 'expert_count' | 'submitted_at' | 'updated_at'
> &
  Pick<UnitNames, 'unit_name'> & { status: PlanState };

const LIST_SELECT = `select p.id, p.title, p.project_type, p.year, p.status, p.version, p.unit_id, u.unit_name, p.requested_amount, p.approved_amount,
  p.expert_count, p.submitted_at, p.updated_at
  from projects.plans p left join admin.unit_directory u on u.unit_id = p.unit_id`;

/** One page of the list, waiting plans oldest first, others newest first. */
export function listRows(db: Queryable, where: Conditions, page: { review: boolean; limit: number; offset: number }) {
  return listPage<ListRow>(db, {
    select: LIST_SELECT,
    where: where.where,
    params: where.params,
    orderBy: page.review ? 'x.updated_at, x.id' : 'x.updated_at desc, x.id',
    limit: page.limit,
    offset: page.offset,
  });
}

/** The whole list for a download, newest first, at most 20,000 rows. */
export async function exportRows(db: Queryable, where: Conditions): Promise<ListRow[]> {
  const { rows } = await db.query<ListRow>(`select x.* from (${LIST_SELECT} where ${where.sql}) x order by x.updated_at desc, x.id limit 20000`, where.params);
  return rows;
}

export type TypeNames = Map<string, { family: string; 'zh-CN': string; 'en-US': string }>;

export async function typeNames(db: Queryable): Promise<TypeNames> {
  const { rows } = await db.query<Pick<ProjectTypesRow, 'code' | 'family' | 'name_zh' | 'name_en'>>(
    'select code, family, name_zh, name_en from projects.project_types',
  );
  return new Map(rows.map((r) => [r.code, { family: r.family, 'zh-CN': r.name_zh, 'en-US': r.name_en }]));
}

type WaitingRow = Pick<PlansRow, 'id' | 'title' | 'status' | 'updated_at'>;
type NewsRow = Pick<NotificationsRow, 'plan_id' | 'title_zh' | 'title_en' | 'created_at'>;

export interface ToDoRows {
  count: number;
  items: WaitingRow[];
  news: NewsRow[];
}

/** What waits for this person (how many, the oldest ten) and their unread news. */
export async function toDoRows(db: Queryable, me: Identity): Promise<ToDoRows> {
  const waiting = waitingCondition(me, 1);
  const [count, items, news] = await Promise.all([
    waiting
      ? db.query<{ n: number }>(`select count(*)::int as n from projects.plans p where ${waiting.sql}`, waiting.params)
      : Promise.resolve({ rows: [{ n: 0 }] }),
    waiting
      ? db.query<WaitingRow>(
          `select p.id, p.title, p.status, p.updated_at from projects.plans p where ${waiting.sql} order by p.updated_at, p.id limit 10`,
          waiting.params,
        )
      : Promise.resolve({ rows: [] as WaitingRow[] }),
    db.query<NewsRow>(
      'select plan_id, title_zh, title_en, created_at from projects.notifications where user_id = $1 and read_at is null order by created_at desc limit 10',
      [me.userId],
    ),
  ]);
  return { count: count.rows[0]!.n, items: items.rows, news: news.rows };
}

/** Marks this person's news about a plan read; how many were. */
export async function markNewsRead(db: Queryable, userId: string, planId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `with marked as (update projects.notifications set read_at = now() where user_id = $1 and plan_id = $2 and read_at is null returning 1)
     select count(*)::int as n from marked`,
    [userId, planId],
  );
  return rows[0]!.n;
}

// ---- a plan's history ----------------------------------------------------------------------------------

export type ReviewRow = Pick<PlanReviewsRow, 'reviewer_id' | 'reviewer_name' | 'total' | 'opinion' | 'submitted_at' | 'assigned_at'> & {
  scores: Record<string, number> | null;
};

export type EventRow = Pick<PlanEventsRow, 'id' | 'actor_name' | 'actor_unit_name' | 'reason' | 'created_at'> & {
  action: FlowAction;
  from_state: PlanState;
  to_state: PlanState;
  section_reasons: Record<string, string> | null;
};

type SnapshotRow = Pick<PlanSnapshotsRow, 'seq' | 'submitted_at'> & { content: Snapshot };

/** What the plan page shows beside the plan: its parts, the reviews, the history and the last two snapshots. */
export async function planPageRows(db: Queryable, planId: string) {
  const [parts, reviews, events, snapshots] = await Promise.all([
    loadParts(db, planId),
    db.query<ReviewRow>(
      'select reviewer_id, reviewer_name, scores, total, opinion, submitted_at, assigned_at from projects.plan_reviews where plan_id = $1 order by assigned_at, reviewer_name',
      [planId],
    ),
    db.query<EventRow>(
      `select id, action, from_state, to_state, actor_name, actor_unit_name, reason, section_reasons, created_at
       from projects.plan_events where plan_id = $1 order by id desc`,
      [planId],
    ),
    db.query<SnapshotRow>(
      'select seq, content, submitted_at from projects.plan_snapshots where plan_id = $1 order by seq desc limit 2',
      [planId],
    ),
  ]);
  return { parts, reviews: reviews.rows, events: events.rows, snapshots: snapshots.rows };
}

// ---- a draft ---------------------------------------------------------------------------------------------

export async function listedExpertIds(tx: Queryable, planId: string): Promise<Set<string>> {
  const { rows } = await tx.query<Pick<PlanExpertsRow, 'expert_id'>>('select expert_id from projects.plan_experts where plan_id = $1', [planId]);
  return new Set(rows.map((r) => r.expert_id));
}

/** How many of these experts are active experts of this unit. */
export async function countUnitExperts(tx: Queryable, expertIds: readonly string[], unitId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `select count(*)::int as n from experts.expert_directory d join experts.expert_unit_directory u on u.expert_id = d.expert_id and u.unit_id = $2
     where d.expert_id = any($1::uuid[]) and d.status = 'active'`,
    [expertIds, unitId],
  );
  return rows[0]!.n;
}

export interface VisitInput {
  id: string;
  startDate: string | null;
  endDate: string | null;
  city: string | null;
  purpose?: string | null | undefined;
  funding: Omit<FundingEntry, 'attachments'>;
}

/** Replaces the plan's experts and visits (a visit removed takes its contract with it); the amount and count written. */
export async function replaceExperts(
  tx: Queryable,
  planId: string,
  experts: ReadonlyArray<{ expertId: string; visits: readonly VisitInput[] }>,
  totalOf: (funding: Omit<FundingEntry, 'attachments'>) => number,
): Promise<{ requested: number; visitCount: number }> {
  const visitIds = experts.flatMap((e) => e.visits.map((v) => v.id));
  await tx.query(`delete from projects.plan_files where plan_id = $1 and slot like 'contract:%' and not (substr(slot, 10) = any($2::text[]))`, [planId, visitIds]);
  await tx.query('delete from projects.plan_visits where plan_id = $1', [planId]);
  await tx.query('delete from projects.plan_experts where plan_id = $1', [planId]);
  let requested = 0;
  let visitCount = 0;
  for (const [position, expert] of experts.entries()) {
    await tx.query('insert into projects.plan_experts (plan_id, expert_id, position) values ($1, $2, $3)', [planId, expert.expertId, position]);
    for (const [order, v] of expert.visits.entries()) {
      const f = v.funding;
      await tx.query(
        `insert into projects.plan_visits (plan_id, id, expert_id, position, start_date, end_date, city, purpose, international_travel, living_per_day,
           living_days, pocket_per_day, pocket_days, intercity_transport, salary, other)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [planId, v.id, expert.expertId, position * 100 + order, v.startDate, v.endDate, v.city || null, v.purpose || null, f.internationalTravel,
          f.livingPerDay, f.livingDays, f.pocketPerDay, f.pocketDays, f.intercityTransport, f.salary, f.other],
      );
      requested += totalOf(f);
      visitCount++;
    }
  }
  return { requested, visitCount };
}

/** The draft's own columns; the new version. */
export async function updateDraft(
  tx: Queryable,
  planId: string,
  draft: { title: string; content: unknown; requested: number; expertCount: number; visitCount: number },
): Promise<number> {
  const { rows } = await tx.query<Pick<PlansRow, 'version'>>(
    `update projects.plans set title = $2, content = $3, requested_amount = $4, expert_count = $5, visit_count = $6, version = version + 1, updated_at = now()
     where id = $1 returning version`,
    [planId, draft.title, JSON.stringify(draft.content), draft.requested, draft.expertCount, draft.visitCount],
  );
  return rows[0]!.version;
}

export async function deletePlanRow(tx: Queryable, planId: string): Promise<void> {
  await tx.query('delete from projects.plans where id = $1', [planId]);
}

// ---- a new plan ------------------------------------------------------------------------------------------

export type OpenCall = Pick<CallsRow, 'id' | 'project_type' | 'year' | 'policy_code'> & { opens_on: string };

/** The call, if it is open today to this kind of unit and its project type is in use. */
export async function openCall(tx: Queryable, callId: string, unitKind: string, today: string): Promise<OpenCall | undefined> {
  const { rows } = await tx.query<OpenCall>(
    `select id, project_type, year, policy_code, to_char(opens_on, 'YYYY-MM-DD') as opens_on from projects.calls
     where id = $1 and $2 = any(unit_kinds) and opens_on <= $3::date and closes_on >= $3::date
       and exists (select 1 from projects.project_types t where t.code = calls.project_type and t.active)`,
    [callId, unitKind, today],
  );
  return rows[0];
}

export async function supervisingUnitOf(tx: Queryable, unitId: string): Promise<string | null> {
  const { rows } = await tx.query<{ supervising_unit_id: string | null }>('select supervising_unit_id from admin.unit_directory where unit_id = $1', [unitId]);
  return rows[0]?.supervising_unit_id ?? null;
}

/** A new draft under the call's latest template and the policy in force for this call and this kind of unit (the latest
 * version effective when the call opened); its id. */
export async function insertPlan(
  tx: Queryable,
  plan: { title: string; call: OpenCall; unitId: string; supervisingUnitId: string | null; unitKind: string; createdBy: string; createdByName: string },
): Promise<string> {
  const { rows } = await tx.query<Pick<PlansRow, 'id'>>(
    `insert into projects.plans (title, project_type, year, unit_id, supervising_unit_id, unit_kind, call_id, template_id, policy_id, created_by, created_by_name)
     values ($1, $2, $3, $4, $5, $6, $7,
       (select id from projects.templates where project_type = $2 order by version desc limit 1),
       (select id from projects.funding_policies where code = $8 and $6 = any(unit_kinds) and effective_from <= $9::date order by version desc limit 1),
       $10, $11)
     returning id`,
    [plan.title, plan.call.project_type, plan.call.year, plan.unitId, plan.supervisingUnitId, plan.unitKind, plan.call.id, plan.call.policy_code,
      plan.call.opens_on, plan.createdBy, plan.createdByName],
  );
  return rows[0]!.id;
}

// ---- what moves with a transition (plan-transitions.ts), inside the engine's transaction ------------------

/** A line of the submitter's news (站内消息), written in both languages when it happens. */
export async function insertNotification(tx: Queryable, userId: string, planId: string, title: { zh: string; en: string }): Promise<void> {
  await tx.query('insert into projects.notifications (user_id, plan_id, title_zh, title_en) values ($1, $2, $3, $4)', [userId, planId, title.zh, title.en]);
}

/** The account's mobile (encrypted) and status, from the admin area's published contact view. */
export async function accountContact(tx: Queryable, userId: string): Promise<{ mobile_encrypted: string | null; status: string } | undefined> {
  const { rows } = await tx.query<{ mobile_encrypted: string | null; status: string }>('select mobile_encrypted, status from admin.account_contacts where user_id = $1', [
    userId,
  ]);
  return rows[0];
}

export async function setApproval(tx: Queryable, planId: string, approvedAmount: number | undefined, documentNumber: string | undefined): Promise<void> {
  await tx.query('update projects.plans set approved_amount = $2, approval_document = $3 where id = $1', [planId, approvedAmount, documentNumber]);
}

/**
 * The submission frozen as snapshot `seq`; the plan reads as submitted now. Earlier reviews belong to an earlier
 * submission, so a resubmission starts its review afresh.
 */
export async function freezeSnapshot(
  tx: Queryable,
  plan: Pick<PlanRow, 'id' | 'template_id' | 'policy_id'>,
  seq: number,
  snapshot: Snapshot,
  submittedBy: string,
): Promise<void> {
  await tx.query(`insert into projects.plan_snapshots (plan_id, seq, template_id, policy_id, content, submitted_by) values ($1, $2, $3, $4, $5, $6)`, [
    plan.id,
    seq,
    plan.template_id,
    plan.policy_id,
    JSON.stringify(snapshot),
    submittedBy,
  ]);
  await tx.query('update projects.plans set submission_count = $2, submitted_at = now() where id = $1', [plan.id, seq]);
  await tx.query('delete from projects.plan_reviews where plan_id = $1', [plan.id]);
}

/** Withdrawn, the plan is a draft again: it no longer reads as submitted (the history keeps when it was). */
export async function clearSubmitted(tx: Queryable, planId: string): Promise<void> {
  await tx.query('update projects.plans set submitted_at = null where id = $1', [planId]);
}

/** Every transition moves the plan onto the expert library's feed; a decision also records when. */
export async function markMoved(tx: Queryable, planId: string, decided: boolean): Promise<void> {
  await tx.query(`update projects.plans set updated_at = now(), feed_seq = nextval('projects.plan_feed_seq')${decided ? ', decided_at = now()' : ''} where id = $1`, [
    planId,
  ]);
}

export type NewEvent = Pick<
  PlanEventsRow,
  'plan_id' | 'action' | 'from_state' | 'to_state' | 'actor_user_id' | 'actor_name' | 'actor_unit_name' | 'actor_role' | 'reason'
> & { section_reasons: Record<string, string> | null };

export async function insertEvent(tx: Queryable, event: NewEvent): Promise<void> {
  await tx.query(
    `insert into projects.plan_events (plan_id, action, from_state, to_state, actor_user_id, actor_name, actor_unit_name, actor_role, reason, section_reasons)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      event.plan_id,
      event.action,
      event.from_state,
      event.to_state,
      event.actor_user_id,
      event.actor_name,
      event.actor_unit_name,
      event.actor_role,
      event.reason,
      event.section_reasons ? JSON.stringify(event.section_reasons) : null,
    ],
  );
}
