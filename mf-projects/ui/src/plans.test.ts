import { describe, expect, it } from 'vitest';
import { emptyPlanFilter, filterPlans, type PlanRow } from './plans.ts';

const rows: PlanRow[] = [
  { id: '1', title: '高端外国专家引进计划', projectType: '高端外专', unitName: '清华大学', status: 'approved', year: 2026, updatedAt: '' },
  { id: '2', title: '外国青年人才计划', projectType: '青年人才', unitName: '某研究所', status: 'draft', year: 2025, updatedAt: '' },
];

describe('filterPlans', () => {
  it('matches title words, status, type and the picked year', () => {
    expect(filterPlans(rows, emptyPlanFilter())).toHaveLength(2);
    expect(filterPlans(rows, { ...emptyPlanFilter(), title: '青年' }).map((r) => r.id)).toEqual(['2']);
    expect(filterPlans(rows, { ...emptyPlanFilter(), status: 'approved' }).map((r) => r.id)).toEqual(['1']);
    expect(filterPlans(rows, { ...emptyPlanFilter(), year: '2025' }).map((r) => r.id)).toEqual(['2']);
    expect(filterPlans(rows, { ...emptyPlanFilter(), projectType: '高端外专', unitName: '清华' }).map((r) => r.id)).toEqual(['1']);
  });
});
