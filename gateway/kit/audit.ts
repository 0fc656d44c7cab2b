// The audit log (审计日志): who did what to which object, from where, with a before/after summary. Every area
// appends through `writeAudit` in the transaction of the change it records; the table refuses updates and
// deletes (kit migration 002), and this file offers no way to try.
import { Conditions, containing } from './conditions.ts';
import type { Queryable } from './db.ts';
import type { Identity } from './identity.ts';

export interface AuditEntry {
  actor: Identity;
  /** `<flow or object>.<verb>`, e.g. `unit_registration.approve`, `user.reveal_phone`. */
  action: string;
  objectType: string;
  objectId: string;
  /** Summaries, never secrets or unmasked identifiers. */
  before?: unknown;
  after?: unknown;
  reason?: string;
  requestId?: string;
  clientIp?: string;
}

/** Appends to the audit log; pass the transaction of the change it records. */
export async function writeAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.query(
    `insert into audit.records
       (actor_user_id, actor_username, actor_display_name, actor_unit_id, actor_unit_name, actor_role, action, object_type,
        object_id, before_summary, after_summary, reason, request_id, client_ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      entry.actor.userId,
      entry.actor.username,
      entry.actor.displayName,
      entry.actor.unit.id,
      entry.actor.unit.name,
      entry.actor.role,
      entry.action,
      entry.objectType,
      entry.objectId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.reason ?? null,
      entry.requestId ?? null,
      entry.clientIp ?? null,
    ],
  );
}

export interface AuditRecord {
  id: string;
  at: string;
  actor: { userId: string; username: string; displayName: string | null; unitId: string | null; unitName: string | null; role: string };
  action: string;
  objectType: string;
  objectId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
  clientIp: string | null;
}

export interface AuditFilter {
  /** Inclusive lower and exclusive upper bound, UTC instants. */
  from?: Date;
  to?: Date;
  /** Matches the username or display name of the actor, in part. */
  actor?: string;
  /** An exact action, or a prefix ending in `.` (e.g. `unit_registration.`). */
  action?: string;
  objectType?: string;
  objectId?: string;
  requestId?: string;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_user_id: string;
  actor_username: string;
  actor_display_name: string | null;
  actor_unit_id: string | null;
  actor_unit_name: string | null;
  actor_role: string;
  action: string;
  object_type: string;
  object_id: string;
  before_summary: unknown;
  after_summary: unknown;
  reason: string | null;
  request_id: string | null;
  client_ip: string | null;
}

const toRecord = (r: AuditRow): AuditRecord => ({
  id: String(r.id),
  at: new Date(r.at).toISOString(),
  actor: {
    userId: r.actor_user_id,
    username: r.actor_username,
    displayName: r.actor_display_name,
    unitId: r.actor_unit_id,
    unitName: r.actor_unit_name,
    role: r.actor_role,
  },
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  before: r.before_summary,
  after: r.after_summary,
  reason: r.reason,
  requestId: r.request_id,
  clientIp: r.client_ip,
});

function conditions(filter: AuditFilter): Conditions {
  const where = new Conditions();
  if (filter.from) where.add((n) => `at >= ${n}`, filter.from);
  if (filter.to) where.add((n) => `at < ${n}`, filter.to);
  if (filter.actor) where.add((n) => `(actor_username ilike ${n} or actor_display_name ilike ${n})`, containing(filter.actor));
  if (filter.action) {
    if (filter.action.endsWith('.')) where.add((n) => `starts_with(action, ${n})`, filter.action);
    else where.add((n) => `action = ${n}`, filter.action);
  }
  if (filter.objectType) where.add((n) => `object_type = ${n}`, filter.objectType);
  if (filter.objectId) where.add((n) => `object_id = ${n}`, filter.objectId);
  if (filter.requestId) where.add((n) => `request_id = ${n}`, filter.requestId);
  return where;
}

/** Newest first; `total` counts every match. */
export async function searchAudit(
  db: Queryable,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ items: AuditRecord[]; total: number }> {
  const { sql, params } = conditions(filter);
  const n = params.length;
  const [rows, count] = await Promise.all([
    db.query<AuditRow>(`select * from audit.records where ${sql} order by at desc, id desc limit $${n + 1} offset $${n + 2}`, [
      ...params,
      page.limit,
      page.offset,
    ]),
    db.query<{ n: number }>(`select count(*)::int as n from audit.records where ${sql}`, params),
  ]);
  return { items: rows.rows.map(toRecord), total: count.rows[0]!.n };
}

/** The history of one object, oldest first (what a detail page shows as 审核记录). */
export async function auditTrail(db: Queryable, objectType: string, objectId: string): Promise<AuditRecord[]> {
  const { rows } = await db.query<AuditRow>(
    'select * from audit.records where object_type = $1 and object_id = $2 order by at, id',
    [objectType, objectId],
  );
  return rows.map(toRecord);
}


