// Client-side checks of the 新增用户 form, mirroring the server's (gateway/kit/fields.ts, identifiers.ts) so a
// person sees a mistake before sending; the server checks again and has the last word.

/** 3–64 letters, digits or _ . @ - (the server's `field.username`). */
export function isValidUsername(value: string): boolean {
  return /^[A-Za-z0-9_.@-]{3,64}$/.test(value);
}

/** Mainland mobile: 11 digits starting with 1[3-9]. */
export function isValidMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** An office number: a landline with its area code (010-12345678, extension allowed) or a mobile. */
export function isValidPhone(value: string): boolean {
  return LANDLINE.test(value) || isValidMobile(value);
}

// The same pattern as zod's z.email(), which the server uses.
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 200 && EMAIL.test(value);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID number (GB 11643-1999). */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Resident ID number (公民身份号码): 18 characters, a real birth date, a correct check character (x read as X). */
export function isValidIdNumber(value: string): boolean {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = id.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** The roles an employer administrator may give: 事项办理员, 事项管理员. */
export const EMPLOYER_ROLES = ['employer_handler', 'employer_admin'] as const;
export type EmployerRole = (typeof EMPLOYER_ROLES)[number];

export interface NewUserForm {
  username: string;
  displayName: string;
  role: EmployerRole | '';
  mobile: string;
  email: string;
  idNumber: string;
}

export type NewUserField = keyof NewUserForm;
/** What is wrong with a field: empty, or the rule it breaks (message keys under `admin.users.rule`). */
export type NewUserProblem = 'required' | 'username' | 'displayName' | 'mobile' | 'email' | 'idNumber';

export const NEW_USER_FIELDS: readonly NewUserField[] = ['username', 'displayName', 'role', 'mobile', 'email', 'idNumber'];

export function emptyNewUser(): NewUserForm {
  return { username: '', displayName: '', role: '', mobile: '', email: '', idNumber: '' };
}

/** Every field's problem, none for a field that would pass; all fields are required. */
export function newUserProblems(form: NewUserForm): Partial<Record<NewUserField, NewUserProblem>> {
  const out: Partial<Record<NewUserField, NewUserProblem>> = {};
  const value = (f: NewUserField) => form[f].trim();
  for (const f of NEW_USER_FIELDS) if (!value(f)) out[f] = 'required';
  if (!out.username && !isValidUsername(value('username'))) out.username = 'username';
  if (!out.displayName && (value('displayName').length < 2 || value('displayName').length > 50)) out.displayName = 'displayName';
  if (!out.mobile && !isValidMobile(value('mobile'))) out.mobile = 'mobile';
  if (!out.email && !isValidEmail(value('email'))) out.email = 'email';
  if (!out.idNumber && !isValidIdNumber(value('idNumber'))) out.idNumber = 'idNumber';
  return out;
}

/** POST /api/admin/users's body: trimmed, the ID number's check character upper-case as the server stores it. */
export function newUserBody(form: NewUserForm) {
  return {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    role: form.role,
    mobile: form.mobile.trim(),
    email: form.email.trim(),
    idNumber: form.idNumber.trim().toUpperCase(),
  };
}
