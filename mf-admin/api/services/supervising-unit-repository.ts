// The SQL of supervising units (归口管理单位) beyond the unit and user rows themselves: the credit-code check, the lock
// two account additions queue on, the accounts and the portal sync rows (admin.portal_sync_outbox) of a unit.
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
