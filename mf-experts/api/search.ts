// 专家库查询: the search form's filters as one SQL condition over experts and their visits, shared by the list,
// the Excel export and the benchmark, so all three answer the same question.
import { Conditions, containing, type DataScope, type FieldLabels, isProvinceCode, listPage, paging, PAGING_LABELS, type Queryable, scopeCondition } from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { ExpertsRow } from '../db/rows.ts';
import { isCountryCode } from '../shared/countries.ts';
import { isDisciplineCode } from '../shared/disciplines.ts';

/** An empty box in the form is no filter. */
const blank = (v: unknown) => (v === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());

export const SEARCH_SORTS = ['name', 'latestVisit', 'visitCount'] as const;

export const searchFilter = z.object({
  name: optionalText(100),
  nationality: z.preprocess(blank, z.string().trim().toUpperCase().refine(isCountryCode).optional()),
  discipline: z.preprocess(blank, z.string().trim().refine(isDisciplineCode).optional()),
  hostUnit: optionalText(100),
  province: z.preprocess(blank, z.string().trim().refine(isProvinceCode).optional()),
  year: z.preprocess(blank, z.coerce.number().int().min(1949).max(2100).optional()),
  program: optionalText(60),
  sort: z.preprocess(blank, z.enum(SEARCH_SORTS).optional().default('name')),
});
export type SearchFilter = z.output<typeof searchFilter>;
export const searchQuery = searchFilter.extend(paging.shape);

export const SEARCH_LABELS: FieldLabels = {
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  nationality: { 'zh-CN': '国籍', 'en-US': 'Nationality' },
  discipline: { 'zh-CN': '学科领域', 'en-US': 'Discipline' },
  hostUnit: { 'zh-CN': '来华单位', 'en-US': 'Host unit' },
  province: { 'zh-CN': '省份', 'en-US': 'Province' },
  year: { 'zh-CN': '来华年份', 'en-US': 'Year of visit' },
  program: { 'zh-CN': '项目类别', 'en-US': 'Program' },
  sort: { 'zh-CN': '排序', 'en-US': 'Sort' },
  ...PAGING_LABELS,
};

/** The units that invited an expert decide who sees it: an employer its own, a supervising unit its employers'. */
export function expertScope(scope: DataScope, firstParam = 1): { sql: string; params: unknown[] } {
  const rule = scopeCondition(scope, { unit: 'eu.unit_id', supervisingUnit: 'eu.supervising_unit_id' }, firstParam);
  if (rule.sql === 'true' || rule.sql === 'false') return rule;
  return { sql: `exists (select 1 from experts.expert_units eu where eu.expert_id = e.id and ${rule.sql})`, params: rule.params };
}

/**
 * Merged-away records are not found by a search; their survivor is. A host unit typed in part is looked up
 * first, so the visit condition names the units themselves and the planner can use the visit indexes.
 */
export async function searchConditions(db: Queryable, scope: DataScope, filter: SearchFilter): Promise<Conditions> {
  const where = new Conditions(expertScope(scope)).also(`e.status = 'active'`);
  if (filter.name) where.add((n) => `(e.name ilike ${n} or e.chinese_name ilike ${n})`, containing(filter.name));
  if (filter.nationality) where.add((n) => `e.nationality = ${n}`, filter.nationality);
  // A category (two digits) stands for every discipline under it.
  if (filter.discipline) where.add((n) => `e.discipline_code like ${n}`, `${filter.discipline}%`);
  // The visit filters describe one visit: hosted there, in that province, that year, under that program.
  const visit: string[] = [];
  if (filter.hostUnit) {
    // The admin area's published view: typed here, as a module imports no other module's files (rows.ts included).
    const { rows } = await db.query<{ unit_id: string }>('select unit_id from admin.unit_directory where unit_name ilike $1', [containing(filter.hostUnit)]);
    visit.push(`v.host_unit_id = any(${where.bind(rows.map((r) => r.unit_id))}::uuid[])`);
  }
  if (filter.province) visit.push(`v.province_code = ${where.bind(filter.province)}`);
  if (filter.year) visit.push(`v.visit_year = ${where.bind(filter.year)}`);
  if (filter.program) visit.push(`v.program = ${where.bind(filter.program)}`);
  if (visit.length) where.also(`exists (select 1 from experts.visits v where v.expert_id = e.id and ${visit.join(' and ')})`);
  return where;
}

/** Each order is an index of migration 003, so a page of the first matches is read without sorting them all. */
export const SEARCH_ORDER: Record<(typeof SEARCH_SORTS)[number], string> = {
  name: 'x.name, x.id',
  latestVisit: 'x.last_visit_date desc nulls last, x.name, x.id',
  visitCount: 'x.visit_count desc, x.name, x.id',
};

/** One page of the search and the number of matches: what the list shows and the export writes. */
export async function searchExperts(db: Queryable, scope: DataScope, filter: SearchFilter, page: { limit: number; offset: number }) {
  const where = await searchConditions(db, scope, filter);
  const { rows, total } = await listPage<ExpertSummaryRow>(db, {
    select: SUMMARY_SELECT,
    where: where.where,
    params: where.params,
    orderBy: SEARCH_ORDER[filter.sort],
    ...page,
  });
  return { items: rows.map(toSummary), total };
}

/** A record as lists show it; dates come as text (see SUMMARY_COLUMNS). */
export type ExpertSummaryRow = Pick<
  ExpertsRow,
  | 'id'
  | 'name'
  | 'chinese_name'
  | 'gender'
  | 'nationality'
  | 'discipline_code'
  | 'passport_masked'
  | 'employer_abroad'
  | 'visit_count'
  | 'planned_visit_state'
  | 'planned_visit_count'
  | 'status'
> & { birth_date: string | null; last_visit: string | null; planned_visit: string | null };

// Dates as text: node-postgres reads a date as local midnight, a day early in UTC east of Greenwich.
// visit_count and last_visit (来华次数, 最近来华) count visits that happened; the planned ones are apart.
export const SUMMARY_COLUMNS = `e.id, e.name, e.chinese_name, e.gender, to_char(e.birth_date, 'YYYY-MM-DD') as birth_date, e.nationality, e.discipline_code, e.passport_masked,
  e.employer_abroad, e.visit_count, to_char(e.last_visit, 'YYYY-MM-DD') as last_visit, e.last_visit as last_visit_date,
  to_char(e.planned_visit, 'YYYY-MM-DD') as planned_visit, e.planned_visit_state, e.planned_visit_count, e.status`;

export const SUMMARY_SELECT = `select ${SUMMARY_COLUMNS} from experts.experts e`;

export const toSummary = (row: ExpertSummaryRow) => ({
  id: row.id,
  name: row.name,
  chineseName: row.chinese_name,
  gender: row.gender,
  birthDate: row.birth_date,
  nationality: row.nationality.trim(),
  disciplineCode: row.discipline_code,
  passportMasked: row.passport_masked,
  employerAbroad: row.employer_abroad,
  visitCount: row.visit_count,
  lastVisit: row.last_visit,
  /** 计划来华: the nearest visit still to come, its plan's state (`recorded`: entered in the library), how many are planned. */
  plannedVisit: row.planned_visit
    ? { date: row.planned_visit, planState: row.planned_visit_state ?? 'recorded', count: row.planned_visit_count }
    : null,
  status: row.status,
});
export type ExpertSummary = ReturnType<typeof toSummary>;
