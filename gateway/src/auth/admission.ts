// The admission checks between the portal's sign-in and a session here, declared as data: which checks each
// kind of user must pass, in order, and the refusal code each one gives. Pages and diagnostics read the same table.
import { isValidCreditCode, type Identity } from '@wgzj/gateway/kit';
import type { AdmissionCheck, AdmissionCode } from '@wgzj/gateway/kit/shared/errors';
import { portalGrantOf, type UserKind as SharedUserKind } from '@wgzj/gateway/kit/shared/roles';

/** What the portal says about the person, from the ID token and userinfo claims. */
export interface PortalProfile {
  subject: string;
  username: string;
  name: string;
  accountKind: string; // natural 自然人 | legal 法人
  realnameStatus: string; // verified | pending | unverified
  idNumber?: string;
  phone?: string;
  email?: string;
  unit: { name: string; creditCode: string; kind: string } | null;
  /** Grants for this system made by the unit's legal-person account: handler 事项办理员, admin 事项管理员. */
  grants: string[];
  sid?: string;
}

export type LocalAccount = Identity & { status: string };

// The codes and the check names are the shared contract's, which the diagnostics screens read too.
export { ADMISSION_CODES, type AdmissionCode } from '@wgzj/gateway/kit/shared/errors';

interface CheckContext {
  profile: PortalProfile;
  account: LocalAccount | null;
}

/** Each check answers null (passed) or the refusal it stands for. */
export const CHECKS = {
  identity_kind: ({ profile }: CheckContext) => (profile.accountKind === 'natural' ? null : 'ADMISSION_IDENTITY_KIND'),
  role_grant: ({ profile }: CheckContext) => (portalGrantOf(profile.grants) ? null : 'ADMISSION_ROLE_MISSING'),
  real_name: ({ profile }: CheckContext) =>
    profile.realnameStatus === 'verified'
      ? null
      : profile.realnameStatus === 'pending'
        ? 'ADMISSION_REALNAME_PENDING'
        : 'ADMISSION_REALNAME_UNVERIFIED',
  unit_name: ({ profile }: CheckContext) => (profile.unit?.name?.trim() ? null : 'ADMISSION_UNIT_NAME_MISSING'),
  credit_code: ({ profile }: CheckContext) =>
    !profile.unit?.creditCode
      ? 'ADMISSION_CREDIT_CODE_MISSING'
      : isValidCreditCode(profile.unit.creditCode)
        ? null
        : 'ADMISSION_CREDIT_CODE_INVALID',
  local_account: ({ account }: CheckContext) => (account ? null : 'ADMISSION_ACCOUNT_UNKNOWN'),
  account_active: ({ account }: CheckContext) => (!account || account.status === 'active' ? null : 'ADMISSION_ACCOUNT_DISABLED'),
} satisfies Record<AdmissionCheck, (ctx: CheckContext) => AdmissionCode | null>;

export type CheckName = keyof typeof CHECKS;

/**
 * National, support and expert-reviewer accounts exist only here; supervising-unit users are created here by the national
 * administrator and synced to the portal, and must be real-name verified; employer-side users (employer units
 * and ministry universities) need a grant, real-name verification and complete unit information, and get an
 * account here on their first confirmed jump.
 */
export const CHECKS_BY_USER_KIND = {
  national: ['identity_kind', 'local_account', 'account_active'],
  supervising: ['identity_kind', 'real_name', 'local_account', 'account_active'],
  employer: ['identity_kind', 'role_grant', 'real_name', 'unit_name', 'credit_code', 'account_active'],
} as const satisfies Record<SharedUserKind, readonly CheckName[]>;

export type UserKind = keyof typeof CHECKS_BY_USER_KIND;

export interface CheckResult {
  check: CheckName;
  passed: boolean;
  code?: AdmissionCode;
}

export interface Admission {
  userKind: UserKind;
  results: CheckResult[];
  /** The first failed check's code; undefined when every check passed. */
  refusal?: AdmissionCode;
}

/** The local account decides the kind when there is one; otherwise the unit the portal names. */
export function userKindOf(profile: PortalProfile, account: LocalAccount | null): UserKind {
  const role = account?.role;
  if (role === 'national_admin' || role === 'support' || role === 'expert_reviewer') return 'national';
  if (role === 'supervising_user') return 'supervising';
  if (role) return 'employer';
  if (profile.unit?.kind === 'national') return 'national';
  if (profile.unit?.kind === 'supervising') return 'supervising';
  return 'employer';
}

/** Runs every check of the user's kind (all of them, so diagnostics show the whole picture). */
export function admit(profile: PortalProfile, account: LocalAccount | null): Admission {
  const userKind = userKindOf(profile, account);
  const results = CHECKS_BY_USER_KIND[userKind].map((check): CheckResult => {
    const code = CHECKS[check]({ profile, account });
    return code ? { check, passed: false, code } : { check, passed: true };
  });
  const refusal = results.find((r) => !r.passed)?.code;
  return { userKind, results, ...(refusal ? { refusal } : {}) };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export function profileFromClaims(claims: Record<string, unknown>): PortalProfile {
  const unit = claims['unit'] as { name?: unknown; credit_code?: unknown; kind?: unknown } | null | undefined;
  const phone = str(claims['phone_number']);
  const email = str(claims['email']);
  const idNumber = str(claims['id_number']);
  const sid = str(claims['sid']);
  return {
    subject: String(claims['sub']),
    username: String(claims['preferred_username'] ?? ''),
    name: String(claims['name'] ?? ''),
    accountKind: String(claims['account_kind'] ?? ''),
    realnameStatus: String(claims['realname_status'] ?? 'unverified'),
    ...(idNumber ? { idNumber } : {}),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    unit: unit ? { name: String(unit.name ?? ''), creditCode: String(unit.credit_code ?? ''), kind: String(unit.kind ?? '') } : null,
    grants: Array.isArray(claims['wgzj_roles']) ? (claims['wgzj_roles'] as unknown[]).map(String) : [],
    ...(sid ? { sid } : {}),
  };
}
