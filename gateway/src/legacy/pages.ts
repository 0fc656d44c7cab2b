// Pages of the legacy door (老人老办法): password sign-in, and password reset by SMS code.
import type { Locale } from '@wgzj/gateway/kit';
import { escape, layout } from '../auth/pages.ts';

export const LEGACY_TEXT = {
  'zh-CN': {
    title: '原有帐号登录(老人老办法)',
    intro: '原有帐号仍可使用用户名和密码直接登录;推荐通过政务服务平台登录。',
    username: '用户名',
    password: '密码',
    show: '显示',
    hide: '隐藏',
    captcha: '验证码',
    signIn: '登录',
    forgot: '忘记密码?',
    portal: '通过政务服务平台登录',
    resetTitle: '找回密码',
    resetIntro: '输入用户名,我们将向帐号绑定的手机发送验证码。如管理员已为您重置密码,请输入用户名后填写短信中的验证码。',
    sendCode: '发送验证码',
    codeSent: '如该帐号存在且绑定了手机,验证码已发送,10分钟内有效。如您已收到管理员重置密码的短信,也可填写其中的验证码(24小时内有效)。',
    code: '短信验证码',
    newPassword: '新密码',
    repeat: '确认新密码',
    passwordRule: '至少8位,须包含字母、数字和符号。',
    setPassword: '设置新密码',
    resetDone: '密码已重置,请使用新密码登录。',
    LEGACY_BAD_CREDENTIALS: '用户名或密码错误。',
    LEGACY_TRY_PREFIX: '未找到该帐号。如使用原有帐号登录不成功,请在帐号前增加 WGZJXM_ 重试。',
    LEGACY_LOCKED: '密码连续输错次数过多,帐号已锁定,请 {minutes} 分钟后再试,或通过“忘记密码”重置。',
    LEGACY_CAPTCHA_WRONG: '验证码错误,请重新输入。',
    LEGACY_FORM_EXPIRED: '页面已过期,请重新输入。',
    LEGACY_ACCOUNT_DISABLED: '帐号已停用,请联系本单位管理员或归口管理单位。',
    LEGACY_RESET_CODE_WRONG: '验证码错误。',
    LEGACY_RESET_EXPIRED: '验证码已失效,请重新获取。',
    LEGACY_PASSWORD_WEAK: '新密码不符合要求:至少8位,须包含字母、数字和符号。',
    LEGACY_PASSWORD_MISMATCH: '两次输入的新密码不一致。',
  },
  'en-US': {
    title: 'Sign in with a legacy account',
    intro: 'Legacy accounts can still sign in with username and password; signing in through the portal is preferred.',
    username: 'Username',
    password: 'Password',
    show: 'Show',
    hide: 'Hide',
    captcha: 'Captcha',
    signIn: 'Sign in',
    forgot: 'Forgot password?',
    portal: 'Sign in through the government service portal',
    resetTitle: 'Reset password',
    resetIntro: 'Enter your username; a code is sent to the phone bound to the account. If your administrator reset your password, enter your username, then the code from that SMS.',
    sendCode: 'Send code',
    codeSent: 'If the account exists and has a phone, a code valid for 10 minutes has been sent. If you received an SMS saying your administrator reset your password, you may enter the code from it (valid for 24 hours).',
    code: 'SMS code',
    newPassword: 'New password',
    repeat: 'Repeat new password',
    passwordRule: 'At least 8 characters, with letters, digits and a symbol.',
    setPassword: 'Set new password',
    resetDone: 'Your password was reset; sign in with the new one.',
    LEGACY_BAD_CREDENTIALS: 'Wrong username or password.',
    LEGACY_TRY_PREFIX: 'No such account. If your legacy account does not work, try again with WGZJXM_ before the name.',
    LEGACY_LOCKED: 'Too many wrong passwords: the account is locked for {minutes} minutes, or reset it with "Forgot password".',
    LEGACY_CAPTCHA_WRONG: 'Wrong captcha; try again.',
    LEGACY_FORM_EXPIRED: 'The page expired; enter your details again.',
    LEGACY_ACCOUNT_DISABLED: 'The account is disabled; contact your unit administrator or supervising unit.',
    LEGACY_RESET_CODE_WRONG: 'Wrong code.',
    LEGACY_RESET_EXPIRED: 'The code has expired; request a new one.',
    LEGACY_PASSWORD_WEAK: 'The new password is too weak: at least 8 characters, with letters, digits and a symbol.',
    LEGACY_PASSWORD_MISMATCH: 'The two new passwords differ.',
  },
} as const;

export type LegacyMessage = Exclude<keyof (typeof LEGACY_TEXT)['zh-CN'], 'title'> & `LEGACY_${string}`;

const CSS = `
form.legacy{margin-top:16px}
form.legacy label{display:block;margin:14px 0 6px;font-size:14px;color:#303133}
form.legacy input[type=text],form.legacy input[type=password]{width:100%;box-sizing:border-box;padding:8px 10px;border:1px solid #dcdfe6;border-radius:4px;font-size:15px}
.row{display:flex;gap:8px;align-items:center}
.error{background:#fef0f0;color:#c0392b;border:1px solid #fbc4c4;padding:8px 12px;border-radius:4px}
.notice{background:#f0f9eb;color:#3a7a22;border:1px solid #c2e7b0;padding:8px 12px;border-radius:4px}
.links{margin-top:18px;font-size:14px}
.links a{color:#1d4f91;margin-right:16px}
.rule{color:#909399;font-size:13px;margin:4px 0}`;

interface PageState {
  formToken: string;
  captchaSvg?: string;
  error?: string;
  notice?: string;
  username?: string;
}

const banner = (state: PageState) =>
  `${state.error ? `<p class="error" role="alert">${escape(state.error)}</p>` : ''}${state.notice ? `<p class="notice" role="status">${escape(state.notice)}</p>` : ''}`;

const captchaField = (t: (typeof LEGACY_TEXT)[Locale], svg?: string) =>
  svg
    ? `<label for="captcha">${t.captcha}</label><div class="row"><input type="text" id="captcha" name="captcha" autocomplete="off" required>${svg}</div>`
    : '';

export function legacySignInPage(state: PageState, locale: Locale): string {
  const t = LEGACY_TEXT[locale];
  return layout(
    locale,
    t.title,
    `<style>${CSS}</style><main><h1>${t.title}</h1><p class="hint">${t.intro}</p>${banner(state)}
<form class="legacy" method="post" action="/auth/legacy">
<input type="hidden" name="token" value="${escape(state.formToken)}">
<label for="username">${t.username}</label><input type="text" id="username" name="username" autocomplete="username" value="${escape(state.username ?? '')}" required>
<label for="password">${t.password}</label><div class="row"><input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="button" class="secondary" id="toggle" aria-controls="password" style="margin-top:0">${t.show}</button></div>
${captchaField(t, state.captchaSvg)}
<button type="submit">${t.signIn}</button>
</form>
<p class="links"><a href="/auth/legacy/reset">${t.forgot}</a><a href="/auth/login">${t.portal}</a></p>
<script>document.getElementById('toggle').addEventListener('click',function(){var p=document.getElementById('password');var shown=p.type==='text';p.type=shown?'password':'text';this.textContent=shown?${JSON.stringify(t.show)}:${JSON.stringify(t.hide)};});</script>
</main>`,
  );
}

export function resetRequestPage(state: PageState, locale: Locale): string {
  const t = LEGACY_TEXT[locale];
  return layout(
    locale,
    t.resetTitle,
    `<style>${CSS}</style><main><h1>${t.resetTitle}</h1><p class="hint">${t.resetIntro}</p>${banner(state)}
<form class="legacy" method="post" action="/auth/legacy/reset">
<input type="hidden" name="token" value="${escape(state.formToken)}">
<label for="username">${t.username}</label><input type="text" id="username" name="username" value="${escape(state.username ?? '')}" required>
${captchaField(t, state.captchaSvg)}
<button type="submit">${t.sendCode}</button>
</form><p class="links"><a href="/auth/legacy">${t.signIn}</a></p></main>`,
  );
}

export function resetCodePage(state: PageState, locale: Locale): string {
  const t = LEGACY_TEXT[locale];
  return layout(
    locale,
    t.resetTitle,
    `<style>${CSS}</style><main><h1>${t.resetTitle}</h1>${banner(state)}
<form class="legacy" method="post" action="/auth/legacy/reset/confirm">
<input type="hidden" name="token" value="${escape(state.formToken)}">
<label for="code">${t.code}</label><input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<label for="password">${t.newPassword}</label><input type="password" id="password" name="password" autocomplete="new-password" required>
<p class="rule">${t.passwordRule}</p>
<label for="repeat">${t.repeat}</label><input type="password" id="repeat" name="repeat" autocomplete="new-password" required>
<button type="submit">${t.setPassword}</button>
</form></main>`,
  );
}
