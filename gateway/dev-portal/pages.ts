// Server-rendered zh-CN pages of the dev portal: sign-in, logout confirmation, logged-out, error, and
// 用户授权管理. Plain HTML with a few lines of inline script; labels are the ones the e2e tests look for.
import { PORTAL_GRANT_NAMES } from '@wgzj/gateway/kit/shared/roles';
import type { Account, AccountKind, RealnameStatus, Unit, WgzjRole } from './accounts.ts';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const PORTAL_TITLE = '科学技术部政务服务平台';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#eef2f7;color:#1f2d3d}
header{background:linear-gradient(90deg,#b3191d,#d0302f);color:#fff;padding:18px 32px;display:flex;align-items:center;gap:12px}
header .emblem{width:36px;height:36px;border-radius:50%;background:#f5c242;color:#b3191d;display:grid;place-items:center;font-weight:bold}
header h1{margin:0;font-size:22px;font-weight:600;letter-spacing:1px}
main{max-width:440px;margin:40px auto;background:#fff;border-radius:6px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:28px 32px}
.notice{background:#fff7e6;border:1px solid #ffd591;color:#874d00;padding:10px 12px;border-radius:4px;margin-bottom:20px;font-size:14px}
.tabs{display:flex;border:0;border-bottom:2px solid #e4e7ed;margin:0 0 20px;padding:0;min-width:0}
.tabs legend{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.tabs input{position:absolute;opacity:0}
.tabs label{flex:1;text-align:center;padding:10px 0;cursor:pointer;font-size:16px;color:#606266;border-bottom:2px solid transparent;margin-bottom:-2px}
.tabs input:checked+label{color:#b3191d;border-bottom-color:#b3191d;font-weight:600}
.tabs input:focus-visible+label{outline:2px solid #409eff}
.field{margin-bottom:16px}
.field>label{display:block;margin-bottom:6px;font-size:14px}
.field input{width:100%;padding:9px 10px;border:1px solid #dcdfe6;border-radius:4px;font-size:15px}
.row{display:flex;gap:8px;align-items:center}
.row input{flex:1}
button{font:inherit;cursor:pointer}
.secondary{background:#fff;border:1px solid #dcdfe6;border-radius:4px;padding:8px 12px;white-space:nowrap}
.primary{width:100%;background:#b3191d;color:#fff;border:0;border-radius:4px;padding:11px;font-size:16px}
.primary:hover{background:#9c1418}
.error{background:#fef0f0;border:1px solid #fbc4c4;color:#c45656;padding:10px 12px;border-radius:4px;margin-bottom:16px;font-size:14px}
.captcha-image{border:1px solid #dcdfe6;border-radius:4px;flex:none}
a{color:#1f5fbf}
main.wide{max-width:960px}
.ok{background:#f0f9eb;border:1px solid #c2e7b0;color:#529b2e;padding:10px 12px;border-radius:4px;margin-bottom:16px;font-size:14px}
.toolbar{display:flex;justify-content:space-between;align-items:center;gap:12px;margin-bottom:16px}
.toolbar h2{font-size:18px;margin:0}
.toolbar form{margin:0}
.meta{color:#606266;font-size:13px;margin:4px 0 0}
table.grants{width:100%;border-collapse:collapse;font-size:14px}
table.grants th,table.grants td{border-bottom:1px solid #ebeef5;padding:10px 8px;text-align:left;vertical-align:middle}
table.grants th{background:#f5f7fa;font-weight:600}
table.grants form{display:inline;margin:0 0 0 8px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;border:1px solid #dcdfe6;color:#606266}
.badge.on{border-color:#b3d8ff;background:#ecf5ff;color:#1f5fbf}
.small{background:#b3191d;color:#fff;border:0;border-radius:4px;padding:4px 10px;font-size:13px}
.small.revoke{background:#fff;color:#b3191d;border:1px solid #b3191d}
footer{text-align:center;color:#909399;font-size:12px;margin:24px 0}
`;

interface LayoutOptions {
  /** What the header names after the portal's title. */
  heading?: string;
  /** A wider main column (tables). */
  wide?: boolean;
}

function layout(title: string, body: string, script = '', options: LayoutOptions = {}): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - ${PORTAL_TITLE}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="emblem" aria-hidden="true">科</div><h1>${PORTAL_TITLE} · ${escapeHtml(options.heading ?? '统一用户登录')}</h1></header>
<main${options.wide ? ' class="wide"' : ''}>
${body}
</main>
<footer>开发用模拟门户 · 仅用于测试与演示</footer>
${script ? `<script>${script}</script>` : ''}
</body>
</html>`;
}

export interface SignInPageInput {
  /** Where the form posts. */
  action: string;
  /** URL that shows the same page with a fresh captcha. */
  refreshUrl: string;
  /** URL that cancels the sign-in and returns an access_denied to the client; absent: no such link. */
  abortUrl?: string;
  clientName: string;
  /** The notice above the form; default “您正在进入“<clientName>””. */
  notice?: string;
  /** The header's heading; default 统一用户登录. */
  heading?: string;
  kind: AccountKind;
  /** The tabs offered (default both). */
  kinds?: readonly AccountKind[];
  /** Hidden form fields (a CSRF token, say). */
  hidden?: Record<string, string>;
  username?: string;
  error?: string;
  /** Inline SVG of the captcha; absent when captchas are switched off. */
  captchaSvg?: string;
}

const PASSWORD_TOGGLE_SCRIPT = `
(function(){
  var button=document.getElementById('toggle-password');
  var input=document.getElementById('password');
  if(!button||!input)return;
  button.addEventListener('click',function(){
    var show=input.type==='password';
    input.type=show?'text':'password';
    button.textContent=show?'隐藏':'显示';
    button.setAttribute('aria-pressed',show?'true':'false');
  });
})();`;

export function signInPage(input: SignInPageInput): string {
  const tab = (kind: AccountKind, label: string): string => `
    <input type="radio" name="kind" id="kind-${kind}" value="${kind}"${input.kind === kind ? ' checked' : ''}>
    <label for="kind-${kind}">${label}</label>`;
  const captcha = input.captchaSvg
    ? `<div class="field">
        <label for="captcha">验证码</label>
        <div class="row">
          <input id="captcha" name="captcha" autocomplete="off" maxlength="8" required>
          ${input.captchaSvg}
          <a href="${escapeHtml(input.refreshUrl)}">换一张</a>
        </div>
      </div>`
    : '';
  const kinds = input.kinds ?? ['natural', 'legal'];
  const labels: Record<AccountKind, string> = { natural: '自然人登录', legal: '法人登录' };
  const hidden = Object.entries(input.hidden ?? {})
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const body = `
<p class="notice">${escapeHtml(input.notice ?? `您正在进入“${input.clientName}”`)}</p>
${input.error ? `<div class="error" role="alert">${escapeHtml(input.error)}</div>` : ''}
<form method="post" action="${escapeHtml(input.action)}" autocomplete="off" novalidate>
  ${hidden}
  <fieldset class="tabs">
    <legend>登录方式</legend>
    ${kinds.map((k) => tab(k, labels[k])).join('')}
  </fieldset>
  <div class="field">
    <label for="username">用户名</label>
    <input id="username" name="username" autocomplete="username" required value="${escapeHtml(input.username ?? '')}">
  </div>
  <div class="field">
    <label for="password">密码</label>
    <div class="row">
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="button" class="secondary" id="toggle-password" aria-controls="password" aria-pressed="false">显示</button>
    </div>
  </div>
  ${captcha}
  <button type="submit" class="primary">登录</button>
</form>
${input.abortUrl ? `<p style="text-align:center;font-size:13px;margin-top:16px"><a href="${escapeHtml(input.abortUrl)}">取消并返回</a></p>` : ''}`;
  const heading = input.heading ?? '统一用户登录';
  return layout(heading, body, PASSWORD_TOGGLE_SCRIPT, { heading });
}

/**
 * The RP-initiated logout confirmation. `form` is oidc-provider's hidden form (id `op.logoutForm`,
 * carrying the xsrf token). When the request names a known client the page confirms itself, so a user
 * leaving the system is not asked twice; without script the buttons do the same.
 */
export function logoutPage(form: string, clientName: string | undefined, autoConfirm: boolean): string {
  const whom = clientName ? `“${escapeHtml(clientName)}”及` : '';
  const body = `
<h2 style="font-size:18px;margin-top:0">退出登录</h2>
<p>您是否要退出${whom}${PORTAL_TITLE}?</p>
${form}
<p class="row">
  <button type="submit" class="primary" form="op.logoutForm" name="logout" value="yes" autofocus>确认退出</button>
  <button type="submit" class="secondary" form="op.logoutForm">仅退出该系统</button>
</p>`;
  const script = autoConfirm
    ? `(function(){var f=document.getElementById('op.logoutForm');if(!f)return;var i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();})();`
    : '';
  return layout('退出登录', body, script);
}

export function loggedOutPage(): string {
  return layout('已退出', `<h2 style="font-size:18px;margin-top:0">您已安全退出</h2><p>您已退出${PORTAL_TITLE}。</p>`);
}

const ERROR_MESSAGES: Record<string, string> = {
  invalid_request: '请求无效',
  invalid_client: '应用未注册或认证失败',
  access_denied: '访问被拒绝',
  login_required: '需要登录',
  server_error: '服务器内部错误',
  invalid_redirect_uri: '回调地址未登记',
};

export function errorPage(error: string, description: string | undefined): string {
  const title = ERROR_MESSAGES[error] ?? '请求处理失败';
  const body = `
<h2 style="font-size:18px;margin-top:0">${escapeHtml(title)}</h2>
<div class="error" role="alert">${escapeHtml(error)}${description ? `:${escapeHtml(description)}` : ''}</div>
<p>请返回原系统重新发起登录。如问题持续,请联系技术支持。</p>`;
  return layout(title, body);
}

// ---- 用户授权管理 ----------------------------------------------------------------------------------

export const ROLE_LABELS: Record<WgzjRole, string> = PORTAL_GRANT_NAMES;

const REALNAME_LABELS: Record<RealnameStatus, string> = {
  verified: '已实名认证',
  pending: '人工审核中',
  unverified: '未实名认证',
};

/** Screens show personal identifiers masked (DOMAIN.md); the legal person recognises people by name. */
function maskIdNumber(id: string | null): string {
  if (!id) return '—';
  return id.length < 8 ? '*'.repeat(id.length) : `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

export interface GrantsPageInput {
  /** The signed-in legal-person account. */
  legal: Account;
  unit: Unit;
  members: readonly Account[];
  csrf: string;
  flash?: { kind: 'ok' | 'error'; text: string };
}

export function grantsPage(input: GrantsPageInput): string {
  const csrf = `<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">`;
  const roleCell = (member: Account, role: WgzjRole): string => {
    const granted = member.roles.includes(role);
    const action = granted ? 'revoke' : 'grant';
    const verb = granted ? '取消授权' : '授权';
    return `<td data-role="${role}">
      <span class="badge${granted ? ' on' : ''}">${granted ? '已授权' : '未授权'}</span>
      <form method="post" action="/grants/${action}">${csrf}
        <input type="hidden" name="username" value="${escapeHtml(member.username)}">
        <input type="hidden" name="role" value="${role}">
        <button type="submit" class="small${granted ? ' revoke' : ''}" aria-label="${verb}:${ROLE_LABELS[role]}">${verb}</button>
      </form>
    </td>`;
  };
  const rows = input.members.map((m) => `
    <tr data-testid="grant-row-${escapeHtml(m.username)}" data-username="${escapeHtml(m.username)}">
      <td>${escapeHtml(m.username)}</td>
      <td>${escapeHtml(m.name)}</td>
      <td>${escapeHtml(maskIdNumber(m.idNumber))}</td>
      <td>${REALNAME_LABELS[m.realnameStatus]}</td>
      ${roleCell(m, 'handler')}
      ${roleCell(m, 'admin')}
    </tr>`).join('');
  const flash = input.flash
    ? `<div class="${input.flash.kind === 'ok' ? 'ok' : 'error'}" role="${input.flash.kind === 'ok' ? 'status' : 'alert'}">${escapeHtml(input.flash.text)}</div>`
    : '';
  const body = `
<div class="toolbar">
  <div>
    <h2>授权操作 · ${escapeHtml(input.unit.name)}</h2>
    <p class="meta">统一社会信用代码 ${escapeHtml(input.unit.creditCode || '—')} · 法人帐号 ${escapeHtml(input.legal.username)}</p>
  </div>
  <form method="post" action="/grants/logout">${csrf}<button type="submit" class="secondary">退出</button></form>
</div>
<p class="notice">为本单位的自然人授予或取消“外国专家项目管理信息系统”的事项权限。取消某人的全部授权后,其在该系统的登录会话随即结束。</p>
${flash}
<table class="grants">
  <caption style="text-align:left;padding-bottom:8px;font-weight:600">本单位自然人用户</caption>
  <thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">身份证号</th><th scope="col">实名认证</th>
    <th scope="col">${ROLE_LABELS.handler}</th><th scope="col">${ROLE_LABELS.admin}</th></tr></thead>
  <tbody>${rows || '<tr><td colspan="6">本单位暂无自然人用户</td></tr>'}</tbody>
</table>`;
  return layout('用户授权管理', body, '', { heading: '用户授权管理', wide: true });
}

export function grantsRefusalPage(title: string, message: string): string {
  const body = `
<h2 style="font-size:18px;margin-top:0">${escapeHtml(title)}</h2>
<div class="error" role="alert">${escapeHtml(message)}</div>
<p><a href="/grants">返回用户授权管理</a></p>`;
  return layout(title, body, '', { heading: '用户授权管理' });
}
