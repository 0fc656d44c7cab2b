// 认领申请: a unit asks to add to its own library an expert another unit entered. It must know the nationality,
// passport number, name and birth date (all four match, or the answer is the same "no such expert"); asking is
// rationed and audited (library-probes.ts). The unit that entered the record accepts or declines with a reason,
// the national level may decide too, the claimant may withdraw while it waits; the review-flow engine moves it.
// Until it is accepted the claimant's unit is not among the expert's units, so the record, its identifiers, CV,
// photo and visits stay closed to it: it sees only its claim (what it typed, the passport masked, the state).
// The one door to claims for the routes and the to-do; the statements are in claim-repository.ts.
import {
  allowedActions,
  CommonErrors,
  type Db,
  defineErrors,
  defineFlow,
  fireTransition,
  type FlowTable,
  type Identity,
  type Locale,
  type ModuleContext,
  paging,
  type Queryable,
  requireRole,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { type ProbeGuard, sameName } from '../library-probes.ts';
import { t } from '../messages.ts';
import { expertFields, maskPassport, passportHash } from '../record.ts';
import { requireUnitStanding } from '../unit-standing.ts';
import {
  addClaimantUnit,
  CLAIM_STATES,
  claimPage,
  type ClaimRow,
  claimTarget,
  insertClaim,
  lockExpertStatus,
  overdueClaims,
  pendingClaimId,
  recordDecision,
  selectClaim,
  unitClaimLines,
} from './claim-repository.ts';
import { ExpertErrors, INVITING_ROLES, type WriteMeta } from './experts.ts';

export { CLAIM_STATES, type ClaimState } from './claim-repository.ts';

const staffOf = (actor: Identity, unitId: string) => INVITING_ROLES.includes(actor.role) && actor.unit.id === unitId;

/**
 * The claim's flow, given the unit that entered the record: the subject's unit is the claimant's (the claim is its
 * request), and the decision belongs to a unit the engine's subject does not carry, so the table is drawn per claim.
 */
export function claimFlow(ownerUnitId: string) {
  const decides = (actor: Identity) => staffOf(actor, ownerUnitId) || actor.role === 'national_admin';
  return defineFlow({
    name: 'expert_claim',
    states: CLAIM_STATES,
    transitions: {
      accept: { from: ['pending'], to: 'accepted', allowed: decides },
      decline: { from: ['pending'], to: 'declined', allowed: decides, requiresReason: true },
      withdraw: { from: ['pending'], to: 'withdrawn', allowed: (actor, claim) => staffOf(actor, claim.unitId) },
    },
  });
}
export type ClaimFlow = ReturnType<typeof claimFlow>;
export type ClaimAction = 'accept' | 'decline' | 'withdraw';

const CLAIMS: FlowTable = {
  table: 'experts.claims',
  objectType: 'expert_claim',
  columns: { id: 'id', state: 'state', version: 'version', unitId: 'unit_id', supervisingUnitId: 'supervising_unit_id' },
};

export const ClaimErrors = defineErrors({
  /** Unknown passport and a passport whose name or birth date differ read exactly alike. */
  EXPERT_CLAIM_NO_MATCH: {
    status: 404,
    'zh-CN': '专家库中没有国籍、护照号码、姓名和出生日期均与所填一致的专家。请核对护照信息后重试,或新增专家。',
    'en-US': 'No expert in the library matches this nationality, passport number, name and date of birth. Check the passport and try again, or add the expert.',
  },
});

export const claimRequest = z.object({
  nationality: expertFields.nationality,
  passportNumber: expertFields.passportNumber,
  name: expertFields.name,
  birthDate: expertFields.birthDate,
  note: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((v) => v || null),
});
export type ClaimRequest = z.output<typeof claimRequest>;

export const claimListQuery = paging.extend({
  side: z.enum(['mine', 'incoming']).optional().default('incoming'),
  state: z.enum([...CLAIM_STATES, 'all']).optional().default('pending'),
});
export type ClaimListQuery = z.output<typeof claimListQuery>;

/** Which claims a person sees: its unit's own (either side), every claim for the national level, none otherwise. */
function claimScope(actor: Identity, side: 'mine' | 'incoming' | 'any', first: number): { sql: string; params: unknown[] } {
  if (actor.role === 'national_admin') return { sql: 'true', params: [] };
  if (!INVITING_ROLES.includes(actor.role)) return { sql: 'false', params: [] };
  if (side === 'mine') return { sql: `c.unit_id = $${first}`, params: [actor.unit.id] };
  if (side === 'incoming') return { sql: `c.owner_unit_id = $${first}`, params: [actor.unit.id] };
  return { sql: `(c.unit_id = $${first} or c.owner_unit_id = $${first})`, params: [actor.unit.id] };
}

/**
 * A claim as this person may see it. The claimant sees what it typed, the passport masked and the outcome; the
 * record itself (and the unit that entered it) only once accepted, through its own scope. The deciding side sees
 * which of its experts is asked for and by whom.
 */
function claimView(row: ClaimRow, actor: Identity) {
  const deciding = actor.role === 'national_admin' || actor.unit.id === row.owner_unit_id;
  const actions = allowedActions(claimFlow(row.owner_unit_id), { id: row.id, state: row.state, version: row.version, unitId: row.unit_id, supervisingUnitId: row.supervising_unit_id }, actor);
  return {
    id: row.id,
    side: deciding ? ('deciding' as const) : ('claimant' as const),
    state: row.state,
    version: row.version,
    name: row.typed_name,
    birthDate: row.birth_date,
    nationality: row.nationality.trim(),
    passportMasked: row.passport_masked,
    note: row.note,
    requestedByName: row.requested_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decidedByName: deciding ? row.decided_by_name : null,
    decisionReason: row.decision_reason,
    /** The record: for the deciding side always; for the claimant once it is in its unit's library. */
    expert: deciding || row.state === 'accepted' ? { id: row.expert_id, name: row.expert_name, chineseName: row.expert_chinese_name } : null,
    claimantUnit: { id: row.unit_id, name: row.unit_name },
    actions: actions as ClaimAction[],
  };
}
export type ClaimView = ReturnType<typeof claimView>;

async function claimFor(db: Queryable, actor: Identity, id: string): Promise<ClaimRow> {
  const row = await selectClaim(db, id, claimScope(actor, 'any', 2));
  if (!row) throw CommonErrors.NOT_FOUND();
  return row;
}

/** A unit asking for claims must be an employer unit with an approved registration; asked before the body is read. */
export async function requireClaiming(db: Queryable, actor: Identity): Promise<void> {
  requireRole(actor, INVITING_ROLES);
  await requireUnitStanding(db, actor);
}

/**
 * Asks for an expert: the claim and whether it is new; `{ claim: null, expertId }` when the expert is already in
 * the caller's unit's library; EXPERT_CLAIM_NO_MATCH for anything else.
 */
export async function submitClaim(
  ctx: ModuleContext,
  guard: ProbeGuard,
  actor: Identity,
  input: ClaimRequest,
  meta: WriteMeta,
): Promise<{ claim: ClaimView | null; expertId: string | null; created: boolean }> {
  const { db, cipher } = ctx;
  await guard.spend(actor, 1, meta);
  const passport = maskPassport(input.passportNumber);
  const found = await claimTarget(db, passportHash(cipher, input.nationality, input.passportNumber), actor.unit.id);
  if (!found || !sameName(found.name, input.name) || found.birth_date !== input.birthDate) {
    // Who tried which passport (masked) and when; whether the number alone was right is for the auditor only.
    await writeAudit(db, {
      actor,
      action: 'expert_claim.no_match',
      objectType: 'expert',
      objectId: found?.id ?? 'claim',
      after: { nationality: input.nationality, passport: passport, passportKnown: Boolean(found) },
      ...meta,
    });
    throw ClaimErrors.EXPERT_CLAIM_NO_MATCH();
  }
  if (found.in_unit) return { claim: null, expertId: found.id, created: false };
  const result = await db.transaction(async (tx) => {
    const id = await insertClaim(tx, {
      expertId: found.id,
      unitId: actor.unit.id,
      ownerUnitId: found.created_by_unit_id,
      typedName: input.name,
      birthDate: input.birthDate,
      nationality: input.nationality,
      passportMasked: passport,
      note: input.note,
      requestedBy: actor.userId,
      requestedByName: actor.displayName,
    });
    if (!id) return { id: await pendingClaimId(tx, found.id, actor.unit.id), created: false };
    await writeAudit(tx, {
      actor,
      action: 'expert_claim.submit',
      objectType: 'expert',
      objectId: found.id,
      after: { claimId: id, nationality: input.nationality, passport },
      ...meta,
    });
    return { id, created: true };
  });
  return { claim: claimView(await claimFor(db, actor, result.id), actor), expertId: null, created: result.created };
}

export async function listClaims(db: Queryable, actor: Identity, query: ClaimListQuery) {
  const { rows, total } = await claimPage(db, claimScope(actor, query.side, 1), query.state, { limit: query.limit, offset: query.offset });
  return { items: rows.map((r) => claimView(r, actor)), total };
}

export async function claimOf(db: Queryable, actor: Identity, id: string): Promise<ClaimView> {
  return claimView(await claimFor(db, actor, id), actor);
}

/** The claim (404 outside the caller's claims) and its flow, read before the request is parsed against that flow. */
export async function claimForDecision(db: Queryable, actor: Identity, id: string): Promise<{ claim: ClaimRow; flow: ClaimFlow }> {
  const claim = await claimFor(db, actor, id);
  return { claim, flow: claimFlow(claim.owner_unit_id) };
}

/** Accept, decline or withdraw; an accepted claim adds the claimant's unit to the expert's units in the same transaction. */
export async function decideClaim(
  db: Db,
  actor: Identity,
  target: { claim: ClaimRow; flow: ClaimFlow },
  request: { action: ClaimAction; version: number; reason?: string | undefined },
  meta: WriteMeta,
) {
  const { claim, flow } = target;
  // Accepting adds an expert to a unit's library: an expert write like any other.
  if (request.action === 'accept' && actor.role !== 'national_admin') await requireUnitStanding(db, actor);
  const after = await fireTransition(db, flow, CLAIMS, {
    id: claim.id,
    action: request.action,
    actor,
    expectedVersion: request.version,
    ...(request.reason ? { reason: request.reason } : {}),
    ...meta,
    alongside: async (tx) => {
      await recordDecision(tx, claim.id, request.action === 'withdraw' ? null : actor.displayName, request.reason ?? null);
      if (request.action !== 'accept') return;
      if ((await lockExpertStatus(tx, claim.expert_id)) !== 'active') throw ExpertErrors.EXPERT_MERGED();
      await addClaimantUnit(tx, claim.expert_id, claim.unit_id);
    },
  });
  return { id: claim.id, state: after.state, version: after.version };
}

/** The to-do lines of claims (see todo.ts): what waits for a unit's decision, and what became of its own. */
export async function claimsWaiting(db: Queryable, actor: Identity, locale: Locale) {
  if (actor.role === 'national_admin') {
    // The owning unit has not answered in a week: the national level may decide instead.
    return (await overdueClaims(db)).map((r) => ({ title: t(locale, 'todo.claimOverdue', { name: r.name }), since: r.since }));
  }
  if (!INVITING_ROLES.includes(actor.role)) return [];
  const title = (kind: string, name: string) => {
    if (kind === 'incoming') return t(locale, 'todo.claimIncoming', { name });
    if (kind === 'accepted') return t(locale, 'todo.claimAccepted', { name });
    return t(locale, 'todo.claimDeclined', { name });
  };
  return (await unitClaimLines(db, actor.unit.id)).map((r) => ({ title: title(r.kind, r.name), since: r.since }));
}
