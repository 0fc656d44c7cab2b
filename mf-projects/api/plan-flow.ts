// The review chain of a plan (项目/平台计划审核流程) as data: employer unit → supervising unit → national level, a
// ministry university straight to the national level; expert review (专家评审) and approval (批复) at the end.
import { defineFlow, type FlowSubject, type FlowTable, type Identity, type Locale } from '@wgzj/gateway/kit';
import { isEmployerRole } from '@wgzj/gateway/kit/shared/roles';

import { PLAN_STATES, type PlanState } from '../shared/plan-shapes.ts';
import { PLAN_STATE_NAMES } from '../shared/plan-states.ts';

export { PLAN_STATES, type PlanState };

const ownUnit = (actor: Identity, plan: FlowSubject<string>) => isEmployerRole(actor.role) && actor.unit.id === plan.unitId;
const ownEmployer = (actor: Identity, plan: FlowSubject<string>) => ownUnit(actor, plan) && actor.unit.kind === 'employer';
const ownMinistryUniversity = (actor: Identity, plan: FlowSubject<string>) => ownUnit(actor, plan) && actor.unit.kind === 'ministry_university';
const itsSupervisor = (actor: Identity, plan: FlowSubject<string>) =>
  actor.role === 'supervising_user' && plan.supervisingUnitId !== null && actor.unit.id === plan.supervisingUnitId;
const national = (actor: Identity) => actor.role === 'national_admin';

export const planFlow = defineFlow({
  name: 'plan',
  states: PLAN_STATES,
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'supervising_review', allowed: ownEmployer },
    submit_direct: { from: ['draft', 'returned'], to: 'national_review', allowed: ownMinistryUniversity },
    // 撤回: only while the next level has not acted, i.e. the plan still waits at the first level it reached.
    withdraw: { from: ['supervising_review'], to: 'draft', allowed: ownEmployer },
    withdraw_direct: { from: ['national_review'], to: 'draft', allowed: ownMinistryUniversity },
    supervising_approve: { from: ['supervising_review'], to: 'national_review', allowed: itsSupervisor },
    supervising_return: { from: ['supervising_review'], to: 'returned', allowed: itsSupervisor, requiresReason: true },
    supervising_reject: { from: ['supervising_review'], to: 'rejected', allowed: itsSupervisor, requiresReason: true },
    // Also during expert review: a reviewer who cannot score is joined by another.
    assign_reviewers: { from: ['national_review', 'expert_review'], to: 'expert_review', allowed: national },
    national_return: { from: ['national_review', 'expert_review'], to: 'returned', allowed: national, requiresReason: true },
    national_reject: { from: ['national_review', 'expert_review'], to: 'rejected', allowed: national, requiresReason: true },
    national_approve: { from: ['national_review', 'expert_review'], to: 'approved', allowed: national },
  },
});
export type FlowAction = keyof typeof planFlow.transitions;

/** Who may change a plan's content (申报书) and in which states: its own unit's handlers, while a draft or returned.
 * The editor's page mode, autosave, uploads and deletion read this; nothing else says it. */
export const PLAN_EDITING = {
  states: ['draft', 'returned'] as const satisfies readonly PlanState[],
  allowed: ownUnit,
};

/** Whether this person may change the plan's content now. */
export const mayEdit = (actor: Identity, plan: FlowSubject<PlanState>) =>
  (PLAN_EDITING.states as readonly PlanState[]).includes(plan.state) && PLAN_EDITING.allowed(actor, plan);

/** Who a plan can wait for: its own unit, its supervising unit, the national level, a reviewer assigned to it. */
export type PlanParty = 'ownUnit' | 'supervisingUnit' | 'national' | 'assignedReviewer';

/** Whom each state waits for (待办, the list's 待我审核); a state not named waits for nobody. */
export const WAITS_FOR = {
  supervising_review: ['supervisingUnit'],
  national_review: ['national'],
  expert_review: ['national', 'assignedReviewer'],
  returned: ['ownUnit'],
} as const satisfies Partial<Record<PlanState, readonly PlanParty[]>>;

/** The party a role stands for; a role not named is waited for by no plan. */
export const PARTY_OF_ROLE: Readonly<Record<string, PlanParty>> = {
  employer_handler: 'ownUnit',
  employer_admin: 'ownUnit',
  supervising_user: 'supervisingUnit',
  national_admin: 'national',
  expert_reviewer: 'assignedReviewer',
};

/** The states in which plans wait for this party, in the flow's order. */
export function statesWaitingFor(party: PlanParty): PlanState[] {
  const waits: Partial<Record<PlanState, readonly PlanParty[]>> = WAITS_FOR;
  return PLAN_STATES.filter((state) => waits[state]?.includes(party));
}

export const PLANS_TABLE: FlowTable = {
  table: 'projects.plans',
  objectType: 'plan',
  columns: { id: 'id', state: 'status', version: 'version', unitId: 'unit_id', supervisingUnitId: 'supervising_unit_id' },
};

/** What a person asks for on the screen; which flow action it is depends on who they are and where the plan is. */
export const ACTIONS = ['submit', 'withdraw', 'approve', 'return', 'reject', 'assign_reviewers'] as const;
export type Action = (typeof ACTIONS)[number];

const FLOW_ACTIONS: Record<Action, readonly FlowAction[]> = {
  submit: ['submit', 'submit_direct'],
  withdraw: ['withdraw', 'withdraw_direct'],
  approve: ['supervising_approve', 'national_approve'],
  return: ['supervising_return', 'national_return'],
  reject: ['supervising_reject', 'national_reject'],
  assign_reviewers: ['assign_reviewers'],
};

export const actionOf = (flowAction: FlowAction): Action => ACTIONS.find((a) => FLOW_ACTIONS[a].includes(flowAction))!;

/** The flow action behind a screen action for this person on this plan, or null when none applies. */
export function flowActionFor(action: Action, subject: FlowSubject<PlanState>, actor: Identity): FlowAction | null {
  for (const candidate of FLOW_ACTIONS[action]) {
    const rule = planFlow.transitions[candidate];
    if (rule.from.includes(subject.state) && rule.allowed(actor, subject)) return candidate;
  }
  return null;
}

/** Each state's name in both languages, from the names the plan screens show too. */
export const STATE_NAMES = Object.fromEntries(
  PLAN_STATES.map((state) => [state, { 'zh-CN': PLAN_STATE_NAMES['zh-CN'][state], 'en-US': PLAN_STATE_NAMES['en-US'][state] }]),
) as Record<PlanState, { 'zh-CN': string; 'en-US': string }>;

export const ACTION_NAMES: Record<FlowAction, { 'zh-CN': string; 'en-US': string }> = {
  submit: { 'zh-CN': '提交', 'en-US': 'Submitted' },
  submit_direct: { 'zh-CN': '提交', 'en-US': 'Submitted' },
  withdraw: { 'zh-CN': '撤回', 'en-US': 'Withdrawn' },
  withdraw_direct: { 'zh-CN': '撤回', 'en-US': 'Withdrawn' },
  supervising_approve: { 'zh-CN': '归口管理单位审核通过', 'en-US': 'Approved by the supervising unit' },
  supervising_return: { 'zh-CN': '归口管理单位退回修改', 'en-US': 'Returned by the supervising unit' },
  supervising_reject: { 'zh-CN': '归口管理单位审核不通过', 'en-US': 'Rejected by the supervising unit' },
  assign_reviewers: { 'zh-CN': '分配评审专家', 'en-US': 'Reviewers assigned' },
  national_return: { 'zh-CN': '国家管理员退回修改', 'en-US': 'Returned by the national level' },
  national_reject: { 'zh-CN': '不予批复', 'en-US': 'Rejected by the national level' },
  national_approve: { 'zh-CN': '批复', 'en-US': 'Approved' },
};

export type Localised = { 'zh-CN': string; 'en-US': string };
export const pick = (text: Localised, locale: Locale) => text[locale];
