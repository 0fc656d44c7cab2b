// The unit service (单位管理): the one door to unit data for the unit routes, the 待办, the supervising units' creation
// and the portal jump. The unit page (editor, review or read, decided by the flow table in flows.ts), the list, the
// information save by its own people and the registration review (用人单位审核流程).
import { UNIT_KINDS } from '@wgzj/gateway/kit/shared/roles';
import {
  allowedActions,
  auditTrail,
  CommonErrors,
  Conditions,
  defineErrors,
  field,
  type FieldLabels,
  fireTransition,
  type FlowSubject,
  type Identity,
  type Locale,
  type ModuleContext,
  paging,
  PAGING_LABELS,
  provinceName,
  type Queryable,
  requireObjectId,
  TRANSITION_LABELS,
  transitionRequest,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { mayEditUnit, UNIT_EDITING, UNIT_STATES, UNIT_TABLE, unitRegistrationFlow, unitWaitsOn, type UnitAction, type UnitState } from '../flows.ts';
import { t } from '../messages.ts';
import {
  activeSupervisingUnits,
  isActiveSupervisingUnit,
  listUnitRows,
  stampTransition,
  unitInScope,
  unitScopeOf,
  type UnitRow,
  updateUnitInformation,
} from './unit-repository.ts';

export { insertUnit, registrationStateOf, unitIdByCreditCode, unitsWaitingFor } from './unit-repository.ts';

export const UnitErrors = defineErrors({
  UNIT_INCOMPLETE: {
    status: 400,
    'zh-CN': '单位信息尚未填写完整,请补充标注的字段后再提交。',
    'en-US': 'The unit information is incomplete; fill in the marked fields before submitting.',
  },
  UNIT_NOT_EDITABLE: {
    status: 403,
    'zh-CN': '单位信息已提交或已审核通过,当前不能修改;如需修改请先撤回。',
    'en-US': 'The unit information has been submitted or approved and cannot be changed now; withdraw it first.',
  },
  UNIT_SUPERVISOR_UNKNOWN: {
    status: 400,
    'zh-CN': '归口管理单位:请从列表中选择一个已开通的归口管理单位。',
    'en-US': 'Supervising unit: choose an active supervising unit from the list.',
  },
});

/** A unit's address and contact, as every unit form names them. */
export const UNIT_CONTACT_LABELS: FieldLabels = {
  province: { 'zh-CN': '所在省份', 'en-US': 'Province' },
  address: { 'zh-CN': '单位地址', 'en-US': 'Address' },
  contactName: { 'zh-CN': '联系人', 'en-US': 'Contact person' },
  contactPhone: { 'zh-CN': '联系电话', 'en-US': 'Contact phone' },
  contactEmail: { 'zh-CN': '联系邮箱', 'en-US': 'Contact e-mail' },
};

export const UNIT_LABELS: FieldLabels = {
  ...UNIT_CONTACT_LABELS,
  supervisingUnitId: { 'zh-CN': '归口管理单位', 'en-US': 'Supervising unit' },
  name: { 'zh-CN': '单位名称', 'en-US': 'Unit name' },
  kind: { 'zh-CN': '单位类型', 'en-US': 'Kind' },
  creditCode: { 'zh-CN': '统一社会信用代码', 'en-US': 'Credit code' },
  registrationState: { 'zh-CN': '审核状态', 'en-US': 'Review state' },
  ...TRANSITION_LABELS,
  ...PAGING_LABELS,
};

export const unitFilter = paging.extend({
  name: z.string().trim().max(100).optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  creditCode: z.string().trim().max(18).optional(),
  province: z.string().trim().max(6).optional(),
  registrationState: z.enum(UNIT_STATES).optional(),
});
export type UnitFilter = z.output<typeof unitFilter>;

export const unitUpdate = z.object({
  version: field.version(),
  province: field.province(),
  address: field.text(200, 4),
  contactName: field.text(50, 2),
  contactPhone: field.phone(),
  contactEmail: field.email(),
  /** Employer units only: the supervising unit that reviews them. */
  supervisingUnitId: z.uuid().nullish(),
});
export type UnitUpdate = z.output<typeof unitUpdate>;

export const unitTransition = transitionRequest(unitRegistrationFlow);
export type UnitTransition = z.output<typeof unitTransition>;

/** Who asked, for the audit record. */
export interface RequestMeta {
  requestId?: string;
  clientIp?: string;
}

const toListItem = (row: UnitRow, locale: Locale) => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  creditCode: row.credit_code,
  province: row.province_code,
  provinceName: provinceName(row.province_code, locale),
  status: row.status,
  registrationState: row.registration_state,
  supervisingUnit: row.supervising_unit_id ? { id: row.supervising_unit_id, name: row.supervising_unit_name } : null,
});

const subjectOf = (row: Pick<UnitRow, 'id' | 'registration_state' | 'version' | 'supervising_unit_id'>): FlowSubject<UnitState> => ({
  id: row.id,
  state: row.registration_state,
  version: row.version,
  unitId: row.id,
  supervisingUnitId: row.supervising_unit_id,
});

/** What a submission needs filled in; the names are the form's fields. */
function missingForSubmission(row: UnitRow): string[] {
  const missing: string[] = [];
  if (!row.province_code) missing.push('province');
  if (!row.address) missing.push('address');
  if (!row.contact_name) missing.push('contactName');
  if (!row.contact_phone) missing.push('contactPhone');
  if (!row.contact_email) missing.push('contactEmail');
  if (row.kind === 'employer' && !row.supervising_unit_id) missing.push('supervisingUnitId');
  return missing;
}

export type PageMode = 'edit' | 'review' | 'read';

/** Which page this person gets: the editor where the flow table lets them edit, the review where the state waits for a
 * reviewer they stand for, otherwise the read-only page. */
export function unitPageMode(actor: Identity, subject: FlowSubject<UnitState>): PageMode {
  if (mayEditUnit(actor, subject)) return 'edit';
  return unitWaitsOn(actor, subject).some((party) => party !== UNIT_EDITING.party) ? 'review' : 'read';
}

/** One entry for editing, reviewing and reading: which one this person gets, and the line that says why. */
function pageMode(actor: Identity, row: UnitRow, actions: UnitAction[], lastReason: string | null, locale: Locale) {
  const mode = unitPageMode(actor, subjectOf(row));
  if (mode === 'edit') {
    const why =
      row.registration_state !== 'returned'
        ? t(locale, 'unit.edit.draft')
        : lastReason
          ? t(locale, 'unit.edit.returnedWithReason', { reason: lastReason })
          : t(locale, 'unit.edit.returned');
    return { mode, why };
  }
  if (mode === 'review') {
    const level = row.registration_state === 'supervising_review';
    return { mode, why: t(locale, level ? 'unit.review.supervising' : 'unit.review.national') };
  }
  let why =
    row.kind === 'ministry_university' && row.registration_state === 'national_review'
      ? t(locale, 'unit.state.national_review.ministryUniversity')
      : t(locale, `unit.state.${row.registration_state}`);
  if (actions.includes('withdraw') || actions.includes('withdraw_from_national')) {
    why += t(locale, 'unit.canWithdraw');
  } else if (actions.includes('recall')) {
    why += t(locale, 'unit.canRecall');
  }
  return { mode, why };
}

/** The unit if it is in the caller's scope; otherwise 404, never a hint that it exists. */
export async function requireUnitInScope(db: Queryable, actor: Identity, unitId: string): Promise<UnitRow> {
  requireObjectId(unitId);
  const row = await unitInScope(db, actor, unitId);
  if (!row) throw CommonErrors.NOT_FOUND();
  return row;
}

/** The unit page: its information, what this person may do, and its history. */
export async function unitPage(db: Queryable, actor: Identity, row: UnitRow, locale: Locale) {
  const actions = allowedActions(unitRegistrationFlow, subjectOf(row), actor);
  const trail = (await auditTrail(db, 'unit', row.id)).filter((r) => r.action.startsWith('unit_registration.') || r.action === 'unit.update');
  const lastReason = [...trail].reverse().find((r) => r.reason)?.reason ?? null;
  const editable = mayEditUnit(actor, subjectOf(row));
  return {
    ...toListItem(row, locale),
    address: row.address,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    version: row.version,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    updatedAt: new Date(row.updated_at).toISOString(),
    ...pageMode(actor, row, actions, lastReason, locale),
    editable,
    actions,
    missing: editable ? missingForSubmission(row) : [],
    history: trail.map((r) => ({
      at: r.at,
      action: r.action,
      actor: r.actor.displayName ?? r.actor.username,
      actorUnit: r.actor.unitName,
      reason: r.reason,
    })),
  };
}

/** The unit page by id, as this person sees it. */
export async function unitPageById(db: Queryable, actor: Identity, unitId: string, locale: Locale) {
  return unitPage(db, actor, await requireUnitInScope(db, actor, unitId), locale);
}

/** The supervising units an employer unit may choose (归口管理单位) when it registers; only active ones review. */
export async function supervisingOptions(db: Queryable) {
  return (await activeSupervisingUnits(db)).map((r) => ({ id: r.id, name: r.name, province: r.province_code }));
}

export async function listUnits(db: Queryable, actor: Identity, q: UnitFilter, locale: Locale) {
  const filters = new Conditions(unitScopeOf(actor));
  if (q.name) filters.add((n) => `strpos(u.name, ${n}) > 0`, q.name);
  if (q.kind) filters.add((n) => `u.kind = ${n}`, q.kind);
  if (q.creditCode) filters.add((n) => `strpos(u.credit_code, upper(${n})) > 0`, q.creditCode);
  if (q.province) filters.add((n) => `u.province_code = ${n}`, q.province);
  if (q.registrationState) filters.add((n) => `u.registration_state = ${n}`, q.registrationState);
  const { rows, total } = await listUnitRows(db, filters, q);
  return { items: rows.map((r) => toListItem(r, locale)), total };
}

/** Its own people complete the information while the flow table lets them; every change is audited. */
export async function updateUnit(ctx: ModuleContext, actor: Identity, row: UnitRow, input: UnitUpdate, meta: RequestMeta, locale: Locale) {
  const { db } = ctx;
  if (!mayEditUnit(actor, subjectOf(row))) throw UnitErrors.UNIT_NOT_EDITABLE();
  let supervisingUnitId: string | null = null;
  if (row.kind === 'employer') {
    if (!input.supervisingUnitId) {
      throw CommonErrors.VALIDATION_FAILED([{ field: 'supervisingUnitId', message: UnitErrors.UNIT_SUPERVISOR_UNKNOWN().messageFor(locale) }]);
    }
    if (!(await isActiveSupervisingUnit(db, input.supervisingUnitId))) throw UnitErrors.UNIT_SUPERVISOR_UNKNOWN();
    supervisingUnitId = input.supervisingUnitId;
  }
  const before = { province: row.province_code, address: row.address, contactName: row.contact_name, supervisingUnitId: row.supervising_unit_id };
  await db.transaction(async (tx) => {
    const saved = await updateUnitInformation(tx, row.id, input.version, { ...input, supervisingUnitId }, UNIT_EDITING.states);
    // Someone changed or submitted it since this person loaded the page.
    if (!saved) throw CommonErrors.CONFLICT();
    await writeAudit(tx, {
      actor,
      action: 'unit.update',
      objectType: 'unit',
      objectId: row.id,
      before,
      after: { province: input.province, address: input.address, contactName: input.contactName, supervisingUnitId },
      ...meta,
    });
  });
}

/** Fires a registration transition; a submission needs the information complete first. */
export async function transitionUnit(ctx: ModuleContext, actor: Identity, row: UnitRow, request: UnitTransition, meta: RequestMeta, locale: Locale) {
  const submitting = request.action === 'submit' || request.action === 'submit_to_national';
  if (submitting) {
    const missing = missingForSubmission(row);
    if (missing.length) {
      throw UnitErrors.UNIT_INCOMPLETE(missing.map((f) => ({ field: f, message: t(locale, 'unit.fieldRequired', { label: UNIT_LABELS[f]![locale] }) })));
    }
  }
  await fireTransition(ctx.db, unitRegistrationFlow, UNIT_TABLE, {
    id: row.id,
    action: request.action,
    actor,
    expectedVersion: request.version,
    ...(request.reason ? { reason: request.reason } : {}),
    ...meta,
    alongside: (tx, moved) => stampTransition(tx, moved.id, { submitted: submitting, approved: moved.state === 'approved' }),
  });
}
