// Whether the caller's unit may apply yet: an employer unit or ministry university whose registration
// (用人单位注册审核, admin.unit_directory.registration_state) is not approved starts no plan (新报计划) and submits
// none (提交) — such a plan would wait at a level no one reviews. One rule, asked by both routes and by the screens
// before the user starts. (The expert library holds the same rule for its writes in mf-experts/api/unit-standing.ts:
// areas share no code.)
import { AppError, type ErrorSpec, type Identity, type Locale, type Queryable } from '@wgzj/gateway/kit';

export type RegistrationState = 'draft' | 'supervising_review' | 'national_review' | 'returned' | 'approved';

const WRITING_ROLES: ReadonlySet<string> = new Set(['employer_handler', 'employer_admin']);

/** What to do, per state; the refusal and the screens' note say the same. */
const PENDING: Record<Exclude<RegistrationState, 'approved'>, Omit<ErrorSpec, 'status'>> = {
  draft: {
    'zh-CN': '本单位的注册信息尚未提交审核:请先完善本单位信息并提交注册审核,审核通过后即可新报计划、提交计划。',
    'en-US': "Your unit's registration has not been submitted: complete your unit's information and submit it for review; once it is approved you can start and submit plans.",
  },
  supervising_review: {
    'zh-CN': '本单位的注册信息正在等待归口管理单位审核,审核通过后即可新报计划、提交计划。',
    'en-US': "Your unit's registration is waiting for its supervising unit's review; once it is approved you can start and submit plans.",
  },
  national_review: {
    'zh-CN': '本单位的注册信息正在等待国家审核,审核通过后即可新报计划、提交计划。',
    'en-US': "Your unit's registration is waiting for the national review; once it is approved you can start and submit plans.",
  },
  returned: {
    'zh-CN': '本单位的注册信息已被退回:请按退回理由修改后重新提交注册审核,审核通过后即可新报计划、提交计划。',
    'en-US': "Your unit's registration was returned: correct it as the reasons say and submit it again; once it is approved you can start and submit plans.",
  },
};

export interface UnitStanding {
  /** The unit's registration state; `approved` for callers the rule does not concern (national, supervising). */
  state: RegistrationState;
  mayWrite: boolean;
  /** What to do, in the caller's language; null when they may write. */
  message: string | null;
  /** The unit's registration page in 系统管理, where it is completed and submitted. */
  registrationPage: string | null;
}

async function stateOf(db: Queryable, actor: Identity): Promise<RegistrationState> {
  if (!WRITING_ROLES.has(actor.role)) return 'approved';
  const { rows } = await db.query<{ registration_state: RegistrationState }>('select registration_state from admin.unit_directory where unit_id = $1', [
    actor.unit.id,
  ]);
  // A unit the directory does not know yet is one still to register.
  return rows[0]?.registration_state ?? 'draft';
}

export async function unitStanding(db: Queryable, actor: Identity, locale: Locale): Promise<UnitStanding> {
  const state = await stateOf(db, actor);
  if (state === 'approved') return { state, mayWrite: true, message: null, registrationPage: null };
  return { state, mayWrite: false, message: PENDING[state][locale], registrationPage: `/admin/units/${actor.unit.id}` };
}

/** Refuses (403 UNIT_REGISTRATION_PENDING) a new plan or a submission by a unit whose registration is not approved. */
export async function requireUnitStanding(db: Queryable, actor: Identity): Promise<void> {
  const state = await stateOf(db, actor);
  if (state !== 'approved') throw new AppError('UNIT_REGISTRATION_PENDING', { status: 403, ...PENDING[state] });
}
