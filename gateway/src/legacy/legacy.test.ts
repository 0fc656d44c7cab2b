// The legacy door (老人老办法) from the outside: captcha, WGZJXM_ hint, lockout, SMS reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, captchaAnswer } from '../../dev-portal/test-browser.ts';
import { startStack, type Stack } from '../testing/stack.ts';

let stack: Stack;
let clock = Date.now();
beforeAll(async () => {
  stack = await startStack({ now: () => clock });
});
afterAll(async () => {
  await stack?.close();
});

const url = (path: string) => new URL(path, stack.gatewayUrl);
const json = { accept: 'application/json', 'sec-fetch-dest': 'empty' };
const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;

/** Opens a form page and posts it back filled in, captcha read off the picture unless told otherwise. */
async function submit(browser: Browser, page: string, action: string, fields: Record<string, string>, captcha?: string) {
  const html = await (await browser.request(url(page))).text();
  return browser.request(url(action), { form: { token: tokenOf(html), captcha: captcha ?? captchaAnswer(html), ...fields } });
}

async function signIn(username: string, password: string, browser = new Browser(), captcha?: string) {
  const res = await submit(browser, '/auth/legacy', '/auth/legacy', { username, password }, captcha);
  return { browser, res, html: res.status === 303 ? '' : await res.text() };
}

const whoAmI = async (browser: Browser) => {
  const res = await browser.request(url('/auth/me'), { headers: json });
  return res.status === 200 ? ((await res.json()) as { user: { username: string } }).user.username : null;
};

describe('the legacy door', () => {
  it('signs a legacy account in to the session of its local account', async () => {
    const { browser, res } = await signIn('WGZJXM_zhangwei', 'Demo@2026');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(await whoAmI(browser)).toBe('employer_handler');
  });

  it('shows a zh-CN page with captcha and a show/hide password button', async () => {
    const html = await (await new Browser().request(url('/auth/legacy'))).text();
    for (const text of ['原有帐号登录', '用户名', '密码', '验证码', '显示', '忘记密码']) expect(html).toContain(text);
    expect(html).toContain('<svg');
  });

  it('suggests WGZJXM_ when only the prefixed name exists', async () => {
    const { res, html } = await signIn('zhangwei', 'Demo@2026');
    expect(res.status).toBe(401);
    expect(html).toContain('请在帐号前增加 WGZJXM_ 重试');
  });

  it('refuses a wrong captcha or a form from another site, and opens no session', async () => {
    const wrong = await signIn('liuyang', 'Demo@2026', new Browser(), 'XXXX');
    expect(wrong.res.status).toBe(400);
    expect(wrong.html).toContain('验证码错误');
    expect(await whoAmI(wrong.browser)).toBeNull();
    const browser = new Browser();
    const html = await (await browser.request(url('/auth/legacy'))).text();
    const offsite = await browser.request(url('/auth/legacy'), {
      form: { token: tokenOf(html), captcha: captchaAnswer(html), username: 'liuyang', password: 'Demo@2026' },
      headers: { origin: 'https://evil.example' },
    });
    expect(offsite.status).toBe(400);
    expect(await whoAmI(browser)).toBeNull();
  });

  it('locks the account for 10 minutes after 5 wrong passwords, even against the right one', async () => {
    for (let i = 0; i < 4; i++) {
      const { res, html } = await signIn('liuyang', 'wrong-password');
      expect(res.status).toBe(401);
      expect(html).toContain('用户名或密码错误');
    }
    const fifth = await signIn('liuyang', 'wrong-password');
    expect(fifth.res.status).toBe(423);
    expect(fifth.html).toContain('帐号已锁定');
    const right = await signIn('liuyang', 'Demo@2026');
    expect(right.res.status).toBe(423);
    expect(await whoAmI(right.browser)).toBeNull();
    clock += 10 * 60_000 + 1_000;
    const later = await signIn('liuyang', 'Demo@2026');
    expect(later.res.status).toBe(303);
    expect(await whoAmI(later.browser)).toBe('supervisor_bj');
  });

  it('resets a forgotten password with a code sent by SMS', async () => {
    const browser = new Browser();
    const requested = await submit(browser, '/auth/legacy/reset', '/auth/legacy/reset', { username: 'liuyang' });
    const codePage = await requested.text();
    expect(codePage).toContain('验证码已发送');
    await stack.gateway.outbox.dispatch();
    const inbox = (await (await fetch(url('/dev/sms?phone=18610000004'))).json()) as { items: Array<{ body: string; phoneMasked: string; sent: boolean }> };
    expect(inbox.items[0]).toMatchObject({ phoneMasked: '186****0004', sent: true });
    const code = /验证码 (\d{6})/.exec(inbox.items[0]!.body)![1]!;

    const weak = await browser.request(url('/auth/legacy/reset/confirm'), { form: { token: tokenOf(codePage), code, password: 'short', repeat: 'short' } });
    expect(weak.status).toBe(400);
    const weakPage = await weak.text();
    expect(weakPage).toContain('新密码不符合要求');
    const wrongCode = await browser.request(url('/auth/legacy/reset/confirm'), {
      form: { token: tokenOf(weakPage), code: code === '000000' ? '111111' : '000000', password: 'New#Pass2026', repeat: 'New#Pass2026' },
    });
    expect(wrongCode.status).toBe(400);
    const done = await browser.request(url('/auth/legacy/reset/confirm'), {
      form: { token: tokenOf(await wrongCode.text()), code, password: 'New#Pass2026', repeat: 'New#Pass2026' },
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('密码已重置');

    expect((await signIn('liuyang', 'Demo@2026')).res.status).toBe(401);
    expect((await signIn('liuyang', 'New#Pass2026')).res.status).toBe(303);
  });

  it('answers a reset for an unknown name exactly as for a known one, and sends nothing', async () => {
    const before = (await (await fetch(url('/dev/sms'))).json()) as { items: unknown[] };
    const res = await submit(new Browser(), '/auth/legacy/reset', '/auth/legacy/reset', { username: 'nobody_at_all' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('如该帐号存在且绑定了手机,验证码已发送');
    const after = (await (await fetch(url('/dev/sms'))).json()) as { items: unknown[] };
    expect(after.items.length).toBe(before.items.length);
  });

  it('keeps the bound phone encrypted at rest', async () => {
    const { rows } = await stack.gateway.db.query<{ phone_encrypted: string }>('select phone_encrypted from gateway.legacy_credentials');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.phone_encrypted).toMatch(/^v1\./);
    const outbox = await stack.gateway.db.query<{ phone_encrypted: string }>('select phone_encrypted from notify.sms_outbox');
    for (const row of outbox.rows) expect(row.phone_encrypted).not.toMatch(/1[3-9]\d{9}/);
  });
});
