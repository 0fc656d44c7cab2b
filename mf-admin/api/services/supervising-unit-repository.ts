// The SQL of supervising units (归口管理单位) beyond the unit and user rows themselves: the credit-code check, the lock
// two account additions queue on, the accounts and the portal sync rows (admin.portal_sync_outbox) of a unit, and what the
// dispatcher (portal-sync.ts) claims and records.
import type { Queryable } from '@wgzj/gateway/kit';
import type { PortalSyncOutboxRow, UnitsRow, UsersRow } from '../../db/rows.ts';
import type { SyncState } from '../portal-sync.ts';

export type SupervisingUnitRow = Pick<
  UnitsRow,
  'id' | 'name' | 'province_code' | 'address' | 'contact_name' | 'contact_phone' | 'contact_email' | 'status' | 'created_at'
> & { credit_code: string };

export async function creditCodeTaken(tx: Queryable, creditCode: string): Promise<boolean> {
  const { rows } = await tx.query('select 1 from admin.units where credit_code = $1', [creditCode]);
  return rows.length > 0;
}

export async function findSupervisingUnit(db: Queryable, unitId: string): Promise<SupervisingUnitRow | undefined> {
  const { rows } = await db.query<SupervisingUnitRow>(
    `select id, name, credit_code, province_code, address, contact_name, contact_phone, contact_email, status, created_at
     from admin.units where id = $1 and kind = 'supervising'`,
    [unitId],
  );
  return rows[0];
}

/** Locks the unit row, so two additions to one unit are written one after the other; false when there is no such unit. */
export async function lockSupervisingUnit(tx: Queryable, unitId: string): Promise<boolean> {
  const { rows } = await tx.query(`select id from admin.units where id = $1 and kind = 'supervising' for update`, [unitId]);
  return rows.length > 0;
}

/** Queues the unit, or one of its accounts, for the portal (portal-sync.ts delivers it). */
export async function queuePortalSync(tx: Queryable, unitId: string, userId?: string): Promise<void> {
  if (userId) await tx.query(`insert into admin.portal_sync_outbox (kind, unit_id, user_id) values ('account', $1, $2)`, [unitId, userId]);
  else await tx.query(`insert into admin.portal_sync_outbox (kind, unit_id) values ('unit', $1)`, [unitId]);
}

export type SyncRow = Pick<
  PortalSyncOutboxRow,
  'id' | 'user_id' | 'attempts' | 'last_error' | 'next_attempt_at' | 'sent_at' | 'created_at' | 'updated_at'
> & { kind: 'unit' | 'account'; state: SyncState; username: UsersRow['username'] | null };

export async function syncRowsOf(db: Queryable, unitId: string): Promise<SyncRow[]> {
  const { rows } = await db.query<SyncRow>(
    `select o.id, o.kind, o.user_id, u.username, o.state, o.attempts, o.last_error, o.next_attempt_at, o.sent_at, o.created_at,
       o.updated_at
     from admin.portal_sync_outbox o left join admin.users u on u.id = o.user_id
     where o.unit_id = $1 order by o.seq`,
    [unitId],
  );
  return rows;
}

export type SupervisingAccountRow = Pick<UsersRow, 'id' | 'username' | 'display_name' | 'mobile_masked' | 'email' | 'status' | 'created_at'>;

export async function supervisingAccounts(db: Queryable, unitId: string): Promise<SupervisingAccountRow[]> {
  const { rows } = await db.query<SupervisingAccountRow>(
    `select id, username, display_name, mobile_masked, email, status, created_at
     from admin.users where unit_id = $1 and role = 'supervising_user' order by created_at, username`,
    [unitId],
  );
  return rows;
}

export type SupervisingListRow = Pick<UnitsRow, 'id' | 'name' | 'province_code' | 'status' | 'created_at'> & {
  credit_code: string;
  account_count: number;
  states: SyncState[] | null;
};

export async function supervisingUnitRows(db: Queryable): Promise<SupervisingListRow[]> {
  const { rows } = await db.query<SupervisingListRow>(
    `select n.id, n.name, n.credit_code, n.province_code, n.status, n.created_at,
       (select count(*)::int from admin.users u where u.unit_id = n.id and u.role = 'supervising_user') as account_count,
       (select array_agg(o.state) from admin.portal_sync_outbox o where o.unit_id = n.id) as states
     from admin.units n where n.kind = 'supervising'
     order by n.created_at desc, n.name`,
  );
  return rows;
}

/** 重试同步: failed rows back to pending with a fresh count, rows waiting out a backoff due now; how many. */
export async function requeueSync(tx: Queryable, unitId: string): Promise<number> {
  const { rowCount } = await tx.query(
    `update admin.portal_sync_outbox
        set state = 'pending', attempts = case when state = 'failed' then 0 else attempts end,
            next_attempt_at = now(), updated_at = now()
      where unit_id = $1 and (state = 'failed' or (state = 'pending' and attempts > 0))`,
    [unitId],
  );
  return rowCount;
}

// ---- the dispatcher's side ------------------------------------------------------------------------------

/** An outbox row with the unit and account it carries to the portal. */
export type ClaimedRow = Pick<PortalSyncOutboxRow, 'id' | 'unit_id' | 'user_id' | 'attempts'> & {
  kind: 'unit' | 'account';
  unit_name: UnitsRow['name'];
  credit_code: string;
  username: UsersRow['username'] | null;
  display_name: UsersRow['display_name'] | null;
  mobile_encrypted: UsersRow['mobile_encrypted'];
  id_number_encrypted: UsersRow['id_number_encrypted'];
  email: UsersRow['email'];
};


/**
 * Claims due rows: pending, due, and (for an account) its unit already sent. Oldest first. The claim moves
 * next_attempt_at out by the lease, so the row is not picked up again while this run works on it.
 */
export async function claimDueSync(tx: Queryable, leaseSeconds: number, limit: number, unitId?: string): Promise<ClaimedRow[]> {
  const { rows } = await tx.query<ClaimedRow>(
    `with due as (
       select o.id, o.unit_id, o.user_id from admin.portal_sync_outbox o
       where o.state = 'pending' and o.next_attempt_at <= now()
         and ($2::uuid is null or o.unit_id = $2::uuid)
         and (o.kind = 'unit' or not exists (
           select 1 from admin.portal_sync_outbox w where w.unit_id = o.unit_id and w.kind = 'unit' and w.state <> 'sent'))
       order by o.seq
       limit $1
       for update of o skip locked)
     update admin.portal_sync_outbox o
        set next_attempt_at = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
       from due join admin.units n on n.id = due.unit_id left join admin.users u on u.id = due.user_id
      where o.id = due.id
      returning o.id, o.kind, o.unit_id, o.user_id, o.attempts, n.name as unit_name, n.credit_code, u.username,
        u.display_name, u.mobile_encrypted, u.id_number_encrypted, u.email`,
    [limit, unitId ?? null],
  );
  return rows;
}

export async function markSyncSent(tx: Queryable, id: string): Promise<void> {
  await tx.query(
    `update admin.portal_sync_outbox set state = 'sent', attempts = attempts + 1, last_error = null, sent_at = now(),
       updated_at = now() where id = $1`,
    [id],
  );
}

/** The portal refused the content: sending it again changes nothing. */
export async function markSyncRefused(db: Queryable, id: string, message: string): Promise<void> {
  await db.query(
    `update admin.portal_sync_outbox set state = 'failed', attempts = attempts + 1, last_error = $2, updated_at = now()
     where id = $1`,
    [id, message],
  );
}

/** A failed attempt: due again after the delay, or failed for good. */
export async function markSyncAttempt(
  db: Queryable,
  id: string,
  attempt: { state: 'failed' | 'pending'; attempts: number; message: string; delaySeconds: number },
): Promise<void> {
  await db.query(
    `update admin.portal_sync_outbox set state = $2, attempts = $3, last_error = $4,
       next_attempt_at = now() + make_interval(secs => $5::int), updated_at = now()
     where id = $1`,
    [id, attempt.state, attempt.attempts, attempt.message, attempt.delaySeconds],
  );
}
