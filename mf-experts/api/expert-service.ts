// The one door to expert records: who may see, edit, reveal and merge; creating and changing a record with its
// identity rules (one expert per nationality + passport, likely duplicates flagged). Routes, the Excel import
// and approved correction requests all write through here.
import {
  CommonErrors,
  defineErrors,
  type FieldCipher,
  FlowErrors,
  type Identity,
  type Locale,
  type Queryable,
  type Role,
  writeAudit,
} from '@wgzj/gateway/kit';
import { columnsOf, type ExpertChanges, type ExpertInput, maskPassport, passportHash } from './record.ts';
import { expertScope, type ExpertSummaryRow, SUMMARY_COLUMNS, toSummary } from './search.ts';

export const ExpertErrors = defineErrors({
  /** The passport is already in the caller's own unit's library: nothing to learn, nothing to claim. */
  EXPERT_DUPLICATE_PASSPORT: {
    status: 409,
    'zh-CN': '该国籍和护照号码的专家已在本单位专家库中,不能重复录入。',
    'en-US': "An expert with this nationality and passport number is already in your unit's library.",
  },
  /** Inside a write (two entries at once, a national correction): another active record holds the passport. */
  EXPERT_PASSPORT_TAKEN: {
    status: 409,
    'zh-CN': '该国籍和护照号码已被专家库中的另一条专家记录使用。',
    'en-US': 'Another record in the library already holds this nationality and passport number.',
  },
  /** Passport, name and birth date all match a record of another unit: the caller may ask to claim it. */
  EXPERT_CLAIMABLE: {
    status: 409,
    'zh-CN': '专家库中已有与所填国籍、护照号码、姓名和出生日期一致的专家,不能重复录入;可提交认领申请,经录入单位同意后加入本单位专家库。',
    'en-US': "The library already holds an expert with this nationality, passport number, name and date of birth; instead of entering it again, ask to claim it: once the unit that entered it agrees, it joins your unit's library.",
  },
  /** The passport is taken and the rest does not match: a refusal that names no one. */
  EXPERT_PASSPORT_UNAVAILABLE: {
    status: 409,
    'zh-CN': '该国籍和护照号码不能用于录入专家。请核对护照信息;如确认无误,请联系国家管理员(科技部外国专家服务司)核实。',
    'en-US': 'This nationality and passport number cannot be used for a new record. Check the passport; if it is right, ask the national administrator to look into it.',
  },
  EXPERT_LOCKED: {
    status: 409,
    'zh-CN': '该专家已被获批的计划使用,不能直接修改;如需更正,请提交更正申请,由国家外国专家局审核。',
    'en-US': 'An approved plan uses this expert, so the record cannot be changed directly; submit a correction request for national review.',
  },
  EXPERT_MERGED: {
    status: 409,
    'zh-CN': '该专家记录已合并到其他记录,请在合并后的记录上操作。',
    'en-US': 'This record was merged into another; work on the surviving record.',
  },
});

/** Employer units enter and edit the experts they invite. */
export const INVITING_ROLES: readonly Role[] = ['employer_handler', 'employer_admin'];
/** Whose work needs an identifier in clear: the inviting unit, its supervising unit, the national level. */
const REVEALING_ROLES: readonly Role[] = ['employer_handler', 'employer_admin', 'supervising_user', 'national_admin'];

export interface ExpertRow extends ExpertSummaryRow {
  work_permit_no: string | null;
  email: string | null;
  phone_masked: string | null;
  position: string | null;
  keywords: string[];
  education: string | null;
  biography: string | null;
  merged_into: string | null;
  version: number;
  created_by_unit_id: string;
  passport_encrypted: string | null;
  phone_encrypted: string | null;
  /** An approved plan uses the record. */
  locked: boolean;
}

const ROW_SELECT = `select ${SUMMARY_COLUMNS}, e.work_permit_no, e.email, e.phone_masked,
    e.position, e.keywords, e.education, e.biography, e.merged_into, e.version, e.created_by_unit_id, e.passport_encrypted,
    e.phone_encrypted, exists (select 1 from experts.plan_links l where l.expert_id = e.id and l.approved) as locked
  from experts.experts e`;

/** The record if the caller's scope includes it; 404 otherwise, exactly as for an unknown id. */
export async function findExpert(db: Queryable, actor: Identity, id: string, options: { forUpdate?: boolean } = {}): Promise<ExpertRow> {
  const scope = expertScope(actor.scope, 2);
  const { rows } = await db.query<ExpertRow>(`${ROW_SELECT} where e.id = $1 and ${scope.sql}${options.forUpdate ? ' for update of e' : ''}`, [
    id,
    ...scope.params,
  ]);
  if (!rows[0]) throw CommonErrors.NOT_FOUND();
  return rows[0];
}

export type EditBlocked = 'approved_plan' | 'not_owner' | 'merged' | null;

/** Why this person may not edit the record directly, or null when they may. */
export function editBlocked(actor: Identity, row: ExpertRow): EditBlocked {
  if (row.status !== 'active') return 'merged';
  if (actor.role === 'national_admin') return null;
  if (!INVITING_ROLES.includes(actor.role) || actor.unit.id !== row.created_by_unit_id) return 'not_owner';
  return row.locked ? 'approved_plan' : null;
}

export function permissionsOf(actor: Identity, row: ExpertRow, hasPendingCorrection: boolean) {
  const blocked = editBlocked(actor, row);
  return {
    edit: blocked === null,
    // A unit that invited the expert asks for a change once an approved plan has frozen the record.
    correct: row.status === 'active' && row.locked && INVITING_ROLES.includes(actor.role) && !hasPendingCorrection,
    reveal: REVEALING_ROLES.includes(actor.role),
    merge: actor.role === 'national_admin' && row.status === 'active',
    upload: blocked === null,
  };
}

export function requireReveal(actor: Identity): void {
  if (!REVEALING_ROLES.includes(actor.role)) throw CommonErrors.FORBIDDEN();
}

/** What the audit log keeps of a change: field names and values, identifiers masked. */
export function auditView(changes: ExpertChanges): Record<string, unknown> {
  const view: Record<string, unknown> = { ...changes };
  if (changes.passportNumber !== undefined) view['passportNumber'] = maskPassport(changes.passportNumber);
  if (changes.phone !== undefined) view['phone'] = changes.phone ? '(changed)' : null;
  return view;
}

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';

async function refuseTakenPassport(tx: Queryable, hash: string, exceptId: string | null, locale: Locale): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `select id from experts.experts where passport_hash = $1 and status = 'active' and id is distinct from $2`,
    [hash, exceptId],
  );
  if (rows[0]) throw ExpertErrors.EXPERT_PASSPORT_TAKEN().onField('passportNumber', locale);
}

/** Flags records with the same name, birth date and nationality as `id`; returns the flagged ids. */
export async function flagLikelyDuplicates(tx: Queryable, id: string): Promise<string[]> {
  const { rows } = await tx.query<{ other_id: string }>(
    `insert into experts.duplicate_flags (expert_id, other_id)
     select n.id, o.id from experts.experts n
       join experts.experts o on o.id <> n.id and o.status = 'active' and o.nationality = n.nationality
         and o.birth_date = n.birth_date and lower(o.name) = lower(n.name)
     where n.id = $1
     on conflict do nothing
     returning other_id`,
    [id],
  );
  return rows.map((r) => r.other_id);
}

export interface WriteMeta {
  requestId?: string;
  clientIp?: string;
}

/** Inserts a record from its columns (see `columnsOf`) and the unit that invited it; returns the new id. */
export async function insertExpertRow(tx: Queryable, columns: Record<string, unknown>, unit: { id: string; supervisingUnitId: string | null }): Promise<string> {
  const all = { ...columns, created_by_unit_id: unit.id, supervising_unit_id: unit.supervisingUnitId };
  const names = Object.keys(all);
  const { rows } = await tx.query<{ id: string }>(
    `insert into experts.experts (${names.join(', ')}) values (${names.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    Object.values(all),
  );
  const id = rows[0]!.id;
  await tx.query('insert into experts.expert_units (expert_id, unit_id, supervising_unit_id) values ($1, $2, $3)', [id, unit.id, unit.supervisingUnitId]);
  return id;
}

/** Creates a record invited by the actor's unit; a taken passport is refused, a likely duplicate is flagged. */
export async function createExpert(
  tx: Queryable,
  cipher: FieldCipher,
  actor: Identity,
  input: ExpertInput,
  meta: WriteMeta & { locale: Locale; action?: string },
): Promise<{ id: string; flagged: string[] }> {
  const hash = passportHash(cipher, input.nationality, input.passportNumber);
  await refuseTakenPassport(tx, hash, null, meta.locale);
  const { rows: unitRows } = await tx.query<{ supervising_unit_id: string | null }>(
    'select supervising_unit_id from admin.unit_directory where unit_id = $1',
    [actor.unit.id],
  );
  const supervisingUnitId = unitRows[0]?.supervising_unit_id ?? null;
  let id: string;
  try {
    id = await insertExpertRow(tx, { ...columnsOf(input, cipher), created_by_user_id: actor.userId }, { id: actor.unit.id, supervisingUnitId });
  } catch (err) {
    // Two people entering the same passport at once: the unique index lets one through.
    if (isUniqueViolation(err)) throw ExpertErrors.EXPERT_PASSPORT_TAKEN().onField('passportNumber', meta.locale);
    throw err;
  }
  const flagged = await flagLikelyDuplicates(tx, id);
  await writeAudit(tx, {
    actor,
    action: meta.action ?? 'expert.create',
    objectType: 'expert',
    objectId: id,
    after: { ...auditView(input), ...(flagged.length ? { likelyDuplicates: flagged } : {}) },
    ...(meta.requestId ? { requestId: meta.requestId } : {}),
    ...(meta.clientIp ? { clientIp: meta.clientIp } : {}),
  });
  return { id, flagged };
}

/**
 * Applies changes to a record already locked `for update` and checked for permission; the identity hash is
 * recomputed when nationality or passport changes (the stored passport is read back for a nationality change).
 */
export async function applyChanges(
  tx: Queryable,
  cipher: FieldCipher,
  actor: Identity,
  row: ExpertRow,
  changes: ExpertChanges,
  meta: WriteMeta & { locale: Locale; action: string; reason?: string },
): Promise<void> {
  const effective: ExpertChanges = { ...changes };
  if (effective.nationality !== undefined && effective.passportNumber === undefined && row.passport_encrypted) {
    effective.passportNumber = cipher.decrypt(row.passport_encrypted);
  }
  const columns = columnsOf(effective, cipher, { nationality: row.nationality.trim() });
  if (typeof columns['passport_hash'] === 'string') {
    await refuseTakenPassport(tx, columns['passport_hash'], row.id, meta.locale);
  }
  const names = Object.keys(columns);
  if (!names.length) return;
  const assignments = names.map((name, i) => `${name} = $${i + 2}`).join(', ');
  try {
    await tx.query(`update experts.experts set ${assignments}, version = version + 1, updated_at = now() where id = $1`, [row.id, ...Object.values(columns)]);
  } catch (err) {
    if (isUniqueViolation(err)) throw ExpertErrors.EXPERT_PASSPORT_TAKEN().onField('passportNumber', meta.locale);
    throw err;
  }
  // A new name or birth date may make it look like someone else.
  if (changes.name !== undefined || changes.birthDate !== undefined || changes.nationality !== undefined) await flagLikelyDuplicates(tx, row.id);
  const before: Record<string, unknown> = {};
  const current = toRecordView(row);
  for (const key of Object.keys(changes)) before[key] = (current as Record<string, unknown>)[key];
  await writeAudit(tx, {
    actor,
    action: meta.action,
    objectType: 'expert',
    objectId: row.id,
    before,
    after: auditView(changes),
    ...(meta.reason ? { reason: meta.reason } : {}),
    ...(meta.requestId ? { requestId: meta.requestId } : {}),
    ...(meta.clientIp ? { clientIp: meta.clientIp } : {}),
  });
}

/** PATCH: the version the person saw, then the edit rule, then the changes. */
export async function editExpert(
  tx: Queryable,
  cipher: FieldCipher,
  actor: Identity,
  id: string,
  version: number,
  changes: ExpertChanges,
  meta: WriteMeta & { locale: Locale },
): Promise<void> {
  const row = await findExpert(tx, actor, id, { forUpdate: true });
  if (row.version !== version) throw FlowErrors.FLOW_STALE_VERSION();
  const blocked = editBlocked(actor, row);
  if (blocked === 'merged') throw ExpertErrors.EXPERT_MERGED();
  if (blocked === 'approved_plan') throw ExpertErrors.EXPERT_LOCKED();
  if (blocked === 'not_owner') throw CommonErrors.FORBIDDEN();
  await applyChanges(tx, cipher, actor, row, changes, { ...meta, action: 'expert.update' });
}

/** The record's fields as a form shows them (identifiers masked), for detail pages and correction diffs. */
export function toRecordView(row: ExpertRow) {
  return {
    ...toSummary(row),
    workPermitNo: row.work_permit_no,
    email: row.email,
    phoneMasked: row.phone_masked,
    position: row.position,
    keywords: row.keywords ?? [],
    education: row.education,
    biography: row.biography,
    version: row.version,
  };
}
