// What the plans API and the plan screens name alike: the states of a plan and the funding fields of a visit.

export const PLAN_STATES = ['draft', 'supervising_review', 'national_review', 'expert_review', 'returned', 'approved', 'rejected'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/** A visit's funding as entered: money in fen, the two day counts in days. */
export const FUNDING_FIELDS = [
  'internationalTravel',
  'livingPerDay',
  'livingDays',
  'pocketPerDay',
  'pocketDays',
  'intercityTransport',
  'salary',
  'other',
] as const;
export type FundingField = (typeof FUNDING_FIELDS)[number];
