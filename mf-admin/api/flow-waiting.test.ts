// The admin flow tables say who may edit a unit or manage a user in which state and whom each state waits for; these
// check that what they say agrees with the transitions, and that the page modes and the 待办 read them.
import type { Identity } from '@wgzj/gateway/kit';
import { describe, expect, it } from 'vitest';
import {
  mayEditUnit,
  mayManageUser,
  UNIT_EDITING,
  UNIT_PARTIES,
  UNIT_PARTY_OF_ROLE,
  UNIT_STATES,
  UNIT_WAITS_FOR,
  unitRegistrationFlow,
  type UnitParty,
  type UnitState,
  unitStatesWaitingFor,
  USER_PARTIES,
  USER_PARTY_OF_ROLE,
  USER_STATES,
  USER_WAITS_FOR,
  userReviewFlow,
  type UserParty,
  type UserState,
  userStatesWaitingFor,
} from './flows.ts';
import { unitPageMode } from './services/units.ts';
import { userPageMode } from './services/users.ts';

const UNIT = '00000000-0000-4000-8000-000000000001';
const SUPERVISOR = '00000000-0000-4000-8000-000000000002';
const person = (role: string, unitId: string, kind = 'employer'): Identity =>
  ({ userId: 'u1', username: 'x', displayName: 'x', role, unit: { id: unitId, name: 'x', kind }, scope: { level: 'unit' } }) as unknown as Identity;
const unit = (state: UnitState, supervisingUnitId: string | null = SUPERVISOR) => ({ id: UNIT, state, version: 1, unitId: UNIT, supervisingUnitId });
const user = (state: UserState, supervisingUnitId: string | null = SUPERVISOR) => ({ id: 'p', state, version: 1, unitId: UNIT, supervisingUnitId });

const PEOPLE = {
  handler: person('employer_handler', UNIT),
  admin: person('employer_admin', UNIT),
  ministryUniversity: person('employer_handler', UNIT, 'ministry_university'),
  otherUnit: person('employer_admin', SUPERVISOR),
  supervisor: person('supervising_user', SUPERVISOR),
  otherSupervisor: person('supervising_user', '00000000-0000-4000-8000-000000000003'),
  national: person('national_admin', 'n', 'national'),
  support: person('support', 'n', 'national'),
};

const REVIEWS: readonly string[] = ['supervising_approve', 'supervising_return', 'national_approve', 'national_return'];

describe('the unit registration flow table', () => {
  it('lets its own people edit exactly where a submission can start', () => {
    const submitFrom = new Set([...unitRegistrationFlow.transitions.submit.from, ...unitRegistrationFlow.transitions.submit_to_national.from]);
    expect(new Set(UNIT_EDITING.states)).toEqual(submitFrom);
    expect(mayEditUnit(PEOPLE.handler, unit('draft'))).toBe(true);
    expect(mayEditUnit(PEOPLE.admin, unit('returned'))).toBe(true);
    expect(mayEditUnit(PEOPLE.handler, unit('supervising_review'))).toBe(false);
    expect(mayEditUnit(PEOPLE.otherUnit, unit('draft'))).toBe(false);
    expect(mayEditUnit(PEOPLE.supervisor, unit('draft'))).toBe(false);
  });

  it('waits only for a party that can move the unit on from there', () => {
    const actorOf: Record<UnitParty, Identity> = { ownUnit: PEOPLE.handler, supervisingUnit: PEOPLE.supervisor, national: PEOPLE.national };
    for (const [state, parties] of Object.entries(UNIT_WAITS_FOR) as Array<[UnitState, readonly UnitParty[]]>) {
      for (const party of parties) {
        const moves = Object.values(unitRegistrationFlow.transitions).filter((t) => t.from.includes(state) && t.allowed(actorOf[party], unit(state)));
        expect(moves.length, `${state} waits for ${party}`).toBeGreaterThan(0);
        expect(UNIT_PARTIES[party](actorOf[party], unit(state))).toBe(true);
      }
    }
    expect(unitStatesWaitingFor('ownUnit')).toEqual(['draft', 'returned']);
    expect(unitStatesWaitingFor('supervisingUnit')).toEqual(['supervising_review']);
    expect(unitStatesWaitingFor('national')).toEqual(['national_review']);
  });

  it('gives the page the editor where the table lets edit, the review where a reviewer may act, and the 待办 the same states', () => {
    for (const who of Object.values(PEOPLE)) {
      for (const state of UNIT_STATES) {
        for (const supervising of [SUPERVISOR, null]) {
          const subject = unit(state, supervising);
          const actions = Object.entries(unitRegistrationFlow.transitions).filter(([, t]) => t.from.includes(state) && t.allowed(who, subject));
          const expected = mayEditUnit(who, subject) ? 'edit' : actions.some(([name]) => REVIEWS.includes(name)) ? 'review' : 'read';
          expect(unitPageMode(who, subject), `${who.role} on ${state}`).toBe(expected);
          // The 待办 lists a unit in a state the role's party is waited for in, and the party is this person's.
          const party = UNIT_PARTY_OF_ROLE[who.role];
          const listed = party !== undefined && unitStatesWaitingFor(party).includes(state) && UNIT_PARTIES[party](who, subject);
          expect(listed, `${who.role} to-do on ${state}`).toBe(expected === 'edit' || expected === 'review');
        }
      }
    }
  });
});

describe('the user review flow table', () => {
  it('waits for the reviewers who may approve and for the administrator who may resubmit', () => {
    const actorOf: Record<UserParty, Identity> = { supervisingUnit: PEOPLE.supervisor, national: PEOPLE.national, unitAdministrator: PEOPLE.admin };
    for (const [state, parties] of Object.entries(USER_WAITS_FOR) as Array<[UserState, readonly UserParty[]]>) {
      for (const party of parties) {
        const subject = user(state, party === 'national' ? null : SUPERVISOR);
        const moves = Object.values(userReviewFlow.transitions).filter((t) => t.from.includes(state) && t.allowed(actorOf[party], subject));
        expect(moves.length, `${state} waits for ${party}`).toBeGreaterThan(0);
      }
    }
    expect(userStatesWaitingFor('unitAdministrator')).toEqual(['rejected']);
  });

  it('gives the page the review where the person may approve, the editor where they manage an approved user, and the 待办 the same', () => {
    for (const who of Object.values(PEOPLE)) {
      for (const state of USER_STATES) {
        for (const supervising of [SUPERVISOR, null]) {
          const subject = user(state, supervising);
          const approve = userReviewFlow.transitions.approve;
          const expected = approve.from.includes(state) && approve.allowed(who, subject) ? 'review' : mayManageUser(who, subject) ? 'edit' : 'read';
          expect(userPageMode(who, subject), `${who.role} on ${state}`).toBe(expected);
          const party = USER_PARTY_OF_ROLE[who.role];
          const listed = party !== undefined && userStatesWaitingFor(party).includes(state) && USER_PARTIES[party](who, subject);
          const resubmit = userReviewFlow.transitions.resubmit;
          expect(listed, `${who.role} to-do on ${state}`).toBe(expected === 'review' || (resubmit.from.includes(state) && resubmit.allowed(who, subject)));
        }
      }
    }
    expect(mayManageUser(PEOPLE.admin, user('pending'))).toBe(false);
    expect(mayManageUser(PEOPLE.supervisor, user('approved'))).toBe(true);
    expect(mayManageUser(PEOPLE.otherSupervisor, user('approved'))).toBe(false);
  });
});
