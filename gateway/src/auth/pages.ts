// Server-rendered pages of the sign-in handoff: why a sign-in stopped and what to do, in the user's language.
import type { Locale } from '@wgzj/gateway/kit';

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
      action: '请重新登录;如仍不成功,请将参考编号告知技术支持(010-58235529)。',
    },
    'en-US': {
      title: 'The portal did not complete the sign-in',
      explanation: 'The government service portal returned an error, or its credentials failed verification.',
      action: 'Sign in again; if it keeps failing, give the reference to technical support (010-58235529).',
    },
  },
  HANDOFF_PORTAL_UNAVAILABLE: {
    'zh-CN': {
      title: '政务服务平台暂时无法访问',
      explanation: '系统暂时无法连接科学技术部政务服务平台,因此无法完成登录。已登录的用户不受影响。',
      action: '请稍后重试;如持续无法访问,请联系技术支持(010-58235529)。',
    },
    'en-US': {
      title: 'The government service portal is unreachable',
      explanation: 'The system cannot reach the portal right now, so sign-in cannot complete. Signed-in users are not affected.',
      action: 'Try again shortly; if it persists, contact technical support (010-58235529).',
    },
  },
  ADMISSION_ACCOUNT_UNKNOWN: {
    'zh-CN': {
      title: '未找到您在本系统的帐号',
      explanation: '您已在政务服务平台登录,但外国专家项目管理信息系统中没有与之对应的帐号。',
      action: '用人单位用户请联系本单位法人帐号在政务服务平台“在线办事-用户授权管理-授权操作”中为您授权;归口管理单位用户请联系国家管理员。',
    },
    'en-US': {
      title: 'No account in this system',
      explanation: 'You are signed in at the portal, but this system has no account for you.',
      action: "Employer-unit users: ask your unit's legal-person account to grant you access in the portal (用户授权管理). Supervising-unit users: contact the national administrator.",
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
} satisfies Record<string, Record<Locale, RefusalText>>;

export type RefusalCode = keyof typeof HANDOFF_REFUSALS;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const CHROME = {
  'zh-CN': { system: '外国专家项目管理信息系统', reference: '参考编号', retry: '重新登录', code: '原因代码' },
  'en-US': { system: 'Foreign Expert Project Management Information System', reference: 'Reference', retry: 'Sign in again', code: 'Reason code' },
};

export function refusalPage(code: RefusalCode, reference: string, locale: Locale): string {
  const text = HANDOFF_REFUSALS[code][locale];
  const chrome = CHROME[locale];
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(text.title)} - ${escape(chrome.system)}</title>
<style>
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f2f5fa;color:#1f2d3d}
header{background:#1d4f91;color:#fff;padding:14px 32px;font-size:18px;font-weight:600}
main{max-width:640px;margin:48px auto;background:#fff;border-radius:6px;padding:32px 40px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 16px;color:#c0392b}
p{line-height:1.7;margin:8px 0}
.action{background:#fdf6ec;border-left:4px solid #e6a23c;padding:10px 14px}
.ref{margin-top:20px;color:#606266;font-size:14px}
.ref code{font-size:15px;color:#1f2d3d;background:#f4f4f5;padding:2px 6px;border-radius:3px}
a.button{display:inline-block;margin-top:24px;background:#1d4f91;color:#fff;padding:8px 22px;border-radius:4px;text-decoration:none}
</style></head>
<body><header>${escape(chrome.system)}</header>
<main role="alert">
<h1>${escape(text.title)}</h1>
<p>${escape(text.explanation)}</p>
<p class="action">${escape(text.action)}</p>
<p class="ref">${escape(chrome.reference)}:<code data-testid="reference">${escape(reference)}</code> · ${escape(chrome.code)}:<code data-testid="refusal-code">${escape(code)}</code></p>
<a class="button" href="/auth/login">${escape(chrome.retry)}</a>
</main></body></html>`;
}

/** A reference support staff can read over the phone: date plus six unambiguous characters. */
export function newReference(now = new Date()): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  const tail = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `H${now.toISOString().slice(0, 10).replaceAll('-', '')}-${tail}`;
}
