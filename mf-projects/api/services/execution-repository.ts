// Every statement of a plan's execution (执行中): its actual visits (实际来华) and the proofs filed for them. Access was
// decided by the caller (services/execution.ts) before any of these run.
import type { Queryable } from '@wgzj/gateway/kit';
import type { PlanActualVisitsRow, PlanFilesRow } from '../../db/rows.ts';

/** An actual visit; its days leave the database as 'YYYY-MM-DD' text so no time zone can shift one. */
export type ActualVisitRow = Omit<PlanActualVisitsRow, 'plan_id' | 'arrival_date' | 'departure_date' | 'created_at' | 'updated_at' | 'recorded_by'> & {
  arrival_date: string | null;
  departure_date: string | null;
  updated_at: string;
};

const VISIT_SELECT = `
  select id, planned_visit_id, expert_id, carried_out, reason, to_char(arrival_date, 'YYYY-MM-DD') as arrival_date,
         to_char(departure_date, 'YYYY-MM-DD') as departure_date, days, city, work_done, international_travel, living_per_day,
         living_days, pocket_per_day, pocket_days, intercity_transport, salary, other, version, recorded_by_name,
         to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at
  from projects.plan_actual_visits`;

export async function actualVisits(db: Queryable, planId: string): Promise<ActualVisitRow[]> {
  const { rows } = await db.query<ActualVisitRow>(`${VISIT_SELECT} where plan_id = $1 order by arrival_date nulls last, created_at, id`, [planId]);
  return rows;
}

export async function actualVisit(db: Queryable, planId: string, id: string, lock = false): Promise<ActualVisitRow | undefined> {
  const { rows } = await db.query<ActualVisitRow>(`${VISIT_SELECT} where plan_id = $1 and id = $2${lock ? ' for update' : ''}`, [planId, id]);
  return rows[0];
}

/** What a record writes: the columns a person fills in. */
export type ActualVisitValues = Pick<
  PlanActualVisitsRow,
  | 'planned_visit_id'
  | 'expert_id'
  | 'carried_out'
  | 'reason'
  | 'city'
  | 'work_done'
  | 'living_days'
  | 'pocket_days'
> & {
  arrival_date: string | null;
  departure_date: string | null;
  international_travel: number;
  living_per_day: number;
  pocket_per_day: number;
  intercity_transport: number;
  salary: number;
  other: number;
};

const VALUE_COLUMNS = [
  'planned_visit_id',
  'expert_id',
  'carried_out',
  'reason',
  'arrival_date',
  'departure_date',
  'city',
  'work_done',
  'international_travel',
  'living_per_day',
  'living_days',
  'pocket_per_day',
  'pocket_days',
  'intercity_transport',
  'salary',
  'other',
] as const satisfies ReadonlyArray<keyof ActualVisitValues>;

export async function insertActualVisit(
  tx: Queryable,
  planId: string,
  values: ActualVisitValues,
  recordedBy: { userId: string; name: string },
): Promise<{ id: string }> {
  const params = VALUE_COLUMNS.map((c) => values[c]);
  const { rows } = await tx.query<{ id: string }>(
    `insert into projects.plan_actual_visits (plan_id, ${VALUE_COLUMNS.join(', ')}, recorded_by, recorded_by_name)
     values ($1, ${VALUE_COLUMNS.map((_, i) => `$${i + 2}`).join(', ')}, $${VALUE_COLUMNS.length + 2}, $${VALUE_COLUMNS.length + 3})
     returning id`,
    [planId, ...params, recordedBy.userId, recordedBy.name],
  );
  return rows[0]!;
}

/** Writes a record at the version the person saw; false when it moved on since (or is gone). */
export async function updateActualVisit(
  tx: Queryable,
  planId: string,
  id: string,
  version: number,
  values: ActualVisitValues,
  recordedBy: { userId: string; name: string },
): Promise<boolean> {
  const sets = VALUE_COLUMNS.map((c, i) => `${c} = $${i + 4}`).join(', ');
  const n = VALUE_COLUMNS.length + 4;
  const result = await tx.query(
    `update projects.plan_actual_visits set ${sets}, recorded_by = $${n}, recorded_by_name = $${n + 1}, version = version + 1, updated_at = now()
     where plan_id = $1 and id = $2 and version = $3`,
    [planId, id, version, ...VALUE_COLUMNS.map((c) => values[c]), recordedBy.userId, recordedBy.name],
  );
  return result.rowCount > 0;
}

export async function deleteActualVisit(tx: Queryable, planId: string, id: string): Promise<void> {
  await tx.query('delete from projects.plan_files where plan_id = $1 and slot like $2', [planId, `${proofSlotPrefix(id)}%`]);
  await tx.query('delete from projects.plan_actual_visits where plan_id = $1 and id = $2', [planId, id]);
}

/** The slots a visit's proofs are kept in: `proof:<visit>:passport`, `proof:<visit>:entry_exit`, `proof:<visit>:photo`. */
export const proofSlotPrefix = (visitId: string) => `proof:${visitId}:`;

export type ProofFileRow = Pick<PlanFilesRow, 'id' | 'slot' | 'filename' | 'content_type' | 'size'> & { created_at: string };

/** Every proof filed under the plan's actual visits, oldest first. */
export async function proofFiles(db: Queryable, planId: string): Promise<ProofFileRow[]> {
  const { rows } = await db.query<ProofFileRow>(
    `select id, slot, filename, content_type, size, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
     from projects.plan_files where plan_id = $1 and slot like 'proof:%' order by created_at, id`,
    [planId],
  );
  return rows;
}

/** Whether the unit keeps this expert in its library (an expert outside the plan must at least be its own). */
export async function unitKeepsExpert(db: Queryable, unitId: string, expertId: string): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from experts.expert_unit_directory u join experts.expert_directory d on d.expert_id = u.expert_id
     where u.unit_id = $1 and u.expert_id = $2 and d.status = 'active'`,
    [unitId, expertId],
  );
  return rows.length > 0;
}

/** Library names of the experts a record names, for the page. */
export async function expertNames(db: Queryable, expertIds: readonly string[]): Promise<Map<string, string>> {
  if (!expertIds.length) return new Map();
  const { rows } = await db.query<{ expert_id: string; name: string }>(
    'select expert_id, name from experts.expert_directory where expert_id = any($1::uuid[])',
    [[...expertIds]],
  );
  return new Map(rows.map((r) => [r.expert_id, r.name]));
}
