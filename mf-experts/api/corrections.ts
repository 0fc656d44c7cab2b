// 更正申请: a change to an expert an approved plan uses. The inviting unit asks, the national level approves
// (the change is applied in the same transaction) or rejects with a reason; the review-flow engine moves it.
import {
  allowedActions,
  CommonErrors,
  defineErrors,
  defineFlow,
  type FieldCipher,
  fireTransition,
  type FlowSubject,
  type FlowTable,
  type Identity,
  listPage,
  type Locale,
  localeOf,
  type ModuleContext,
  paging,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
  requireRole,
  scopeCondition,
  TRANSITION_LABELS,
  transitionRequest,
  validate,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { applyChanges, auditView, findExpert, INVITING_ROLES, permissionsOf, toRecordView } from './expert-service.ts';
import type { ExpertsApp } from './experts.ts';
import { t } from './messages.ts';
import { EXPERT_LABELS, expertChanges, type ExpertChanges, maskPassport } from './record.ts';
import { requireUnitStanding } from './unit-standing.ts';

type CorrectionState = 'pending' | 'approved' | 'rejected';

export const correctionFlow = defineFlow({
  name: 'expert_correction',
  states: ['pending', 'approved', 'rejected'] as const,
  transitions: {
    approve: { from: ['pending'], to: 'approved', allowed: (actor) => actor.role === 'national_admin' },
    reject: { from: ['pending'], to: 'rejected', allowed: (actor) => actor.role === 'national_admin', requiresReason: true },
  },
});

const CORRECTIONS: FlowTable = {
  table: 'experts.corrections',
  objectType: 'expert_correction',
  columns: { id: 'id', state: 'state', version: 'version', unitId: 'unit_id', supervisingUnitId: 'supervising_unit_id' },
};

const CorrectionErrors = defineErrors({
  CORRECTION_NOT_NEEDED: {
    status: 409,
    'zh-CN': '该专家尚未被获批计划使用,可直接修改,无需提交更正申请。',
    'en-US': 'No approved plan uses this expert yet; edit the record directly.',
  },
  CORRECTION_PENDING: {
    status: 409,
    'zh-CN': '该专家已有一份待审核的更正申请,请等待审核结果。',
    'en-US': 'A correction request for this expert is already waiting for review.',
  },
  CORRECTION_EMPTY: { status: 400, 'zh-CN': '请至少填写一项更正内容。', 'en-US': 'Give at least one field to correct.' },
});

const correctionRequest = z.object({ changes: expertChanges, reason: z.string().trim().min(1, 'rule:required').max(500) });

/** Stored changes keep identifiers encrypted: the request waits in the database for days. */
function sealChanges(changes: ExpertChanges, cipher: FieldCipher): Record<string, unknown> {
  const { passportNumber, phone, ...rest } = changes;
  return {
    ...rest,
    ...(passportNumber !== undefined ? { passportNumberEncrypted: cipher.encrypt(passportNumber), passportMasked: maskPassport(passportNumber) } : {}),
    ...(phone !== undefined ? { phoneEncrypted: phone === null ? null : cipher.encrypt(phone), phoneChanged: true } : {}),
  };
}

function openChanges(stored: Record<string, unknown>, cipher: FieldCipher): Record<string, unknown> {
  const { passportNumberEncrypted, passportMasked: _masked, phoneEncrypted, phoneChanged, ...rest } = stored;
  return {
    ...rest,
    ...(typeof passportNumberEncrypted === 'string' ? { passportNumber: cipher.decrypt(passportNumberEncrypted) } : {}),
    ...(phoneChanged ? { phone: typeof phoneEncrypted === 'string' ? cipher.decrypt(phoneEncrypted) : null } : {}),
  };
}

/** What a reviewer sees of the requested changes: identifiers masked, a new phone number only as "changed". */
function shownChanges(stored: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const { passportNumberEncrypted: _p, passportMasked, phoneEncrypted, phoneChanged, ...rest } = stored;
  const phone = t(locale, phoneEncrypted === null ? 'correction.phoneRemoved' : 'correction.phoneChanged');
  return { ...rest, ...(passportMasked ? { passportNumber: passportMasked } : {}), ...(phoneChanged ? { phone } : {}) };
}

interface CorrectionRow {
  id: string;
  expert_id: string;
  expert_name: string;
  unit_id: string;
  unit_name: string | null;
  supervising_unit_id: string | null;
  changes: Record<string, unknown>;
  reason: string;
  state: CorrectionState;
  version: number;
  requested_by_name: string | null;
  created_at: Date;
}

const CORRECTION_SELECT = `select c.id, c.expert_id, e.name as expert_name, c.unit_id, d.unit_name, c.supervising_unit_id, c.changes, c.reason,
    c.state, c.version, c.requested_by_name, c.created_at
  from experts.corrections c join experts.experts e on e.id = c.expert_id left join admin.unit_directory d on d.unit_id = c.unit_id`;

const subjectOf = (r: CorrectionRow): FlowSubject<CorrectionState> => ({
  id: r.id,
  state: r.state,
  version: r.version,
  unitId: r.unit_id,
  supervisingUnitId: r.supervising_unit_id,
});

const listQuery = paging.extend({ state: z.enum(['pending', 'approved', 'rejected']).optional().default('pending') });

export function registerCorrectionRoutes(app: ExpertsApp, ctx: ModuleContext): void {
  const { db, cipher } = ctx;

  app.post('/experts/:id/corrections', async (c) => {
    const actor = c.var.identity;
    requireRole(actor, INVITING_ROLES);
    const id = requireObjectId(c.req.param('id'));
    await requireUnitStanding(db, actor);
    const { changes, reason } = await parseJson(c, correctionRequest, EXPERT_LABELS);
    if (!Object.keys(changes).length) throw CorrectionErrors.CORRECTION_EMPTY();
    const correctionId = await db.transaction(async (tx) => {
      const row = await findExpert(tx, actor, id, { forUpdate: true });
      const pending = await tx.query(`select 1 from experts.corrections where expert_id = $1 and state = 'pending'`, [id]);
      if (pending.rows.length) throw CorrectionErrors.CORRECTION_PENDING();
      if (!permissionsOf(actor, row, false).correct) {
        if (!row.locked) throw CorrectionErrors.CORRECTION_NOT_NEEDED();
        throw CommonErrors.FORBIDDEN();
      }
      const { rows } = await tx.query<{ id: string }>(
        `insert into experts.corrections (expert_id, unit_id, supervising_unit_id, changes, reason, requested_by, requested_by_name)
         select $1, unit_id, supervising_unit_id, $3, $4, $5, $6 from admin.unit_directory where unit_id = $2 returning id`,
        [id, actor.unit.id, JSON.stringify(sealChanges(changes, cipher)), reason, actor.userId, actor.displayName],
      );
      const created = rows[0]!.id;
      await writeAudit(tx, { actor, action: 'expert_correction.request', objectType: 'expert', objectId: id, after: { correctionId: created, changes: auditView(changes) }, reason, ...requestMeta(c) });
      return created;
    });
    return c.json({ id: correctionId }, 201);
  });

  app.get('/corrections', async (c) => {
    const actor = c.var.identity;
    const query = parseQuery(c, listQuery, EXPERT_LABELS);
    const scope = scopeCondition(actor.scope, { unit: 'c.unit_id', supervisingUnit: 'c.supervising_unit_id' });
    const { rows, total } = await listPage<CorrectionRow>(db, {
      select: CORRECTION_SELECT,
      where: [scope.sql, `c.state = $${scope.params.length + 1}`],
      params: [...scope.params, query.state],
      orderBy: 'x.created_at desc, x.id',
      limit: query.limit,
      offset: query.offset,
    });
    const currents = await Promise.all(rows.map((r) => findExpert(db, actor, r.expert_id).then(toRecordView, () => null)));
    return c.json({
      items: rows.map((r, i) => ({
        id: r.id,
        expert: { id: r.expert_id, name: r.expert_name },
        unit: { id: r.unit_id, name: r.unit_name },
        changes: shownChanges(r.changes, localeOf(c)),
        current: currents[i],
        reason: r.reason,
        state: r.state,
        version: r.version,
        requestedByName: r.requested_by_name,
        createdAt: new Date(r.created_at).toISOString(),
        actions: allowedActions(correctionFlow, subjectOf(r), actor),
      })),
      total,
    });
  });

  app.post('/corrections/:id/transition', async (c) => {
    const actor: Identity = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    const locale = localeOf(c);
    const request = await parseJson(c, transitionRequest(correctionFlow), TRANSITION_LABELS);
    const scope = scopeCondition(actor.scope, { unit: 'c.unit_id', supervisingUnit: 'c.supervising_unit_id' }, 2);
    const { rows } = await db.query<CorrectionRow>(`${CORRECTION_SELECT} where c.id = $1 and ${scope.sql}`, [id, ...scope.params]);
    const correction = rows[0];
    if (!correction) throw CommonErrors.NOT_FOUND();
    const meta = requestMeta(c);
    const after = await fireTransition(db, correctionFlow, CORRECTIONS, {
      id,
      action: request.action,
      actor,
      expectedVersion: request.version,
      ...(request.reason ? { reason: request.reason } : {}),
      ...meta,
      // The approved change is applied in the transition's own transaction: both happen, or neither.
      alongside: async (tx) => {
        await tx.query('update experts.corrections set decided_at = now() where id = $1', [id]);
        if (request.action !== 'approve') return;
        const changes = validate(expertChanges, openChanges(correction.changes, cipher), locale, EXPERT_LABELS);
        const expert = await findExpert(tx, actor, correction.expert_id, { forUpdate: true });
        await applyChanges(tx, cipher, actor, expert, changes, { locale, action: 'expert.correct', reason: correction.reason, ...meta });
      },
    });
    return c.json({ id, state: after.state, version: after.version });
  });
}
