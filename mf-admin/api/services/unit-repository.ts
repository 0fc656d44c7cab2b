// The SQL of units (admin.units): one unit in a caller's scope, the list, the supervising units to choose from, the
// information save, what a transition writes beside the state, the 待办 rows and the demo data's insert.
import { type Conditions, type Identity, type Queryable, scopeCondition } from '@wgzj/gateway/kit';
import type { UnitsRow } from '../../db/rows.ts';
import { type UnitParty, type UnitState, unitStatesWaitingFor } from '../flows.ts';
import { oneInScope, pageOf, type ScopedSelect } from './scoped-rows.ts';

const UNIT_SCOPE = { unit: 'u.id', supervisingUnit: 'u.supervising_unit_id' };

/** A unit with the name of the unit that supervises it. */
export type UnitRow = Omit<UnitsRow, 'registration_state' | 'created_at'> & {
  registration_state: UnitState;
  supervising_unit_name: string | null;
};

const UNITS: ScopedSelect = {
  select: `select u.id, u.name, u.kind, u.credit_code, u.province_code, u.address, u.contact_name, u.contact_phone,
      u.contact_email, u.status, u.registration_state, u.version, u.supervising_unit_id, s.name as supervising_unit_name,
      u.submitted_at, u.updated_at
    from admin.units u left join admin.units s on s.id = u.supervising_unit_id`,
  idColumn: 'u.id',
  scope: UNIT_SCOPE,
  orderBy: `case x.kind when 'national' then 0 when 'supervising' then 1 else 2 end, x.name, x.id`,
};

/** The unit if it is in the caller's scope. */
export const unitInScope = (db: Queryable, actor: Identity, unitId: string) => oneInScope<UnitRow>(db, UNITS, actor, unitId);

/** The condition a list starts from: the caller's scope. */
export const unitScopeOf = (actor: Identity) => scopeCondition(actor.scope, UNIT_SCOPE);

export const listUnitRows = (db: Queryable, filters: Conditions, page: { limit: number; offset: number }) => pageOf<UnitRow>(db, UNITS, filters, page);

export async function activeSupervisingUnits(db: Queryable) {
  const { rows } = await db.query<Pick<UnitsRow, 'id' | 'name' | 'province_code'>>(
    `select id, name, province_code from admin.units where kind = 'supervising' and status = 'active' order by province_code, name`,
  );
  return rows;
}

export async function isActiveSupervisingUnit(db: Queryable, unitId: string): Promise<boolean> {
  const { rows } = await db.query(`select 1 from admin.units where id = $1 and kind = 'supervising' and status = 'active'`, [unitId]);
  return rows.length > 0;
}

export async function registrationStateOf(db: Queryable, unitId: string): Promise<string | undefined> {
  const { rows } = await db.query<Pick<UnitsRow, 'registration_state'>>('select registration_state from admin.units where id = $1', [unitId]);
  return rows[0]?.registration_state;
}

export interface UnitInformation {
  province: string;
  address: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  supervisingUnitId: string | null;
}

/** Saves the information if the version still matches and the unit is still editable; false when it was not. */
export async function updateUnitInformation(tx: Queryable, unitId: string, version: number, input: UnitInformation, editable: readonly UnitState[]) {
  const updated = await tx.query(
    `update admin.units set province_code = $3, address = $4, contact_name = $5, contact_phone = $6, contact_email = $7,
       supervising_unit_id = $8, version = version + 1, updated_at = now()
     where id = $1 and version = $2 and registration_state = any($9::text[])`,
    [unitId, version, input.province, input.address, input.contactName, input.contactPhone, input.contactEmail, input.supervisingUnitId, editable],
  );
  return updated.rowCount === 1;
}

/** What a registration transition writes beside the state: when it was submitted, that an approved unit is active. */
export async function stampTransition(tx: Queryable, unitId: string, moved: { submitted: boolean; approved: boolean }) {
  if (moved.submitted) await tx.query('update admin.units set submitted_at = now(), updated_at = now() where id = $1', [unitId]);
  else if (moved.approved) await tx.query(`update admin.units set status = 'active', updated_at = now() where id = $1`, [unitId]);
  else await tx.query('update admin.units set updated_at = now() where id = $1', [unitId]);
}

/** Where a party's units are, and since when a unit has waited: the owner since its last change, a reviewer since it
 * was submitted. */
const WAITING_FOR: Record<UnitParty, { where: (actor: Identity) => { sql: string; params: unknown[] }; since: string }> = {
  ownUnit: { where: (actor) => ({ sql: 'id = $1', params: [actor.unit.id] }), since: 'updated_at' },
  supervisingUnit: { where: (actor) => ({ sql: 'supervising_unit_id = $1', params: [actor.unit.id] }), since: 'coalesce(submitted_at, created_at)' },
  national: { where: () => ({ sql: 'true', params: [] }), since: 'coalesce(submitted_at, created_at)' },
};

export interface WaitingRow {
  id: string;
  name: string;
  state: string;
  unit_name: string;
  since: Date;
}

/** The units waiting for this party (as this person), oldest first. */
export async function unitsWaitingFor(db: Queryable, actor: Identity, party: UnitParty): Promise<WaitingRow[]> {
  const { where, since } = WAITING_FOR[party];
  const condition = where(actor);
  const states = unitStatesWaitingFor(party);
  const { rows } = await db.query<WaitingRow>(
    `select id, name, registration_state as state, name as unit_name, ${since} as since
       from admin.units where ${condition.sql} and registration_state = any($${condition.params.length + 1}::text[])`,
    [...condition.params, states],
  );
  return rows;
}

export interface NewUnit {
  name: string;
  kind: string;
  creditCode: string;
  province?: string | null;
  address?: string | null;
  contact?: readonly [name: string, phone: string, email: string];
  supervisingUnitId?: string | null;
  status: 'active' | 'pending_review';
  registrationState: UnitState;
  submittedAt?: Date | null;
}

/** A unit row as created by the demo data, a supervising unit's creation or a portal jump; returns its id. */
export async function insertUnit(db: Queryable, unit: NewUnit): Promise<string> {
  const { rows } = await db.query<Pick<UnitsRow, 'id'>>(
    `insert into admin.units (name, kind, credit_code, province_code, address, contact_name, contact_phone, contact_email,
       supervising_unit_id, status, registration_state, submitted_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [
      unit.name,
      unit.kind,
      unit.creditCode,
      unit.province ?? null,
      unit.address ?? null,
      ...(unit.contact ?? [null, null, null]),
      unit.supervisingUnitId ?? null,
      unit.status,
      unit.registrationState,
      unit.submittedAt ?? null,
    ],
  );
  return rows[0]!.id;
}

export async function unitIdByCreditCode(db: Queryable, creditCode: string): Promise<string | undefined> {
  const { rows } = await db.query<Pick<UnitsRow, 'id'>>('select id from admin.units where credit_code = $1', [creditCode]);
  return rows[0]?.id;
}
