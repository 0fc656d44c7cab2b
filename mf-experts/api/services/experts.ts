// The one door to expert records: who may see, edit, reveal and merge; creating and changing a record with its
// identity rules (one expert per nationality + passport, likely duplicates flagged); the detail page, the search
// and its export, the CV and photo, and the Excel import. Routes, the import, approved correction requests and
// the seed all write through here; the statements are in expert-repository.ts.
import {
  CommonErrors,
  type Db,
  defineErrors,
  type FieldCipher,
  FlowErrors,
  type Identity,
  type Locale,
  type ModuleContext,
  type Queryable,
  type Role,
  requireRole,
  writeAudit,
} from '@wgzj/gateway/kit';
import { EMPLOYER_ROLES } from '@wgzj/gateway/kit/shared/roles';
import { type ImportedSheet } from '../expert-sheets.ts';
import { type ProbeGuard, sameName, type WriteMeta } from '../library-probes.ts';
import { t } from '../messages.ts';
import { programName, programNames } from '../program-names.ts';
import { columnsOf, type ExpertChanges, type ExpertInput, maskPassport, passportHash } from '../record.ts';
import { expertScope, type SearchFilter, searchExperts, toSummary } from '../search.ts';
import { requireUnitStanding } from '../unit-standing.ts';
import {
  detailRows,
  type ExpertRow,
  type FileKind,
  flagLikelyDuplicates,
  insertExpertRow,
  otherHolderOf,
  passportHolder,
  passportsHeld,
  readFile,
  removeFile,
  selectExpert,
  supervisingUnitOf,
  updateExpertColumns,
  upsertFile,
  visitChoices,
} from './expert-repository.ts';

// The seed writes demo records with the same statements as the API.
export { type ExpertRow, type FileKind, flagLikelyDuplicates, insertExpertRow, unitByCreditCode } from './expert-repository.ts';
export { searchExperts } from '../search.ts';

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

/** Employer units enter and edit the experts they invite: the inviting roles are the employer roles. */
export const INVITING_ROLES: readonly Role[] = EMPLOYER_ROLES;
/** Whose work needs an identifier in clear: the inviting unit, its supervising unit, the national level. */
export const REVEALING_ROLES: readonly Role[] = [...INVITING_ROLES, 'supervising_user', 'national_admin'];

export type { WriteMeta } from '../library-probes.ts';

/** The record if the caller's scope includes it; 404 otherwise, exactly as for an unknown id. */
export async function findExpert(db: Queryable, actor: Identity, id: string, options: { forUpdate?: boolean } = {}): Promise<ExpertRow> {
  const row = await selectExpert(db, id, expertScope(actor.scope, 2), options.forUpdate ?? false);
  if (!row) throw CommonErrors.NOT_FOUND();
  return row;
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

/** An employer unit entering records (a form or an import) must be one and be approved; asked before the body is read. */
export async function requireEntering(db: Queryable, actor: Identity): Promise<void> {
  requireRole(actor, INVITING_ROLES);
  await requireUnitStanding(db, actor);
}

/** An edit by an employer unit needs an approved registration too; other roles edit by their edit rule alone. */
export async function requireEditingStanding(db: Queryable, actor: Identity): Promise<void> {
  if (INVITING_ROLES.includes(actor.role)) await requireUnitStanding(db, actor);
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
  if (await otherHolderOf(tx, hash, exceptId)) throw ExpertErrors.EXPERT_PASSPORT_TAKEN().onField('passportNumber', locale);
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
  const supervisingUnitId = await supervisingUnitOf(tx, actor.unit.id);
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
  if (!Object.keys(columns).length) return;
  try {
    await updateExpertColumns(tx, row.id, columns);
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
  refuseBlocked(actor, row);
  await applyChanges(tx, cipher, actor, row, changes, { ...meta, action: 'expert.update' });
}

/** The edit rule as a refusal: merged, frozen by an approved plan, or not the caller's record. */
function refuseBlocked(actor: Identity, row: ExpertRow): void {
  const blocked = editBlocked(actor, row);
  if (blocked === 'merged') throw ExpertErrors.EXPERT_MERGED();
  if (blocked === 'approved_plan') throw ExpertErrors.EXPERT_LOCKED();
  if (blocked === 'not_owner') throw CommonErrors.FORBIDDEN();
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

export interface PassportAttempt {
  hash: string;
  nationality: string;
  passportMasked: string;
  /** The name and birth date typed with it; a create that matches all three is offered the claim. */
  name?: string;
  birthDate?: string;
}

/**
 * Before a create or an edit writes a passport: if another active record holds it, the answer depends on what
 * the caller already knows. In its own unit's library: the plain duplicate. Elsewhere: a create with the same name
 * and birth date is offered a claim (the caller typed everything such an answer confirms); anything else gets a
 * neutral refusal that names no one and points to the national administrator. Both count against the budget and
 * are audited with the passport masked.
 */
export async function screenTakenPassport(
  db: Queryable,
  guard: ProbeGuard,
  actor: Identity,
  attempt: PassportAttempt,
  options: { exceptId: string | null; purpose: 'create' | 'edit'; locale: Locale; meta: WriteMeta },
): Promise<void> {
  const holder = await passportHolder(db, attempt.hash, options.exceptId, actor.unit.id);
  if (!holder) return;
  if (holder.in_unit) throw ExpertErrors.EXPERT_DUPLICATE_PASSPORT().onField('passportNumber', options.locale);
  await guard.spend(actor, 1, options.meta);
  const claimable =
    options.purpose === 'create' && attempt.name !== undefined && sameName(holder.name, attempt.name) && holder.birth_date === attempt.birthDate;
  await writeAudit(db, {
    actor,
    action: 'expert.passport_taken',
    objectType: 'expert',
    objectId: holder.id,
    after: { purpose: options.purpose, nationality: attempt.nationality, passport: attempt.passportMasked, answer: claimable ? 'claim_offered' : 'refused' },
    ...options.meta,
  });
  if (claimable) throw ExpertErrors.EXPERT_CLAIMABLE().onField('passportNumber', options.locale);
  throw ExpertErrors.EXPERT_PASSPORT_UNAVAILABLE().onField('passportNumber', options.locale);
}

// ---- the detail page, the search form, create and edit, reveal ----------------------------------------------------

const iso = (at: Date) => new Date(at).toISOString();

/** Everything a detail page shows beyond the row: units, files, flags, merges, a pending correction. */
export async function expertDetail(db: Queryable, actor: Identity, id: string) {
  const row = await findExpert(db, actor, id);
  const { units, files, duplicates, merges, correction, survivor } = await detailRows(db, id, row.merged_into, expertScope(actor.scope, 2));
  const fileOf = (kind: FileKind) => {
    const f = files.find((r) => r.kind === kind);
    return f ? { filename: f.filename, contentType: f.content_type, size: f.size_bytes, uploadedAt: iso(f.uploaded_at) } : null;
  };
  const created = units.find((u) => u.created);
  return {
    ...toRecordView(row),
    mergedInto: survivor ?? null,
    createdByUnit: { id: row.created_by_unit_id, name: created?.name ?? null },
    units: units.map((u) => ({ id: u.id, name: u.name })),
    files: { cv: fileOf('cv'), photo: fileOf('photo') },
    likelyDuplicates: duplicates.map((d) => ({
      flagId: d.flag_id,
      id: d.id,
      name: d.name,
      chineseName: d.chinese_name,
      birthDate: d.birth_date,
      nationality: d.nationality.trim(),
      passportMasked: d.passport_masked,
    })),
    merges: merges.map((m) => ({
      id: m.id,
      survivorId: m.survivor_id,
      mergedId: m.merged_id,
      mergedName: m.merged_name,
      mergedPassportMasked: m.merged_passport,
      mergedAt: iso(m.merged_at),
      undoneAt: m.undone_at ? iso(m.undone_at) : null,
    })),
    pendingCorrection: correction ? { id: correction.id, createdAt: iso(correction.created_at) } : null,
    can: permissionsOf(actor, row, Boolean(correction)),
    editBlocked: editBlocked(actor, row),
  };
}
export type ExpertDetail = Awaited<ReturnType<typeof expertDetail>>;

/** The choices the search form offers for program and year: those that occur among visits. */
export async function searchChoices(db: Queryable, locale: Locale) {
  const [choices, names] = await Promise.all([visitChoices(db), programNames(db, locale)]);
  return { programs: choices.programs.map((p) => ({ code: p.code, name: programName(names, p.code, p.name) })), years: choices.years };
}

/** A record entered by a unit (the caller checked `requireEntering` first); answers with its detail page. */
export async function addExpert(ctx: ModuleContext, guard: ProbeGuard, actor: Identity, input: ExpertInput, meta: WriteMeta & { locale: Locale }) {
  const { db, cipher } = ctx;
  const { locale, ...request } = meta;
  // With the budget spent, every create is refused alike: a 201 beside a refusal would tell which passports exist.
  await guard.ensureBudget(actor);
  await screenTakenPassport(
    db,
    guard,
    actor,
    {
      hash: passportHash(cipher, input.nationality, input.passportNumber),
      nationality: input.nationality,
      passportMasked: maskPassport(input.passportNumber),
      name: input.name,
      birthDate: input.birthDate,
    },
    { exceptId: null, purpose: 'create', locale, meta: request },
  );
  const { id } = await db.transaction((tx) => createExpert(tx, cipher, actor, input, meta));
  return expertDetail(db, actor, id);
}

/** An edit of the version the person saw; a new identity met elsewhere is screened like a create's. */
export async function changeExpert(
  ctx: ModuleContext,
  guard: ProbeGuard,
  actor: Identity,
  id: string,
  version: number,
  changes: ExpertChanges,
  meta: WriteMeta & { locale: Locale },
) {
  const { db, cipher } = ctx;
  const { locale, ...request } = meta;
  if (changes.passportNumber !== undefined || changes.nationality !== undefined) {
    // A new identity met in another unit's record is the same answer as a create's, rationed alike.
    const current = await findExpert(db, actor, id);
    const nationality = changes.nationality ?? current.nationality.trim();
    const passportNumber = changes.passportNumber ?? (current.passport_encrypted ? cipher.decrypt(current.passport_encrypted) : null);
    if (passportNumber && INVITING_ROLES.includes(actor.role)) {
      await guard.ensureBudget(actor);
      await screenTakenPassport(
        db,
        guard,
        actor,
        { hash: passportHash(cipher, nationality, passportNumber), nationality, passportMasked: maskPassport(passportNumber) },
        { exceptId: id, purpose: 'edit', locale, meta: request },
      );
    }
  }
  await db.transaction((tx) => editExpert(tx, cipher, actor, id, version, changes, meta));
  return expertDetail(db, actor, id);
}

/** One identifier in clear; the audit record is written in the same transaction, or nothing is shown. */
export async function revealIdentifier(ctx: ModuleContext, actor: Identity, id: string, field: 'passport' | 'phone', meta: WriteMeta): Promise<string | null> {
  requireReveal(actor);
  return ctx.db.transaction(async (tx) => {
    const row = await findExpert(tx, actor, id);
    const stored = field === 'passport' ? row.passport_encrypted : row.phone_encrypted;
    if (!stored) return null;
    await writeAudit(tx, {
      actor,
      action: `expert.reveal_${field}`,
      objectType: 'expert',
      objectId: id,
      after: { name: row.name, [field]: field === 'passport' ? row.passport_masked : row.phone_masked },
      ...meta,
    });
    return ctx.cipher.decrypt(stored);
  });
}

// ---- CV and photo: reading follows the record's scope, changing follows its edit rule -----------------------------

export async function expertFile(db: Queryable, actor: Identity, id: string, kind: FileKind) {
  await findExpert(db, actor, id);
  const file = await readFile(db, id, kind);
  if (!file) throw CommonErrors.NOT_FOUND();
  return file;
}

export async function storeExpertFile(
  db: Db,
  actor: Identity,
  id: string,
  kind: FileKind,
  file: { filename: string; contentType: string; bytes: Uint8Array },
  meta: WriteMeta,
) {
  return db.transaction(async (tx) => {
    const row = await findExpert(tx, actor, id, { forUpdate: true });
    const blocked = editBlocked(actor, row);
    if (blocked === 'merged') throw ExpertErrors.EXPERT_MERGED();
    if (blocked === 'approved_plan') throw ExpertErrors.EXPERT_LOCKED();
    if (blocked) throw CommonErrors.FORBIDDEN();
    await requireUnitStanding(tx, actor);
    const uploadedAt = await upsertFile(tx, id, kind, file, actor.userId);
    await writeAudit(tx, {
      actor,
      action: `expert.upload_${kind}`,
      objectType: 'expert',
      objectId: id,
      after: { filename: file.filename, contentType: file.contentType, size: file.bytes.byteLength },
      ...meta,
    });
    return { filename: file.filename, contentType: file.contentType, size: file.bytes.byteLength, uploadedAt: iso(uploadedAt) };
  });
}

export async function deleteExpertFile(db: Db, actor: Identity, id: string, kind: FileKind, meta: WriteMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await findExpert(tx, actor, id, { forUpdate: true });
    if (editBlocked(actor, row)) throw CommonErrors.FORBIDDEN();
    await requireUnitStanding(tx, actor);
    const filename = await removeFile(tx, id, kind);
    if (filename === undefined) throw CommonErrors.NOT_FOUND();
    await writeAudit(tx, { actor, action: `expert.delete_${kind}`, objectType: 'expert', objectId: id, before: { filename }, ...meta });
  });
}

// ---- export and import --------------------------------------------------------------------------------------------

/** The current search up to `maxRows`, identifiers masked; the export is itself recorded. */
export async function exportExperts(db: Queryable, actor: Identity, filter: SearchFilter, maxRows: number, meta: WriteMeta) {
  const { items, total } = await searchExperts(db, actor.scope, filter, { limit: maxRows, offset: 0 });
  await writeAudit(db, { actor, action: 'expert.export', objectType: 'expert', objectId: 'export', after: { filter, rows: items.length, total }, ...meta });
  return { items, total };
}

export interface ImportReport {
  total: number;
  valid: number;
  imported: number;
  refused: Array<{ row: number; field: string; message: string }>;
}

export type ImportMode = 'check' | 'all' | 'valid_only';

/**
 * A sheet already read row by row against the form's rules (expert-sheets.ts), then checked against the library: a
 * passport already in the caller's own library is named as such; one held elsewhere gets the create's neutral
 * refusal and costs the probe budget before any answer goes out. `check` only reports; `all` writes nothing when a
 * row is refused (`refused: true`); `valid_only` imports the rest. The caller checked `requireEntering` first.
 */
export async function importExperts(
  ctx: ModuleContext,
  guard: ProbeGuard,
  actor: Identity,
  read: () => Promise<ImportedSheet>,
  mode: ImportMode,
  meta: WriteMeta & { locale: Locale },
): Promise<{ report: ImportReport; refused: boolean }> {
  const { locale, ...request } = meta;
  // A file is a list of guesses as much as a form is one: the same budget, spent before the report is shown.
  await guard.ensureBudget(actor);
  const sheet = await read();
  const refused = [...sheet.refused];
  const taken = await passportsHeld(
    ctx.db,
    sheet.candidates.map((c) => c.hash),
    actor.unit.id,
  );
  const elsewhere: Array<{ nationality: string; passport: string }> = [];
  for (const candidate of sheet.candidates.filter((c) => taken.has(c.hash))) {
    const own = taken.get(candidate.hash);
    if (!own) elsewhere.push({ nationality: candidate.input.nationality, passport: maskPassport(candidate.input.passportNumber) });
    refused.push({ row: candidate.row, field: 'passportNumber', message: t(locale, own ? 'import.passportInOwnLibrary' : 'import.passportElsewhere') });
  }
  refused.sort((a, b) => a.row - b.row);
  const refusedRows = new Set(refused.map((r) => r.row)).size;
  const report: ImportReport = { total: sheet.total, valid: sheet.total - refusedRows, imported: 0, refused };
  const valid = sheet.candidates.filter((c) => !taken.has(c.hash)).map((c) => c.input);
  if (elsewhere.length) {
    await guard.spend(actor, elsewhere.length, request);
    await writeAudit(ctx.db, {
      actor,
      action: 'expert.passport_taken',
      objectType: 'expert',
      objectId: 'import',
      after: { purpose: 'import', mode, rows: elsewhere.length, passports: elsewhere.slice(0, 50) },
      ...request,
    });
  }
  if (mode === 'check') return { report, refused: false };
  if (mode === 'all' && report.refused.length) return { report, refused: true };
  await ctx.db.transaction(async (tx) => {
    for (const input of valid) await createExpert(tx, ctx.cipher, actor, input, { ...meta, action: 'expert.import' });
  });
  return { report: { ...report, imported: valid.length }, refused: false };
}
