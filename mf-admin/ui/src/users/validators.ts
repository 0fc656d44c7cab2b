// Client-side checks of the 新增用户 form: the server's own rules (gateway/kit/shared/identifiers.ts, which
// gateway/kit/fields.ts applies), so a person sees a mistake before sending; the server checks again.
import {
  idNumberCheckChar,
  isValidEmail,
  isValidIdNumber as isStoredIdNumber,
  isValidMobile,
  isValidPhone,
  isValidUsername,
} from '@wgzj/gateway/kit/shared/identifiers';
import type { EmployerRole } from '@wgzj/gateway/kit/shared/roles';

export { idNumberCheckChar, isValidEmail, isValidMobile, isValidPhone, isValidUsername };

/** Resident ID number (公民身份号码), x read as X: the server upper-cases the field before it checks it. */
export function isValidIdNumber(value: string): boolean {
  return isStoredIdNumber(value.toUpperCase());
}

/** The roles an employer administrator may give are the employer roles: 事项办理员, 事项管理员. */
export { EMPLOYER_ROLES, type EmployerRole } from '@wgzj/gateway/kit/shared/roles';

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
