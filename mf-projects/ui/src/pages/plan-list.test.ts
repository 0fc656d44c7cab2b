import { describe, expect, it } from 'vitest';
import { emptyPlanFilter, exportUrl, isEmployer, planQuery, stateLabelKey, stateTagType, viewLabelKey, viewsOf } from './plan-list.ts';
import { PLAN_STATES } from './plan-types.ts';

describe('项目库 search', () => {
  it('asks for everything in scope by default', () => {
    expect(planQuery(emptyPlanFilter())).toEqual({});
    expect(exportUrl(emptyPlanFilter())).toBe('/api/projects/plans/export');
  });

  it('sends the view and every condition filled in, trimmed', () => {
    const filter = { ...emptyPlanFilter('review'), title: ' 量子 ', status: 'returned' as const, year: '2027', projectType: 'young_foreign_talent', family: 'talent' as const, unitName: '北京' };
    expect(planQuery(filter)).toEqual({ view: 'review', title: '量子', status: 'returned', year: '2027', projectType: 'young_foreign_talent', family: 'talent', unitName: '北京' });
  });

  it('exports exactly the applied search', () => {
    const url = exportUrl({ ...emptyPlanFilter('mine'), title: '人工智能', year: '2027' });
    const parsed = new URL(url, 'http://x');
    expect(parsed.pathname).toBe('/api/projects/plans/export');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ view: 'mine', title: '人工智能', year: '2027' });
  });
});

describe('views per role', () => {
  it('gives employers 全部, 待修改 and 本单位', () => {
    expect(viewsOf('employer_handler')).toEqual(['all', 'review', 'mine']);
    expect(viewLabelKey('review', 'employer_admin')).toBe('projects.view.reviewEmployer');
    expect(isEmployer('employer_admin')).toBe(true);
  });

  it('gives reviewing roles 全部 and their queue, named for what it holds', () => {
    expect(viewsOf('supervising_user')).toEqual(['all', 'review']);
    expect(viewsOf('national_admin')).toEqual(['all', 'review']);
    expect(viewLabelKey('review', 'supervising_user')).toBe('projects.view.review');
    expect(viewLabelKey('review', 'expert_reviewer')).toBe('projects.view.reviewReviewer');
  });

  it('gives technical support and an unknown session the whole list only', () => {
    expect(viewsOf('support')).toEqual(['all']);
    expect(viewsOf(undefined)).toEqual(['all']);
    expect(isEmployer('support')).toBe(false);
  });

  it('colours every state, and an unknown one neutrally', () => {
    for (const s of PLAN_STATES) expect(stateTagType(s)).toMatch(/primary|success|info|warning|danger/);
    expect(stateTagType('approved')).toBe('success');
    expect(stateTagType('returned')).toBe('danger');
    expect(stateTagType('whatever')).toBe('info');
    expect(stateLabelKey('expert_review')).toBe('projects.state.expert_review');
    expect(stateLabelKey('whatever')).toBeNull();
    expect(stateLabelKey('toString')).toBeNull();
  });
});
