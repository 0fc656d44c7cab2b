import { describe, expect, it } from 'vitest';
import { historyActionKey, historyDotType, newestFirst, type HistoryEntry } from './review-history.ts';

const entry = (at: string, action: string): HistoryEntry => ({ at, action, actor: '张三', actorUnit: null, reason: null });

describe('审核记录', () => {
  it('keys flow actions and changes under the page prefix, nothing for anything else', () => {
    expect(historyActionKey('admin.units.historyAction', 'unit_registration.submit')).toBe(
      'admin.units.historyAction.unit_registration.submit',
    );
    expect(historyActionKey('admin.units.historyAction', 'unit.update')).toBe('admin.units.historyAction.unit.update');
    expect(historyActionKey('p', 'weird action')).toBeNull();
    expect(historyActionKey('p', 'a.b.c')).toBeNull();
  });

  it('lists the newest first, later-recorded first within the same instant', () => {
    const list = [entry('2026-01-01T00:00:00Z', 'unit.update'), entry('2026-01-02T00:00:00Z', 'unit_registration.submit'), entry('2026-01-02T00:00:00Z', 'unit_registration.withdraw')];
    expect(newestFirst(list).map((e) => e.action)).toEqual(['unit_registration.withdraw', 'unit_registration.submit', 'unit.update']);
    expect(list[0]!.action).toBe('unit.update');
  });

  it('colours returns and rejections red, approvals green, submissions blue', () => {
    expect(historyDotType('unit_registration.supervising_return')).toBe('danger');
    expect(historyDotType('user_review.reject')).toBe('danger');
    expect(historyDotType('user.disable')).toBe('danger');
    expect(historyDotType('unit_registration.national_approve')).toBe('success');
    expect(historyDotType('user_review.approve')).toBe('success');
    expect(historyDotType('unit_registration.submit_to_national')).toBe('primary');
    expect(historyDotType('user_review.resubmit')).toBe('primary');
    expect(historyDotType('unit.update')).toBe('info');
  });
});
