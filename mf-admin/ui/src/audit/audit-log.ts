// The audit log screen's plain logic: its search form as query parameters (shared by the table and the Excel
// export), and how a recorded action and summary are shown.

export const AUDIT_API = '/api/admin/audit';

export interface AuditFilter {
  /** [from, to] as YYYY-MM-DD Beijing days, from the picker. */
  days: [string, string] | null;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  requestId: string;
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

/** Where an action's label lives (`notice.publish` → admin.audit.action.notice.publish); null for odd codes. */
export function actionLabelKey(action: string): string | null {
  return /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(action) ? `admin.audit.action.${action}` : null;
}

/** A before/after summary, indented for reading; null when nothing was recorded. */
export function prettySummary(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
