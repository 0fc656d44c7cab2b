// A plan as stored: one read that gathers the plan, its template, policy, experts, visits and files, and the
// write of a draft (autosave). Who may read a plan is decided here once: the data scope, or a reviewer's assignment.
import { CommonErrors, defineErrors, type Identity, type Queryable, scopeCondition } from '@wgzj/gateway/kit';
import type { FundingEntry } from './funding.ts';
import { fundingRules, type FundingRule } from './funding.ts';
import type { PlanState } from './plan-flow.ts';
import { templateDefinition, type TemplateDefinition } from './template.ts';

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
});

export interface PlanRow {
  id: string;
  title: string;
  project_type: string;
  family: 'talent' | 'platform';
  type_name_zh: string;
  type_name_en: string;
  year: number;
  status: PlanState;
  version: number;
  unit_id: string;
  unit_name: string | null;
  unit_kind: string;
  supervising_unit_id: string | null;
  supervising_unit_name: string | null;
  call_id: string | null;
  template_id: string;
  template_version: number;
  definition: unknown;
  policy_id: string | null;
  policy_title: string | null;
  policy_version: number | null;
  rules: unknown;
  content: Record<string, unknown>;
  requested_amount: string | number;
  approved_amount: string | number | null;
  approval_document: string | null;
  expert_count: number;
  visit_count: number;
  created_by: string | null;
  created_by_name: string | null;
  submitted_at: Date | null;
  submission_count: number;
  decided_at: Date | null;
  updated_at: Date;
}

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

export interface VisitRow {
  id: string;
  expert_id: string;
  start_date: string | null;
  end_date: string | null;
  city: string | null;
  purpose: string | null;
  international_travel: string;
  living_per_day: string;
  living_days: number;
  pocket_per_day: string;
  pocket_days: number;
  intercity_transport: string;
  salary: string;
  other: string;
}

export interface ExpertRow {
  expert_id: string;
  name: string | null;
  chinese_name: string | null;
  nationality: string | null;
  passport_masked: string | null;
  status: string | null;
}

export interface FileRow {
  id: string;
  slot: string;
  filename: string;
  content_type: string;
  size: number;
  created_at: Date;
}

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

/** A visit's funding as the rule engine reads it; bigint columns arrive as strings. */
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
