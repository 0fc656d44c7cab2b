// Server-rendered zh-CN pages of the dev portal: sign-in, logout confirmation, logged-out, error.
// Plain HTML with a few lines of inline script; labels are the ones the e2e tests look for.
import type { AccountKind } from './accounts.ts';

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
footer{text-align:center;color:#909399;font-size:12px;margin:24px 0}
`;

function layout(title: string, body: string, script = ''): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - ${PORTAL_TITLE}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="emblem" aria-hidden="true">科</div><h1>${PORTAL_TITLE} · 统一用户登录</h1></header>
<main>
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
  /** URL that cancels the sign-in and returns an access_denied to the client. */
  abortUrl: string;
  clientName: string;
  kind: AccountKind;
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
  const body = `
<p class="notice">您正在进入“${escapeHtml(input.clientName)}”</p>
${input.error ? `<div class="error" role="alert">${escapeHtml(input.error)}</div>` : ''}
<form method="post" action="${escapeHtml(input.action)}" autocomplete="off" novalidate>
  <fieldset class="tabs">
    <legend>登录方式</legend>
    ${tab('natural', '自然人登录')}
    ${tab('legal', '法人登录')}
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
<p style="text-align:center;font-size:13px;margin-top:16px"><a href="${escapeHtml(input.abortUrl)}">取消并返回</a></p>`;
  return layout('统一用户登录', body, PASSWORD_TOGGLE_SCRIPT);
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
