import { describe, expect, it } from 'vitest';
import { messages } from '../messages.ts';
import {
  USER_REVIEW_STATES,
  USER_STATUSES,
  canChangeRole,
  canCreateUsers,
  reviewStateLabelKey,
  reviewStateTagType,
  userReviewActionsOf,
  userStatusLabelKey,
  userStatusTagType,
} from './user-page.ts';

describe('用户管理', () => {
  it('colours and labels account and review states, unknown ones raw and neutral', () => {
    expect(userStatusTagType('active')).toBe('success');
    expect(userStatusTagType('disabled')).toBe('danger');
    expect(userStatusTagType('frozen')).toBe('info');
    expect(userStatusLabelKey('pending_review')).toBe('admin.users.status.pending_review');
    expect(userStatusLabelKey('frozen')).toBeNull();
    expect(reviewStateTagType('rejected')).toBe('danger');
    expect(reviewStateTagType('pending')).toBe('warning');
    expect(reviewStateLabelKey('approved')).toBe('admin.users.reviewState.approved');
    expect(reviewStateLabelKey('x')).toBeNull();
  });

  it('offers the review buttons the server allows', () => {
    expect(userReviewActionsOf(['approve', 'reject'])).toEqual({ approve: 'approve', return: 'reject' });
    expect(userReviewActionsOf(['resubmit'])).toEqual({ approve: null, return: null });
  });

  it('lets only employer administrators add users, and changes roles only of a unit’s own people', () => {
    expect(canCreateUsers('employer_admin')).toBe(true);
    expect(canCreateUsers('supervising_user')).toBe(false);
    expect(canCreateUsers(undefined)).toBe(false);
    expect(canChangeRole({ manageable: true, role: 'employer_handler' })).toBe(true);
    expect(canChangeRole({ manageable: true, role: 'supervising_user' })).toBe(false);
    expect(canChangeRole({ manageable: false, role: 'employer_admin' })).toBe(false);
  });

  it('labels every state, action and history entry in both languages', () => {
    const lookup = (tree: unknown, path: string) =>
      path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], tree);
    const keys = [
      ...USER_STATUSES.map((s) => `admin.users.status.${s}`),
      ...USER_REVIEW_STATES.map((s) => `admin.users.reviewState.${s}`),
      ...['approve', 'reject', 'resubmit', 'disable', 'enable'].map((a) => `admin.users.done.${a}`),
      ...['approve', 'reject', 'resubmit'].map((a) => `admin.users.historyAction.user_review.${a}`),
      ...['create', 'update', 'disable', 'enable'].map((a) => `admin.users.historyAction.user.${a}`),
      ...['required', 'username', 'displayName', 'mobile', 'email', 'idNumber'].map((r) => `admin.users.rule.${r}`),
    ];
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const key of keys) expect(typeof lookup(messages[locale], key), `${locale} ${key}`).toBe('string');
    }
  });
});
