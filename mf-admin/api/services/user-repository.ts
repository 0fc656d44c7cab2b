// The SQL of users (admin.users): one user in a caller's scope, the list, the new user, the changes a manager makes,
// what a review writes beside the state, the 待办 rows, the portal jump's link or provisioning and the demo data.
import { type Conditions, type FieldCipher, type Identity, type Queryable, scopeCondition } from '@wgzj/gateway/kit';
import type { UnitsRow, UsersRow } from '../../db/rows.ts';
import { type UserParty, type UserState, userStatesWaitingFor } from '../flows.ts';
import { IDENTIFIER_COLUMNS, identifierValues } from '../people.ts';
import { oneInScope, pageOf, type ScopedSelect } from './scoped-rows.ts';
import type { WaitingRow } from './unit-repository.ts';

const USER_SCOPE = { unit: 'n.id', supervisingUnit: 'n.supervising_unit_id' };

/** A user with its unit and who added it. */
export type UserRow = Pick<
  UsersRow,
  'id' | 'username' | 'display_name' | 'role' | 'status' | 'version' | 'mobile_masked' | 'id_number_masked' | 'email' | 'portal_subject' | 'unit_id' | 'created_at'
> & {
  review_state: UserState;
  unit_name: UnitsRow['name'];
  unit_kind: UnitsRow['kind'];
  supervising_unit_id: UnitsRow['supervising_unit_id'];
  created_by_name: string | null;
};

const USERS: ScopedSelect = {
  select: `select p.id, p.username, p.display_name, p.role, p.status, p.review_state, p.version, p.mobile_masked,
      p.id_number_masked, p.email, p.portal_subject, n.id as unit_id, n.name as unit_name, n.kind as unit_kind,
      n.supervising_unit_id, p.created_at, c.display_name as created_by_name
    from admin.users p join admin.units n on n.id = p.unit_id left join admin.users c on c.id = p.created_by`,
  idColumn: 'p.id',
  scope: USER_SCOPE,
  orderBy: `case x.review_state when 'pending' then 0 else 1 end, x.unit_name, x.display_name, x.id`,
};

export const userInScope = (db: Queryable, actor: Identity, userId: string) => oneInScope<UserRow>(db, USERS, actor, userId);

export const userScopeOf = (actor: Identity) => scopeCondition(actor.scope, USER_SCOPE);

export const listUserRows = (db: Queryable, filters: Conditions, page: { limit: number; offset: number }) => pageOf<UserRow>(db, USERS, filters, page);

/** The usernames already taken by this username (any case) or this mobile. */
export async function takenBy(tx: Queryable, username: string, mobileHash: string): Promise<string[]> {
  const { rows } = await tx.query<Pick<UsersRow, 'username'>>('select username from admin.users where lower(username) = lower($1) or mobile_hash = $2', [
    username,
    mobileHash,
  ]);
  return rows.map((r) => r.username);
}

/** The taken usernames among these (any case). */
export async function takenUsernames(tx: Queryable, usernames: readonly string[]): Promise<string[]> {
  const { rows } = await tx.query<Pick<UsersRow, 'username'>>('select username from admin.users where lower(username) = any($1::text[])', [
    usernames.map((u) => u.toLowerCase()),
  ]);
  return rows.map((r) => r.username);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  unitId: string;
  mobile: string | null;
  idNumber: string | null;
  email: string | null;
  status: 'active' | 'pending_review';
  reviewState: UserState;
  createdBy?: string | null;
  portalSubject?: string | null;
}

/** A user row as an administrator's addition, a supervising unit's account, a portal jump or the demo data writes it. */
export async function insertUser(tx: Queryable, cipher: FieldCipher, user: NewUser): Promise<string> {
  const { rows } = await tx.query<Pick<UsersRow, 'id'>>(
    `insert into admin.users (username, display_name, role, unit_id, ${IDENTIFIER_COLUMNS}, email, status, review_state, created_by,
       portal_subject)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id`,
    [
      user.username,
      user.displayName,
      user.role,
      user.unitId,
      ...identifierValues(cipher, user),
      user.email,
      user.status,
      user.reviewState,
      user.createdBy ?? null,
      user.portalSubject ?? null,
    ],
  );
  return rows[0]!.id;
}

/** Role and e-mail, if the version still matches; false when it did not. */
export async function updateRoleAndEmail(tx: Queryable, userId: string, version: number, change: { role: string | null; email: string | null }) {
  const updated = await tx.query(
    `update admin.users set role = coalesce($3, role), email = coalesce($4, email), version = version + 1, updated_at = now()
     where id = $1 and version = $2`,
    [userId, version, change.role, change.email],
  );
  return updated.rowCount === 1;
}

export async function updateStatus(tx: Queryable, userId: string, version: number, status: string) {
  const updated = await tx.query(`update admin.users set status = $3, version = version + 1, updated_at = now() where id = $1 and version = $2`, [
    userId,
    version,
    status,
  ]);
  return updated.rowCount === 1;
}

/** What a review writes beside the state: whether the account can sign in. */
export async function setReviewedStatus(tx: Queryable, userId: string, status: 'active' | 'pending_review') {
  await tx.query('update admin.users set status = $2, updated_at = now() where id = $1', [userId, status]);
}

/** Where a party's users are, and since when a user has waited: a reviewer since it was added, its administrator since
 * it was rejected. */
const WAITING_FOR: Record<UserParty, { where: string; params: (actor: Identity) => unknown[]; since: string }> = {
  supervisingUnit: { where: 'n.supervising_unit_id = $1', params: (actor) => [actor.unit.id], since: 'p.created_at' },
  national: { where: 'n.supervising_unit_id is null', params: () => [], since: 'p.created_at' },
  unitAdministrator: { where: 'p.unit_id = $1', params: (actor) => [actor.unit.id], since: 'p.updated_at' },
};

/** The users waiting for this party (as this person). */
export async function usersWaitingFor(db: Queryable, actor: Identity, party: UserParty): Promise<WaitingRow[]> {
  const { where, params, since } = WAITING_FOR[party];
  const values = params(actor);
  const { rows } = await db.query<WaitingRow>(
    `select p.id, p.display_name as name, p.review_state as state, n.name as unit_name, ${since} as since
       from admin.users p join admin.units n on n.id = p.unit_id
       where ${where} and p.review_state = any($${values.length + 1}::text[])`,
    [...values, userStatesWaitingFor(party)],
  );
  return rows;
}

// ---- the portal jump ----------------------------------------------------------------------------------------

/** The account a portal subject signs in as: linked to it, or unlinked with the same login name; locked. */
export async function accountForPortalSubject(tx: Queryable, subject: string, username: string) {
  const { rows } = await tx.query<Pick<UsersRow, 'id' | 'role'>>(
    `select id, role from admin.users where portal_subject = $1 or (portal_subject is null and username = $2)
     order by (portal_subject = $1) desc nulls last limit 1 for update`,
    [subject, username],
  );
  return rows[0];
}

/** Links the account and takes over what the portal verified; an identifier it does not give is kept. */
export async function linkToPortal(
  tx: Queryable,
  cipher: FieldCipher,
  userId: string,
  link: { subject: string; displayName: string; role: string; mobile: string | null; idNumber: string | null; email: string | null },
) {
  await tx.query(
    `update admin.users set portal_subject = $2, display_name = $3, role = $4, updated_at = now(),
       mobile_encrypted = coalesce($5, mobile_encrypted), mobile_masked = coalesce($6, mobile_masked),
       mobile_hash = coalesce($7, mobile_hash), id_number_encrypted = coalesce($8, id_number_encrypted),
       id_number_masked = coalesce($9, id_number_masked), email = coalesce($10, email)
     where id = $1`,
    [userId, link.subject, link.displayName, link.role, ...identifierValues(cipher, link), link.email],
  );
}
