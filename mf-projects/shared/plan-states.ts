// The one copy of what a plan's states are called, for the plans API (lists, the why-line, exports) and the plan
// screens alike. The kit's review statuses (shell/kit/status.ts) are another table, for areas without their own:
// a plan screen never shows them.
import type { PlanState } from './plan-shapes.ts';

export const PLAN_STATE_NAMES = {
  'zh-CN': {
    draft: '草稿',
    supervising_review: '归口管理单位审核中',
    national_review: '国家审核中',
    expert_review: '专家评审中',
    returned: '已退回',
    approved: '已批复',
    rejected: '不予批复',
  },
  'en-US': {
    draft: 'Draft',
    supervising_review: 'With the supervising unit',
    national_review: 'With the national level',
    expert_review: 'In expert review',
    returned: 'Returned',
    approved: 'Approved',
    rejected: 'Rejected',
  },
} as const satisfies Record<'zh-CN' | 'en-US', Record<PlanState, string>>;
