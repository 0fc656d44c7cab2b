// A user's live sessions (会话) as the diagnostics API lists them, and what the session screen derives from them.
import type { TagType } from '@wgzj/shell/kit';

export interface SessionAccount {
  id: string;
  username: string;
  displayName: string;
  unitName: string;
  status: string;
}

export interface SessionItem {
  /** The stored (hashed) session id: safe to show, useless as a cookie. */
  key: string;
  createdAt: string;
  lastSeenAt: string;
  /** Signed in through the portal; false for the legacy username-and-password door (老用户). */
  viaPortal: boolean;
}

export interface SessionLookup {
  user: SessionAccount | null;
  items: SessionItem[];
}

export const ACCOUNT_STATUSES = ['active', 'pending_review', 'disabled'] as const;

const STATUS_TAGS: Record<(typeof ACCOUNT_STATUSES)[number], TagType> = {
  active: 'success',
  pending_review: 'warning',
  disabled: 'danger',
};

export function accountStatusTagType(status: string): TagType {
  return (ACCOUNT_STATUSES as readonly string[]).includes(status) ? STATUS_TAGS[status as keyof typeof STATUS_TAGS] : 'info';
}

export function accountStatusLabelKey(status: string): string | null {
  return (ACCOUNT_STATUSES as readonly string[]).includes(status) ? `admin.diagnostics.accountStatus.${status}` : null;
}

/** Enough of the key to tell a user's sessions apart when talking about them. */
export function shortSessionKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 12)}…` : key;
}

/** The username as looked up, or null when there is nothing to look up. */
export function sessionLookupUsername(input: string): string | null {
  const username = input.trim();
  return username ? username : null;
}
