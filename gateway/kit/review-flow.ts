// The review-flow engine: a reviewed object's state machine as data (states, transitions, who may fire each),
// and the one door through which its state changes — a conditional update and its audit record in one
// transaction, so a stale or concurrent transition changes nothing.
import type { Identity } from './identity.ts';
import type { Db, Queryable } from './db.ts';
import { CommonErrors, defineErrors } from './errors.ts';
import { writeAudit } from './audit.ts';
import { field } from './fields.ts';
import type { FieldLabels } from './http.ts';
import { z } from 'zod';

/** What a rule needs to know about the object being moved. */
export interface FlowSubject<S extends string> {
  id: string;
  state: S;
  version: number;
  /** The unit that owns the object, and that unit's supervising unit. */
  unitId: string;
  supervisingUnitId: string | null;
}

export interface TransitionRule<S extends string> {
  from: readonly S[];
  to: S;
  /** Whether this person may fire it on this object (role, unit, level). */
  allowed: (actor: Identity, subject: FlowSubject<S>) => boolean;
  /** A return or rejection must say why. */
  requiresReason?: boolean;
}

export interface FlowDefinition<S extends string, A extends string> {
  /** Name in audit records, e.g. `unit_registration`. */
  name: string;
  states: readonly S[];
  transitions: Record<A, TransitionRule<S>>;
}

export function defineFlow<S extends string, A extends string>(flow: FlowDefinition<S, A>): FlowDefinition<S, A> {
  for (const [action, rule] of Object.entries(flow.transitions) as Array<[string, TransitionRule<S>]>) {
    for (const state of [...rule.from, rule.to]) {
      if (!flow.states.includes(state)) throw new Error(`${flow.name}.${action} names unknown state ${state}`);
    }
  }
  return flow;
}

export const FlowErrors = defineErrors({
  FLOW_STALE_VERSION: {
    status: 409,
    'zh-CN': '该事项已被他人处理或已更新,请刷新后查看最新状态。',
    'en-US': 'Someone else has already acted on this, or it changed; reload to see where it stands.',
  },
  FLOW_NOT_ALLOWED: {
    status: 403,
    'zh-CN': '当前状态下您不能执行此操作。',
    'en-US': 'You cannot do this in its current state.',
  },
  FLOW_REASON_REQUIRED: {
    status: 400,
    'zh-CN': '请填写退回或不通过的理由。',
    'en-US': 'Give the reason for returning or rejecting.',
  },
});

/** What a screen sends to move an object: the action, the version it saw, and the reason for a return. */
export function transitionRequest<S extends string, A extends string>(flow: FlowDefinition<S, A>) {
  return z.object({
    action: z.enum(Object.keys(flow.transitions) as [A, ...A[]]),
    version: field.version(),
    reason: z.string().trim().max(500).optional(),
  });
}

export const TRANSITION_LABELS: FieldLabels = {
  version: { 'zh-CN': '版本', 'en-US': 'Version' },
  action: { 'zh-CN': '操作', 'en-US': 'Action' },
  reason: { 'zh-CN': '审核意见', 'en-US': 'Comments' },
};

/** The actions this person may take on this object now: what screens offer, never re-derived elsewhere. */
export function allowedActions<S extends string, A extends string>(flow: FlowDefinition<S, A>, subject: FlowSubject<S>, actor: Identity): A[] {
  return (Object.keys(flow.transitions) as A[]).filter((action) => {
    const rule = flow.transitions[action];
    return rule.from.includes(subject.state) && rule.allowed(actor, subject);
  });
}

/** Where the flow's objects live: a table with id, state, version, unit and supervising unit columns. */
export interface FlowTable {
  table: string;
  objectType: string;
  columns: { id: string; state: string; version: string; unitId: string; supervisingUnitId: string };
}

export interface FireRequest<A extends string> {
  id: string;
  action: A;
  actor: Identity;
  /** The version the person saw; anything else means someone acted in between. */
  expectedVersion: number;
  reason?: string;
  requestId?: string;
  clientIp?: string;
  /** Further changes to the object in the same transaction (e.g. approved amount), after the state moved. */
  alongside?: (tx: Queryable, subject: FlowSubject<string>) => Promise<void>;
}

function isInvalidTextRepresentation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '22P02';
}

export async function fireTransition<S extends string, A extends string>(
  db: Db,
  flow: FlowDefinition<S, A>,
  where: FlowTable,
  request: FireRequest<A>,
): Promise<FlowSubject<S>> {
  const rule = flow.transitions[request.action];
  if (!rule) throw FlowErrors.FLOW_NOT_ALLOWED();
  if (rule.requiresReason && !request.reason?.trim()) throw FlowErrors.FLOW_REASON_REQUIRED();
  const c = where.columns;
  const select = `select ${c.id}::text as id, ${c.state} as state, ${c.version} as version, ${c.unitId}::text as unit_id,
    ${c.supervisingUnitId}::text as supervising_unit_id from ${where.table}`;
  const toSubject = (row: { id: string; state: S; version: number; unit_id: string; supervising_unit_id: string | null }): FlowSubject<S> => ({
    id: row.id,
    state: row.state,
    version: row.version,
    unitId: row.unit_id,
    supervisingUnitId: row.supervising_unit_id,
  });
  return db.transaction(async (tx) => {
    // The id is compared in the column's own type so its primary key serves the lookup; text that is no id of that
    // type (not a uuid) names no object.
    const { rows } = await tx
      .query<{ id: string; state: S; version: number; unit_id: string; supervising_unit_id: string | null }>(
        `${select} where ${c.id} = $1`,
        [request.id],
      )
      .catch((error: unknown) => {
        if (isInvalidTextRepresentation(error)) throw CommonErrors.NOT_FOUND();
        throw error;
      });
    if (!rows[0]) throw CommonErrors.NOT_FOUND();
    const before = toSubject(rows[0]);
    if (before.version !== request.expectedVersion) throw FlowErrors.FLOW_STALE_VERSION();
    if (!rule.from.includes(before.state) || !rule.allowed(request.actor, before)) throw FlowErrors.FLOW_NOT_ALLOWED();
    // The condition repeats what was checked: of several transactions that read the same version, one wins.
    const updated = await tx.query<{ id: string; state: S; version: number; unit_id: string; supervising_unit_id: string | null }>(
      `update ${where.table} set ${c.state} = $2, ${c.version} = ${c.version} + 1
       where ${c.id} = $1 and ${c.state} = $3 and ${c.version} = $4
       returning ${c.id}::text as id, ${c.state} as state, ${c.version} as version, ${c.unitId}::text as unit_id,
         ${c.supervisingUnitId}::text as supervising_unit_id`,
      [request.id, rule.to, before.state, before.version],
    );
    if (!updated.rows[0]) throw FlowErrors.FLOW_STALE_VERSION();
    const after = toSubject(updated.rows[0]);
    if (request.alongside) await request.alongside(tx, after);
    await writeAudit(tx, {
      actor: request.actor,
      action: `${flow.name}.${request.action}`,
      objectType: where.objectType,
      objectId: request.id,
      before: { state: before.state, version: before.version },
      after: { state: after.state, version: after.version },
      ...(request.reason ? { reason: request.reason } : {}),
      ...(request.requestId ? { requestId: request.requestId } : {}),
      ...(request.clientIp ? { clientIp: request.clientIp } : {}),
    });
    return after;
  });
}
