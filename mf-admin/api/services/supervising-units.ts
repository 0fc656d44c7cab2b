// The supervising-unit service (归口管理单位): the national administrator creates a supervising unit with its accounts
// (问题三), or adds an account to one (问题五); both are queued for the portal (portal-sync.ts). The one door for the
// supervising-unit routes; the unit and account rows are written through the unit and user services.
import {
  CommonErrors,
  defineErrors,
  field,
  type FieldLabels,
  type Identity,
  type Locale,
  maskIdNumber,
  maskPhone,
  type ModuleContext,
  provinceName,
  type Queryable,
  requireObjectId,
  requireRole,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { PERSON_FIELDS } from '../people.ts';
import { dispatchPortalSync, type SyncState } from '../portal-sync.ts';
import {
  creditCodeTaken,
  findSupervisingUnit,
  lockSupervisingUnit,
  queuePortalSync,
  requeueSync,
  supervisingAccounts,
  type SupervisingUnitRow,
  supervisingUnitRows,
  syncRowsOf,
} from './supervising-unit-repository.ts';
import { insertUnit, type RequestMeta, UNIT_CONTACT_LABELS } from './units.ts';
import { insertUser, takenUsernames } from './users.ts';

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

export const SUPERVISING_WRITERS = ['national_admin'] as const;
export const SUPERVISING_READERS = ['national_admin', 'support'] as const;

export function requireNational(actor: Identity): void {
  requireRole(actor, SUPERVISING_WRITERS);
}

function requireReader(actor: Identity): void {
  requireRole(actor, SUPERVISING_READERS);
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
  const rows = await takenUsernames(tx, accounts.map((a) => a.username));
  if (!rows.length) return;
  const taken = new Set(rows.map((r) => r.toLowerCase()));
  const index = accounts.findIndex((a) => taken.has(a.username.toLowerCase()));
  throw SupervisingUnitErrors.SUPERVISING_USERNAME_TAKEN().onField(`${prefix(index)}username`, locale);
}

async function insertAccount(tx: Queryable, ctx: ModuleContext, unitId: string, account: SupervisingAccountInput, actor: Identity) {
  const userId = await insertUser(tx, ctx.cipher, {
    username: account.username,
    displayName: account.displayName,
    role: 'supervising_user',
    unitId,
    mobile: account.mobile,
    idNumber: account.idNumber,
    email: account.email,
    status: 'active',
    reviewState: 'approved',
    createdBy: actor.userId,
  });
  await queuePortalSync(tx, unitId, userId);
  return userId;
}

/** What the audit log keeps of an account: never the unmasked mobile or ID number. */
const accountSummary = (a: SupervisingAccountInput) => ({
  username: a.username,
  displayName: a.displayName,
  mobileMasked: maskPhone(a.mobile),
  idNumberMasked: maskIdNumber(a.idNumber),
});

export async function createSupervisingUnit(ctx: ModuleContext, actor: Identity, input: SupervisingUnitInput, meta: RequestMeta, locale: Locale): Promise<string> {
  requireNational(actor);
  refuseDuplicatesInRequest(input.accounts, locale);
  try {
    return await ctx.db.transaction(async (tx) => {
      if (await creditCodeTaken(tx, input.creditCode)) throw SupervisingUnitErrors.SUPERVISING_CREDIT_CODE_TAKEN().onField('creditCode', locale);
      await refuseTakenUsernames(tx, input.accounts, locale, (i) => `accounts.${i}.`);
      const unitId = await insertUnit(tx, {
        name: input.name,
        kind: 'supervising',
        creditCode: input.creditCode,
        province: input.province,
        address: input.address,
        contact: [input.contactName, input.contactPhone, input.contactEmail],
        status: 'active',
        registrationState: 'approved',
      });
      await queuePortalSync(tx, unitId);
      for (const account of input.accounts) await insertAccount(tx, ctx, unitId, account, actor);
      await writeAudit(tx, {
        actor,
        action: 'supervising_unit.create',
        objectType: 'unit',
        objectId: unitId,
        after: { name: input.name, creditCode: input.creditCode, province: input.province, accounts: input.accounts.map(accountSummary) },
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

/** The supervising unit, or 404. */
export async function requireSupervisingUnit(db: Queryable, unitId: string): Promise<SupervisingUnitRow> {
  requireObjectId(unitId);
  const row = await findSupervisingUnit(db, unitId);
  if (!row) throw CommonErrors.NOT_FOUND();
  return row;
}

export async function addSupervisingAccount(
  ctx: ModuleContext,
  actor: Identity,
  unitId: string,
  input: SupervisingAccountInput,
  meta: RequestMeta,
  locale: Locale,
): Promise<string> {
  requireNational(actor);
  try {
    return await ctx.db.transaction(async (tx) => {
      if (!(await lockSupervisingUnit(tx, unitId))) throw CommonErrors.NOT_FOUND();
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

async function syncOf(db: Queryable, unitId: string) {
  return (await syncRowsOf(db, unitId)).map((r) => ({
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
  const unit = await requireSupervisingUnit(db, unitId);
  const accounts = await supervisingAccounts(db, unit.id);
  const sync = await syncOf(db, unit.id);
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
    accounts: accounts.map((a) => ({
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
  const items = (await supervisingUnitRows(db)).map((r) => ({
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

/** 重试同步: the unit's failed and backed-off rows due again, then one run for this unit straight away. */
export async function retrySupervisingUnitSync(ctx: ModuleContext, actor: Identity, unitId: string, meta: RequestMeta) {
  requireNational(actor);
  await requireSupervisingUnit(ctx.db, unitId);
  const before = await syncOf(ctx.db, unitId);
  await ctx.db.transaction(async (tx) => {
    const requeued = await requeueSync(tx, unitId);
    await writeAudit(tx, {
      actor,
      action: 'supervising_unit.sync_retry',
      objectType: 'unit',
      objectId: unitId,
      before: { failed: before.filter((r) => r.state === 'failed').map((r) => ({ kind: r.kind, username: r.username, lastError: r.lastError })) },
      after: { requeued },
      ...meta,
    });
  });
  await dispatchPortalSync(ctx, { unitId });
  const sync = await syncOf(ctx.db, unitId);
  return { syncState: overallSyncState(sync.map((s) => s.state)), sync };
}
