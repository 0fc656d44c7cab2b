import { describe, expect, it } from 'vitest';
import { createKitI18n } from './i18n.ts';
import { REVIEW_STATUSES, statusLabelKey, statusTagType } from './status.ts';

const expected = {
  'zh-CN': {
    draft: '草稿',
    submitted: '已提交',
    supervising_review: '归口审核中',
    national_review: '国家审核中',
    returned: '已退回',
    approved: '已批复',
    rejected: '未通过',
  },
  'en-US': {
    draft: 'Draft',
    submitted: 'Submitted',
    supervising_review: 'Supervising review',
    national_review: 'National review',
    returned: 'Returned',
    approved: 'Approved',
    rejected: 'Rejected',
  },
} as const;

describe('status tag labels', () => {
  it.each(['zh-CN', 'en-US'] as const)('labels every review state in %s', (locale) => {
    const { t } = createKitI18n(locale).global;
    for (const status of REVIEW_STATUSES) {
      expect(t(statusLabelKey(status)!)).toBe(expected[locale][status]);
    }
  });

  it('colours approved green, returned and rejected red, reviews amber', () => {
    expect(statusTagType('approved')).toBe('success');
    expect(statusTagType('returned')).toBe('danger');
    expect(statusTagType('rejected')).toBe('danger');
    expect(statusTagType('supervising_review')).toBe('warning');
    expect(statusTagType('national_review')).toBe('warning');
  });

  it('shows an unknown state raw in a neutral tag', () => {
    expect(statusLabelKey('archived')).toBeNull();
    expect(statusTagType('archived')).toBe('info');
  });
});
