// 项目库's list: the search form as the API's query (one function for the table and the Excel export, so the
// workbook holds what the table shows), which views each role has, and how a state is coloured.
import type { Role, TagType } from '@wgzj/shell/kit';
import { PLANS_API } from './plan-paths.ts';
import type { PlanState } from './plan-types.ts';

export type PlanView = 'all' | 'review' | 'mine';

export interface PlanFilter {
  view: PlanView;
  title: string;
  status: PlanState | '';
  /** `YYYY` from the year picker, or empty. */
  year: string;
  projectType: string;
  family: '' | 'talent' | 'platform';
  unitName: string;
}

export function emptyPlanFilter(view: PlanView = 'all'): PlanFilter {
  return { view, title: '', status: '', year: '', projectType: '', family: '', unitName: '' };
}

/** The filter as query parameters: trimmed, empty ones left out, `view=all` left to the server's default. */
export function planQuery(filter: PlanFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (filter.view && filter.view !== 'all') out['view'] = filter.view;
  for (const key of ['title', 'status', 'year', 'projectType', 'family', 'unitName'] as const) {
    const value = String(filter[key] ?? '').trim();
    if (value) out[key] = value;
  }
  return out;
}

/** The export link for the applied search: a plain GET the browser downloads with the session cookie. */
export function exportUrl(filter: PlanFilter): string {
  const qs = new URLSearchParams(planQuery(filter)).toString();
  return `${PLANS_API}/export${qs ? `?${qs}` : ''}`;
}

const EMPLOYER_ROLES: readonly Role[] = ['employer_handler', 'employer_admin'];

export const isEmployer = (role: Role | undefined): boolean => !!role && EMPLOYER_ROLES.includes(role);

/** The views a role has: everyone sees all; the review view for whoever has work waiting; 本单位 for employers. */
export function viewsOf(role: Role | undefined): PlanView[] {
  if (!role) return ['all'];
  if (isEmployer(role)) return ['all', 'review', 'mine'];
  if (role === 'supervising_user' || role === 'national_admin' || role === 'expert_reviewer') return ['all', 'review'];
  return ['all'];
}

/** The i18n key of a view's tab: 待我审核 says what it holds for each role (待修改, 待评分). */
export function viewLabelKey(view: PlanView, role: Role | undefined): string {
  if (view !== 'review') return `projects.view.${view}`;
  if (isEmployer(role)) return 'projects.view.reviewEmployer';
  if (role === 'expert_reviewer') return 'projects.view.reviewReviewer';
  return 'projects.view.review';
}

const TAG_TYPES: Record<PlanState, TagType> = {
  draft: 'info',
  supervising_review: 'warning',
  national_review: 'warning',
  expert_review: 'primary',
  returned: 'danger',
  approved: 'success',
  rejected: 'danger',
};

export function stateTagType(status: string): TagType {
  return Object.hasOwn(TAG_TYPES, status) ? TAG_TYPES[status as PlanState] : 'info';
}

/** The i18n key of a state's name, or null for a state this screen does not know (the server's name is shown). */
export function stateLabelKey(status: string): string | null {
  return Object.hasOwn(TAG_TYPES, status) ? `projects.state.${status}` : null;
}
