// Whose accounts an administrator may look up and whose password it may reset (问题七, 忘记密码或帐号): one rule,
// used by the admin area's account lookup and by the gateway's password reset.
import type { Identity } from './identity.ts';

/**
 * - a supervising unit's user (归口管理单位): accounts of the employer units it supervises;
 * - technical support (技术支持): accounts of supervising units;
 * - the national administrator: every account;
 * - anyone else: none (null), refused with 403.
 */
export type AccountReach = { kind: 'supervised_employers'; supervisingUnitId: string } | { kind: 'supervising_units' } | { kind: 'all' };

export function accountReachOf(actor: Pick<Identity, 'role' | 'unit'>): AccountReach | null {
  switch (actor.role) {
    case 'supervising_user':
      return { kind: 'supervised_employers', supervisingUnitId: actor.unit.id };
    case 'support':
      return { kind: 'supervising_units' };
    case 'national_admin':
      return { kind: 'all' };
    default:
      return null;
  }
}

/** What the rule looks at on the target account: its unit's kind and that unit's supervising unit. */
export interface ReachTarget {
  unitKind: string;
  supervisingUnitId: string | null;
}

export function accountInReach(reach: AccountReach, target: ReachTarget): boolean {
  switch (reach.kind) {
    case 'all':
      return true;
    case 'supervising_units':
      return target.unitKind === 'supervising';
    case 'supervised_employers':
      return target.unitKind === 'employer' && target.supervisingUnitId === reach.supervisingUnitId;
  }
}

/** The same rule as a SQL condition over the target's unit columns, parameters numbered from `firstParam`. */
export function accountReachCondition(
  reach: AccountReach,
  columns: { unitKind: string; supervisingUnit: string },
  firstParam = 1,
): { sql: string; params: unknown[] } {
  switch (reach.kind) {
    case 'all':
      return { sql: 'true', params: [] };
    case 'supervising_units':
      return { sql: `${columns.unitKind} = 'supervising'`, params: [] };
    case 'supervised_employers':
      return { sql: `(${columns.unitKind} = 'employer' and ${columns.supervisingUnit} = $${firstParam})`, params: [reach.supervisingUnitId] };
  }
}
