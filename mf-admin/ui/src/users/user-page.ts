// A user as GET /api/admin/users lists it and as GET /api/admin/users/:id shows it, the list's search form, and
// what the pages derive: tag colours and labels of the account and review states, the buttons each action gets.
import type { Role, TagType, UnitKind } from '@wgzj/shell/kit';
import type { HistoryEntry } from '../components/review-history.ts';

/** 帐号状态: the account opens (active) only once 用户审核 approves it. */
export const USER_STATUSES = ['active', 'pending_review', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** 用户审核's states (admin/api/flows.ts). */
export const USER_REVIEW_STATES = ['pending', 'approved', 'rejected'] as const;
export type UserReviewState = (typeof USER_REVIEW_STATES)[number];

export type UserAction = 'approve' | 'reject' | 'resubmit';

export interface UserListItem {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  reviewState: UserReviewState;
  /** Masked by the server (138****1234). */
  mobile: string | null;
  unit: { id: string; name: string; kind: UnitKind };
  createdAt: string;
}

export interface UserPage extends UserListItem {
  /** Masked by the server. */
  idNumber: string | null;
  email: string | null;
  linkedToPortal: boolean;
  createdBy: string | null;
  version: number;
  actions: UserAction[];
  /** The role and the account status may be changed by this person. */
  manageable: boolean;
  mode: 'edit' | 'review' | 'read';
  why: string;
  history: HistoryEntry[];
}

export interface UserFilter {
  name: string;
  unitName: string;
  role: string;
  status: string;
  reviewState: string;
}

export function emptyUserFilter(): UserFilter {
  return { name: '', unitName: '', role: '', status: '', reviewState: '' };
}


const STATUS_TAGS: Record<UserStatus, TagType> = { active: 'success', pending_review: 'warning', disabled: 'danger' };
const REVIEW_TAGS: Record<UserReviewState, TagType> = { pending: 'warning', approved: 'success', rejected: 'danger' };

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export function userStatusTagType(status: string): TagType {
  return isOneOf(USER_STATUSES, status) ? STATUS_TAGS[status] : 'info';
}

/** The label's message key, or null for a state this screen does not know (shown raw). */
export function userStatusLabelKey(status: string): string | null {
  return isOneOf(USER_STATUSES, status) ? `admin.users.status.${status}` : null;
}

export function reviewStateTagType(state: string): TagType {
  return isOneOf(USER_REVIEW_STATES, state) ? REVIEW_TAGS[state] : 'info';
}

export function reviewStateLabelKey(state: string): string | null {
  return isOneOf(USER_REVIEW_STATES, state) ? `admin.users.reviewState.${state}` : null;
}

/** The review box's buttons: 通过 and 不通过, when the server offers them to this person. */
export function userReviewActionsOf(actions: readonly UserAction[]): { approve: UserAction | null; return: UserAction | null } {
  return { approve: actions.includes('approve') ? 'approve' : null, return: actions.includes('reject') ? 'reject' : null };
}

/** Only an employer administrator adds users (to its own unit). */
export function canCreateUsers(role: string | undefined): boolean {
  return role === 'employer_admin';
}

/** A role change applies to the unit's own people (事项办理员 ⇄ 事项管理员), and only when the server allows managing. */
export function canChangeRole(page: Pick<UserPage, 'manageable' | 'role'>): boolean {
  return page.manageable && (page.role === 'employer_handler' || page.role === 'employer_admin');
}
