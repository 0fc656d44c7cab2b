// The flow table says who may edit a plan in which state and whom each state waits for; these check that what it says
// agrees with its transitions, and that the to-do's condition built from it is the one the to-do always had.
import type { Identity } from '@wgzj/gateway/kit';
import { describe, expect, it } from 'vitest';
import { mayEdit, PARTY_OF_ROLE, PLAN_EDITING, planFlow, type PlanParty, type PlanState, statesWaitingFor, WAITS_FOR } from './plan-flow.ts';
import { waitingCondition } from './services/plan-repository.ts';

const UNIT = '00000000-0000-4000-8000-000000000001';
const SUPERVISOR = '00000000-0000-4000-8000-000000000002';
const person = (role: string, unitId: string, kind = 'employer'): Identity =>
  ({ userId: 'u1', username: 'x', displayName: 'x', role, unit: { id: unitId, name: 'x', kind }, scope: { level: 'unit' } }) as unknown as Identity;
const plan = (state: PlanState) => ({ id: 'p', state, version: 1, unitId: UNIT, supervisingUnitId: SUPERVISOR });

describe('the plan flow table', () => {
  it('lets the own unit edit exactly where a submit can start', () => {
    const submitFrom = new Set([...planFlow.transitions.submit.from, ...planFlow.transitions.submit_direct.from]);
    expect(new Set(PLAN_EDITING.states)).toEqual(submitFrom);
    expect(mayEdit(person('employer_handler', UNIT), plan('draft'))).toBe(true);
    expect(mayEdit(person('employer_admin', UNIT), plan('returned'))).toBe(true);
    expect(mayEdit(person('employer_handler', UNIT), plan('supervising_review'))).toBe(false);
    expect(mayEdit(person('employer_handler', SUPERVISOR), plan('draft'))).toBe(false);
    expect(mayEdit(person('supervising_user', SUPERVISOR), plan('draft'))).toBe(false);
  });

  it('waits only for a party that can move the plan on from there (a reviewer scores outside the flow)', () => {
    const actorOf: Record<Exclude<PlanParty, 'assignedReviewer'>, Identity> = {
      ownUnit: person('employer_handler', UNIT),
      supervisingUnit: person('supervising_user', SUPERVISOR),
      national: person('national_admin', 'n'),
    };
    for (const [state, parties] of Object.entries(WAITS_FOR) as Array<[PlanState, readonly PlanParty[]]>) {
      for (const party of parties) {
        if (party === 'assignedReviewer') continue;
        const moves = Object.values(planFlow.transitions).filter((t) => t.from.includes(state) && t.allowed(actorOf[party], plan(state)));
        expect(moves.length, `${state} waits for ${party}`).toBeGreaterThan(0);
      }
    }
    expect(statesWaitingFor('national')).toEqual(['national_review', 'expert_review']);
  });

  it('builds the to-do condition each role always had', () => {
    const unit = { id: UNIT, name: 'x', kind: 'employer' };
    const who = (role: string) => ({ ...person(role, UNIT), unit }) as Identity;
    expect(waitingCondition(who('supervising_user'), 3)).toEqual({ sql: `p.supervising_unit_id = $3 and p.status = 'supervising_review'`, params: [UNIT] });
    expect(waitingCondition(who('national_admin'), 1)).toEqual({ sql: `p.status in ('national_review', 'expert_review')`, params: [] });
    expect(waitingCondition(who('expert_reviewer'), 2)).toEqual({
      sql: `p.status = 'expert_review' and exists (select 1 from projects.plan_reviews r where r.plan_id = p.id and r.reviewer_id = $2 and r.submitted_at is null)`,
      params: ['u1'],
    });
    for (const role of ['employer_handler', 'employer_admin']) {
      expect(waitingCondition(who(role), 1)).toEqual({ sql: `p.unit_id = $1 and p.status = 'returned'`, params: [UNIT] });
    }
    expect(waitingCondition(who('support'), 1)).toBeNull();
    expect(Object.keys(PARTY_OF_ROLE).sort()).toEqual(['employer_admin', 'employer_handler', 'expert_reviewer', 'national_admin', 'supervising_user']);
  });
});
