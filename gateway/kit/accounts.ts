// Finds the local account a portal user signs in as, through the admin area's published account directory.
import { scopeFor, type Identity, type Role, type UnitKind } from './identity.ts';
import type { Db } from './db.ts';

interface AccountRow {
  user_id: string;
  username: string;
  display_name: string;
  role: Role;
  status: string;
  unit_id: string;
  unit_name: string;
  unit_kind: UnitKind;
}

const toIdentity = (row: AccountRow): Identity & { status: string } => ({
  userId: row.user_id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind },
  scope: scopeFor(row.role, row.unit_id),
  status: row.status,
});

/** The account a legacy login (or any other door that knows the local id) opens. */
export async function findAccountById(db: Db, userId: string): Promise<(Identity & { status: string }) | null> {
  const { rows } = await db.query<AccountRow>(
    `select user_id, username, display_name, role, status, unit_id, unit_name, unit_kind
     from admin.account_directory where user_id = $1`,
    [userId],
  );
  return rows[0] ? toIdentity(rows[0]) : null;
}

/** A portal subject already linked wins; otherwise an unlinked account with the same login name. */
export async function findAccount(db: Db, portal: { subject: string; username: string }): Promise<(Identity & { status: string }) | null> {
  const { rows } = await db.query<AccountRow>(
    `select user_id, username, display_name, role, status, unit_id, unit_name, unit_kind
     from admin.account_directory
     where portal_subject = $1 or (portal_subject is null and username = $2)
     order by (portal_subject = $1) desc nulls last limit 1`,
    [portal.subject, portal.username],
  );
  return rows[0] ? toIdentity(rows[0]) : null;
}
