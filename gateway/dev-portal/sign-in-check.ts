// The portal's one check of a posted sign-in form (captcha, fields, password, account kind), used by the
// OpenID sign-in page and by 用户授权管理 so both refuse the same things with the same words.
import type { Account, AccountDirectory, AccountKind } from './accounts.ts';

export type SignInRefusal = 'captcha' | 'missing_fields' | 'credentials' | 'account_kind';

export const SIGN_IN_MESSAGES = {
  badCredentials: '用户名或密码错误',
  badCaptcha: '验证码错误',
  missingFields: '请输入用户名和密码',
  legalAccountOnNaturalTab: '该帐号为法人帐号,请选择法人登录',
  naturalAccountOnLegalTab: '该帐号为自然人帐号,请选择自然人登录',
} as const;

export interface SignInAttempt {
  username: string;
  password: string;
  /** The tab the form was posted from, i.e. the kind of account expected. */
  kind: AccountKind;
  /** undefined when captchas are off. */
  captchaPassed?: boolean;
}

export type SignInOutcome =
  | { ok: true; account: Account }
  | { ok: false; refusal: SignInRefusal; message: string; account?: Account };

export function checkSignIn(accounts: AccountDirectory, attempt: SignInAttempt): SignInOutcome {
  if (attempt.captchaPassed === false) return { ok: false, refusal: 'captcha', message: SIGN_IN_MESSAGES.badCaptcha };
  if (!attempt.username || !attempt.password) {
    return { ok: false, refusal: 'missing_fields', message: SIGN_IN_MESSAGES.missingFields };
  }
  const account = accounts.authenticate(attempt.username, attempt.password);
  if (!account) return { ok: false, refusal: 'credentials', message: SIGN_IN_MESSAGES.badCredentials };
  if (account.kind !== attempt.kind) {
    const message = account.kind === 'legal'
      ? SIGN_IN_MESSAGES.legalAccountOnNaturalTab
      : SIGN_IN_MESSAGES.naturalAccountOnLegalTab;
    return { ok: false, refusal: 'account_kind', message, account };
  }
  return { ok: true, account };
}
