// Every statement of the duplicates service: open likely-duplicate flags, a flag settled as two people, and a
// merge and its undoing, each move written down so an undo puts back exactly those rows.
import { listPage, type Queryable } from '@wgzj/gateway/kit';
import type { DuplicateFlagsRow, ExpertsRow, ExpertUnitsRow, MergesRow, PlanLinksRow, VisitsRow } from '../../db/rows.ts';
import { type ExpertSummaryRow, SUMMARY_SELECT } from '../search.ts';

type OpenFlag = Pick<DuplicateFlagsRow, 'flagged_at' | 'expert_id' | 'other_id'> & { flag_id: string };

/** Flags not settled whose two records are both still active, newest first. */
export function openFlagPage(db: Queryable, page: { limit: number; offset: number }) {
  return listPage<OpenFlag>(db, {
    select: `select f.id as flag_id, f.flagged_at, f.expert_id, f.other_id
             from experts.duplicate_flags f join experts.experts a on a.id = f.expert_id join experts.experts b on b.id = f.other_id`,
    where: ['f.resolved_at is null', `a.status = 'active'`, `b.status = 'active'`],
    params: [],
    orderBy: 'x.flagged_at desc, x.flag_id',
    ...page,
  });
}

export async function summaryRows(db: Queryable, ids: string[]): Promise<ExpertSummaryRow[]> {
  const { rows } = await db.query<ExpertSummaryRow>(`${SUMMARY_SELECT} where e.id = any($1::uuid[])`, [ids]);
  return rows;
}

/** Settles an open flag as two people; undefined when there is no such open flag. */
export async function settleDistinct(tx: Queryable, flagId: string): Promise<Pick<DuplicateFlagsRow, 'expert_id' | 'other_id'> | undefined> {
  const { rows } = await tx.query<Pick<DuplicateFlagsRow, 'expert_id' | 'other_id'>>(
    `update experts.duplicate_flags set resolved_at = now(), resolution = 'distinct' where id = $1 and resolved_at is null returning expert_id, other_id`,
    [flagId],
  );
  return rows[0];
}

/** Both records, locked in a fixed order so two merges of the same pair cannot deadlock. */
export async function lockPair(tx: Queryable, a: string, b: string): Promise<Map<string, Pick<ExpertsRow, 'id' | 'status' | 'name'>>> {
  const { rows } = await tx.query<Pick<ExpertsRow, 'id' | 'status' | 'name'>>(
    'select id, status, name from experts.experts where id = any($1::uuid[]) order by id for update',
    [[a, b]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Moves the merged record's visits, plan links and inviting units to the survivor; returns what moved. */
export async function moveToSurvivor(tx: Queryable, survivorId: string, mergedId: string): Promise<{ visitIds: string[]; planIds: string[]; unitIds: string[] }> {
  const visits = await tx.query<Pick<VisitsRow, 'id'>>('update experts.visits set expert_id = $1, updated_at = now() where expert_id = $2 returning id', [survivorId, mergedId]);
  // A plan that already names the survivor keeps its own link; the merged record's link to it stays behind.
  const plans = await tx.query<Pick<PlanLinksRow, 'plan_id'>>(
    `update experts.plan_links set expert_id = $1, updated_at = now() where expert_id = $2
       and plan_id not in (select plan_id from experts.plan_links where expert_id = $1) returning plan_id`,
    [survivorId, mergedId],
  );
  const units = await tx.query<Pick<ExpertUnitsRow, 'unit_id'>>(
    `insert into experts.expert_units (expert_id, unit_id, supervising_unit_id)
     select $1, unit_id, supervising_unit_id from experts.expert_units where expert_id = $2
     on conflict do nothing returning unit_id`,
    [survivorId, mergedId],
  );
  return { visitIds: visits.rows.map((r) => r.id), planIds: plans.rows.map((r) => r.plan_id), unitIds: units.rows.map((r) => r.unit_id) };
}

/** The merged record points at its survivor; the pair's open flag is settled as merged; the merge is written down. */
export async function recordMerge(
  tx: Queryable,
  survivorId: string,
  mergedId: string,
  moved: { visitIds: string[]; planIds: string[]; unitIds: string[] },
  mergedBy: string,
): Promise<string> {
  await tx.query(`update experts.experts set status = 'merged', merged_into = $1, version = version + 1, updated_at = now() where id = $2`, [survivorId, mergedId]);
  await tx.query(
    `update experts.duplicate_flags set resolved_at = now(), resolution = 'merged'
     where resolved_at is null and ((expert_id = $1 and other_id = $2) or (expert_id = $2 and other_id = $1))`,
    [survivorId, mergedId],
  );
  const { rows } = await tx.query<Pick<MergesRow, 'id'>>(
    `insert into experts.merges (survivor_id, merged_id, moved_visit_ids, moved_plan_ids, added_unit_ids, merged_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [survivorId, mergedId, moved.visitIds, moved.planIds, moved.unitIds, mergedBy],
  );
  return rows[0]!.id;
}

export type MergeRecord = Pick<MergesRow, 'survivor_id' | 'merged_id' | 'moved_visit_ids' | 'moved_plan_ids' | 'added_unit_ids' | 'undone_at'>;

export async function lockMerge(tx: Queryable, mergeId: string): Promise<MergeRecord | undefined> {
  const { rows } = await tx.query<MergeRecord>(
    'select survivor_id, merged_id, moved_visit_ids, moved_plan_ids, added_unit_ids, undone_at from experts.merges where id = $1 for update',
    [mergeId],
  );
  return rows[0];
}

/** Whether another active record now holds the merged record's passport. */
export async function passportRetaken(tx: Queryable, mergedId: string): Promise<boolean> {
  const { rows } = await tx.query(
    `select 1 from experts.experts m join experts.experts o on o.passport_hash = m.passport_hash and o.id <> m.id and o.status = 'active'
     where m.id = $1`,
    [mergedId],
  );
  return rows.length > 0;
}

/** Puts back what the merge moved, only where it still is where the merge put it; returns how many visits went back. */
export async function undoMergeRows(tx: Queryable, mergeId: string, merge: MergeRecord, undoneBy: string): Promise<number> {
  await tx.query(`update experts.experts set status = 'active', merged_into = null, version = version + 1, updated_at = now() where id = $1`, [merge.merged_id]);
  const visits = await tx.query('update experts.visits set expert_id = $1, updated_at = now() where id = any($2::uuid[]) and expert_id = $3 returning id', [
    merge.merged_id,
    merge.moved_visit_ids,
    merge.survivor_id,
  ]);
  await tx.query('update experts.plan_links set expert_id = $1, updated_at = now() where plan_id = any($2::uuid[]) and expert_id = $3', [
    merge.merged_id,
    merge.moved_plan_ids,
    merge.survivor_id,
  ]);
  // A unit the survivor gained only through the merge leaves it, unless a plan of that unit now names it.
  await tx.query(
    `delete from experts.expert_units eu using experts.experts s
     where eu.expert_id = $1 and s.id = $1 and eu.unit_id = any($2::uuid[]) and eu.unit_id <> s.created_by_unit_id
       and not exists (select 1 from experts.plan_links l where l.expert_id = $1 and l.unit_id = eu.unit_id)`,
    [merge.survivor_id, merge.added_unit_ids],
  );
  await tx.query(
    `update experts.duplicate_flags set resolved_at = null, resolution = null
     where resolution = 'merged' and ((expert_id = $1 and other_id = $2) or (expert_id = $2 and other_id = $1))`,
    [merge.survivor_id, merge.merged_id],
  );
  await tx.query('update experts.merges set undone_at = now(), undone_by = $2 where id = $1', [mergeId, undoneBy]);
  return visits.rows.length;
}
