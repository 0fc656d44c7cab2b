// The one copy of the error codes a screen reads out of an answer, for the servers that give them and the screens
// that switch on them (`@wgzj/gateway/kit/shared/errors`; no imports, so a browser bundle takes it as it is).

/** The gateway's admission checks between the portal's sign-in and a session here, in the order it runs them. */
export const ADMISSION_CHECKS = ['identity_kind', 'role_grant', 'real_name', 'unit_name', 'credit_code', 'local_account', 'account_active'] as const;
export type AdmissionCheck = (typeof ADMISSION_CHECKS)[number];

/** The refusal each admission check can give. */
export const ADMISSION_CODES = [
  'ADMISSION_IDENTITY_KIND',
  'ADMISSION_ROLE_MISSING',
  'ADMISSION_REALNAME_PENDING',
  'ADMISSION_REALNAME_UNVERIFIED',
  'ADMISSION_UNIT_NAME_MISSING',
  'ADMISSION_CREDIT_CODE_MISSING',
  'ADMISSION_CREDIT_CODE_INVALID',
  'ADMISSION_ACCOUNT_UNKNOWN',
  'ADMISSION_ACCOUNT_DISABLED',
] as const;
export type AdmissionCode = (typeof ADMISSION_CODES)[number];

/** Refusals of the handoff itself, before any check runs: no sign-in transaction, the portal's error or silence. */
export const HANDOFF_CODES = ['HANDOFF_STATE_MISSING', 'HANDOFF_PORTAL_ERROR', 'HANDOFF_PORTAL_UNAVAILABLE'] as const;

/** Every code a sign-in can be refused with: the user's refusal page and the support's 登录记录 show the same one. */
export const SIGN_IN_REFUSAL_CODES = [...ADMISSION_CODES, ...HANDOFF_CODES] as const;
export type SignInRefusalCode = (typeof SIGN_IN_REFUSAL_CODES)[number];
