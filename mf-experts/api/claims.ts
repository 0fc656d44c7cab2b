// 认领申请: a unit asks to add to its own library an expert another unit entered. It must know the nationality,
// passport number, name and birth date (all four match, or the answer is the same "no such expert"); asking is
// rationed and audited (library-probes.ts). The unit that entered the record accepts or declines with a reason,
// the national level may decide too, the claimant may withdraw while it waits; the review-flow engine moves it.
// Until it is accepted the claimant's unit is not among the expert's units, so the record, its identifiers, CV,
// photo and visits stay closed to it: it sees only its claim (what it typed, the passport masked, the state).
import {
  allowedActions,
  CommonErrors,
  defineErrors,
  defineFlow,
  fireTransition,
  type FlowTable,
  type Identity,
  listPage,
  type Locale,
  localeOf,
  type ModuleContext,
  paging,
  parseJson,
  parseQuery,
  type Queryable,
  requestMeta,
  requireObjectId,
  requireRole,
  TRANSITION_LABELS,
  transitionRequest,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { ExpertErrors, INVITING_ROLES } from './expert-service.ts';
import type { ExpertsApp } from './experts.ts';
import { type ProbeGuard, sameName } from './library-probes.ts';
import { t } from './messages.ts';
import { EXPERT_LABELS, expertFields, maskPassport, passportHash } from './record.ts';
import { requireUnitStanding } from './unit-standing.ts';

export const CLAIM_STATES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

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

const CLAIM_LABELS = { ...EXPERT_LABELS, note: { 'zh-CN': '认领说明', 'en-US': 'Note' } };

interface ClaimRow {
  id: string;
  expert_id: string;
  expert_name: string;
  expert_chinese_name: string | null;
  unit_id: string;
  unit_name: string | null;
  supervising_unit_id: string | null;
  owner_unit_id: string;
  state: ClaimState;
  version: number;
  typed_name: string;
  birth_date: string;
  nationality: string;
  passport_masked: string;
  note: string | null;
  requested_by_name: string | null;
  created_at: Date;
  decided_at: Date | null;
  decided_by_name: string | null;
  decision_reason: string | null;
}

const CLAIM_SELECT = `select c.id, c.expert_id, e.name as expert_name, e.chinese_name as expert_chinese_name, c.unit_id, d.unit_name,
    c.supervising_unit_id, c.owner_unit_id, c.state, c.version, c.typed_name, to_char(c.birth_date, 'YYYY-MM-DD') as birth_date, c.nationality,
    c.passport_masked, c.note, c.requested_by_name, c.created_at, c.decided_at, c.decided_by_name, c.decision_reason
  from experts.claims c join experts.experts e on e.id = c.expert_id left join admin.unit_directory d on d.unit_id = c.unit_id`;

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
  const scope = claimScope(actor, 'any', 2);
  const { rows } = await db.query<ClaimRow>(`${CLAIM_SELECT} where c.id = $1 and ${scope.sql}`, [id, ...scope.params]);
  if (!rows[0]) throw CommonErrors.NOT_FOUND();
  return rows[0];
}

const listQuery = paging.extend({
  side: z.enum(['mine', 'incoming']).optional().default('incoming'),
  state: z.enum([...CLAIM_STATES, 'all']).optional().default('pending'),
});

export function registerClaimRoutes(app: ExpertsApp, ctx: ModuleContext, guard: ProbeGuard): void {
  const { db, cipher } = ctx;

  /**
   * Asks for an expert. 201 with the claim; 200 with the claim already waiting; 200 `{ claim: null, expertId }` when
   * the expert is already in the caller's unit's library; 404 EXPERT_CLAIM_NO_MATCH for anything else.
   */
  app.post('/claims', async (c) => {
    const actor = c.var.identity;
    requireRole(actor, INVITING_ROLES);
    await requireUnitStanding(db, actor);
    const input = await parseJson(c, claimRequest, CLAIM_LABELS);
    const meta = requestMeta(c);
    await guard.spend(actor, 1, meta);
    const passport = maskPassport(input.passportNumber);
    const { rows } = await db.query<{ id: string; name: string; birth_date: string | null; created_by_unit_id: string; in_unit: boolean }>(
      `select e.id, e.name, to_char(e.birth_date, 'YYYY-MM-DD') as birth_date, e.created_by_unit_id,
         exists (select 1 from experts.expert_units eu where eu.expert_id = e.id and eu.unit_id = $2) as in_unit
       from experts.experts e where e.passport_hash = $1 and e.status = 'active'`,
      [passportHash(cipher, input.nationality, input.passportNumber), actor.unit.id],
    );
    const found = rows[0];
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
    if (found.in_unit) return c.json({ claim: null, expertId: found.id });
    const result = await db.transaction(async (tx) => {
      const inserted = await tx.query<{ id: string }>(
        `insert into experts.claims (expert_id, unit_id, supervising_unit_id, owner_unit_id, typed_name, birth_date, nationality, passport_masked, note,
           requested_by, requested_by_name)
         select $1, $2, (select supervising_unit_id from admin.unit_directory where unit_id = $2), $3, $4, $5, $6, $7, $8, $9, $10
         on conflict (expert_id, unit_id) where state = 'pending' do nothing
         returning id`,
        [found.id, actor.unit.id, found.created_by_unit_id, input.name, input.birthDate, input.nationality, passport, input.note, actor.userId, actor.displayName],
      );
      if (!inserted.rows[0]) {
        const { rows: open } = await tx.query<{ id: string }>(`select id from experts.claims where expert_id = $1 and unit_id = $2 and state = 'pending'`, [
          found.id,
          actor.unit.id,
        ]);
        return { id: open[0]!.id, created: false };
      }
      const id = inserted.rows[0].id;
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
    const claim = claimView(await claimFor(db, actor, result.id), actor);
    return c.json({ claim, expertId: null }, result.created ? 201 : 200);
  });

  app.get('/claims', async (c) => {
    const actor = c.var.identity;
    const query = parseQuery(c, listQuery, CLAIM_LABELS);
    const scope = claimScope(actor, query.side, 1);
    const where = [scope.sql];
    const params = [...scope.params];
    if (query.state !== 'all') {
      params.push(query.state);
      where.push(`c.state = $${params.length}`);
    }
    const { rows, total } = await listPage<ClaimRow>(db, {
      select: CLAIM_SELECT,
      where,
      params,
      orderBy: 'x.created_at desc, x.id',
      limit: query.limit,
      offset: query.offset,
    });
    return c.json({ items: rows.map((r) => claimView(r, actor)), total });
  });

  app.get('/claims/:id', async (c) => {
    const actor = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    return c.json(claimView(await claimFor(db, actor, id), actor));
  });

  app.post('/claims/:id/transition', async (c) => {
    const actor = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    const claim = await claimFor(db, actor, id);
    const flow = claimFlow(claim.owner_unit_id);
    const request = await parseJson(c, transitionRequest(flow), TRANSITION_LABELS);
    // Accepting adds an expert to a unit's library: an expert write like any other.
    if (request.action === 'accept' && actor.role !== 'national_admin') await requireUnitStanding(db, actor);
    const after = await fireTransition(db, flow, CLAIMS, {
      id,
      action: request.action,
      actor,
      expectedVersion: request.version,
      ...(request.reason ? { reason: request.reason } : {}),
      ...requestMeta(c),
      alongside: async (tx) => {
        await tx.query('update experts.claims set decided_at = now(), decided_by_name = $2, decision_reason = $3 where id = $1', [
          id,
          request.action === 'withdraw' ? null : actor.displayName,
          request.reason ?? null,
        ]);
        if (request.action !== 'accept') return;
        const { rows } = await tx.query<{ status: string }>('select status from experts.experts where id = $1 for update', [claim.expert_id]);
        if (rows[0]?.status !== 'active') throw ExpertErrors.EXPERT_MERGED();
        await tx.query(
          `insert into experts.expert_units (expert_id, unit_id, supervising_unit_id)
           select $1, unit_id, supervising_unit_id from admin.unit_directory where unit_id = $2
           on conflict do nothing`,
          [claim.expert_id, claim.unit_id],
        );
      },
    });
    return c.json({ id, state: after.state, version: after.version });
  });
}

/** The to-do lines of claims (see todo.ts): what waits for a unit's decision, and what became of its own. */
export async function claimsWaiting(db: Queryable, actor: Identity, locale: Locale) {
  if (actor.role === 'national_admin') {
    // The owning unit has not answered in a week: the national level may decide instead.
    const { rows } = await db.query<{ name: string; since: Date }>(
      `select e.name, c.created_at as since from experts.claims c join experts.experts e on e.id = c.expert_id
       where c.state = 'pending' and c.created_at < now() - interval '7 days' order by c.created_at, c.id`,
    );
    return rows.map((r) => ({ title: t(locale, 'todo.claimOverdue', { name: r.name }), since: r.since }));
  }
  if (!INVITING_ROLES.includes(actor.role)) return [];
  const { rows } = await db.query<{ kind: 'incoming' | ClaimState; name: string; since: Date }>(
    `select 'incoming' as kind, e.name, c.created_at as since from experts.claims c join experts.experts e on e.id = c.expert_id
       where c.owner_unit_id = $1 and c.state = 'pending'
     union all
     select c.state, c.typed_name, c.decided_at from experts.claims c
       where c.unit_id = $1 and c.state in ('accepted', 'declined') and c.decided_at > now() - interval '7 days'
     order by since`,
    [actor.unit.id],
  );
  const title = (kind: string, name: string) => {
    if (kind === 'incoming') return t(locale, 'todo.claimIncoming', { name });
    if (kind === 'accepted') return t(locale, 'todo.claimAccepted', { name });
    return t(locale, 'todo.claimDeclined', { name });
  };
  return rows.map((r) => ({ title: title(r.kind, r.name), since: r.since }));
}
