// Server-rendered pages of the sign-in handoff: why a sign-in stopped and what to do, in the user's language.
import type { Locale } from '@wgzj/gateway/kit';
import { SHANGHAI_TIME_ZONE } from '@wgzj/gateway/kit/shared/dates';
import type { SignInRefusalCode } from '@wgzj/gateway/kit/shared/errors';
import { PORTAL_GRANT_NAMES, ROLE_NAMES as SHARED_ROLE_NAMES } from '@wgzj/gateway/kit/shared/roles';
import { SUPPORT_CONTACTS, supportFooter } from '@wgzj/gateway/kit/support-contacts';

export interface RefusalText {
  title: string;
  explanation: string;
  action: string;
}

/** Each refusal code of the handoff, with what the user sees. Support finds the same code in diagnostics. */
export const HANDOFF_REFUSALS = {
  HANDOFF_STATE_MISSING: {
    'zh-CN': {
      title: '登录已过期或无效',
      explanation: '本次登录请求已失效(可能是停留时间过长,或在其他窗口已完成登录)。',
      action: '请点击下方按钮重新登录。',
    },
    'en-US': {
      title: 'The sign-in has expired',
      explanation: 'This sign-in request is no longer valid (it took too long, or finished in another window).',
      action: 'Start the sign-in again with the button below.',
    },
  },
  HANDOFF_PORTAL_ERROR: {
    'zh-CN': {
      title: '政务服务平台未完成登录',
      explanation: '政务服务平台返回了错误,或返回的登录凭证未通过校验。',
      action: '请重新登录;如仍不成功,请将参考编号告知技术支持(电话 {supportPhone})。',
    },
    'en-US': {
      title: 'The portal did not complete the sign-in',
      explanation: 'The government service portal returned an error, or its credentials failed verification.',
      action: 'Sign in again; if it keeps failing, give the reference to technical support (phone {supportPhone}).',
    },
  },
  HANDOFF_PORTAL_UNAVAILABLE: {
    'zh-CN': {
      title: '政务服务平台暂时无法访问',
      explanation: '系统暂时无法连接科学技术部政务服务平台,因此无法完成登录。已登录的用户不受影响。',
      action: '请稍后重试;如持续无法访问,请联系技术支持(电话 {supportPhone})。',
    },
    'en-US': {
      title: 'The government service portal is unreachable',
      explanation: 'The system cannot reach the portal right now, so sign-in cannot complete. Signed-in users are not affected.',
      action: 'Try again shortly; if it persists, contact technical support (phone {supportPhone}).',
    },
  },
  ADMISSION_ACCOUNT_UNKNOWN: {
    'zh-CN': {
      title: '未找到您在本系统的帐号',
      explanation: '您已在政务服务平台登录,但外国专家项目管理信息系统中没有与之对应的帐号。',
      action: '归口管理单位的帐号由国家管理员在本系统中创建并同步到政务服务平台,请联系国家管理员;国家管理员和技术支持帐号请联系系统管理员开通。',
    },
    'en-US': {
      title: 'No account in this system',
      explanation: 'You are signed in at the portal, but this system has no account for you.',
      action: 'Supervising-unit accounts are created here by the national administrator and synced to the portal: contact them. National and support accounts: contact the system administrator.',
    },
  },
  ADMISSION_IDENTITY_KIND: {
    'zh-CN': {
      title: '请使用自然人帐号登录',
      explanation: '您当前使用的是法人帐号。法人帐号是单位在政务服务平台的唯一帐号,不能直接办理外国专家项目业务。',
      action: '请返回政务服务平台,选择“自然人登录”;如需代替单位办理,请由法人帐号在“在线办事-用户授权管理-授权操作”中为您的自然人帐号授权。',
    },
    'en-US': {
      title: 'Sign in with a natural-person account',
      explanation: "You signed in with your unit's legal-person account, which cannot handle foreign-expert matters itself.",
      action: 'Sign in again choosing 自然人登录; the legal-person account can grant your natural-person account access under 用户授权管理.',
    },
  },
  ADMISSION_ROLE_MISSING: {
    'zh-CN': {
      title: '您还没有本系统的访问权限',
      explanation: '自然人用户登录政务服务平台后,默认没有访问外国专家项目管理信息系统的权限。',
      action: '请联系本单位法人帐号(单位管理员)在政务服务平台“在线办事-用户授权管理-授权操作”界面为您授权“外国专家项目-事项办理员”或“外国专家项目-事项管理员”,授权后重新登录。',
    },
    'en-US': {
      title: 'You have no access to this system yet',
      explanation: 'A natural-person account has no access to this system until the unit grants it.',
      action:
        "Ask your unit's legal-person account to grant you the Project officer (外国专家项目-事项办理员) or Project administrator (外国专家项目-事项管理员) role in the portal (在线办事-用户授权管理-授权操作), then sign in again.",
    },
  },
  ADMISSION_REALNAME_PENDING: {
    'zh-CN': {
      title: '您的实名认证正在人工审核',
      explanation: '您在政务服务平台提交的实名认证信息未能自动核验,正在等待人工审核。',
      action: '请在政务服务平台人工审核通过后重新登录;如需查询进度,请联系政务服务平台(电话 {portalPhone})。',
    },
    'en-US': {
      title: 'Your real-name verification is under manual review',
      explanation: 'The portal could not verify your identity automatically; a person is reviewing it.',
      action: 'Sign in again once the portal has approved it; for progress, call the portal ({portalPhone}).',
    },
  },
  ADMISSION_REALNAME_UNVERIFIED: {
    'zh-CN': {
      title: '您尚未完成实名认证',
      explanation: '使用本系统需要在政务服务平台完成实名认证(姓名、身份证号码、有效期与身份证一致)。',
      action: '请登录政务服务平台,在“在线办理-我的信息”中完善实名信息;信息一致即自动通过,不能自动通过的请补充材料后联系政务服务平台人工审核(电话 {portalPhone})。',
    },
    'en-US': {
      title: 'Real-name verification is not complete',
      explanation: 'This system needs your real name, ID number and its validity verified by the portal.',
      action: 'Complete your real-name information in the portal (我的信息); if it cannot be verified automatically, contact the portal ({portalPhone}).',
    },
  },
  ADMISSION_UNIT_NAME_MISSING: {
    'zh-CN': {
      title: '单位信息不完整:缺少单位名称',
      explanation: '政务服务平台中您所在单位的法人信息没有单位名称。',
      action: '请由本单位法人帐号在政务服务平台完善单位名称后重新登录。',
    },
    'en-US': {
      title: 'Unit information incomplete: no unit name',
      explanation: "Your unit's legal-person information in the portal has no name.",
      action: "Ask your unit's legal-person account to complete it in the portal, then sign in again.",
    },
  },
  ADMISSION_CREDIT_CODE_MISSING: {
    'zh-CN': {
      title: '单位信息不完整:缺少统一社会信用代码',
      explanation: '政务服务平台中您所在单位的法人信息没有统一社会信用代码,用人单位用户需要完整、已授权的单位信息。',
      action: '请由本单位法人帐号在政务服务平台补充统一社会信用代码后重新登录。',
    },
    'en-US': {
      title: 'Unit information incomplete: no unified social credit code',
      explanation: "Your unit's legal-person information in the portal has no unified social credit code.",
      action: "Ask your unit's legal-person account to add it in the portal, then sign in again.",
    },
  },
  ADMISSION_CREDIT_CODE_INVALID: {
    'zh-CN': {
      title: '单位的统一社会信用代码有误',
      explanation: '政务服务平台中您所在单位的统一社会信用代码未通过校验(与 GB 32100 校验位不符)。',
      action: '请由本单位法人帐号在政务服务平台核对并更正统一社会信用代码后重新登录。',
    },
    'en-US': {
      title: "The unit's unified social credit code is wrong",
      explanation: "Your unit's credit code in the portal fails its GB 32100 check character.",
      action: "Ask your unit's legal-person account to correct it in the portal, then sign in again.",
    },
  },
  ADMISSION_ACCOUNT_DISABLED: {
    'zh-CN': {
      title: '帐号已停用',
      explanation: '您在本系统的帐号已被停用。',
      action: '请联系本单位管理员或归口管理单位。',
    },
    'en-US': {
      title: 'Account disabled',
      explanation: 'Your account in this system has been disabled.',
      action: 'Contact your unit administrator or supervising unit.',
    },
  },
} satisfies Record<SignInRefusalCode, Record<Locale, RefusalText>>;

export type RefusalCode = keyof typeof HANDOFF_REFUSALS;

export const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The status a refusal page answers with, on the callback and whenever its address is opened again. */
export function refusalStatus(code: RefusalCode): 400 | 403 | 503 {
  if (code === 'HANDOFF_PORTAL_UNAVAILABLE') return 503;
  return code === 'HANDOFF_STATE_MISSING' || code === 'HANDOFF_PORTAL_ERROR' ? 400 : 403;
}

export function isRefusalCode(code: string | null | undefined): code is RefusalCode {
  return typeof code === 'string' && Object.hasOwn(HANDOFF_REFUSALS, code);
}

/** A refusal's words with the support numbers filled in from the one list of contacts. */
export function refusalText(code: RefusalCode, locale: Locale): RefusalText {
  const text: RefusalText = HANDOFF_REFUSALS[code][locale];
  const fill = (value: string) => value.replaceAll('{supportPhone}', SUPPORT_CONTACTS.phone).replaceAll('{portalPhone}', SUPPORT_CONTACTS.portalPhone);
  return { title: fill(text.title), explanation: fill(text.explanation), action: fill(text.action) };
}

/** Role names on the gateway's pages: the shared ones, the employer roles in Chinese by the portal's grant names. */
export const ROLE_NAMES: Record<Locale, Record<string, string>> = {
  'zh-CN': { ...SHARED_ROLE_NAMES['zh-CN'], employer_handler: PORTAL_GRANT_NAMES.handler, employer_admin: PORTAL_GRANT_NAMES.admin },
  'en-US': { ...SHARED_ROLE_NAMES['en-US'] },
};

const CHROME = {
  'zh-CN': {
    system: '外国专家项目管理信息系统',
    colon: '：',
    reference: '参考编号',
    referenceHint: '（联系技术支持时请告知此编号）',
    retry: '重新登录',
    switchAccount: '换个帐号登录',
    switchHint: '如需使用其他帐号登录,请点击“换个帐号登录”:将同时退出政务服务平台,再重新选择帐号登录。',
    technical: '技术信息（供技术支持）',
    code: '原因代码',
    legacy: '原有帐号登录(老人老办法)',
  },
  'en-US': {
    system: 'Foreign Expert Project Management Information System',
    colon: ': ',
    reference: 'Reference',
    referenceHint: ' (give this reference when you contact technical support)',
    retry: 'Sign in again',
    switchAccount: 'Sign in with another account',
    switchHint: 'To use another account, choose "Sign in with another account": it signs you out of the government service portal too, so you can choose the account again.',
    technical: 'Technical details (for technical support)',
    code: 'Reason code',
    legacy: 'Sign in with a legacy account',
  },
};

/** What a refusal address shows when it cannot show its refusal: the reference is unknown, malformed or not this browser's. */
const UNKNOWN_REFUSAL: Record<Locale, RefusalText> = {
  'zh-CN': {
    title: '无法显示这次登录的说明',
    explanation: '该地址中的参考编号无效或已过期,或者这次登录不是在本浏览器中发起的。',
    action: '请重新登录;如仍无法登录,请联系技术支持。',
  },
  'en-US': {
    title: 'This sign-in cannot be explained here',
    explanation: 'The reference in this address is invalid or has expired, or the sign-in was not started in this browser.',
    action: 'Sign in again; if you still cannot, contact technical support.',
  },
};

const STYLE = `
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f2f5fa;color:#1f2d3d}
header{background:#1d4f91;color:#fff;padding:14px 32px;font-size:18px;font-weight:600}
main{max-width:640px;margin:48px auto 24px;background:#fff;border-radius:6px;padding:32px 40px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 16px}
h1.refused{color:#c0392b}
p{line-height:1.7;margin:8px 0}
.action{background:#fdf6ec;border-left:4px solid #e6a23c;padding:10px 14px}
.ref{margin-top:20px;color:#606266;font-size:14px}
.ref code{font-size:16px;color:#1f2d3d;background:#f4f4f5;padding:2px 6px;border-radius:3px;letter-spacing:.5px}
.contacts{color:#606266;font-size:14px}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:0 12px}
.actions form{margin:0}
details.tech{margin-top:18px;color:#909399;font-size:13px}
details.tech summary{cursor:pointer}
a.button,button{display:inline-block;margin-top:24px;margin-right:12px;background:#1d4f91;color:#fff;padding:8px 22px;border-radius:4px;text-decoration:none;border:0;font-size:15px;font-family:inherit;cursor:pointer}
.actions a.button,.actions button{margin-right:0}
button.secondary{background:#fff;color:#1f2d3d;border:1px solid #dcdfe6}
table{border-collapse:collapse;width:100%;margin:8px 0 4px}
th{width:34%;text-align:right;padding:9px 16px 9px 0;color:#606266;font-weight:normal;vertical-align:top}
td{padding:9px 0;border-bottom:1px solid #f0f2f5}
.hint{color:#606266;font-size:14px}
footer.site{max-width:720px;margin:0 auto 32px;padding:0 16px;text-align:center;color:#909399;font-size:13px;line-height:1.8}
footer.site p{margin:0}`;

/** Every gateway page: the system's name above, and below the supported browsers and who to call (as the shell's footer). */
export function layout(locale: Locale, title: string, body: string): string {
  const footer = supportFooter(locale);
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} - ${escape(CHROME[locale].system)}</title>
<style>${STYLE}</style></head>
<body><header>${escape(CHROME[locale].system)}</header>
${body}
<footer class="site" data-testid="site-footer"><p>${escape(footer.browsers)}</p><p>${escape(footer.contacts)}</p></footer>
</body></html>`;
}

/** 重新登录, and 换个帐号登录, which ends the portal session too so that another person can sign in. */
function signInAgain(locale: Locale): string {
  const chrome = CHROME[locale];
  return `<div class="actions"><a class="button" href="/auth/login">${escape(chrome.retry)}</a>
<form method="post" action="/auth/switch-account"><button type="submit" class="secondary" data-testid="switch-account">${escape(chrome.switchAccount)}</button></form></div>
<p class="hint">${escape(chrome.switchHint)}</p>
<p class="hint"><a href="/auth/legacy">${escape(chrome.legacy)}</a></p>`;
}

/**
 * Why the sign-in stopped, what to do, and the reference the person reads out to support. The reason code is
 * for support only: folded away under 技术信息, findable, not in the person's face.
 */
export function refusalPage(code: RefusalCode, reference: string, locale: Locale): string {
  const text = refusalText(code, locale);
  const chrome = CHROME[locale];
  return layout(
    locale,
    text.title,
    `<main role="alert">
<h1 class="refused">${escape(text.title)}</h1>
<p>${escape(text.explanation)}</p>
<p class="action">${escape(text.action)}</p>
<p class="ref">${escape(chrome.reference)}${chrome.colon}<code data-testid="reference">${escape(reference)}</code>${escape(chrome.referenceHint)}</p>
<p class="contacts">${escape(supportFooter(locale).contacts)}</p>
${signInAgain(locale)}
<details class="tech"><summary>${escape(chrome.technical)}</summary><p>${escape(chrome.code)}${chrome.colon}<code data-testid="refusal-code">${escape(code)}</code></p></details>
</main>`,
  );
}

/** The refusal address opened without its refusal to show: no reason, no reference, the way on. */
export function unknownRefusalPage(locale: Locale): string {
  const text = UNKNOWN_REFUSAL[locale];
  return layout(
    locale,
    text.title,
    `<main>
<h1>${escape(text.title)}</h1>
<p>${escape(text.explanation)}</p>
<p class="action">${escape(text.action)}</p>
<p class="contacts">${escape(supportFooter(locale).contacts)}</p>
${signInAgain(locale)}
</main>`,
  );
}

/** A page for when the system itself cannot answer right now; it asks for a retry, never a new sign-in. */
export function unavailablePage(message: string, locale: Locale): string {
  const title = locale === 'zh-CN' ? '服务暂时不可用' : 'Temporarily unavailable';
  const retry = locale === 'zh-CN' ? '重试' : 'Retry';
  return layout(
    locale,
    title,
    `<main role="alert"><h1 class="refused">${escape(title)}</h1><p>${escape(message)}</p>
<a class="button" href="">${escape(retry)}</a></main>`,
  );
}

/** The dev SMS inbox: what the dev sender would have sent, for demos (reset codes included). */
export function devSmsPage(items: Array<{ phoneMasked: string; body: string; createdAt: string; sent: boolean }>): string {
  const rows = items
    .map(
      (m) =>
        `<tr><td>${escape(new Date(m.createdAt).toLocaleString('zh-CN', { timeZone: SHANGHAI_TIME_ZONE, hour12: false }))}</td><td>${escape(m.phoneMasked)}</td><td>${escape(m.body)}</td><td>${m.sent ? '已发送' : '待发送'}</td></tr>`,
    )
    .join('');
  return layout(
    'zh-CN',
    '短信发件箱(开发)',
    `<main style="max-width:960px"><h1>短信发件箱(开发用)</h1><p class="hint">开发环境的短信不会真正发出,在此查看。生产环境不提供此页面。</p>
<table><tr><th style="width:18%;text-align:left">时间</th><th style="width:14%;text-align:left">手机号</th><th style="text-align:left">内容</th><th style="width:10%;text-align:left">状态</th></tr>${rows || '<tr><td colspan="4">暂无短信</td></tr>'}</table></main>`,
  );
}

export interface ConfirmationView {
  username: string;
  realName: string;
  phoneMasked: string;
  email: string;
  unitName: string;
  creditCode: string;
  roleLabel: string;
  /** Ties the form to the pending confirmation it was shown for. */
  formToken: string;
}

const CONFIRM_TEXT = {
  'zh-CN': {
    title: '帐户信息确认',
    fields: ['用户名', '真实姓名', '手机号', '邮箱', '单位名称', '统一社会信用代码', '用户角色'],
    hint: '请您仔细核对以上帐户信息,无误后,点击确定。',
    confirm: '确定',
    cancel: '退出',
  },
  'en-US': {
    title: 'Confirm your account',
    fields: ['Username', 'Real name', 'Mobile', 'Email', 'Unit', 'Unified social credit code', 'Role'],
    hint: 'Check the account information above carefully; if it is right, choose Confirm.',
    confirm: 'Confirm',
    cancel: 'Sign out',
  },
};

export function confirmationPage(view: ConfirmationView, locale: Locale): string {
  const text = CONFIRM_TEXT[locale];
  const values = [view.username, view.realName, view.phoneMasked, view.email, view.unitName, view.creditCode, view.roleLabel];
  const rows = text.fields.map((label, i) => `<tr><th>${escape(label)}</th><td>${escape(values[i] || '—')}</td></tr>`).join('\n');
  return layout(
    locale,
    text.title,
    `<main>
<h1>${escape(text.title)}</h1>
<table>${rows}</table>
<p class="hint">${escape(text.hint)}</p>
<form method="post" action="/auth/confirm">
<input type="hidden" name="token" value="${escape(view.formToken)}">
<button type="submit" name="action" value="confirm">${escape(text.confirm)}</button>
<button type="submit" name="action" value="cancel" class="secondary">${escape(text.cancel)}</button>
</form>
</main>`,
  );
}

/** A reference support staff can read over the phone: date plus six unambiguous characters. */
export function newReference(now = new Date()): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  const tail = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `H${now.toISOString().slice(0, 10).replaceAll('-', '')}-${tail}`;
}
