// Review states of plans, summaries and annual reports as users see them: a label key and a tag colour.
export const REVIEW_STATUSES = [
  'draft',
  'submitted',
  'supervising_review',
  'national_review',
  'returned',
  'approved',
  'rejected',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

const TAG_TYPES: Record<ReviewStatus, TagType> = {
  draft: 'info',
  submitted: 'primary',
  supervising_review: 'warning',
  national_review: 'warning',
  returned: 'danger',
  approved: 'success',
  rejected: 'danger',
};

export function isReviewStatus(value: string): value is ReviewStatus {
  return (REVIEW_STATUSES as readonly string[]).includes(value);
}

export function statusTagType(status: string): TagType {
  return isReviewStatus(status) ? TAG_TYPES[status] : 'info';
}

/** The i18n key of a status label, or null for a state this screen does not know (shown raw). */
export function statusLabelKey(status: string): string | null {
  return isReviewStatus(status) ? `status.${status}` : null;
}
