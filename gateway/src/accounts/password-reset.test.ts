// Password reset by an administrator (问题七), from the outside: who may reset whom, what the person receives,
// and that the code (never shown to the administrator) sets the new password on the ordinary reset page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '@wgzj/gateway/testing/browser';
import { drawCaptcha } from '@wgzj/gateway/testing/legacy-forms';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

let stack: Stack;
const logLines: string[] = [];
/** Every code an SMS carried and every password set here: none may appear in a response or a log line. */
const secrets: string[] = [];

interface SignedIn {
  browser: Browser;
  csrf: string;
}
const as: Record<string, SignedIn> = {};
let userId: (username: string) => string;

const url = (path: string) => new URL(path, stack.gatewayUrl);
const json = { accept: 'application/json', 'sec-fetch-dest': 'empty' };
const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;

beforeAll(async () => {
  stack = await startStack({ logLines });
  for (const username of ['supervisor_bj', 'support', 'national_admin', 'employer_handler', 'employer_admin']) {
    const { browser } = await signInThrough(stack, username);
    const me = await browser.request(url('/auth/me'), { headers: json });
    as[username] = { browser, csrf: ((await me.json()) as { csrfToken: string }).csrfToken };
  }
  const { rows } = await stack.gateway.db.query<{ user_id: string; username: string }>('select user_id, username from admin.account_directory');
  userId = (username) => rows.find((r) => r.username === username)!.user_id;
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

async function reset(by: string, target: string, options: { csrf?: boolean; locale?: string } = {}) {
  const actor = as[by]!;
  const res = await actor.browser.request(url(`/api/gateway/accounts/${target}/password-reset`), {
    method: 'POST',
    headers: {
      ...json,
      origin: stack.gatewayUrl,
      'accept-language': options.locale ?? 'zh-CN',
      ...(options.csrf === false ? {} : { 'x-csrf-token': actor.csrf }),
    },
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { sentTo?: string; error?: { code: string; message: string } } };
}

async function legacySignIn(username: string, password: string) {
  const browser = new Browser();
  const html = await (await browser.request(url('/auth/legacy'))).text();
  const { answer } = await drawCaptcha(stack, browser);
  const res = await browser.request(url('/auth/legacy'), { form: { token: tokenOf(html), captcha: answer, username, password } });
  return res.status;
}

async function inbox(phone: string) {
  await stack.gateway.outbox.dispatch();
  const res = await fetch(url(`/dev/sms?phone=${phone}`));
  return ((await res.json()) as { items: Array<{ body: string; phoneMasked: string; sent: boolean }> }).items;
}

const auditCount = async (objectId: string) =>
  (await stack.gateway.db.query<{ n: number }>(
    "select count(*)::int as n from audit.records where action = 'account.password_reset' and object_id = $1",
    [objectId],
  )).rows[0]!.n;

const passwordHash = async (login: string) =>
  (await stack.gateway.db.query<{ password_hash: string }>('select password_hash from gateway.legacy_credentials where username = $1', [login]))
    .rows[0]!.password_hash;

describe('password reset by an administrator', () => {
  it('lets a supervising unit reset its employer user: old password refused, the SMS code sets a new one', async () => {
    const target = userId('employer_handler');
    expect(await legacySignIn('WGZJXM_zhangwei', 'Demo@2026')).toBe(303);
    const before = (await inbox('13910000001')).length;

    const done = await reset('supervisor_bj', target);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ sentTo: '139****0001' });

    expect(await legacySignIn('WGZJXM_zhangwei', 'Demo@2026')).toBe(401);
    const messages = await inbox('13910000001');
    expect(messages.length).toBe(before + 1);
    const sms = messages[0]!;
    expect(sms).toMatchObject({ phoneMasked: '139****0001', sent: true });
    expect(sms.body).toContain('管理员重置');
    expect(sms.body).toContain('WGZJXM_zhangwei');
    expect(sms.body).toContain(`${stack.gatewayUrl}/auth/legacy/reset`);
    const code = /验证码 (\d{6})/.exec(sms.body)![1]!;
    secrets.push(code, 'Reset#Pass2026');
    expect(done.text).not.toContain(code);

    // The person opens the link, gives the login name, and enters the code from the administrator's SMS.
    const browser = new Browser();
    const page = await (await browser.request(url('/auth/legacy/reset'))).text();
    const requested = await browser.request(url('/auth/legacy/reset'), {
      form: { token: tokenOf(page), captcha: (await drawCaptcha(stack, browser)).answer, username: 'WGZJXM_zhangwei' },
    });
    const codePage = await requested.text();
    expect(codePage).toContain('管理员重置密码的短信');
    const set = await browser.request(url('/auth/legacy/reset/confirm'), {
      form: { token: tokenOf(codePage), code, password: 'Reset#Pass2026', repeat: 'Reset#Pass2026' },
    });
    expect(set.status).toBe(200);
    expect(await set.text()).toContain('密码已重置');
    expect(await legacySignIn('WGZJXM_zhangwei', 'Reset#Pass2026')).toBe(303);
    expect(await legacySignIn('WGZJXM_zhangwei', 'Demo@2026')).toBe(401);

    const { rows } = await stack.gateway.db.query<{ actor_username: string; actor_role: string; request_id: string; after_summary: unknown }>(
      "select actor_username, actor_role, request_id, after_summary from audit.records where action = 'account.password_reset' and object_id = $1",
      [target],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_username: 'supervisor_bj', actor_role: 'supervising_user' });
    expect(rows[0]!.request_id).toBeTruthy();
    expect(JSON.stringify(rows[0]!.after_summary)).not.toContain(code);
  });

  it('does not accept an issued code twice, nor a wrong one', async () => {
    const target = userId('employer_handler');
    expect((await reset('supervisor_bj', target)).status).toBe(200);
    const code = /验证码 (\d{6})/.exec((await inbox('13910000001'))[0]!.body)![1]!;
    secrets.push(code);
    const browser = new Browser();
    const page = await (await browser.request(url('/auth/legacy/reset'))).text();
    const { answer } = await drawCaptcha(stack, browser);
    const codePage = await (
      await browser.request(url('/auth/legacy/reset'), { form: { token: tokenOf(page), captcha: answer, username: 'WGZJXM_zhangwei' } })
    ).text();
    const wrong = code === '000000' ? '111111' : '000000';
    const refused = await browser.request(url('/auth/legacy/reset/confirm'), {
      form: { token: tokenOf(codePage), code: wrong, password: 'Other#Pass2026', repeat: 'Other#Pass2026' },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('验证码错误');
    expect(await legacySignIn('WGZJXM_zhangwei', 'Reset#Pass2026')).toBe(401);
  });

  it('answers 404 for an account outside the supervising unit, and changes nothing', async () => {
    // A legacy login in 上海, which 北京 does not supervise.
    await stack.gateway.legacy.setPassword('zhouming_sh', userId('employer_sh'), 'Demo@2026', '13610000022');
    const hash = await passwordHash('zhouming_sh');
    for (const target of ['employer_sh', 'supervisor_sh', 'ministry_univ', 'national_admin']) {
      const refused = await reset('supervisor_bj', userId(target));
      expect(refused.status, target).toBe(404);
      expect(refused.body.error?.code).toBe('NOT_FOUND');
    }
    expect(await passwordHash('zhouming_sh')).toBe(hash);
    expect(await legacySignIn('zhouming_sh', 'Demo@2026')).toBe(303);
    expect(await inbox('13610000022')).toHaveLength(0);
    expect(await auditCount(userId('employer_sh'))).toBe(0);
    expect((await reset('supervisor_bj', '00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await reset('supervisor_bj', 'not-an-id')).status).toBe(404);
  });

  it('lets technical support reset a supervising-unit user, not an employer user', async () => {
    const done = await reset('support', userId('supervisor_bj'));
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ sentTo: '186****0004' });
    const sms = (await inbox('18610000004'))[0]!;
    expect(sms.body).toContain('liuyang');
    secrets.push(/验证码 (\d{6})/.exec(sms.body)![1]!);
    expect(await legacySignIn('liuyang', 'Demo@2026')).toBe(401);

    const hash = await passwordHash('WGZJXM_zhangwei');
    const refused = await reset('support', userId('employer_handler'));
    expect(refused.status).toBe(404);
    expect(await passwordHash('WGZJXM_zhangwei')).toBe(hash);
  });

  it('refuses employer users with 403', async () => {
    for (const by of ['employer_handler', 'employer_admin']) {
      const refused = await reset(by, userId('employer_handler'));
      expect(refused.status, by).toBe(403);
      expect(refused.body.error?.code).toBe('FORBIDDEN');
    }
  });

  it('answers 409 for an account that signs in only through the portal, in both languages', async () => {
    const zh = await reset('national_admin', userId('support'));
    expect(zh.status).toBe(409);
    expect(zh.body.error).toMatchObject({ code: 'ACCOUNT_PORTAL_ONLY' });
    expect(zh.body.error!.message).toContain('政务服务平台');
    expect(zh.body.error!.message).toContain('忘记密码');
    const en = await reset('national_admin', userId('national_admin'), { locale: 'en-US' });
    expect(en.status).toBe(409);
    expect(en.body.error!.message).toContain('Forgot password');
  });

  it("sends the SMS to the account's own mobile when the legacy login has no phone", async () => {
    await stack.gateway.legacy.setPassword('lina_old', userId('employer_admin'), 'Demo@2026');
    const done = await reset('national_admin', userId('employer_admin'));
    expect(done.body).toEqual({ sentTo: '139****0002' });
    const sms = (await inbox('13910000002'))[0]!;
    expect(sms.body).toContain('lina_old');
    secrets.push(/验证码 (\d{6})/.exec(sms.body)![1]!);
    expect(await legacySignIn('lina_old', 'Demo@2026')).toBe(401);
  });

  it('refuses a reset without the CSRF token, and changes nothing', async () => {
    const hash = await passwordHash('zhouming_sh');
    const refused = await reset('national_admin', userId('employer_sh'), { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('CSRF_FAILED');
    expect(await passwordHash('zhouming_sh')).toBe(hash);
    expect(await auditCount(userId('employer_sh'))).toBe(0);
  });

  it('refuses a caller without a session', async () => {
    const res = await fetch(url(`/api/gateway/accounts/${userId('employer_handler')}/password-reset`), {
      method: 'POST',
      headers: { ...json, origin: stack.gatewayUrl },
    });
    expect(res.status).toBe(401);
  });

  it('writes no code and no password to the log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.some((l) => l.includes('account_password_reset'))).toBe(true);
    const log = logLines.join('\n');
    expect(secrets.length).toBeGreaterThan(3);
    for (const secret of secrets) expect(log).not.toMatch(new RegExp(`(^|[^0-9A-Za-z])${secret.replace(/[#]/g, '\\#')}([^0-9A-Za-z]|$)`));
    expect(log).not.toContain('验证码');
  });
});
