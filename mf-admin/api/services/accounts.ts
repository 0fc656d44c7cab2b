// The account lookup service (帐号查询, 问题七): the accounts an administrator looks after, with the legacy login names
// people forget, and one mobile number revealed (audited). Who may see whom is the kit's account-reach rule.
import {
  CommonErrors,
  Conditions,
  containing,
  type Db,
  type FieldCipher,
  type FieldLabels,
  type Identity,
  listPage,
  paging,
  PAGING_LABELS,
  type Queryable,
  writeAudit,
} from '@wgzj/gateway/kit';
import { accountReachCondition, accountReachOf, type AccountReach } from '@wgzj/gateway/kit/account-reach';
import { z } from 'zod';
import type { UnitsRow, UsersRow } from '../../db/rows.ts';
import type { RequestMeta } from './units.ts';

export const ACCOUNT_LABELS: FieldLabels = {
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  mobile: { 'zh-CN': '手机号', 'en-US': 'Mobile' },
  unitName: { 'zh-CN': '单位名称', 'en-US': 'Unit name' },
  ...PAGING_LABELS,
  field: { 'zh-CN': '查看内容', 'en-US': 'Field' },
};

export const accountQuery = paging.extend({
  username: z.string().trim().max(100).optional(),
  name: z.string().trim().max(100).optional(),
  // exact: matched through the keyed hash, so numbers are never searched in clear
  mobile: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(/^\d{11}$/, { message: 'rule:mobile' }).optional()),
  unitName: z.string().trim().max(100).optional(),
});
export type AccountQuery = z.output<typeof accountQuery>;

export const revealRequest = z.object({ field: z.literal('mobile') });

type AccountRow = Pick<UsersRow, 'id' | 'username' | 'display_name' | 'role' | 'unit_id' | 'status' | 'mobile_masked' | 'email'> & {
  legacy_logins: string[];
  unit_name: UnitsRow['name'];
  unit_kind: UnitsRow['kind'];
};

/** Keeps the domain and the first characters of the mailbox: enough to recognise, not to write to. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, local.length > 2 ? 2 : 1)}***${email.slice(at)}`;
}

/** The caller's reach; a role that looks after no accounts is refused outright. */
export function reachOrForbid(identity: Identity): AccountReach {
  const reach = accountReachOf(identity);
  if (!reach) throw CommonErrors.FORBIDDEN();
  return reach;
}

const REACH_COLUMNS = { unitKind: 'n.kind', supervisingUnit: 'n.supervising_unit_id' };

/**
 * Legacy login names come from the gateway's published view; a module API run on its own (or a test database
 * without the gateway) has no such view, and then an account simply shows none.
 */
const legacyDirectoryFound = new WeakSet<Queryable>();
async function legacyLoginsSql(db: Queryable): Promise<string> {
  if (!legacyDirectoryFound.has(db)) {
    const { rows } = await db.query<{ found: string | null }>("select to_regclass('gateway.legacy_login_directory')::text as found");
    if (rows[0]?.found) legacyDirectoryFound.add(db);
  }
  return legacyDirectoryFound.has(db)
    ? `coalesce((select array_agg(l.login order by l.login) from gateway.legacy_login_directory l where l.user_id = u.id), '{}')`
    : `'{}'::text[]`;
}

/** The search, by query string (no mobile there) or by a posted form (which may carry one). */
export async function searchAccounts(db: Queryable, cipher: FieldCipher, identity: Identity, query: AccountQuery) {
  const reach = reachOrForbid(identity);
  const filters = new Conditions(accountReachCondition(reach, REACH_COLUMNS));
  const legacyLogins = await legacyLoginsSql(db);
  // What people forget is often the old login, so the username filter looks at both.
  if (query.username) filters.add((n) => `(u.username ilike ${n} or exists (select 1 from unnest(${legacyLogins}) g where g ilike ${n}))`, containing(query.username));
  if (query.name) filters.add((n) => `u.display_name ilike ${n}`, containing(query.name));
  if (query.mobile) filters.add((n) => `u.mobile_hash = ${n}`, cipher.lookupHash(query.mobile));
  if (query.unitName) filters.add((n) => `n.name ilike ${n}`, containing(query.unitName));
  const { rows, total } = await listPage<AccountRow>(db, {
    select: `select u.id, u.username, ${legacyLogins} as legacy_logins, u.display_name, u.role, n.id as unit_id, n.name as unit_name,
                    n.kind as unit_kind, u.status, u.mobile_masked, u.email
             from admin.users u join admin.units n on n.id = u.unit_id`,
    where: filters.where,
    params: filters.params,
    orderBy: 'x.unit_name, x.username',
    limit: query.limit,
    offset: query.offset,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      legacyLogins: r.legacy_logins,
      displayName: r.display_name,
      role: r.role,
      unit: { id: r.unit_id, name: r.unit_name, kind: r.unit_kind },
      status: r.status,
      mobileMasked: r.mobile_masked,
      emailMasked: maskEmail(r.email),
    })),
    total,
  };
}

/** Shows one number in clear; the audit record is written in the same transaction, or nothing is shown. */
export async function revealMobile(db: Db, cipher: FieldCipher, identity: Identity, reach: AccountReach, id: string, meta: RequestMeta) {
  const rule = accountReachCondition(reach, REACH_COLUMNS, 2);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Pick<UsersRow, 'username' | 'mobile_encrypted' | 'mobile_masked'>>(
      `select u.username, u.mobile_encrypted, u.mobile_masked from admin.users u join admin.units n on n.id = u.unit_id
       where u.id = $1 and ${rule.sql}`,
      [id, ...rule.params],
    );
    const row = rows[0];
    if (!row) throw CommonErrors.NOT_FOUND();
    if (!row.mobile_encrypted) return null;
    await writeAudit(tx, {
      actor: identity,
      action: 'account.reveal_mobile',
      objectType: 'user',
      objectId: id,
      after: { username: row.username, mobile: row.mobile_masked },
      ...meta,
    });
    return cipher.decrypt(row.mobile_encrypted);
  });
}

/** The mobile of an account for the gateway's password reset, or 404. */
export async function accountMobile(db: Queryable, cipher: FieldCipher, id: string): Promise<string | null> {
  const { rows } = await db.query<Pick<UsersRow, 'mobile_encrypted'>>('select mobile_encrypted from admin.users where id = $1', [id]);
  if (!rows[0]) throw CommonErrors.NOT_FOUND();
  return rows[0].mobile_encrypted ? cipher.decrypt(rows[0].mobile_encrypted) : null;
}
