// Pages of the legacy door (老人老办法): password sign-in, and password reset by SMS code. No script inside the
// pages (the gateway's CSP allows none): show/hide, 换一张 and the empty-field messages come from legacy.js.
import type { Locale } from '@wgzj/gateway/kit';
import { CAPTCHA_HEIGHT, CAPTCHA_WIDTH } from '../auth/captcha.ts';
import { escape, layout } from '../auth/pages.ts';
import { LEGACY_LIMITS } from './credentials.ts';

export const LEGACY_SCRIPT_PATH = '/auth/assets/legacy.js';
export const CAPTCHA_PATH = '/auth/legacy/captcha';

const LOCK = LEGACY_LIMITS.signInPerAccount;

export const LEGACY_TEXT = {
  'zh-CN': {
    title: '原有帐号登录(老人老办法)',
    intro: '原有帐号仍可使用用户名和密码直接登录;推荐通过政务服务平台登录。',
    username: '用户名',
    prefixHint: '如果使用原有账号登录不成功,可在账号前增加 WGZJXM_ 进行重试。',
    password: '密码',
    show: '显示',
    hide: '隐藏',
    captcha: '验证码',
    captchaAlt: '验证码图片',
    refreshCaptcha: '换一张',
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
    required: {
      username: '请输入用户名',
      password: '请输入密码',
      captcha: '请输入验证码',
      code: '请输入短信验证码',
      newPassword: '请输入新密码',
      repeat: '请再次输入新密码',
    },
    LEGACY_SIGN_IN_FAILED: `用户名或密码错误。连续输错 ${LOCK.limit} 次后帐号将暂时锁定 ${LOCK.windowSeconds / 60} 分钟,锁定期间无法登录;如忘记密码或急需登录,请通过“忘记密码”用短信验证码重置。`,
    LEGACY_TOO_MANY_ATTEMPTS: '从您所在网络发起的登录尝试过于频繁,请 {minutes} 分钟后再试。',
    LEGACY_RESET_TOO_OFTEN: '获取验证码过于频繁,本次未发送短信,请 {minutes} 分钟后再获取。已收到的管理员重置密码短信中的验证码仍可在此填写。',
    LEGACY_CAPTCHA_WRONG: '验证码错误,请重新输入。',
    LEGACY_FORM_EXPIRED: '页面已过期,请重新输入。',
    LEGACY_FIELDS_MISSING: '请填写标红的必填项。',
    LEGACY_UNAVAILABLE: '登录服务暂时不可用,请稍后重试。',
    LEGACY_RESET_CODE_WRONG: '验证码错误。',
    LEGACY_RESET_EXPIRED: '验证码已失效,请重新获取。',
    LEGACY_PASSWORD_WEAK: '新密码不符合要求:至少8位,须包含字母、数字和符号。',
    LEGACY_PASSWORD_MISMATCH: '两次输入的新密码不一致。',
  },
  'en-US': {
    title: 'Sign in with a legacy account',
    intro: 'Legacy accounts can still sign in with username and password; signing in through the portal is preferred.',
    username: 'Username',
    prefixHint: 'If your legacy account does not work, try again with WGZJXM_ before the name.',
    password: 'Password',
    show: 'Show',
    hide: 'Hide',
    captcha: 'Captcha',
    captchaAlt: 'Captcha picture',
    refreshCaptcha: 'New picture',
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
    required: {
      username: 'Enter your username',
      password: 'Enter your password',
      captcha: 'Enter the captcha',
      code: 'Enter the SMS code',
      newPassword: 'Enter a new password',
      repeat: 'Enter the new password again',
    },
    LEGACY_SIGN_IN_FAILED: `Wrong username or password. After ${LOCK.limit} wrong tries the account is locked for ${LOCK.windowSeconds / 60} minutes; if you forgot the password or cannot wait, reset it by SMS with "Forgot password".`,
    LEGACY_TOO_MANY_ATTEMPTS: 'Too many sign-in attempts from your network; try again in {minutes} minutes.',
    LEGACY_RESET_TOO_OFTEN: 'Codes were requested too often, so no SMS was sent this time; ask again in {minutes} minutes. A code from an SMS saying your administrator reset your password can still be entered here.',
    LEGACY_CAPTCHA_WRONG: 'Wrong captcha; try again.',
    LEGACY_FORM_EXPIRED: 'The page expired; enter your details again.',
    LEGACY_FIELDS_MISSING: 'Fill in the required fields marked in red.',
    LEGACY_UNAVAILABLE: 'Sign-in is temporarily unavailable; try again shortly.',
    LEGACY_RESET_CODE_WRONG: 'Wrong code.',
    LEGACY_RESET_EXPIRED: 'The code has expired; request a new one.',
    LEGACY_PASSWORD_WEAK: 'The new password is too weak: at least 8 characters, with letters, digits and a symbol.',
    LEGACY_PASSWORD_MISMATCH: 'The two new passwords differ.',
  },
} as const;

export type LegacyMessage = keyof (typeof LEGACY_TEXT)['zh-CN'] & `LEGACY_${string}`;
export type RequiredField = keyof (typeof LEGACY_TEXT)['zh-CN']['required'];

const CSS = `
form.legacy{margin-top:16px}
form.legacy .field{margin-top:14px}
form.legacy label{display:block;margin:0 0 6px;font-size:14px;color:#303133}
form.legacy .required{color:#d93026;margin-right:4px}
form.legacy input[type=text],form.legacy input[type=password]{width:100%;box-sizing:border-box;padding:8px 10px;border:1px solid #dcdfe6;border-radius:4px;font-size:15px;font-family:inherit}
form.legacy input.invalid{border-color:#d93026;background:#fff6f6}
.row{display:flex;gap:8px;align-items:center}
.row input{flex:1 1 auto;min-width:0}
.row button,.row img{flex:none}
.row button{margin:0;white-space:nowrap}
button.link{background:none;border:0;color:#1d4f91;padding:4px 2px;font-size:14px;text-decoration:underline}
.captcha-row input{max-width:140px}
.captcha-image{width:${CAPTCHA_WIDTH}px;height:${CAPTCHA_HEIGHT}px;border:1px solid #dcdfe6;border-radius:4px;cursor:pointer}
.field-error{margin:6px 0 0;background:#d93026;color:#fff;padding:4px 10px;border-radius:3px;font-size:13px}
.field-error[hidden]{display:none}
.field-hint{color:#909399;font-size:13px;margin:4px 0 0}
.error{background:#fef0f0;color:#c0392b;border:1px solid #fbc4c4;padding:8px 12px;border-radius:4px}
.notice{background:#f0f9eb;color:#3a7a22;border:1px solid #c2e7b0;padding:8px 12px;border-radius:4px}
.links{margin-top:18px;font-size:14px}
.links a{color:#1d4f91;margin-right:16px}
.rule{color:#909399;font-size:13px;margin:4px 0}`;

export interface PageState {
  formToken: string;
  /** Draw the captcha picture (a form with a captcha answer to be drawn). */
  captcha?: boolean;
  error?: string;
  notice?: string;
  username?: string;
  /** Fields the server found empty: shown with their red message without any script. */
  missing?: readonly RequiredField[];
}

type Text = (typeof LEGACY_TEXT)[Locale];

const banner = (state: PageState) =>
  `${state.error ? `<p class="error" role="alert">${escape(state.error)}</p>` : ''}${state.notice ? `<p class="notice" role="status">${escape(state.notice)}</p>` : ''}`;

/** A required field: red `*`, and under it the red message legacy.js (or the server) shows when it is left empty. */
function requiredField(t: Text, state: PageState, name: RequiredField, id: string, label: string, input: (attrs: string) => string, after = '') {
  const missing = state.missing?.includes(name) ?? false;
  const message = t.required[name];
  const attrs = `id="${id}" required aria-describedby="${id}-error" data-required-message="${escape(message)}"${missing ? ' class="invalid" aria-invalid="true"' : ''}`;
  return `<div class="field"><label for="${id}"><span class="required" aria-hidden="true">*</span>${escape(label)}</label>
${input(attrs)}${after}
<p class="field-error" id="${id}-error"${missing ? ' role="alert"' : ' hidden'}>${escape(message)}</p></div>`;
}

const captchaField = (t: Text, state: PageState) =>
  state.captcha
    ? requiredField(
        t,
        state,
        'captcha',
        'captcha',
        t.captcha,
        (attrs) =>
          `<div class="row captcha-row"><input type="text" ${attrs} name="captcha" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="8">` +
          `<img class="captcha-image" id="captcha-image" src="${CAPTCHA_PATH}" alt="${escape(t.captchaAlt)}" width="${CAPTCHA_WIDTH}" height="${CAPTCHA_HEIGHT}">` +
          `<button type="button" class="link" id="captcha-refresh">${escape(t.refreshCaptcha)}</button></div>`,
      )
    : '';

const script = `<script src="${LEGACY_SCRIPT_PATH}" defer></script>`;

export function legacySignInPage(state: PageState, locale: Locale): string {
  const t = LEGACY_TEXT[locale];
  return layout(
    locale,
    t.title,
    `<style>${CSS}</style><main><h1>${t.title}</h1><p class="hint">${t.intro}</p>${banner(state)}
<form class="legacy" method="post" action="/auth/legacy" novalidate>
<input type="hidden" name="token" value="${escape(state.formToken)}">
${requiredField(t, state, 'username', 'username', t.username, (a) => `<input type="text" ${a} name="username" autocomplete="username" value="${escape(state.username ?? '')}">`, `<p class="field-hint">${escape(t.prefixHint)}</p>`)}
${requiredField(t, state, 'password', 'password', t.password, (a) => `<div class="row"><input type="password" ${a} name="password" autocomplete="current-password"><button type="button" class="secondary" id="toggle" aria-controls="password" aria-pressed="false" data-show="${escape(t.show)}" data-hide="${escape(t.hide)}">${t.show}</button></div>`)}
${captchaField(t, state)}
<button type="submit">${t.signIn}</button>
</form>
<p class="links"><a href="/auth/legacy/reset">${t.forgot}</a><a href="/auth/login">${t.portal}</a></p>
</main>${script}`,
  );
}

export function resetRequestPage(state: PageState, locale: Locale): string {
  const t = LEGACY_TEXT[locale];
  return layout(
    locale,
    t.resetTitle,
    `<style>${CSS}</style><main><h1>${t.resetTitle}</h1><p class="hint">${t.resetIntro}</p>${banner(state)}
<form class="legacy" method="post" action="/auth/legacy/reset" novalidate>
<input type="hidden" name="token" value="${escape(state.formToken)}">
${requiredField(t, state, 'username', 'username', t.username, (a) => `<input type="text" ${a} name="username" autocomplete="username" value="${escape(state.username ?? '')}">`, `<p class="field-hint">${escape(t.prefixHint)}</p>`)}
${captchaField(t, state)}
<button type="submit">${t.sendCode}</button>
</form><p class="links"><a href="/auth/legacy">${t.signIn}</a></p></main>${script}`,
  );
}

export function resetCodePage(state: PageState, locale: Locale): string {
  const t = LEGACY_TEXT[locale];
  return layout(
    locale,
    t.resetTitle,
    `<style>${CSS}</style><main><h1>${t.resetTitle}</h1>${banner(state)}
<form class="legacy" method="post" action="/auth/legacy/reset/confirm" novalidate>
<input type="hidden" name="token" value="${escape(state.formToken)}">
${requiredField(t, state, 'code', 'code', t.code, (a) => `<input type="text" ${a} name="code" inputmode="numeric" autocomplete="one-time-code">`)}
${requiredField(t, state, 'newPassword', 'password', t.newPassword, (a) => `<input type="password" ${a} name="password" autocomplete="new-password">`, `<p class="rule">${t.passwordRule}</p>`)}
${requiredField(t, state, 'repeat', 'repeat', t.repeat, (a) => `<input type="password" ${a} name="repeat" autocomplete="new-password">`)}
<button type="submit">${t.setPassword}</button>
</form></main>${script}`,
  );
}

/**
 * The pages' behaviour, served as a file (no inline script under the CSP): show/hide the password, 换一张 (a new
 * picture with a new answer, for the same form), and a red message under every required field left empty, shown
 * before the form is sent instead of the browser's own bubble.
 */
export const LEGACY_SCRIPT = `'use strict';
(function () {
  var toggle = document.getElementById('toggle');
  var password = document.getElementById('password');
  if (toggle && password) {
    toggle.addEventListener('click', function () {
      var shown = password.type === 'text';
      password.type = shown ? 'password' : 'text';
      toggle.textContent = shown ? toggle.getAttribute('data-show') : toggle.getAttribute('data-hide');
      toggle.setAttribute('aria-pressed', String(!shown));
    });
  }
  var image = document.getElementById('captcha-image');
  var refresh = document.getElementById('captcha-refresh');
  function newPicture() {
    image.src = '${CAPTCHA_PATH}?n=' + Date.now();
    var input = document.getElementById('captcha');
    if (input) { input.value = ''; input.focus(); }
  }
  if (image && refresh) {
    refresh.addEventListener('click', newPicture);
    image.addEventListener('click', newPicture);
  }
  function mark(input, empty) {
    var error = document.getElementById(input.id + '-error');
    if (error) { error.hidden = !empty; if (empty) error.setAttribute('role', 'alert'); }
    input.classList.toggle('invalid', empty);
    if (empty) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }
  var forms = document.querySelectorAll('form.legacy');
  for (var f = 0; f < forms.length; f++) {
    (function (form) {
      var fields = form.querySelectorAll('[data-required-message]');
      for (var i = 0; i < fields.length; i++) {
        fields[i].addEventListener('input', function (event) { if (event.target.value.trim()) mark(event.target, false); });
      }
      form.addEventListener('submit', function (event) {
        var first = null;
        for (var i = 0; i < fields.length; i++) {
          var empty = !fields[i].value.trim();
          mark(fields[i], empty);
          if (empty && !first) first = fields[i];
        }
        if (first) { event.preventDefault(); first.focus(); }
      });
    })(forms[f]);
  }
})();
`;
