// The refusal page seen by the person it stops: an address of its own that a reload keeps, 换个帐号登录 that lets
// another person sign in, the support contacts, the reason code folded away for support, and the footer of every
// gateway page. Through a real dev portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORT_CONTACTS, supportFooter } from '@wgzj/gateway/kit/support-contacts';
import { Browser, formAction } from '@wgzj/gateway/testing/browser';
import { confirmAccount, DEMO_PASSWORD, signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';
import { HANDOFF_REFUSALS, refusalText, unavailablePage, type RefusalCode } from './pages.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const url = (path: string) => new URL(path, stack.gatewayUrl);
const page = { accept: 'text/html', 'sec-fetch-dest': 'document' };
const referenceOf = (html: string) => /data-testid="reference">([^<]+)</.exec(html)?.[1];
const titleOf = (html: string) => /<h1[^>]*>([^<]+)</.exec(html)?.[1];
/** What a person sees without opening 技术信息. */
const visible = (html: string) => html.replace(/<details class="tech">[\s\S]*?<\/details>/, '');

async function refusedAs(username: string, browser = new Browser()) {
  const { res, url: at } = await signInThrough(stack, username, '/', browser);
  return { browser, res, at, html: await res.text() };
}

describe('the refusal page has an address of its own', () => {
  it('is reached by a 303 from the callback, and a reload shows the same reason and reference', async () => {
    const first = await refusedAs('no_grant');
    expect(first.res.status).toBe(403);
    expect(first.at.pathname).toMatch(/^\/auth\/refused\/H\d{8}-[A-Z2-9]{6}$/);
    const reference = referenceOf(first.html)!;
    expect(first.at.pathname).toBe(`/auth/refused/${reference}`);
    expect(first.browser.visited.some((v) => new URL(v, stack.gatewayUrl).pathname === '/auth/callback')).toBe(true);
    for (let i = 0; i < 2; i++) {
      const again = await first.browser.request(first.at, { headers: page });
      expect(again.status).toBe(403);
      expect(again.headers.get('cache-control')).toBe('no-store');
      const html = await again.text();
      expect(referenceOf(html)).toBe(reference);
      expect(titleOf(html)).toBe('您还没有本系统的访问权限');
      expect(html).not.toContain('登录已过期');
    }
    // The address in lower case (typed from a note) is the same page.
    const lower = await first.browser.request(url(`/auth/refused/${reference.toLowerCase()}`), { headers: page });
    expect(referenceOf(await lower.text())).toBe(reference);
  });

  it('shows nothing about the person: no name, username, phone or ID', async () => {
    const { html } = await refusedAs('realname_pending');
    const account = stack.portal.accounts.findByUsername('realname_pending')!;
    for (const personal of [account.username, account.phoneNumber, account.name, account.idNumber].filter(Boolean) as string[]) {
      expect(html).not.toContain(personal);
    }
  });

  it('opens in no other browser, and a made-up, malformed or reused reference shows a neutral page', async () => {
    const { at, browser, html } = await refusedAs('unit_no_credit_code');
    const reference = referenceOf(html)!;
    const cookie = browser.jar.header(at);
    const forged = cookie.replace(/wgzj_refusal=[^;]*/, `wgzj_refusal=${reference}`);
    const attempts = [
      await new Browser().request(at, { headers: page }),
      await fetch(at, { headers: { ...page, cookie: forged } }),
      await browser.request(url('/auth/refused/H20260101-ABCDEF'), { headers: page }),
      await browser.request(url('/auth/refused/not-a-reference'), { headers: page }),
      await browser.request(url(`/auth/refused/${encodeURIComponent("H2026' or '1'='1")}`), { headers: page }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      const body = await res.text();
      expect(titleOf(body)).toBe('无法显示这次登录的说明');
      expect(body).not.toContain(reference);
      expect(body).not.toMatch(/ADMISSION_|HANDOFF_|统一社会信用代码/);
      expect(body).toContain('重新登录');
    }
  });
});

describe('换个帐号登录', () => {
  it('is needed: 重新登录 alone brings the same person back to the same refusal while the portal session lives', async () => {
    const { browser } = await refusedAs('no_grant');
    const again = await signInThrough(stack, 'employer_handler', '/auth/login', browser);
    expect(again.url.pathname).toMatch(/^\/auth\/refused\//);
    expect(titleOf(await again.res.text())).toBe('您还没有本系统的访问权限');
  });

  it('ends the portal session too and comes back to a fresh sign-in, where another person gets in', async () => {
    const { browser, html } = await refusedAs('no_grant');
    expect(html).toContain('<form method="post" action="/auth/switch-account">');
    expect(html).toContain('换个帐号登录');
    const switched = await browser.request(url('/auth/switch-account'), { form: {} });
    expect(switched.status).toBe(303);
    const endSession = new URL(switched.headers.get('location')!);
    expect(endSession.href.startsWith(stack.portal.issuer)).toBe(true);
    expect(endSession.searchParams.get('client_id')).toBe('wgzjxm');
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${stack.gatewayUrl}/`);
    // The portal asks to confirm (its page does it by script in a browser), then sends the browser back here.
    const confirm = await browser.follow(await browser.request(endSession), endSession, `${stack.gatewayUrl}/`);
    const confirmHtml = await confirm.res.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmHtml)![1]!;
    const logout = formAction(confirmHtml, confirm.url);
    const back = await browser.follow(await browser.request(logout, { form: { xsrf, logout: 'yes' } }), logout, `${stack.gatewayUrl}/`);
    expect(back.url.href).toBe(`${stack.gatewayUrl}/`);
    // From the home page on, a fresh sign-in: the portal asks who signs in, and this time it is someone else.
    const start = await browser.follow(await browser.request(back.url, { headers: page }), back.url, '\u0000');
    expect(start.url.href.startsWith(stack.portal.issuer)).toBe(true);
    const form = await start.res.text();
    expect(form).toContain('name="password"');
    const action = formAction(form, start.url);
    const posted = await browser.request(action, { form: { kind: 'natural', username: 'employer_handler', password: DEMO_PASSWORD } });
    const done = await browser.follow(posted, action, '\u0000');
    expect(done.url.pathname).toBe('/auth/confirm');
    const entered = await confirmAccount(browser, done.res, done.url);
    expect(entered.url.href).toBe(`${stack.gatewayUrl}/`);
    const me = await browser.request(url('/auth/me'), { headers: { accept: 'application/json', 'sec-fetch-dest': 'empty' } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('employer_handler');
  });

  it('is refused from another site', async () => {
    const res = await new Browser().request(url('/auth/switch-account'), { form: {}, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe('what the refusal page says', () => {
  it('keeps the reason code for support under 技术信息, not in the text a person reads', async () => {
    const { html } = await refusedAs('unit_bad_credit_code');
    expect(html).toContain('<details class="tech"><summary>技术信息（供技术支持）</summary><p>原因代码：<code data-testid="refusal-code">ADMISSION_CREDIT_CODE_INVALID</code></p></details>');
    expect(visible(html)).not.toMatch(/ADMISSION_|原因代码/);
    expect(visible(html)).toMatch(/参考编号：<code data-testid="reference">H\d{8}-[A-Z2-9]{6}<\/code>（联系技术支持时请告知此编号）/);
  });

  it('names the support contacts from the one list, in both languages, with no number of its own', () => {
    for (const code of Object.keys(HANDOFF_REFUSALS) as RefusalCode[]) {
      for (const locale of ['zh-CN', 'en-US'] as const) {
        const text = refusalText(code, locale);
        const words = Object.values(text).join(' ');
        expect(words).not.toMatch(/[{}]/);
        for (const number of words.match(/\d{3}-\d{8}/g) ?? []) {
          expect([SUPPORT_CONTACTS.phone, SUPPORT_CONTACTS.portalPhone]).toContain(number);
        }
      }
    }
    expect(refusalText('HANDOFF_PORTAL_ERROR', 'zh-CN').action).toContain(SUPPORT_CONTACTS.phone);
    expect(refusalText('ADMISSION_REALNAME_PENDING', 'en-US').action).toContain(SUPPORT_CONTACTS.portalPhone);
    expect(refusalText('ADMISSION_ROLE_MISSING', 'en-US').action).toContain('Project officer (外国专家项目-事项办理员)');
  });

  it('shows QQ and 电话 on the page itself', async () => {
    const { html } = await refusedAs('realname_unverified');
    expect(visible(html)).toContain(`技术支持 QQ:${SUPPORT_CONTACTS.qq.join(' ')}`);
    expect(visible(html)).toContain(`电话:${SUPPORT_CONTACTS.phone}`);
  });
});

describe('the footer of every gateway page', () => {
  const footerOf = (html: string) => /<footer class="site" data-testid="site-footer">([\s\S]*?)<\/footer>/.exec(html)?.[1] ?? '';

  it('carries the browser advice and the contacts, in the reader\'s language', async () => {
    const pages: Array<[string, () => Promise<string>]> = [
      ['refusal', async () => (await refusedAs('no_grant')).html],
      ['unknown refusal', async () => (await (await fetch(url('/auth/refused/x'), { headers: page })).text())],
      ['legacy sign-in', async () => (await (await fetch(url('/auth/legacy'))).text())],
      ['password reset', async () => (await (await fetch(url('/auth/legacy/reset'))).text())],
      ['account confirmation', async () => {
        const { browser, url: at } = await signInThrough(stack, 'employer_admin', '/', new Browser(), { confirm: false });
        return (await browser.request(at)).text();
      }],
      ['unavailable', async () => unavailablePage('…', 'zh-CN')],
    ];
    const zh = supportFooter('zh-CN');
    for (const [name, load] of pages) {
      const footer = footerOf(await load());
      expect(footer, name).toContain('推荐使用谷歌浏览器、360 浏览器极速模式');
      expect(footer, name).toContain(zh.contacts);
    }
    const english = footerOf(await (await fetch(url('/auth/legacy'), { headers: { 'accept-language': 'en-US' } })).text());
    expect(english).toContain(supportFooter('en-US').browsers);
    expect(english).toContain(`QQ: ${SUPPORT_CONTACTS.qq.join(' ')}`);
  });
});

describe('role names on the confirmation page', () => {
  it('read 外国专家项目-事项办理员 in Chinese and Project officer / Project administrator in English', async () => {
    for (const [username, zh, en] of [
      ['employer_handler', '外国专家项目-事项办理员', 'Project officer'],
      ['employer_admin', '外国专家项目-事项管理员', 'Project administrator'],
    ] as const) {
      const { browser, url: at } = await signInThrough(stack, username, '/', new Browser(), { confirm: false });
      expect(at.pathname).toBe('/auth/confirm');
      const chinese = await (await browser.request(at, { headers: { 'accept-language': 'zh-CN' } })).text();
      expect(chinese).toContain(`<th>用户角色</th><td>${zh}</td>`);
      const english = await (await browser.request(at, { headers: { 'accept-language': 'en-US' } })).text();
      expect(english).toContain(`<th>Role</th><td>${en}</td>`);
      expect(english).not.toMatch(/Matter|事项/);
    }
  });
});
