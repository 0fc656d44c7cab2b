// The 审核记录 timeline: what the pages' `history` holds, newest first, and the i18n key of each action.

export interface HistoryEntry {
  at: string;
  /** `<flow>.<action>` (e.g. `unit_registration.submit`) or `<object>.<change>` (e.g. `unit.update`). */
  action: string;
  actor: string | null;
  actorUnit: string | null;
  reason: string | null;
}

/** The message key of an action under a page's labels (`admin.units.historyAction`), or null when not one we name. */
export function historyActionKey(prefix: string, action: string): string | null {
  return /^[a-z][a-z_]*\.[a-z][a-z_]*$/.test(action) ? `${prefix}.${action}` : null;
}

/** Newest first: a reviewer reads what happened last before what happened first. */
export function newestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return [...entries].reverse().sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** Colours of the timeline's dots: returns and rejections red, approvals green, the rest neutral. */
export function historyDotType(action: string): 'success' | 'danger' | 'primary' | 'info' {
  const verb = action.slice(action.indexOf('.') + 1);
  if (/(^|_)(return|reject)$/.test(verb) || verb === 'disable') return 'danger';
  if (/(^|_)approve$/.test(verb)) return 'success';
  if (/^submit|resubmit/.test(verb)) return 'primary';
  return 'info';
}
