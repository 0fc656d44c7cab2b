// The one copy of the identifier checks (credit code, ID number, phone, e-mail, username) and their masks, for the
// API and the screens alike: pure TypeScript without imports, so a browser bundle takes it as it is
// (`@wgzj/gateway/kit/shared/identifiers`). Every check here takes the value as stored: trimmed, letters upper-case;
// a caller that accepts a lower-case x or a lower-case credit code upper-cases before it asks.

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters, the last a mod-31 check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARS.indexOf(first17[i]!) * CREDIT_CODE_WEIGHTS[i]!;
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31]!;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * 17 digits and a digit or X: the shape of a resident identity number, before its date and check digit are asked
 * (the portal leaves an account with a wrong check digit in review; the audit log masks anything of this shape).
 */
export function hasIdNumberShape(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id);
}

/** Resident identity number (公民身份号码), GB 11643-1999: 18 characters, ISO 7064 MOD 11-2 check digit, a real birth date. */
export function isValidIdNumber(id: string): boolean {
  if (!hasIdNumberShape(id)) return false;
  const birth = id.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Mainland mobile number: 11 digits starting with 1[3-9]. */
export function isValidMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** An office number: a landline with its area code (010-12345678, an extension allowed) or a mobile. */
export function isValidPhone(phone: string): boolean {
  return /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(phone) || isValidMobile(phone);
}

export const EMAIL_MAX_LENGTH = 200;

/**
 * E-mail: ASCII letters, digits and _ ' + - in dot-separated parts before the @ (not ending in '), a domain of
 * letter/digit labels and a top-level name of two letters or more. The stricter of the two rules the project had:
 * the one the server always applied (zod's "practical" e-mail pattern, pinned here so a zod release cannot move it),
 * not the screens' `something@something.something`. The server hands it to zod's e-mail check as its pattern.
 */
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function isValidEmail(email: string): boolean {
  return email.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(email);
}

/** A sign-in name: 3 to 64 letters, digits or _ . @ - (a pattern, so a zod schema can carry it as `.regex`). */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{3,64}$/;

export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username);
}

export function maskIdNumber(id: string): string {
  return id.length < 8 ? '*'.repeat(id.length) : `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  // Up to 7 characters, the first 3 and last 4 would be the whole number (a 7-digit landline, say).
  return phone.length <= 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function maskCreditCode(code: string): string {
  return code.length < 10 ? code : `${code.slice(0, 6)}******${code.slice(-6)}`;
}
