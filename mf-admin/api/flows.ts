// The admin area's reviewed objects as state machines (data for the kit's review-flow engine): who may move a
// unit's registration or a new user's account, from where to where. Screens ask `allowedActions`; routes fire.
import { defineFlow, type FlowSubject, type FlowTable, type Identity } from '@wgzj/gateway/kit';

const isStaffOf = (actor: Identity, subject: FlowSubject<string>) =>
  (actor.role === 'employer_admin' || actor.role === 'employer_handler') && actor.unit.id === subject.unitId;
const supervises = (actor: Identity, subject: FlowSubject<string>) =>
  actor.role === 'supervising_user' && subject.supervisingUnitId !== null && actor.unit.id === subject.supervisingUnitId;
const isNational = (actor: Identity) => actor.role === 'national_admin';

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
