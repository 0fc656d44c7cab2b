// 归口管理单位: the national administrator creates a supervising unit with its accounts here (问题三), or adds an
// account to one (问题五); both are synced to the portal through admin.portal_sync_outbox (portal-sync.ts).
import {
  CommonErrors,
  defineErrors,
  field,
  type FieldLabels,
  type Identity,
  type Locale,
  localeOf,
  maskIdNumber,
  maskPhone,
  type ModuleContext,
  parseJson,
  provinceName,
  type Queryable,
  requestMeta,
  requireObjectId,
  requireRole,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { AdminApp } from './app.ts';
import { IDENTIFIER_COLUMNS, identifierValues, PERSON_FIELDS, PERSON_LABELS } from './people.ts';
import { UNIT_CONTACT_LABELS } from './units.ts';
import { dispatchPortalSync, type SyncState } from './portal-sync.ts';

export const SupervisingUnitErrors = defineErrors({
  SUPERVISING_CREDIT_CODE_TAKEN: {
    status: 409,
    'zh-CN': '统一社会信用代码:本系统中已有使用该代码的单位。',
    'en-US': 'Credit code: a unit with this code already exists in this system.',
  },
  SUPERVISING_USERNAME_TAKEN: {
    status: 409,
    'zh-CN': '用户名:本系统中已有该用户名的帐号,请换一个。',
    'en-US': 'Username: an account with this username already exists; choose another.',
  },
  SUPERVISING_DUPLICATE_ACCOUNT: {
    status: 409,
    'zh-CN': '同一次提交中有两个帐号的用户名或手机号相同。',
    'en-US': 'Two accounts in this request share a username or mobile number.',
  },
});

export const SUPERVISING_LABELS: FieldLabels = {
  name: { 'zh-CN': '单位名称', 'en-US': 'Unit name' },
  creditCode: { 'zh-CN': '统一社会信用代码', 'en-US': 'Unified social credit code' },
  ...UNIT_CONTACT_LABELS,
  accounts: { 'zh-CN': '帐号', 'en-US': 'Accounts' },
  'accounts.username': { 'zh-CN': '帐号用户名', 'en-US': 'Account username' },
  'accounts.displayName': { 'zh-CN': '帐号姓名', 'en-US': 'Account holder name' },
  'accounts.mobile': { 'zh-CN': '帐号手机号', 'en-US': 'Account mobile' },
  'accounts.email': { 'zh-CN': '帐号电子邮箱', 'en-US': 'Account e-mail' },
  'accounts.idNumber': { 'zh-CN': '帐号身份证号', 'en-US': 'Account ID number' },
};

export const supervisingAccountInput = z.object(PERSON_FIELDS);
export type SupervisingAccountInput = z.output<typeof supervisingAccountInput>;

export const supervisingUnitInput = z.object({
  name: field.text(100, 2),
  creditCode: field.creditCode(),
  province: field.province(),
  address: field.text(200),
  contactName: field.text(50, 2),
  contactPhone: field.phone(),
  contactEmail: field.email(),
  accounts: z.array(supervisingAccountInput).min(1).max(5),
});
export type SupervisingUnitInput = z.output<typeof supervisingUnitInput>;

/** 已同步 / 同步中 / 同步失败 over a unit's rows; `none` for a unit this system never synced (the demo ones). */
export type OverallSyncState = 'synced' | 'syncing' | 'failed' | 'none';

export function overallSyncState(states: readonly SyncState[]): OverallSyncState {
  if (!states.length) return 'none';
  if (states.includes('failed')) return 'failed';
  if (states.includes('pending')) return 'syncing';
  return 'synced';
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const isUniqueViolation = (error: unknown): error is { code: string; constraint?: string; detail?: string } =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

// ---- the service: every route goes through these -----------------------------------------------------

function requireNational(actor: Identity): void {
  requireRole(actor, ['national_admin']);
}

function requireReader(actor: Identity): void {
  requireRole(actor, ['national_admin', 'support']);
}

/** 409 for two accounts of one request with the same username (any case) or mobile. */
function refuseDuplicatesInRequest(accounts: readonly SupervisingAccountInput[], locale: Locale): void {
  const usernames = new Map<string, number>();
  const mobiles = new Map<string, number>();
  accounts.forEach((a, i) => {
    const name = a.username.toLowerCase();
    if (usernames.has(name)) throw SupervisingUnitErrors.SUPERVISING_DUPLICATE_ACCOUNT().onField(`accounts.${i}.username`, locale);
    if (mobiles.has(a.mobile)) throw SupervisingUnitErrors.SUPERVISING_DUPLICATE_ACCOUNT().onField(`accounts.${i}.mobile`, locale);
    usernames.set(name, i);
    mobiles.set(a.mobile, i);
  });
}

async function refuseTakenUsernames(tx: Queryable, accounts: readonly SupervisingAccountInput[], locale: Locale, prefix: (i: number) => string) {
  const { rows } = await tx.query<{ username: string }>('select username from admin.users where lower(username) = any($1::text[])', [
    accounts.map((a) => a.username.toLowerCase()),
  ]);
  if (!rows.length) return;
  const taken = new Set(rows.map((r) => r.username.toLowerCase()));
  const index = accounts.findIndex((a) => taken.has(a.username.toLowerCase()));
  throw SupervisingUnitErrors.SUPERVISING_USERNAME_TAKEN().onField(`${prefix(index)}username`, locale);
}

async function insertAccount(tx: Queryable, ctx: ModuleContext, unitId: string, account: SupervisingAccountInput, actor: Identity) {
  const { rows } = await tx.query<{ id: string }>(
    `insert into admin.users (username, display_name, role, unit_id, status, review_state, ${IDENTIFIER_COLUMNS}, email, created_by)
     values ($1, $2, 'supervising_user', $3, 'active', 'approved', $4, $5, $6, $7, $8, $9, $10) returning id`,
    [account.username, account.displayName, unitId, ...identifierValues(ctx.cipher, account), account.email, actor.userId],
  );
  const userId = rows[0]!.id;
  await tx.query(`insert into admin.portal_sync_outbox (kind, unit_id, user_id) values ('account', $1, $2)`, [unitId, userId]);
  return userId;
}

/** What the audit log keeps of an account: never the unmasked mobile or ID number. */
const accountSummary = (a: SupervisingAccountInput) => ({
  username: a.username,
  displayName: a.displayName,
  mobileMasked: maskPhone(a.mobile),
  idNumberMasked: maskIdNumber(a.idNumber),
});

export async function createSupervisingUnit(
  ctx: ModuleContext,
  actor: Identity,
  input: SupervisingUnitInput,
  meta: { requestId?: string; clientIp?: string },
  locale: Locale,
): Promise<string> {
  requireNational(actor);
  refuseDuplicatesInRequest(input.accounts, locale);
  try {
    return await ctx.db.transaction(async (tx) => {
      const taken = await tx.query('select 1 from admin.units where credit_code = $1', [input.creditCode]);
      if (taken.rows.length) throw SupervisingUnitErrors.SUPERVISING_CREDIT_CODE_TAKEN().onField('creditCode', locale);
      await refuseTakenUsernames(tx, input.accounts, locale, (i) => `accounts.${i}.`);
      const { rows } = await tx.query<{ id: string }>(
        `insert into admin.units (name, kind, credit_code, province_code, address, contact_name, contact_phone, contact_email,
           status, registration_state)
         values ($1, 'supervising', $2, $3, $4, $5, $6, $7, 'active', 'approved') returning id`,
        [input.name, input.creditCode, input.province, input.address, input.contactName, input.contactPhone, input.contactEmail],
      );
      const unitId = rows[0]!.id;
      await tx.query(`insert into admin.portal_sync_outbox (kind, unit_id) values ('unit', $1)`, [unitId]);
      for (const account of input.accounts) await insertAccount(tx, ctx, unitId, account, actor);
      await writeAudit(tx, {
        actor,
        action: 'supervising_unit.create',
        objectType: 'unit',
        objectId: unitId,
        after: {
          name: input.name,
          creditCode: input.creditCode,
          province: input.province,
          accounts: input.accounts.map(accountSummary),
        },
        ...meta,
      });
      return unitId;
    });
  } catch (error) {
    // Someone else took the code or a username between the check and the insert.
    if (isUniqueViolation(error)) {
      const onCode = `${error.constraint ?? ''} ${error.detail ?? ''}`.includes('credit_code');
      throw onCode
        ? SupervisingUnitErrors.SUPERVISING_CREDIT_CODE_TAKEN().onField('creditCode', locale)
        : SupervisingUnitErrors.SUPERVISING_USERNAME_TAKEN().onField('accounts.0.username', locale);
    }
    throw error;
  }
}

interface UnitRow {
  id: string;
  name: string;
  credit_code: string;
  province_code: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  status: string;
  created_at: Date;
}

async function supervisingUnit(db: Queryable, unitId: string): Promise<UnitRow> {
  requireObjectId(unitId);
  const { rows } = await db.query<UnitRow>(
    `select id, name, credit_code, province_code, address, contact_name, contact_phone, contact_email, status, created_at
     from admin.units where id = $1 and kind = 'supervising'`,
    [unitId],
  );
  if (!rows[0]) throw CommonErrors.NOT_FOUND();
  return rows[0];
}

export async function addSupervisingAccount(
  ctx: ModuleContext,
  actor: Identity,
  unitId: string,
  input: SupervisingAccountInput,
  meta: { requestId?: string; clientIp?: string },
  locale: Locale,
): Promise<string> {
  requireNational(actor);
  try {
    return await ctx.db.transaction(async (tx) => {
      // Locks the unit row, so two additions to one unit are written one after the other.
      const { rows } = await tx.query<{ id: string }>(`select id from admin.units where id = $1 and kind = 'supervising' for update`, [unitId]);
      if (!rows[0]) throw CommonErrors.NOT_FOUND();
      await refuseTakenUsernames(tx, [input], locale, () => '');
      const userId = await insertAccount(tx, ctx, unitId, input, actor);
      await writeAudit(tx, {
        actor,
        action: 'supervising_unit.add_account',
        objectType: 'unit',
        objectId: unitId,
        after: { account: accountSummary(input), userId },
        ...meta,
      });
      return userId;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw SupervisingUnitErrors.SUPERVISING_USERNAME_TAKEN().onField('username', locale);
    throw error;
  }
}

interface SyncRow {
  id: string;
  kind: 'unit' | 'account';
  user_id: string | null;
  username: string | null;
  state: SyncState;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

async function syncRowsOf(db: Queryable, unitId: string) {
  const { rows } = await db.query<SyncRow>(
    `select o.id, o.kind, o.user_id, u.username, o.state, o.attempts, o.last_error, o.next_attempt_at, o.sent_at, o.created_at,
       o.updated_at
     from admin.portal_sync_outbox o left join admin.users u on u.id = o.user_id
     where o.unit_id = $1 order by o.seq`,
    [unitId],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    userId: r.user_id,
    username: r.username,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.state === 'pending' ? iso(r.next_attempt_at) : null,
    sentAt: iso(r.sent_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  }));
}

export async function supervisingUnitDetail(db: Queryable, actor: Identity, unitId: string, locale: Locale) {
  requireReader(actor);
  const unit = await supervisingUnit(db, unitId);
  const accounts = await db.query<{
    id: string;
    username: string;
    display_name: string;
    mobile_masked: string | null;
    email: string | null;
    status: string;
    created_at: Date;
  }>(
    `select id, username, display_name, mobile_masked, email, status, created_at
     from admin.users where unit_id = $1 and role = 'supervising_user' order by created_at, username`,
    [unit.id],
  );
  const sync = await syncRowsOf(db, unit.id);
  const stateOf = (userId: string) => sync.find((s) => s.userId === userId)?.state ?? null;
  return {
    id: unit.id,
    name: unit.name,
    creditCode: unit.credit_code,
    province: unit.province_code,
    provinceName: provinceName(unit.province_code, locale),
    address: unit.address,
    contactName: unit.contact_name,
    contactPhone: unit.contact_phone,
    contactEmail: unit.contact_email,
    status: unit.status,
    createdAt: iso(unit.created_at),
    syncState: overallSyncState(sync.map((s) => s.state)),
    accounts: accounts.rows.map((a) => ({
      id: a.id,
      username: a.username,
      displayName: a.display_name,
      mobileMasked: a.mobile_masked,
      email: a.email,
      status: a.status,
      createdAt: iso(a.created_at),
      syncState: stateOf(a.id),
    })),
    sync,
  };
}

export async function listSupervisingUnits(db: Queryable, actor: Identity, locale: Locale) {
  requireReader(actor);
  const { rows } = await db.query<{
    id: string;
    name: string;
    credit_code: string;
    province_code: string | null;
    status: string;
    created_at: Date;
    account_count: number;
    states: SyncState[] | null;
  }>(
    `select n.id, n.name, n.credit_code, n.province_code, n.status, n.created_at,
       (select count(*)::int from admin.users u where u.unit_id = n.id and u.role = 'supervising_user') as account_count,
       (select array_agg(o.state) from admin.portal_sync_outbox o where o.unit_id = n.id) as states
     from admin.units n where n.kind = 'supervising'
     order by n.created_at desc, n.name`,
  );
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    creditCode: r.credit_code,
    province: r.province_code,
    provinceName: provinceName(r.province_code, locale),
    status: r.status,
    createdAt: iso(r.created_at),
    accountCount: r.account_count,
    syncState: overallSyncState(r.states ?? []),
  }));
  return { items, total: items.length };
}

/**
 * 重试同步: failed rows back to pending with a fresh count, rows waiting out a backoff due now, then one run for
 * this unit straight away.
 */
export async function retrySupervisingUnitSync(
  ctx: ModuleContext,
  actor: Identity,
  unitId: string,
  meta: { requestId?: string; clientIp?: string },
) {
  requireNational(actor);
  await supervisingUnit(ctx.db, unitId);
  const before = await syncRowsOf(ctx.db, unitId);
  await ctx.db.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `update admin.portal_sync_outbox
          set state = 'pending', attempts = case when state = 'failed' then 0 else attempts end,
              next_attempt_at = now(), updated_at = now()
        where unit_id = $1 and (state = 'failed' or (state = 'pending' and attempts > 0))`,
      [unitId],
    );
    await writeAudit(tx, {
      actor,
      action: 'supervising_unit.sync_retry',
      objectType: 'unit',
      objectId: unitId,
      before: { failed: before.filter((r) => r.state === 'failed').map((r) => ({ kind: r.kind, username: r.username, lastError: r.lastError })) },
      after: { requeued: rowCount },
      ...meta,
    });
  });
  await dispatchPortalSync(ctx, { unitId });
  const sync = await syncRowsOf(ctx.db, unitId);
  return { syncState: overallSyncState(sync.map((s) => s.state)), sync };
}

// ---- routes ---------------------------------------------------------------------------------------------

export function registerSupervisingUnitRoutes(app: AdminApp, ctx: ModuleContext): void {
  app.get('/supervising-units', async (c) => c.json(await listSupervisingUnits(ctx.db, c.var.identity, localeOf(c))));

  app.get('/supervising-units/:id', async (c) =>
    c.json(await supervisingUnitDetail(ctx.db, c.var.identity, c.req.param('id'), localeOf(c))),
  );

  app.post('/supervising-units', async (c) => {
    const actor = c.var.identity;
    requireNational(actor);
    const input = await parseJson(c, supervisingUnitInput, SUPERVISING_LABELS);
    const unitId = await createSupervisingUnit(ctx, actor, input, requestMeta(c), localeOf(c));
    return c.json(await supervisingUnitDetail(ctx.db, actor, unitId, localeOf(c)), 201);
  });

  app.post('/supervising-units/:id/accounts', async (c) => {
    const actor = c.var.identity;
    requireNational(actor);
    const unit = await supervisingUnit(ctx.db, c.req.param('id'));
    const input = await parseJson(c, supervisingAccountInput, PERSON_LABELS);
    await addSupervisingAccount(ctx, actor, unit.id, input, requestMeta(c), localeOf(c));
    return c.json(await supervisingUnitDetail(ctx.db, actor, unit.id, localeOf(c)), 201);
  });

  app.post('/supervising-units/:id/sync/retry', async (c) => {
    const actor = c.var.identity;
    return c.json(await retrySupervisingUnitSync(ctx, actor, c.req.param('id'), requestMeta(c)));
  });
}
