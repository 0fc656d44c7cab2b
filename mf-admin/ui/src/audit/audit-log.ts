// The audit log screen's plain logic: its search form as query parameters (shared by the table and the Excel export),
// and what a row shows. The server answers every record in the reader's words (mf-admin/api/audit-reader.ts); the
// screen adds a code only where the catalogue has no words for it, for support.

export const AUDIT_API = '/api/admin/audit';

export interface AuditFilter {
  /** [from, to] as YYYY-MM-DD Beijing days, from the picker. */
  days: [string, string] | null;
  actor: string;
  /** An action code, or a group's prefix ending in "." (e.g. `unit_registration.`), picked by name. */
  action: string;
  objectType: string;
  objectId: string;
  requestId: string;
}

export interface AuditChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface AuditObject {
  type: string;
  typeLabel: string;
  id: string;
  name: string | null;
  link: string | null;
}

export interface AuditRecord {
  id: string;
  at: string;
  actor: { userId: string; username: string; displayName: string | null; unitId: string | null; unitName: string | null; role: string };
  action: string;
  actionLabel: string;
  actionKnown: boolean;
  roleLabel: string;
  object: AuditObject;
  changes: AuditChange[];
  reason: string | null;
  requestId: string | null;
  clientIp: string | null;
}

/** GET /audit/catalogue: what the search form offers, named. */
export interface AuditCatalogue {
  actionGroups: Array<{ code: string; label: string; actions: Array<{ code: string; label: string }> }>;
  objectTypes: Array<{ code: string; label: string }>;
}

export const emptyAuditFilter = (): AuditFilter => ({ days: null, actor: '', action: '', objectType: '', objectId: '', requestId: '' });

/** The filter as the API's query: trimmed, empty ones left out. */
export function auditQuery(filter: AuditFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (filter.days?.[0]) out['from'] = filter.days[0];
  if (filter.days?.[1]) out['to'] = filter.days[1];
  for (const key of ['actor', 'action', 'objectType', 'objectId', 'requestId'] as const) {
    const value = filter[key].trim();
    if (value) out[key] = value;
  }
  return out;
}

/** The export link for what the table shows: a plain GET the browser downloads with the session cookie. */
export function exportUrl(filter: AuditFilter): string {
  const qs = new URLSearchParams(auditQuery(filter)).toString();
  return `${AUDIT_API}/export${qs ? `?${qs}` : ''}`;
}

/** The action code a row shows beside its label: only for an action the catalogue does not name (support reads it). */
export function supportCode(record: Pick<AuditRecord, 'action' | 'actionKnown'>): string | null {
  return record.actionKnown ? null : record.action;
}

/** What a row's 对象 cell reads: the kind, and the name when there is one. */
export function objectText(object: AuditObject): { kind: string; name: string | null } {
  return { kind: object.typeLabel, name: object.name };
}

/** Every text a row of the table shows, in order (what a reader sees; a test checks it holds no code for known actions). */
export function rowTexts(record: AuditRecord): string[] {
  const code = supportCode(record);
  const { kind, name } = objectText(record.object);
  return [
    record.actor.displayName || record.actor.username,
    record.actor.unitName ?? '',
    record.roleLabel,
    record.actionLabel,
    ...(code ? [code] : []),
    kind,
    name ?? '',
  ].filter(Boolean);
}

/** One change as a line: `状态:草稿 → 归口管理单位审核中`, or just the new value when there was none before. */
export function changeLine(change: AuditChange, locale: 'zh-CN' | 'en-US' = 'zh-CN', empty = '—'): string {
  const after = change.after ?? empty;
  const label = `${change.label}${locale === 'zh-CN' ? ':' : ': '}`;
  return change.before === null ? `${label}${after}` : `${label}${change.before} → ${after}`;
}

/** Where a record's link goes: a page of 系统管理 through its own router, any other area through the shell. */
export function linkTarget(link: string, areaBase = '/admin'): { inArea: string } | { elsewhere: string } {
  if (link === areaBase || link.startsWith(`${areaBase}/`)) return { inArea: link.slice(areaBase.length) || '/' };
  return { elsewhere: link };
}
