// 单位管理: the unit tree in the caller's scope, one unit's page (editor, review or read — decided here), its
// information edited by its own people while a draft, and the registration review (用人单位审核流程).
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
  listPage,
  type Locale,
  localeOf,
  type ModuleContext,
  paging,
  PAGING_LABELS,
  parseJson,
  parseQuery,
  provinceName,
  PROVINCES,
  requestMeta,
  requireObjectId,
  requireRole,
  scopeCondition,
  TRANSITION_LABELS,
  transitionRequest,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { AdminApp } from './app.ts';
import { t } from './messages.ts';
import { UNIT_STATES, UNIT_TABLE, unitRegistrationFlow, type UnitAction, type UnitState } from './flows.ts';

const UNIT_SCOPE = { unit: 'u.id', supervisingUnit: 'u.supervising_unit_id' };

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

const unitFilter = paging.extend({
  name: z.string().trim().max(100).optional(),
  kind: z.enum(['national', 'supervising', 'employer', 'ministry_university']).optional(),
  creditCode: z.string().trim().max(18).optional(),
  province: z.string().trim().max(6).optional(),
  registrationState: z.enum(UNIT_STATES).optional(),
});

const unitUpdate = z.object({
  version: field.version(),
  province: field.province(),
  address: field.text(200, 4),
  contactName: field.text(50, 2),
  contactPhone: field.phone(),
  contactEmail: field.email(),
  /** Employer units only: the supervising unit that reviews them. */
  supervisingUnitId: z.uuid().nullish(),
});

const unitTransition = transitionRequest(unitRegistrationFlow);

interface UnitRow {
  id: string;
  name: string;
  kind: string;
  credit_code: string | null;
  province_code: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  status: string;
  registration_state: UnitState;
  version: number;
  supervising_unit_id: string | null;
  supervising_unit_name: string | null;
  submitted_at: Date | null;
  updated_at: Date;
}

const UNIT_SELECT = `select u.id, u.name, u.kind, u.credit_code, u.province_code, u.address, u.contact_name, u.contact_phone,
    u.contact_email, u.status, u.registration_state, u.version, u.supervising_unit_id, s.name as supervising_unit_name,
    u.submitted_at, u.updated_at
  from admin.units u left join admin.units s on s.id = u.supervising_unit_id`;

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

const subjectOf = (row: UnitRow): FlowSubject<UnitState> => ({
  id: row.id,
  state: row.registration_state,
  version: row.version,
  unitId: row.id,
  supervisingUnitId: row.supervising_unit_id,
});

const isOwnStaff = (actor: Identity, row: UnitRow) =>
  (actor.role === 'employer_admin' || actor.role === 'employer_handler') && actor.unit.id === row.id;

/** Its own people edit a unit's information only while it is a draft or was returned. */
const editableBy = (actor: Identity, row: UnitRow) =>
  isOwnStaff(actor, row) && (row.registration_state === 'draft' || row.registration_state === 'returned');

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

type PageMode = 'edit' | 'review' | 'read';

const REVIEW_ACTIONS: readonly UnitAction[] = ['supervising_approve', 'supervising_return', 'national_approve', 'national_return'];

/** One entry for editing, reviewing and reading: which one this person gets, and the line that says why. */
function pageMode(actor: Identity, row: UnitRow, actions: UnitAction[], lastReason: string | null, locale: Locale) {
  if (editableBy(actor, row)) {
    const why =
      row.registration_state !== 'returned'
        ? t(locale, 'unit.edit.draft')
        : lastReason
          ? t(locale, 'unit.edit.returnedWithReason', { reason: lastReason })
          : t(locale, 'unit.edit.returned');
    return { mode: 'edit' as PageMode, why };
  }
  if (actions.some((a) => REVIEW_ACTIONS.includes(a))) {
    const level = row.registration_state === 'supervising_review';
    return { mode: 'review' as PageMode, why: t(locale, level ? 'unit.review.supervising' : 'unit.review.national') };
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
  return { mode: 'read' as PageMode, why };
}

export function registerUnitRoutes(app: AdminApp, ctx: ModuleContext): void {
  const { db } = ctx;

  /** The unit if it is in the caller's scope; otherwise 404, never a hint that it exists. */
  async function unitInScope(actor: Identity, unitId: string): Promise<UnitRow> {
    requireObjectId(unitId);
    const scope = scopeCondition(actor.scope, UNIT_SCOPE, 2);
    const { rows } = await db.query<UnitRow>(`${UNIT_SELECT} where u.id = $1 and ${scope.sql}`, [unitId, ...scope.params]);
    if (!rows[0]) throw CommonErrors.NOT_FOUND();
    return rows[0];
  }

  async function unitPage(actor: Identity, row: UnitRow, locale: Locale) {
    const actions = allowedActions(unitRegistrationFlow, subjectOf(row), actor);
    const trail = (await auditTrail(db, 'unit', row.id)).filter((r) => r.action.startsWith('unit_registration.') || r.action === 'unit.update');
    const lastReason = [...trail].reverse().find((r) => r.reason)?.reason ?? null;
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
      editable: editableBy(actor, row),
      actions,
      missing: editableBy(actor, row) ? missingForSubmission(row) : [],
      history: trail.map((r) => ({
        at: r.at,
        action: r.action,
        actor: r.actor.displayName ?? r.actor.username,
        actorUnit: r.actor.unitName,
        reason: r.reason,
      })),
    };
  }

  app.get('/regions', (c) => {
    const locale = localeOf(c);
    return c.json({ items: PROVINCES.map((p) => ({ code: p.code, name: p[locale] })) });
  });

  // The supervising units an employer unit may choose (归口管理单位) when it registers; only active ones review.
  app.get('/units/supervising-options', async (c) => {
    requireRole(c.var.identity, ['employer_admin', 'employer_handler', 'national_admin', 'support']);
    const { rows } = await db.query<{ id: string; name: string; province_code: string | null }>(
      `select id, name, province_code from admin.units where kind = 'supervising' and status = 'active' order by province_code, name`,
    );
    return c.json({ items: rows.map((r) => ({ id: r.id, name: r.name, province: r.province_code })) });
  });

  app.get('/units', async (c) => {
    const locale = localeOf(c);
    const q = parseQuery(c, unitFilter, UNIT_LABELS);
    const filters = new Conditions(scopeCondition(c.var.identity.scope, UNIT_SCOPE));
    if (q.name) filters.add((n) => `strpos(u.name, ${n}) > 0`, q.name);
    if (q.kind) filters.add((n) => `u.kind = ${n}`, q.kind);
    if (q.creditCode) filters.add((n) => `strpos(u.credit_code, upper(${n})) > 0`, q.creditCode);
    if (q.province) filters.add((n) => `u.province_code = ${n}`, q.province);
    if (q.registrationState) filters.add((n) => `u.registration_state = ${n}`, q.registrationState);
    const { rows, total } = await listPage<UnitRow>(db, {
      select: UNIT_SELECT,
      where: filters.where,
      params: filters.params,
      orderBy: `case x.kind when 'national' then 0 when 'supervising' then 1 else 2 end, x.name, x.id`,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json({ items: rows.map((r) => toListItem(r, locale)), total });
  });

  app.get('/units/:id', async (c) => {
    const actor = c.var.identity;
    return c.json(await unitPage(actor, await unitInScope(actor, c.req.param('id')), localeOf(c)));
  });

  // Its own people complete the information while it is a draft or returned; every change is audited.
  app.put('/units/:id', async (c) => {
    const actor = c.var.identity;
    const row = await unitInScope(actor, c.req.param('id'));
    const input = await parseJson(c, unitUpdate, UNIT_LABELS);
    if (!editableBy(actor, row)) throw UnitErrors.UNIT_NOT_EDITABLE();
    let supervisingUnitId: string | null = null;
    if (row.kind === 'employer') {
      if (!input.supervisingUnitId) {
        throw CommonErrors.VALIDATION_FAILED([{ field: 'supervisingUnitId', message: UnitErrors.UNIT_SUPERVISOR_UNKNOWN().messageFor(localeOf(c)) }]);
      }
      const { rows } = await db.query(`select 1 from admin.units where id = $1 and kind = 'supervising' and status = 'active'`, [
        input.supervisingUnitId,
      ]);
      if (!rows[0]) throw UnitErrors.UNIT_SUPERVISOR_UNKNOWN();
      supervisingUnitId = input.supervisingUnitId;
    }
    const before = { province: row.province_code, address: row.address, contactName: row.contact_name, supervisingUnitId: row.supervising_unit_id };
    await db.transaction(async (tx) => {
      const updated = await tx.query(
        `update admin.units set province_code = $3, address = $4, contact_name = $5, contact_phone = $6, contact_email = $7,
           supervising_unit_id = $8, version = version + 1, updated_at = now()
         where id = $1 and version = $2 and registration_state in ('draft', 'returned')`,
        [row.id, input.version, input.province, input.address, input.contactName, input.contactPhone, input.contactEmail, supervisingUnitId],
      );
      // Someone changed or submitted it since this person loaded the page.
      if (updated.rowCount !== 1) throw CommonErrors.CONFLICT();
      await writeAudit(tx, {
        actor,
        action: 'unit.update',
        objectType: 'unit',
        objectId: row.id,
        before,
        after: { province: input.province, address: input.address, contactName: input.contactName, supervisingUnitId },
        ...requestMeta(c),
      });
    });
    return c.json(await unitPage(actor, await unitInScope(actor, row.id), localeOf(c)));
  });

  app.post('/units/:id/transitions', async (c) => {
    const actor = c.var.identity;
    const row = await unitInScope(actor, c.req.param('id'));
    const request = await parseJson(c, unitTransition, UNIT_LABELS);
    const submitting = request.action === 'submit' || request.action === 'submit_to_national';
    if (submitting) {
      const missing = missingForSubmission(row);
      if (missing.length) {
        const locale = localeOf(c);
        throw UnitErrors.UNIT_INCOMPLETE(missing.map((f) => ({ field: f, message: t(locale, 'unit.fieldRequired', { label: UNIT_LABELS[f]![locale] }) })));
      }
    }
    await fireTransition(db, unitRegistrationFlow, UNIT_TABLE, {
      id: row.id,
      action: request.action,
      actor,
      expectedVersion: request.version,
      ...(request.reason ? { reason: request.reason } : {}),
      ...requestMeta(c),
      alongside: async (tx, moved) => {
        if (submitting) await tx.query('update admin.units set submitted_at = now(), updated_at = now() where id = $1', [moved.id]);
        else if (moved.state === 'approved') await tx.query(`update admin.units set status = 'active', updated_at = now() where id = $1`, [moved.id]);
        else await tx.query('update admin.units set updated_at = now() where id = $1', [moved.id]);
      },
    });
    return c.json(await unitPage(actor, await unitInScope(actor, row.id), localeOf(c)));
  });
}
