// 更正申请: a change to an expert an approved plan uses. The inviting unit asks, the national level approves
// (the change is applied in the same transaction, through the expert service) or rejects with a reason; the
// review-flow engine moves it. The one door to correction requests; the statements are in correction-repository.ts.
import {
  allowedActions,
  CommonErrors,
  type Db,
  defineErrors,
  defineFlow,
  type FieldCipher,
  fireTransition,
  type FlowSubject,
  type FlowTable,
  type Identity,
  type Locale,
  type ModuleContext,
  paging,
  type Queryable,
  scopeCondition,
  validate,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { t } from '../messages.ts';
import { EXPERT_LABELS, expertChanges, type ExpertChanges, maskPassport } from '../record.ts';
import {
  CORRECTION_STATES,
  correctionPage,
  type CorrectionRow,
  type CorrectionState,
  hasPendingCorrection,
  insertCorrection,
  recordDecisionTime,
  selectCorrection,
} from './correction-repository.ts';
import { applyChanges, auditView, findExpert, permissionsOf, toRecordView, type WriteMeta } from './experts.ts';

export { CORRECTION_STATES } from './correction-repository.ts';

export const correctionFlow = defineFlow({
  name: 'expert_correction',
  states: CORRECTION_STATES,
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

export const correctionRequest = z.object({ changes: expertChanges, reason: z.string().trim().min(1, 'rule:required').max(500) });
export const correctionListQuery = paging.extend({ state: z.enum(CORRECTION_STATES).optional().default('pending') });

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

const subjectOf = (r: CorrectionRow): FlowSubject<CorrectionState> => ({
  id: r.id,
  state: r.state,
  version: r.version,
  unitId: r.unit_id,
  supervisingUnitId: r.supervising_unit_id,
});

const scopeOf = (actor: Identity, first = 1) => scopeCondition(actor.scope, { unit: 'c.unit_id', supervisingUnit: 'c.supervising_unit_id' }, first);

/** A request for the expert's record, only where an approved plan froze it and none is waiting yet. */
export async function requestCorrection(
  ctx: ModuleContext,
  actor: Identity,
  expertId: string,
  request: { changes: ExpertChanges; reason: string },
  meta: WriteMeta,
): Promise<string> {
  const { changes, reason } = request;
  if (!Object.keys(changes).length) throw CorrectionErrors.CORRECTION_EMPTY();
  return ctx.db.transaction(async (tx) => {
    const row = await findExpert(tx, actor, expertId, { forUpdate: true });
    if (await hasPendingCorrection(tx, expertId)) throw CorrectionErrors.CORRECTION_PENDING();
    if (!permissionsOf(actor, row, false).correct) {
      if (!row.locked) throw CorrectionErrors.CORRECTION_NOT_NEEDED();
      throw CommonErrors.FORBIDDEN();
    }
    const created = await insertCorrection(tx, {
      expertId,
      unitId: actor.unit.id,
      changes: sealChanges(changes, ctx.cipher),
      reason,
      requestedBy: actor.userId,
      requestedByName: actor.displayName,
    });
    await writeAudit(tx, { actor, action: 'expert_correction.request', objectType: 'expert', objectId: expertId, after: { correctionId: created, changes: auditView(changes) }, reason, ...meta });
    return created;
  });
}

/** The requests in the caller's scope, each beside the record as it is now (null when the record is out of sight). */
export async function listCorrections(db: Queryable, actor: Identity, query: z.output<typeof correctionListQuery>, locale: Locale) {
  const { rows, total } = await correctionPage(db, scopeOf(actor), query.state, { limit: query.limit, offset: query.offset });
  const currents = await Promise.all(rows.map((r) => findExpert(db, actor, r.expert_id).then(toRecordView, () => null)));
  return {
    items: rows.map((r, i) => ({
      id: r.id,
      expert: { id: r.expert_id, name: r.expert_name },
      unit: { id: r.unit_id, name: r.unit_name },
      changes: shownChanges(r.changes, locale),
      current: currents[i],
      reason: r.reason,
      state: r.state,
      version: r.version,
      requestedByName: r.requested_by_name,
      createdAt: new Date(r.created_at).toISOString(),
      actions: allowedActions(correctionFlow, subjectOf(r), actor),
    })),
    total,
  };
}

/** Approve (the change applied in the transition's own transaction: both happen, or neither) or reject. */
export async function decideCorrection(
  db: Db,
  cipher: FieldCipher,
  actor: Identity,
  id: string,
  request: { action: 'approve' | 'reject'; version: number; reason?: string | undefined },
  meta: WriteMeta & { locale: Locale },
) {
  const { locale, ...requestMeta } = meta;
  const correction = await selectCorrection(db, id, scopeOf(actor, 2));
  if (!correction) throw CommonErrors.NOT_FOUND();
  const after = await fireTransition(db, correctionFlow, CORRECTIONS, {
    id,
    action: request.action,
    actor,
    expectedVersion: request.version,
    ...(request.reason ? { reason: request.reason } : {}),
    ...requestMeta,
    alongside: async (tx) => {
      await recordDecisionTime(tx, id);
      if (request.action !== 'approve') return;
      const changes = validate(expertChanges, openChanges(correction.changes, cipher), locale, EXPERT_LABELS);
      const expert = await findExpert(tx, actor, correction.expert_id, { forUpdate: true });
      await applyChanges(tx, cipher, actor, expert, changes, { locale, action: 'expert.correct', reason: correction.reason, ...requestMeta });
    },
  });
  return { id, state: after.state, version: after.version };
}
