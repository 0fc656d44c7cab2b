// Whether the caller's unit may write in a business area yet: an employer unit or ministry university whose
// registration (用人单位注册审核, admin.unit_directory.registration_state, published by the admin area) is not
// approved writes nothing there. One rule for every area; each area says what becomes possible once approved, so the
// refusal and the screens' note say what to do and what it opens (新增专家…, 新报计划…).
import { AppError, type ErrorSpec, type Locale } from './errors.ts';
import type { Identity } from './identity.ts';
import type { Queryable } from './db.ts';
import { isEmployerRole } from './shared/roles.ts';

export type RegistrationState = 'draft' | 'supervising_review' | 'national_review' | 'returned' | 'approved';

export interface UnitStanding {
  /** The unit's registration state; `approved` for callers the rule does not concern (national, supervising). */
  state: RegistrationState;
  mayWrite: boolean;
  /** What to do, in the caller's language; null when they may write. */
  message: string | null;
  /** The unit's registration page in 系统管理, where it is completed and submitted. */
  registrationPage: string | null;
}

/** What an approved registration opens in an area, as the end of a sentence: 新增、修改或认领专家 / add, edit and claim experts. */
export interface StandingConsequence {
  'zh-CN': string;
  'en-US': string;
}

function pendingTexts(then: StandingConsequence): Record<Exclude<RegistrationState, 'approved'>, Omit<ErrorSpec, 'status'>> {
  return {
    draft: {
      'zh-CN': `本单位的注册信息尚未提交审核:请先完善本单位信息并提交注册审核,审核通过后即可${then['zh-CN']}。`,
      'en-US': `Your unit's registration has not been submitted: complete your unit's information and submit it for review; once it is approved you can ${then['en-US']}.`,
    },
    supervising_review: {
      'zh-CN': `本单位的注册信息正在等待归口管理单位审核,审核通过后即可${then['zh-CN']}。`,
      'en-US': `Your unit's registration is waiting for its supervising unit's review; once it is approved you can ${then['en-US']}.`,
    },
    national_review: {
      'zh-CN': `本单位的注册信息正在等待国家审核,审核通过后即可${then['zh-CN']}。`,
      'en-US': `Your unit's registration is waiting for the national review; once it is approved you can ${then['en-US']}.`,
    },
    returned: {
      'zh-CN': `本单位的注册信息已被退回:请按退回理由修改后重新提交注册审核,审核通过后即可${then['zh-CN']}。`,
      'en-US': `Your unit's registration was returned: correct it as the reasons say and submit it again; once it is approved you can ${then['en-US']}.`,
    },
  };
}

async function stateOf(db: Queryable, actor: Identity): Promise<RegistrationState> {
  if (!isEmployerRole(actor.role)) return 'approved';
  const { rows } = await db.query<{ registration_state: RegistrationState }>('select registration_state from admin.unit_directory where unit_id = $1', [
    actor.unit.id,
  ]);
  // A unit the directory does not know yet is one still to register.
  return rows[0]?.registration_state ?? 'draft';
}

/**
 * The rule for one area: `unitStanding` for the screens (GET /unit-standing), `requireUnitStanding` for every write
 * (403 UNIT_REGISTRATION_PENDING, in the same words).
 */
export function defineUnitStanding(then: StandingConsequence) {
  const pending = pendingTexts(then);
  return {
    async unitStanding(db: Queryable, actor: Identity, locale: Locale): Promise<UnitStanding> {
      const state = await stateOf(db, actor);
      if (state === 'approved') return { state, mayWrite: true, message: null, registrationPage: null };
      return { state, mayWrite: false, message: pending[state][locale], registrationPage: `/admin/units/${actor.unit.id}` };
    },
    async requireUnitStanding(db: Queryable, actor: Identity): Promise<void> {
      const state = await stateOf(db, actor);
      if (state !== 'approved') throw new AppError('UNIT_REGISTRATION_PENDING', { status: 403, ...pending[state] });
    },
  };
}
