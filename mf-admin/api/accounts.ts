// 帐号查询 (问题七, 忘记帐号): an administrator finds the accounts it looks after, with the legacy login names people
// forget, and may reveal a mobile number (audited). Who may see whom is the kit's account-reach rule; the
// password reset itself lives in the gateway, which owns the credentials.
import {
  CommonErrors,
  Conditions,
  defineErrors,
  containing,
  type FieldLabels,
  type Identity,
  listPage,
  maskPhone,
  type ModuleContext,
  paging,
  PAGING_LABELS,
  parseJson,
  parseQuery,
  type Queryable,
  requestMeta,
  requireObjectId,
  writeAudit,
} from '@wgzj/gateway/kit';
import { accountReachCondition, accountReachOf, type AccountReach } from '@wgzj/gateway/kit/account-reach';
import { z } from 'zod';
import type { AdminApp } from './app.ts';

export const ACCOUNT_LABELS: FieldLabels = {
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  mobile: { 'zh-CN': '手机号', 'en-US': 'Mobile' },
  unitName: { 'zh-CN': '单位名称', 'en-US': 'Unit name' },
  ...PAGING_LABELS,
  field: { 'zh-CN': '查看内容', 'en-US': 'Field' },
};

const accountQuery = paging.extend({
  username: z.string().trim().max(100).optional(),
  name: z.string().trim().max(100).optional(),
  // exact: matched through the keyed hash, so numbers are never searched in clear
  mobile: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(/^\d{11}$/, { message: 'rule:mobile' }).optional()),
  unitName: z.string().trim().max(100).optional(),
});

const revealRequest = z.object({ field: z.literal('mobile') });

export const AccountLookupErrors = defineErrors({
  ACCOUNT_MOBILE_IN_URL: {
    status: 400,
    'zh-CN': '手机号不能放在网址中查询(网址会留在浏览器历史和服务器日志里),请通过查询表单提交(POST /accounts/search)。',
    'en-US': 'A mobile number cannot be searched in the address (it would stay in browser history and server logs); send the search form instead (POST /accounts/search).',
  },
});

interface AccountRow {
  id: string;
  username: string;
  legacy_logins: string[];
  display_name: string;
  role: string;
  unit_id: string;
  unit_name: string;
  unit_kind: string;
  status: string;
  mobile_masked: string | null;
  email: string | null;
}

/** Keeps the domain and the first characters of the mailbox: enough to recognise, not to write to. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, local.length > 2 ? 2 : 1)}***${email.slice(at)}`;
}

/** The caller's reach; a role that looks after no accounts is refused outright. */
function reachOrForbid(identity: Identity): AccountReach {
  const reach = accountReachOf(identity);
  if (!reach) throw CommonErrors.FORBIDDEN();
  return reach;
}

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

export function registerAccountRoutes(app: AdminApp, ctx: ModuleContext): void {
  const { db, cipher } = ctx;

  /** The search, by query string (no mobile there) or by a posted form (which may carry one). */
  async function searchAccounts(identity: Identity, query: z.output<typeof accountQuery>) {
    const reach = reachOrForbid(identity);
    const rule = accountReachCondition(reach, { unitKind: 'n.kind', supervisingUnit: 'n.supervising_unit_id' });
    const filters = new Conditions(rule);
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

  app.get('/accounts', async (c) => {
    reachOrForbid(c.var.identity);
    // A number in a URL stays in history, proxy and access logs: refused, not ignored (which would widen the search).
    if (c.req.query('mobile') !== undefined) throw AccountLookupErrors.ACCOUNT_MOBILE_IN_URL();
    return c.json(await searchAccounts(c.var.identity, parseQuery(c, accountQuery, ACCOUNT_LABELS)));
  });

  // 查询 with the search in the body: it reads and changes nothing, so its answer is never stored.
  app.post('/accounts/search', async (c) => {
    reachOrForbid(c.var.identity);
    const query = await parseJson(c, accountQuery, ACCOUNT_LABELS);
    c.header('cache-control', 'no-store');
    return c.json(await searchAccounts(c.var.identity, query));
  });

  /** Shows one number in clear; the audit record is written in the same transaction, or nothing is shown. */
  app.post('/accounts/:id/reveal', async (c) => {
    const identity = c.var.identity;
    const reach = reachOrForbid(identity);
    const id = c.req.param('id');
    await parseJson(c, revealRequest, ACCOUNT_LABELS);
    requireObjectId(id);
    const rule = accountReachCondition(reach, { unitKind: 'n.kind', supervisingUnit: 'n.supervising_unit_id' }, 2);
    const mobile = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ username: string; mobile_encrypted: string | null; mobile_masked: string | null }>(
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
        ...requestMeta(c),
      });
      return cipher.decrypt(row.mobile_encrypted);
    });
    c.header('cache-control', 'no-store');
    return c.json({ field: 'mobile', value: mobile, masked: mobile ? maskPhone(mobile) : null });
  });

  // For the gateway's password reset (service assertion only): where to send the SMS when the legacy
  // credential has no phone of its own. The gateway has already applied the reach rule.
  app.get('/internal/accounts/:id/mobile', async (c) => {
    const id = c.req.param('id');
    requireObjectId(id);
    const { rows } = await db.query<{ mobile_encrypted: string | null }>('select mobile_encrypted from admin.users where id = $1', [id]);
    if (!rows[0]) throw CommonErrors.NOT_FOUND();
    c.header('cache-control', 'no-store');
    return c.json({ mobile: rows[0].mobile_encrypted ? cipher.decrypt(rows[0].mobile_encrypted) : null });
  });
}
