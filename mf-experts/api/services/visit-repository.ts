// Every statement of the visits service: a plan's experts and visits replaced or removed, the plan feed's read
// and its applied numbers, an expert's visits as the history shows them, and the daily refresh of planned visits.
// Rows are typed from db/rows.ts; the other areas' published views (admin.unit_directory, projects.plan_expert_feed)
// keep their narrow types here, as a module imports no other module's files.
import type { Queryable } from '@wgzj/gateway/kit';
import type { ExpertUnitsRow, PlanLinksRow, PlanSyncRow, VisitsRow } from '../../db/rows.ts';

/** The plan's unit as the admin area publishes it; undefined when it does not exist. */
export async function planUnitOf(tx: Queryable, unitId: string): Promise<{ supervising_unit_id: string | null; province_code: string | null } | undefined> {
  const { rows } = await tx.query<{ supervising_unit_id: string | null; province_code: string | null }>(
    'select supervising_unit_id, province_code from admin.unit_directory where unit_id = $1',
    [unitId],
  );
  return rows[0];
}

export async function countActiveExperts(tx: Queryable, ids: string[]): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`select count(*)::int as n from experts.experts where id = any($1::uuid[]) and status = 'active'`, [ids]);
  return rows[0]!.n;
}

/** Deletes what a plan said about experts; returns how many visits and links went. */
export async function deletePlanRows(tx: Queryable, planId: string): Promise<{ experts: number; visits: number }> {
  const visits = await tx.query<Pick<VisitsRow, 'id'>>('delete from experts.visits where plan_id = $1 returning id', [planId]);
  const links = await tx.query<Pick<PlanLinksRow, 'expert_id'>>('delete from experts.plan_links where plan_id = $1 returning expert_id', [planId]);
  return { experts: links.rows.length, visits: visits.rows.length };
}

/** A visit as written: of a plan (with the plan's state), or recorded in the library itself (both null). */
export interface NewVisit {
  expertId: string;
  planId: string | null;
  startDate: string;
  endDate: string;
  city: string;
  purpose: string | null;
  hostUnitId: string;
  hostSupervisingUnitId: string | null;
  provinceCode: string | null;
  program: string | null;
  programName: string | null;
  planState: string | null;
}

/** The plan's link to an expert, and the plan's unit among the units that invited the expert. */
export async function linkPlanExpert(
  tx: Queryable,
  link: Pick<PlanLinksRow, 'plan_id' | 'expert_id' | 'unit_id' | 'approved'> & Pick<ExpertUnitsRow, 'supervising_unit_id'>,
): Promise<void> {
  await tx.query('insert into experts.plan_links (plan_id, expert_id, unit_id, approved) values ($1, $2, $3, $4)', [link.plan_id, link.expert_id, link.unit_id, link.approved]);
  await tx.query(`insert into experts.expert_units (expert_id, unit_id, supervising_unit_id) values ($1, $2, $3) on conflict do nothing`, [
    link.expert_id,
    link.unit_id,
    link.supervising_unit_id,
  ]);
}

export async function insertVisit(tx: Queryable, v: NewVisit): Promise<void> {
  await tx.query(
    `insert into experts.visits (expert_id, plan_id, start_date, end_date, city, purpose, host_unit_id, host_supervising_unit_id, province_code, program, program_name,
       plan_state)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [v.expertId, v.planId, v.startDate, v.endDate, v.city, v.purpose, v.hostUnitId, v.hostSupervisingUnitId, v.provinceCode, v.program, v.programName, v.planState],
  );
}

// ---- the plan feed -------------------------------------------------------------------------------------------------

/** One plan as the project library's feed publishes it (projects.plan_expert_feed). */
export interface FeedRow {
  plan_id: string;
  unit_id: string;
  status: string;
  program: string;
  program_name: string;
  /** int8, as text. */
  feed_seq: string;
  experts: Array<{ expertId: string; visits: Array<{ startDate: string; endDate: string; city: string; purpose: string | null }> }>;
}

/** A stretch of the feed by sequence number: above `above`, up to `upTo` inclusive (open when absent). */
export interface FeedRange {
  above: number;
  upTo?: number;
}

/** The project library publishes the feed once it has migrated; until then (a separate deployment) there is none. */
export async function feedPublished(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(`select 1 from information_schema.views where table_schema = 'projects' and table_name = 'plan_expert_feed'`);
  return rows.length > 0;
}

/** The plans in `range` whose number this side has not applied, in feed order, through the feed-number index. */
export async function unappliedFeedRows(db: Queryable, batch: number, range: FeedRange): Promise<FeedRow[]> {
  const { rows } = await db.query<FeedRow>(
    `select f.plan_id, f.unit_id, f.status, f.program, f.program_name, f.feed_seq, f.experts
     from projects.plan_expert_feed f left join experts.plan_sync s on s.plan_id = f.plan_id
     where f.feed_seq > $2 and ($3::bigint is null or f.feed_seq <= $3) and s.applied_seq is distinct from f.feed_seq
     order by f.feed_seq limit $1`,
    [batch, range.above, range.upTo ?? null],
  );
  return rows;
}

export async function markApplied(tx: Queryable, planId: string, seq: number): Promise<void> {
  await tx.query(
    `insert into experts.plan_sync (plan_id, applied_seq) values ($1, $2)
     on conflict (plan_id) do update set applied_seq = greatest(experts.plan_sync.applied_seq, excluded.applied_seq), applied_at = now()`,
    [planId, seq],
  );
}

export async function highestApplied(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ seq: PlanSyncRow['applied_seq'] | null }>('select max(applied_seq)::text as seq from experts.plan_sync');
  return Number(rows[0]?.seq ?? 0);
}

// ---- an expert's history -------------------------------------------------------------------------------------------

export type VisitRow = Pick<
  VisitsRow,
  'id' | 'city' | 'province_code' | 'host_unit_id' | 'purpose' | 'program' | 'program_name' | 'plan_id' | 'plan_state'
> & {
  start_date: string;
  end_date: string;
  days: number;
  visit_year: number;
  host_unit_name: string | null;
  happened: boolean;
};

/** Newest first; `happened` is the rule of refresh_visit_stats (begun by Beijing's today, and not a plan still in review). */
export async function visitRowsOf(db: Queryable, expertId: string): Promise<VisitRow[]> {
  const { rows } = await db.query<VisitRow>(
    `select v.id, to_char(v.start_date, 'YYYY-MM-DD') as start_date, to_char(v.end_date, 'YYYY-MM-DD') as end_date, v.days, v.visit_year,
            v.city, v.province_code, v.host_unit_id, d.unit_name as host_unit_name, v.purpose, v.program, v.program_name, v.plan_id, v.plan_state,
            v.start_date <= experts.beijing_today() and (v.plan_id is null or v.plan_state = 'approved') as happened
     from experts.visits v left join admin.unit_directory d on d.unit_id = v.host_unit_id
     where v.expert_id = $1 order by v.start_date desc, v.id`,
    [expertId],
  );
  return rows;
}

/** Works out again the records whose nearest planned visit has come by `today` (Beijing's when absent). */
export async function refreshDueVisitStats(db: Queryable, today?: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select experts.refresh_due_visit_stats(coalesce($1::date, experts.beijing_today())) as n', [today ?? null]);
  return rows[0]!.n;
}
