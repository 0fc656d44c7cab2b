// Every statement of the corrections service: a request as the reviewer's list shows it, whether one is already
// waiting, a new request (with the unit's supervising unit from the admin area's directory), and its decision time.
import { listPage, type Queryable } from '@wgzj/gateway/kit';
import type { CorrectionsRow, ExpertsRow } from '../../db/rows.ts';

export const CORRECTION_STATES = ['pending', 'approved', 'rejected'] as const;
export type CorrectionState = (typeof CORRECTION_STATES)[number];

export type CorrectionRow = Pick<
  CorrectionsRow,
  'id' | 'expert_id' | 'unit_id' | 'supervising_unit_id' | 'reason' | 'version' | 'requested_by_name' | 'created_at'
> & {
  state: CorrectionState;
  /** As sealed by the service: identifiers encrypted (see sealChanges). */
  changes: Record<string, unknown>;
  expert_name: ExpertsRow['name'];
  unit_name: string | null;
};

const CORRECTION_SELECT = `select c.id, c.expert_id, e.name as expert_name, c.unit_id, d.unit_name, c.supervising_unit_id, c.changes, c.reason,
    c.state, c.version, c.requested_by_name, c.created_at
  from experts.corrections c join experts.experts e on e.id = c.expert_id left join admin.unit_directory d on d.unit_id = c.unit_id`;

/** The request under a scope condition whose parameters start at $2. */
export async function selectCorrection(db: Queryable, id: string, scope: { sql: string; params: unknown[] }): Promise<CorrectionRow | undefined> {
  const { rows } = await db.query<CorrectionRow>(`${CORRECTION_SELECT} where c.id = $1 and ${scope.sql}`, [id, ...scope.params]);
  return rows[0];
}

/** A page of requests in one state, newest first, under a scope condition (parameters from $1). */
export function correctionPage(db: Queryable, scope: { sql: string; params: unknown[] }, state: CorrectionState, page: { limit: number; offset: number }) {
  return listPage<CorrectionRow>(db, {
    select: CORRECTION_SELECT,
    where: [scope.sql, `c.state = $${scope.params.length + 1}`],
    params: [...scope.params, state],
    orderBy: 'x.created_at desc, x.id',
    ...page,
  });
}

export async function hasPendingCorrection(tx: Queryable, expertId: string): Promise<boolean> {
  const { rows } = await tx.query(`select 1 from experts.corrections where expert_id = $1 and state = 'pending'`, [expertId]);
  return rows.length > 0;
}

export async function insertCorrection(
  tx: Queryable,
  request: { expertId: string; unitId: string; changes: Record<string, unknown>; reason: string; requestedBy: string; requestedByName: string },
): Promise<string> {
  const { rows } = await tx.query<Pick<CorrectionsRow, 'id'>>(
    `insert into experts.corrections (expert_id, unit_id, supervising_unit_id, changes, reason, requested_by, requested_by_name)
     select $1, unit_id, supervising_unit_id, $3, $4, $5, $6 from admin.unit_directory where unit_id = $2 returning id`,
    [request.expertId, request.unitId, JSON.stringify(request.changes), request.reason, request.requestedBy, request.requestedByName],
  );
  return rows[0]!.id;
}

export async function recordDecisionTime(tx: Queryable, id: string): Promise<void> {
  await tx.query('update experts.corrections set decided_at = now() where id = $1', [id]);
}
