// The visits service (来华记录): the one door to an expert's visits and the plans that use it. The internal plan
// routes and the plan feed replace a plan's experts and visits here as one unit with the plan's state, and mark the
// feed's number applied in the same transaction; people read an expert's history, each visit happened or planned;
// the visit clock moves "today". The statements are in visit-repository.ts.
import { type Db, defineErrors, defineRuleMessages, type Identity, type Locale, provinceName, type Queryable } from '@wgzj/gateway/kit';
import { z } from 'zod';
import { programName, programNames, type ProgramNames } from '../program-names.ts';
import { findExpert } from './experts.ts';
import {
  countActiveExperts,
  deletePlanRows,
  type FeedRange,
  type FeedRow,
  feedPublished,
  highestApplied,
  insertVisit,
  linkPlanExpert,
  markApplied,
  planUnitOf,
  refreshDueVisitStats,
  unappliedFeedRows,
  type VisitRow,
  visitRowsOf,
} from './visit-repository.ts';

export { type FeedRange, type FeedRow, feedPublished, highestApplied, refreshDueVisitStats, unappliedFeedRows } from './visit-repository.ts';

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

/** An expert's visits, newest first, if the caller's scope includes the expert. */
export async function visitsOf(db: Queryable, actor: Identity, expertId: string, locale: Locale) {
  await findExpert(db, actor, expertId);
  const rows = await visitRowsOf(db, expertId);
  const programs = await programNames(db, locale);
  return { items: rows.map((v) => toVisit(v, locale, programs)) };
}

/**
 * Replaces everything a plan says about experts: its links (approved or not) and its visits. The plan's unit
 * becomes one of the units that invited each expert, so the expert enters that unit's scope. From the plan feed,
 * `feedSeq` is marked applied in the same transaction.
 */
export async function replacePlanExperts(db: Db, planId: string, plan: PlanExperts, feedSeq?: number): Promise<{ experts: number; visits: number }> {
  return db.transaction(async (tx) => {
    if (feedSeq !== undefined) await markApplied(tx, planId, feedSeq);
    const unit = await planUnitOf(tx, plan.unitId);
    if (!unit) throw VisitErrors.VISIT_UNKNOWN_UNIT();
    const ids = plan.experts.map((e) => e.expertId);
    if (ids.length && (await countActiveExperts(tx, ids)) !== ids.length) throw VisitErrors.VISIT_UNKNOWN_EXPERT();
    await deletePlanRows(tx, planId);
    const state: PlanStateSeen = plan.approved ? 'approved' : plan.state && plan.state !== 'approved' ? plan.state : 'in_review';
    let visits = 0;
    for (const expert of plan.experts) {
      await linkPlanExpert(tx, { plan_id: planId, expert_id: expert.expertId, unit_id: plan.unitId, approved: plan.approved, supervising_unit_id: unit.supervising_unit_id });
      for (const visit of expert.visits) {
        await insertVisit(tx, {
          expertId: expert.expertId,
          planId,
          startDate: visit.startDate,
          endDate: visit.endDate,
          city: visit.city,
          purpose: visit.purpose ?? null,
          hostUnitId: plan.unitId,
          hostSupervisingUnitId: unit.supervising_unit_id,
          provinceCode: unit.province_code,
          program: plan.program ?? null,
          programName: plan.programName ?? null,
          planState: state,
        });
        visits++;
      }
    }
    return { experts: plan.experts.length, visits };
  });
}

/** A plan withdrawn, rejected or deleted leaves the library: its links and visits go (with the feed's number, when from it). */
export async function removePlanExperts(db: Db, planId: string, feedSeq?: number): Promise<{ experts: number; visits: number }> {
  return db.transaction(async (tx) => {
    const removed = await deletePlanRows(tx, planId);
    if (feedSeq !== undefined) await markApplied(tx, planId, feedSeq);
    return removed;
  });
}

/** Plans a library keeps: submitted and not refused. A plan withdrawn to draft or rejected leaves the library. */
const KEPT = new Set(['supervising_review', 'national_review', 'expert_review', 'returned', 'approved']);

/** One plan of the feed applied: kept with its experts and visits, or removed. */
export async function applyFeedEntry(db: Db, row: FeedRow): Promise<void> {
  const seq = Number(row.feed_seq);
  if (!KEPT.has(row.status)) {
    await removePlanExperts(db, row.plan_id, seq);
    return;
  }
  await replacePlanExperts(
    db,
    row.plan_id,
    {
      unitId: row.unit_id,
      approved: row.status === 'approved',
      state: row.status as PlanStateSeen,
      program: row.program,
      programName: row.program_name,
      experts: row.experts.map((e) => ({ expertId: e.expertId, visits: e.visits.map((v) => ({ ...v, purpose: v.purpose ?? null })) })),
    },
    seq,
  );
}

/** A feed entry that could not be applied is passed over until the plan changes again. */
export async function passOverFeedEntry(db: Db, row: FeedRow): Promise<void> {
  await db.transaction((tx) => markApplied(tx, row.plan_id, Number(row.feed_seq)));
}


/** Visits recorded in the library itself, not through a plan (the demo data's history). */
export async function recordLibraryVisits(
  tx: Queryable,
  expertId: string,
  host: { unitId: string; supervisingUnitId: string | null; provinceCode: string | null },
  visits: ReadonlyArray<{ startDate: string; endDate: string; city: string; program: string | null; programName: string | null; purpose: string | null }>,
): Promise<void> {
  for (const v of visits) {
    await insertVisit(tx, {
      expertId,
      planId: null,
      startDate: v.startDate,
      endDate: v.endDate,
      city: v.city,
      purpose: v.purpose,
      hostUnitId: host.unitId,
      hostSupervisingUnitId: host.supervisingUnitId,
      provinceCode: host.provinceCode,
      program: v.program,
      programName: v.programName,
      planState: null,
    });
  }
}
