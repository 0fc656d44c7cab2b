// Visits (来华) and the plans that use an expert. Plans write here through the internal routes (the gateway's
// service assertion) and the plan feed, replacing a plan's experts and visits as one unit with the plan's state;
// people read an expert's history, each visit marked happened or planned.
import {
  defineErrors,
  defineRuleMessages,
  type FieldLabels,
  type Locale,
  localeOf,
  type ModuleContext,
  parseJson,
  provinceName,
  type Queryable,
  requireObjectId,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { findExpert } from './expert-service.ts';
import { programName, programNames, type ProgramNames } from './program-names.ts';
import { markApplied } from './plan-feed.ts';
import type { ExpertsApp } from './experts.ts';

const VisitErrors = defineErrors({
  VISIT_UNKNOWN_EXPERT: {
    status: 400,
    'zh-CN': '计划中的专家不在专家库中,或已合并到其他记录。',
    'en-US': 'An expert of the plan is not in the library, or was merged into another record.',
  },
  VISIT_UNKNOWN_UNIT: { status: 400, 'zh-CN': '计划的申报单位不存在。', 'en-US': 'The plan’s unit does not exist.' },
});

const rules = defineRuleMessages('experts', {
  visitOrder: { 'zh-CN': '结束日期不能早于开始日期', 'en-US': 'cannot be before the start date' },
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) => DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

const visitInput = z
  .object({
    startDate: z.string().refine(isDay),
    endDate: z.string().refine(isDay),
    city: z.string().trim().min(1).max(50),
    purpose: z.string().trim().max(500).nullish(),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], ...rules.visitOrder });

/** A plan's states past its draft, as the plan feed names them; `in_review` when a caller says only "not approved". */
export const PLAN_STATES_SEEN = ['supervising_review', 'national_review', 'expert_review', 'returned', 'approved', 'in_review'] as const;
export type PlanStateSeen = (typeof PLAN_STATES_SEEN)[number];

export const planExpertsRequest = z.object({
  unitId: z.uuid(),
  approved: z.boolean(),
  /** The plan's state; without it, `approved` decides between approved and in review. */
  state: z.enum(PLAN_STATES_SEEN).optional(),
  program: z.string().trim().max(60).nullish(),
  programName: z.string().trim().max(100).nullish(),
  experts: z
    .array(z.object({ expertId: z.uuid(), visits: z.array(visitInput).max(20) }))
    .max(200)
    .refine((list) => new Set(list.map((e) => e.expertId)).size === list.length, { message: 'each expert once' }),
});
export type PlanExperts = z.output<typeof planExpertsRequest>;

const VISIT_LABELS: FieldLabels = {
  unitId: { 'zh-CN': '申报单位', 'en-US': 'Unit' },
  'experts.expertId': { 'zh-CN': '专家', 'en-US': 'Expert' },
  'experts.visits.startDate': { 'zh-CN': '来华开始日期', 'en-US': 'Start date' },
  'experts.visits.endDate': { 'zh-CN': '来华结束日期', 'en-US': 'End date' },
  'experts.visits.city': { 'zh-CN': '来华城市', 'en-US': 'City' },
};

interface VisitRow {
  id: string;
  start_date: string;
  end_date: string;
  days: number;
  visit_year: number;
  city: string;
  province_code: string | null;
  host_unit_id: string;
  host_unit_name: string | null;
  purpose: string | null;
  program: string | null;
  program_name: string | null;
  plan_id: string | null;
  plan_state: string | null;
  happened: boolean;
}

const toVisit = (v: VisitRow, locale: Locale, programs: ProgramNames) => ({
  id: v.id,
  startDate: v.start_date,
  endDate: v.end_date,
  days: v.days,
  year: v.visit_year,
  city: v.city,
  provinceCode: v.province_code,
  provinceName: provinceName(v.province_code, locale),
  hostUnit: { id: v.host_unit_id, name: v.host_unit_name },
  purpose: v.purpose,
  program: v.program,
  // In the reader's language from the project library's directory, never the bare code when a name is known.
  programName: programName(programs, v.program, v.program_name),
  planId: v.plan_id,
  /** The plan's state (null: recorded in the library itself). */
  planState: v.plan_state,
  /** Happened (counts as 来华) or planned (a date to come, or a plan not approved): the rule of refresh_visit_stats. */
  status: v.happened ? ('happened' as const) : ('planned' as const),
});

/**
 * Replaces everything a plan says about experts: its links (approved or not) and its visits. The plan's unit
 * becomes one of the units that invited each expert, so the expert enters that unit's scope.
 */
export async function replacePlanExperts(
  ctx: ModuleContext,
  planId: string,
  plan: PlanExperts,
  feedSeq?: number,
): Promise<{ experts: number; visits: number }> {
  return ctx.db.transaction(async (tx) => {
    if (feedSeq !== undefined) await markApplied(tx, planId, feedSeq);
    const { rows: units } = await tx.query<{ supervising_unit_id: string | null; province_code: string | null }>(
      'select supervising_unit_id, province_code from admin.unit_directory where unit_id = $1',
      [plan.unitId],
    );
    const unit = units[0];
    if (!unit) throw VisitErrors.VISIT_UNKNOWN_UNIT();
    const ids = plan.experts.map((e) => e.expertId);
    if (ids.length) {
      const { rows } = await tx.query<{ n: number }>(`select count(*)::int as n from experts.experts where id = any($1::uuid[]) and status = 'active'`, [ids]);
      if (rows[0]!.n !== ids.length) throw VisitErrors.VISIT_UNKNOWN_EXPERT();
    }
    await tx.query('delete from experts.visits where plan_id = $1', [planId]);
    await tx.query('delete from experts.plan_links where plan_id = $1', [planId]);
    const state: PlanStateSeen = plan.approved ? 'approved' : plan.state && plan.state !== 'approved' ? plan.state : 'in_review';
    let visits = 0;
    for (const expert of plan.experts) {
      await tx.query('insert into experts.plan_links (plan_id, expert_id, unit_id, approved) values ($1, $2, $3, $4)', [planId, expert.expertId, plan.unitId, plan.approved]);
      await tx.query(
        `insert into experts.expert_units (expert_id, unit_id, supervising_unit_id) values ($1, $2, $3) on conflict do nothing`,
        [expert.expertId, plan.unitId, unit.supervising_unit_id],
      );
      for (const visit of expert.visits) {
        await tx.query(
          `insert into experts.visits (expert_id, plan_id, start_date, end_date, city, purpose, host_unit_id, host_supervising_unit_id, province_code, program, program_name,
             plan_state)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [expert.expertId, planId, visit.startDate, visit.endDate, visit.city, visit.purpose ?? null, plan.unitId, unit.supervising_unit_id, unit.province_code, plan.program ?? null, plan.programName ?? null,
            state],
        );
        visits++;
      }
    }
    return { experts: plan.experts.length, visits };
  });
}

/**
 * "Today" moves while no visit changes: the records whose nearest planned visit has come (by `today`, Beijing) are
 * worked out again, so a visit that began counts and the next one is shown. Returns how many records moved.
 */
export async function refreshDueVisitStats(db: Queryable, today?: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select experts.refresh_due_visit_stats(coalesce($1::date, experts.beijing_today())) as n', [today ?? null]);
  return rows[0]!.n;
}

/** The daily part of the module's background work: at start, then each hour (a new Beijing day is caught within one). */
export function startVisitClock(ctx: ModuleContext, everyMs = 3_600_000): () => void {
  const run = () =>
    refreshDueVisitStats(ctx.db).catch((error: unknown) =>
      ctx.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'visit dates refresh failed'),
    );
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function registerVisitRoutes(app: ExpertsApp, ctx: ModuleContext): void {
  app.get('/experts/:id/visits', async (c) => {
    const id = requireObjectId(c.req.param('id'));
    await findExpert(ctx.db, c.var.identity, id);
    const { rows } = await ctx.db.query<VisitRow>(
      `select v.id, to_char(v.start_date, 'YYYY-MM-DD') as start_date, to_char(v.end_date, 'YYYY-MM-DD') as end_date, v.days, v.visit_year,
              v.city, v.province_code, v.host_unit_id, d.unit_name as host_unit_name, v.purpose, v.program, v.program_name, v.plan_id, v.plan_state,
              v.start_date <= experts.beijing_today() and (v.plan_id is null or v.plan_state = 'approved') as happened
       from experts.visits v left join admin.unit_directory d on d.unit_id = v.host_unit_id
       where v.expert_id = $1 order by v.start_date desc, v.id`,
      [id],
    );
    const locale = localeOf(c);
    const programs = await programNames(ctx.db, locale);
    return c.json({ items: rows.map((v) => toVisit(v, locale, programs)) });
  });

  app.put('/internal/plans/:planId/experts', async (c) => {
    const planId = requireObjectId(c.req.param('planId'));
    const plan = await parseJson(c, planExpertsRequest, VISIT_LABELS);
    return c.json(await replacePlanExperts(ctx, planId, plan));
  });

  app.delete('/internal/plans/:planId/experts', async (c) => {
    const planId = requireObjectId(c.req.param('planId'));
    const removed = await ctx.db.transaction(async (tx) => {
      const visits = await tx.query('delete from experts.visits where plan_id = $1 returning id', [planId]);
      const links = await tx.query('delete from experts.plan_links where plan_id = $1 returning expert_id', [planId]);
      return { experts: links.rows.length, visits: visits.rows.length };
    });
    return c.json(removed);
  });
}
