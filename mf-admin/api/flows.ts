// The admin area's reviewed objects as state machines (data for the kit's review-flow engine): who may move a
// unit's registration or a new user's account, from where to where. Screens ask `allowedActions`; routes fire.
import { defineFlow, type FlowSubject, type FlowTable, type Identity } from '@wgzj/gateway/kit';
import { isEmployerRole } from '@wgzj/gateway/kit/shared/roles';

const isStaffOf = (actor: Identity, subject: FlowSubject<string>) => isEmployerRole(actor.role) && actor.unit.id === subject.unitId;
const supervises = (actor: Identity, subject: FlowSubject<string>) =>
  actor.role === 'supervising_user' && subject.supervisingUnitId !== null && actor.unit.id === subject.supervisingUnitId;
const isNational = (actor: Identity) => actor.role === 'national_admin';

/** Reads a waits-for table: whom a subject waits for among the parties this person stands for, and in which states a
 * party is waited for (in the flow's order). */
function waitingReader<S extends string, P extends string>(
  states: readonly S[],
  waitsFor: Partial<Record<S, readonly P[]>>,
  parties: Record<P, (actor: Identity, subject: FlowSubject<string>) => boolean>,
) {
  return {
    waitsOn: (actor: Identity, subject: FlowSubject<S>): P[] => (waitsFor[subject.state] ?? []).filter((party) => parties[party](actor, subject)),
    statesWaitingFor: (party: P): S[] => states.filter((state) => waitsFor[state]?.includes(party)),
  };
}

export const UNIT_STATES = ['draft', 'supervising_review', 'national_review', 'returned', 'approved'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

/**
 * 用人单位审核流程: an employer unit goes to its supervising unit, then the national level; a ministry
 * university (部属高校) goes to the national level directly. A submitter withdraws while the next level has not
 * acted; a supervising unit recalls its approval while the national level has not acted.
 */
export const unitRegistrationFlow = defineFlow({
  name: 'unit_registration',
  states: UNIT_STATES,
  transitions: {
    submit: {
      from: ['draft', 'returned'],
      to: 'supervising_review',
      allowed: (a, s) => isStaffOf(a, s) && a.unit.kind === 'employer',
    },
    submit_to_national: {
      from: ['draft', 'returned'],
      to: 'national_review',
      allowed: (a, s) => isStaffOf(a, s) && a.unit.kind === 'ministry_university',
    },
    withdraw: { from: ['supervising_review'], to: 'draft', allowed: isStaffOf },
    withdraw_from_national: {
      from: ['national_review'],
      to: 'draft',
      allowed: (a, s) => isStaffOf(a, s) && a.unit.kind === 'ministry_university',
    },
    supervising_approve: { from: ['supervising_review'], to: 'national_review', allowed: supervises },
    supervising_return: { from: ['supervising_review'], to: 'returned', allowed: supervises, requiresReason: true },
    recall: { from: ['national_review'], to: 'supervising_review', allowed: supervises },
    national_approve: { from: ['national_review'], to: 'approved', allowed: isNational },
    national_return: { from: ['national_review'], to: 'returned', allowed: isNational, requiresReason: true },
  },
});
export type UnitAction = keyof typeof unitRegistrationFlow.transitions;

/** Who a unit's registration can wait for: its own people, its supervising unit, the national level. */
export type UnitParty = 'ownUnit' | 'supervisingUnit' | 'national';

/** Whether this person stands for that party of this unit. */
export const UNIT_PARTIES: Record<UnitParty, (actor: Identity, subject: FlowSubject<string>) => boolean> = {
  ownUnit: isStaffOf,
  supervisingUnit: supervises,
  national: isNational,
};

/** Who may change a unit's information (单位信息) and in which states: its own people, while a draft or returned.
 * The unit page's edit mode, the save and the 待办 read this; nothing else says it. */
export const UNIT_EDITING = {
  states: ['draft', 'returned'] as const satisfies readonly UnitState[],
  party: 'ownUnit' as const satisfies UnitParty,
};

/** Whom each registration state waits for (待办, the page's review mode); a state not named waits for nobody. */
export const UNIT_WAITS_FOR = {
  draft: ['ownUnit'],
  returned: ['ownUnit'],
  supervising_review: ['supervisingUnit'],
  national_review: ['national'],
} as const satisfies Partial<Record<UnitState, readonly UnitParty[]>>;

/** Whether this person may change the unit's information now. */
export const mayEditUnit = (actor: Identity, unit: FlowSubject<UnitState>) =>
  (UNIT_EDITING.states as readonly UnitState[]).includes(unit.state) && UNIT_PARTIES[UNIT_EDITING.party](actor, unit);

const unitWaiting = waitingReader(UNIT_STATES, UNIT_WAITS_FOR, UNIT_PARTIES);
/** The parties this unit waits for in its state that this person stands for. */
export const unitWaitsOn = unitWaiting.waitsOn;
/** The states in which units wait for this party, in the flow's order. */
export const unitStatesWaitingFor = unitWaiting.statesWaitingFor;

/** The party of a unit a role stands for (its 待办); a role not named is waited for by no unit. */
export const UNIT_PARTY_OF_ROLE: Readonly<Record<string, UnitParty>> = {
  employer_handler: 'ownUnit',
  employer_admin: 'ownUnit',
  supervising_user: 'supervisingUnit',
  national_admin: 'national',
};

export const UNIT_TABLE: FlowTable = {
  table: 'admin.units',
  objectType: 'unit',
  columns: { id: 'id', state: 'registration_state', version: 'version', unitId: 'id', supervisingUnitId: 'supervising_unit_id' },
};

export const USER_STATES = ['pending', 'approved', 'rejected'] as const;
export type UserState = (typeof USER_STATES)[number];

/** Who reviews a new user (用户审核): the unit's supervising unit, or the national level for a unit without one. */
const reviewsUsersOf = (actor: Identity, subject: FlowSubject<string>) =>
  supervises(actor, subject) || (isNational(actor) && subject.supervisingUnitId === null);

/** 用户审核: a user an employer administrator adds waits for review before the account opens. */
export const userReviewFlow = defineFlow({
  name: 'user_review',
  states: USER_STATES,
  transitions: {
    approve: { from: ['pending'], to: 'approved', allowed: reviewsUsersOf },
    reject: { from: ['pending'], to: 'rejected', allowed: reviewsUsersOf, requiresReason: true },
    resubmit: { from: ['rejected'], to: 'pending', allowed: (a, s) => a.role === 'employer_admin' && a.unit.id === s.unitId },
  },
});
export type UserAction = keyof typeof userReviewFlow.transitions;

/** Who a new user can wait for: the unit's supervising unit, the national level (for a unit without one), the
 * unit's own administrator (事项管理员, who adds users and resubmits a rejected one). */
export type UserParty = 'supervisingUnit' | 'national' | 'unitAdministrator';

export const USER_PARTIES: Record<UserParty, (actor: Identity, subject: FlowSubject<string>) => boolean> = {
  supervisingUnit: supervises,
  national: (actor, subject) => isNational(actor) && subject.supervisingUnitId === null,
  unitAdministrator: (actor, subject) => actor.role === 'employer_admin' && actor.unit.id === subject.unitId,
};

/** Whom each review state waits for (待办, the page's review mode); a state not named waits for nobody. */
export const USER_WAITS_FOR = {
  pending: ['supervisingUnit', 'national'],
  rejected: ['unitAdministrator'],
} as const satisfies Partial<Record<UserState, readonly UserParty[]>>;

const userWaiting = waitingReader(USER_STATES, USER_WAITS_FOR, USER_PARTIES);
/** The parties this user waits for in its state that this person stands for. */
export const userWaitsOn = userWaiting.waitsOn;
/** The states in which users wait for this party, in the flow's order. */
export const userStatesWaitingFor = userWaiting.statesWaitingFor;

/** The party of a user a role stands for (its 待办); a role not named is waited for by no user. */
export const USER_PARTY_OF_ROLE: Readonly<Record<string, UserParty>> = {
  employer_admin: 'unitAdministrator',
  supervising_user: 'supervisingUnit',
  national_admin: 'national',
};

/** Who may change an approved user's role, contact or status (用户管理): the unit's own administrator, its supervising
 * unit, the national level; in no other state. */
export const USER_MANAGING = {
  states: ['approved'] as const satisfies readonly UserState[],
  allowed: (actor: Identity, subject: FlowSubject<string>) =>
    isNational(actor) ||
    (actor.role === 'employer_admin' && actor.unit.id === subject.unitId) ||
    (actor.role === 'supervising_user' && subject.supervisingUnitId === actor.unit.id),
};

/** Whether this person manages this user at all (whatever its state). */
export const managesUser = (actor: Identity, user: FlowSubject<string>) => USER_MANAGING.allowed(actor, user);

/** Whether this person may change the user now. */
export const mayManageUser = (actor: Identity, user: FlowSubject<UserState>) =>
  (USER_MANAGING.states as readonly UserState[]).includes(user.state) && managesUser(actor, user);

export const USER_TABLE: FlowTable = {
  table: 'admin.users',
  objectType: 'user',
  columns: {
    id: 'id',
    state: 'review_state',
    version: 'version',
    unitId: 'unit_id',
    // The users table has no supervising unit of its own: it is the unit's.
    supervisingUnitId: '(select n.supervising_unit_id from admin.units n where n.id = admin.users.unit_id)',
  },
};
