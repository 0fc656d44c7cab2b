// Every statement of the claims service: a claim as its two sides read it, the record a claim's four identifiers
// point to, a new claim (or the one already waiting), the decision's own columns, the accepted claimant's unit among
// the expert's units, and the to-do lines. Rows are typed from db/rows.ts; the admin area's unit directory is read
// by name only.
import { listPage, type Queryable } from '@wgzj/gateway/kit';
import type { ClaimsRow, ExpertsRow } from '../../db/rows.ts';

export const CLAIM_STATES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export type ClaimRow = Pick<
  ClaimsRow,
  | 'id'
  | 'expert_id'
  | 'unit_id'
  | 'supervising_unit_id'
  | 'owner_unit_id'
  | 'version'
  | 'typed_name'
  | 'nationality'
  | 'passport_masked'
  | 'note'
  | 'requested_by_name'
  | 'created_at'
  | 'decided_at'
  | 'decided_by_name'
  | 'decision_reason'
> & {
  state: ClaimState;
  /** As text: node-postgres reads a date as local midnight. */
  birth_date: string;
  expert_name: ExpertsRow['name'];
  expert_chinese_name: ExpertsRow['chinese_name'];
  unit_name: string | null;
};

const CLAIM_SELECT = `select c.id, c.expert_id, e.name as expert_name, e.chinese_name as expert_chinese_name, c.unit_id, d.unit_name,
    c.supervising_unit_id, c.owner_unit_id, c.state, c.version, c.typed_name, to_char(c.birth_date, 'YYYY-MM-DD') as birth_date, c.nationality,
    c.passport_masked, c.note, c.requested_by_name, c.created_at, c.decided_at, c.decided_by_name, c.decision_reason
  from experts.claims c join experts.experts e on e.id = c.expert_id left join admin.unit_directory d on d.unit_id = c.unit_id`;

/** The claim under a scope condition whose parameters start at $2. */
export async function selectClaim(db: Queryable, id: string, scope: { sql: string; params: unknown[] }): Promise<ClaimRow | undefined> {
  const { rows } = await db.query<ClaimRow>(`${CLAIM_SELECT} where c.id = $1 and ${scope.sql}`, [id, ...scope.params]);
  return rows[0];
}

/** A page of claims, newest first, under a scope condition (parameters from $1) and maybe one state. */
export async function claimPage(db: Queryable, scope: { sql: string; params: unknown[] }, state: ClaimState | 'all', page: { limit: number; offset: number }) {
  const where = [scope.sql];
  const params = [...scope.params];
  if (state !== 'all') {
    params.push(state);
    where.push(`c.state = $${params.length}`);
  }
  return listPage<ClaimRow>(db, { select: CLAIM_SELECT, where, params, orderBy: 'x.created_at desc, x.id', ...page });
}

export type ClaimTarget = Pick<ExpertsRow, 'id' | 'name' | 'created_by_unit_id'> & { birth_date: string | null; in_unit: boolean };

/** The active record holding this identity hash, and whether it is already in the unit's library. */
export async function claimTarget(db: Queryable, hash: string, unitId: string): Promise<ClaimTarget | undefined> {
  const { rows } = await db.query<ClaimTarget>(
    `select e.id, e.name, to_char(e.birth_date, 'YYYY-MM-DD') as birth_date, e.created_by_unit_id,
       exists (select 1 from experts.expert_units eu where eu.expert_id = e.id and eu.unit_id = $2) as in_unit
     from experts.experts e where e.passport_hash = $1 and e.status = 'active'`,
    [hash, unitId],
  );
  return rows[0];
}

export interface NewClaim {
  expertId: string;
  unitId: string;
  ownerUnitId: string;
  typedName: string;
  birthDate: string;
  nationality: string;
  passportMasked: string;
  note: string | null;
  requestedBy: string;
  requestedByName: string;
}

/** The new claim's id, or undefined when the unit already has one waiting for this expert. */
export async function insertClaim(tx: Queryable, claim: NewClaim): Promise<string | undefined> {
  const { rows } = await tx.query<Pick<ClaimsRow, 'id'>>(
    `insert into experts.claims (expert_id, unit_id, supervising_unit_id, owner_unit_id, typed_name, birth_date, nationality, passport_masked, note,
       requested_by, requested_by_name)
     select $1, $2, (select supervising_unit_id from admin.unit_directory where unit_id = $2), $3, $4, $5, $6, $7, $8, $9, $10
     on conflict (expert_id, unit_id) where state = 'pending' do nothing
     returning id`,
    [claim.expertId, claim.unitId, claim.ownerUnitId, claim.typedName, claim.birthDate, claim.nationality, claim.passportMasked, claim.note, claim.requestedBy, claim.requestedByName],
  );
  return rows[0]?.id;
}

export async function pendingClaimId(tx: Queryable, expertId: string, unitId: string): Promise<string> {
  const { rows } = await tx.query<Pick<ClaimsRow, 'id'>>(`select id from experts.claims where expert_id = $1 and unit_id = $2 and state = 'pending'`, [expertId, unitId]);
  return rows[0]!.id;
}

/** The decision's own columns, beside the state the review-flow engine moves. */
export async function recordDecision(tx: Queryable, id: string, decidedByName: string | null, reason: string | null): Promise<void> {
  await tx.query('update experts.claims set decided_at = now(), decided_by_name = $2, decision_reason = $3 where id = $1', [id, decidedByName, reason]);
}

/** The expert's status, the row locked until the transaction ends. */
export async function lockExpertStatus(tx: Queryable, expertId: string): Promise<string | undefined> {
  const { rows } = await tx.query<Pick<ExpertsRow, 'status'>>('select status from experts.experts where id = $1 for update', [expertId]);
  return rows[0]?.status;
}

/** The claimant's unit joins the units that invited the expert, with its supervising unit. */
export async function addClaimantUnit(tx: Queryable, expertId: string, unitId: string): Promise<void> {
  await tx.query(
    `insert into experts.expert_units (expert_id, unit_id, supervising_unit_id)
     select $1, unit_id, supervising_unit_id from admin.unit_directory where unit_id = $2
     on conflict do nothing`,
    [expertId, unitId],
  );
}

/** A to-do line: the expert's name (or the name the claimant typed) and since when. */
type ClaimLine = { name: ExpertsRow['name']; since: ClaimsRow['created_at'] };

/** Claims no unit answered in a week: the national level may decide instead. */
export async function overdueClaims(db: Queryable): Promise<Array<ClaimLine>> {
  const { rows } = await db.query<ClaimLine>(
    `select e.name, c.created_at as since from experts.claims c join experts.experts e on e.id = c.expert_id
     where c.state = 'pending' and c.created_at < now() - interval '7 days' order by c.created_at, c.id`,
  );
  return rows;
}

/** What waits for a unit's decision, and what became of its own claims in the last week. */
export async function unitClaimLines(db: Queryable, unitId: string): Promise<Array<ClaimLine & { kind: 'incoming' | ClaimState }>> {
  const { rows } = await db.query<ClaimLine & { kind: 'incoming' | ClaimState }>(
    `select 'incoming' as kind, e.name, c.created_at as since from experts.claims c join experts.experts e on e.id = c.expert_id
       where c.owner_unit_id = $1 and c.state = 'pending'
     union all
     select c.state, c.typed_name, c.decided_at from experts.claims c
       where c.unit_id = $1 and c.state in ('accepted', 'declined') and c.decided_at > now() - interval '7 days'
     order by since`,
    [unitId],
  );
  return rows;
}
