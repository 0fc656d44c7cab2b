// The legacy door (老人老办法) from the outside: one answer for every failed sign-in, rate limits, a lock the owner
// gets past, the captcha as a picture, required fields, SMS reset.
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbRateLimiter, loadFieldCipher, type Db } from '@wgzj/gateway/kit';
import { Browser } from '@wgzj/gateway/testing/browser';
import { CAPTCHA_HEIGHT, CAPTCHA_WIDTH } from '../auth/captcha.ts';
import { createRedisRateLimiter } from '../rate-limit-redis.ts';
import { freePort, startStack, type Stack } from '@wgzj/gateway/testing/stack';
import { CAPTCHA_DRAWS_PER_FORM, LEGACY_LIMITS, LegacyCredentials } from './credentials.ts';
import { createLegacyRoutes } from './routes.ts';
import { cookieOf, drawCaptcha, submitLegacyForm, tokenOf } from '@wgzj/gateway/testing/legacy-forms';

let stack: Stack;
let clock = Date.now();
beforeAll(async () => {
  // The test gateway believes the X-Forwarded-For of its own machine, so each test signs in from an address of its own.
  stack = await startStack({ now: () => clock, env: { TRUSTED_PROXIES: '127.0.0.1' } });
});
afterAll(async () => {
  await stack?.close();
});

const url = (path: string) => new URL(path, stack.gatewayUrl);
const json = { accept: 'application/json', 'sec-fetch-dest': 'empty' };
let addresses = 0;
/** A client address no other test uses (the per-address limit counts every test's tries otherwise). */
const newAddress = () => ({ 'x-forwarded-for': `198.51.100.${++addresses}` });

async function signIn(username: string, password: string, options: { browser?: Browser; captcha?: string; headers?: Record<string, string> } = {}) {
  const browser = options.browser ?? new Browser();
  const res = await submitLegacyForm(stack, browser, '/auth/legacy', '/auth/legacy', { username, password }, {
    headers: options.headers ?? newAddress(),
    ...(options.captcha ? { captcha: options.captcha } : {}),
  });
  return { browser, res, html: res.status === 303 ? '' : await res.text() };
}

const whoAmI = async (browser: Browser) => {
  const res = await browser.request(url('/auth/me'), { headers: json });
  return res.status === 200 ? ((await res.json()) as { user: { username: string } }).user.username : null;
};

/** A refusal page with what differs between any two renderings taken out: the form token and the name typed. */
const normalised = (html: string, username: string) =>
  html.replace(/name="token" value="[^"]+"/, 'name="token" value=""').replace(`value="${username}"`, 'value=""');

async function sms(phone: string) {
  await stack.gateway.outbox.dispatch();
  return ((await (await fetch(url(`/dev/sms?phone=${phone}`))).json()) as { items: Array<{ body: string }> }).items;
}

async function userIdOf(username: string) {
  const { rows } = await stack.gateway.db.query<{ user_id: string }>('select user_id from admin.account_directory where username = $1', [username]);
  return rows[0]!.user_id;
}

/** A legacy login of its own for a test, opening `opens`; its lock and counts meet no other test. */
let logins = 0;
async function newLogin(opens: string, password = 'Test#Pass2026', phone?: string) {
  const login = `legacy_test_${++logins}`;
  await stack.gateway.legacy.setPassword(login, await userIdOf(opens), password, phone);
  return login;
}

describe('the legacy door', () => {
  it('signs a legacy account in to the session of its local account', async () => {
    const { browser, res } = await signIn('WGZJXM_zhangwei', 'Demo@2026');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(await whoAmI(browser)).toBe('employer_handler');
  });

  it('shows a zh-CN page with the captcha picture, 换一张, show/hide and the WGZJXM_ advice for everyone, and no inline script', async () => {
    const html = await (await new Browser().request(url('/auth/legacy'))).text();
    for (const text of ['原有帐号登录', '用户名', '密码', '验证码', '显示', '换一张', '忘记密码', '如果使用原有账号登录不成功,可在账号前增加 WGZJXM_ 进行重试']) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/<img class="captcha-image" id="captcha-image" src="\/auth\/legacy\/captcha" alt="验证码图片"/);
    expect(html).not.toContain('<svg');
    // Under the gateway's CSP only script files run: no inline script, no inline handler.
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/auth/assets/legacy.js" defer>']);
    expect(html).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    const english = await (await new Browser().request(url('/auth/legacy'), { headers: { 'accept-language': 'en-US' } })).text();
    for (const text of ['Sign in with a legacy account', 'New picture', 'Show', 'try again with WGZJXM_ before the name']) expect(english).toContain(text);
    const script = await fetch(url('/auth/assets/legacy.js'));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('captcha-refresh');
  });

  it('marks every empty required field with its own red message, opens nothing, and keeps the name typed', async () => {
    const page = await (await new Browser().request(url('/auth/legacy'))).text();
    // Before any submit the messages are in the page, hidden, for legacy.js to show without the browser's bubble.
    for (const id of ['username', 'password', 'captcha']) expect(page).toMatch(new RegExp(`<p class="field-error" id="${id}-error" hidden>`));
    expect(page).toContain('data-required-message="请输入用户名"');
    expect(page).toContain('novalidate');

    const browser = new Browser();
    const res = await submitLegacyForm(stack, browser, '/auth/legacy', '/auth/legacy', { username: '', password: '' }, { captcha: '', headers: newAddress() });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('请填写标红的必填项');
    for (const [id, text] of [['username', '请输入用户名'], ['password', '请输入密码'], ['captcha', '请输入验证码']]) {
      expect(html).toContain(`<p class="field-error" id="${id}-error" role="alert">${text}</p>`);
    }
    expect(html).toMatch(/id="username" required aria-describedby="username-error" data-required-message="请输入用户名" class="invalid" aria-invalid="true"/);
    const onlyPassword = await submitLegacyForm(stack, browser, '/auth/legacy', '/auth/legacy', { username: 'liuyang', password: ' ' }, { headers: newAddress() });
    const second = await onlyPassword.text();
    expect(second).toContain('<p class="field-error" id="password-error" role="alert">');
    expect(second).toContain('<p class="field-error" id="username-error" hidden>');
    expect(second).toContain('value="liuyang"');
    expect(await whoAmI(browser)).toBeNull();
  });

  it('refuses a wrong captcha or a form from another site, and opens no session', async () => {
    const wrong = await signIn('liuyang', 'Demo@2026', { captcha: 'XXXX' });
    expect(wrong.res.status).toBe(400);
    expect(wrong.html).toContain('验证码错误');
    expect(await whoAmI(wrong.browser)).toBeNull();
    const browser = new Browser();
    const html = await (await browser.request(url('/auth/legacy'))).text();
    const { answer } = await drawCaptcha(stack, browser);
    const offsite = await browser.request(url('/auth/legacy'), {
      form: { token: tokenOf(html), captcha: answer, username: 'liuyang', password: 'Demo@2026' },
      headers: { origin: 'https://evil.example', ...newAddress() },
    });
    expect(offsite.status).toBe(400);
    expect(await whoAmI(browser)).toBeNull();
  });
});

describe('the captcha picture', () => {
  it('is a PNG of its stated size that carries its answer nowhere readable: not in the page, the bytes or the headers', async () => {
    const browser = new Browser();
    const html = await (await browser.request(url('/auth/legacy'))).text();
    const { res, png, answer } = await drawCaptcha(stack, browser);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(answer).toMatch(/^[3468ABCDEFGHJKMNPQRTUVWXY]{4}$/);
    const { width, height, pixels } = decodePng(png);
    expect([width, height]).toEqual([CAPTCHA_WIDTH, CAPTCHA_HEIGHT]);
    expect(new Set(pixels).size).toBeGreaterThan(10);
    const bytes = Buffer.from(png).toString('latin1');
    expect(bytes).not.toContain(answer);
    expect(bytes.toUpperCase()).not.toContain(answer);
    expect(html).not.toContain(answer);
    expect([...res.headers.values()].join(' ')).not.toContain(answer);
    // The form cookie is an opaque id; the answer stays server-side.
    expect(cookieOf(browser, stack, 'wgzj_form')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('换一张 draws a new answer for the same form, and the answer of the older picture no longer passes', async () => {
    const browser = new Browser();
    const headers = newAddress();
    const html = await (await browser.request(url('/auth/legacy'), { headers })).text();
    const first = await drawCaptcha(stack, browser, headers);
    let second = await drawCaptcha(stack, browser, headers);
    // One chance in 390,625 that a new answer is the same: draw again then.
    if (second.answer === first.answer) second = await drawCaptcha(stack, browser, headers);
    expect(second.answer).not.toBe(first.answer);
    expect(Buffer.from(second.png).equals(Buffer.from(first.png))).toBe(false);
    const old = await browser.request(url('/auth/legacy'), {
      form: { token: tokenOf(html), captcha: first.answer, username: 'WGZJXM_zhangwei', password: 'Demo@2026' },
      headers,
    });
    expect(old.status).toBe(400);
    expect(await old.text()).toContain('验证码错误');
    expect(await whoAmI(browser)).toBeNull();
    // The same form with the new picture's answer (lower case, as people type it) passes.
    const again = await (await browser.request(url('/auth/legacy'), { headers })).text();
    const fresh = await drawCaptcha(stack, browser, headers);
    const ok = await browser.request(url('/auth/legacy'), {
      form: { token: tokenOf(again), captcha: fresh.answer.toLowerCase(), username: 'WGZJXM_zhangwei', password: 'Demo@2026' },
      headers,
    });
    expect(ok.status).toBe(303);
  });

  it(`draws at most ${CAPTCHA_DRAWS_PER_FORM} pictures per form, and none without a form`, async () => {
    const browser = new Browser();
    const headers = newAddress();
    await browser.request(url('/auth/legacy'), { headers });
    for (let i = 0; i < CAPTCHA_DRAWS_PER_FORM; i++) expect((await drawCaptcha(stack, browser, headers)).res.status).toBe(200);
    const over = await drawCaptcha(stack, browser, headers);
    expect(over.res.status).toBe(429);
    expect(over.png.length).toBe(0);
    // The form itself still works with the last picture shown.
    const id = cookieOf(browser, stack, 'wgzj_form')!;
    expect((await stack.gateway.sessions.store.peekOnce<{ captcha: string }>(id))?.captcha).toMatch(/^[A-Z0-9]{4}$/);
    expect((await drawCaptcha(stack, new Browser(), headers)).res.status).toBe(410);
  });

  it('draws pictures for the reset page too', async () => {
    const browser = new Browser();
    const html = await (await browser.request(url('/auth/legacy/reset'))).text();
    expect(html).toContain('src="/auth/legacy/captcha"');
    expect(html).toContain('换一张');
    expect((await drawCaptcha(stack, browser)).res.status).toBe(200);
  });
});

describe('one answer for every failed sign-in', () => {
  it('answers an unknown name, a wrong password, a locked account (right password) and a disabled account alike', async () => {
    const wrongPassword = await newLogin('employer_admin');
    const locked = await newLogin('employer_admin');
    const disabled = await newLogin('national_admin');
    const lockHeaders = newAddress();
    for (let i = 0; i < LEGACY_LIMITS.signInPerAccount.limit; i++) await signIn(locked, 'not-it', { headers: lockHeaders });
    await stack.gateway.db.query(`update admin.users set status = 'disabled' where username = 'national_admin'`);
    try {
      const cases = {
        unknown: await signIn('nobody_at_all', 'Test#Pass2026'),
        wrongPassword: await signIn(wrongPassword, 'Wrong#Pass2026'),
        locked: await signIn(locked, 'Test#Pass2026'),
        disabled: await signIn(disabled, 'Test#Pass2026'),
        // A name that exists only with the prefix gets no hint of its own: the advice is on the page for everyone.
        prefixOnly: await signIn('zhangwei', 'Demo@2026'),
      };
      const names = { unknown: 'nobody_at_all', wrongPassword, locked, disabled, prefixOnly: 'zhangwei' };
      const pages = Object.entries(cases).map(([kind, { res, html }]) => ({ kind, status: res.status, page: normalised(html, names[kind as keyof typeof names]) }));
      for (const { status } of pages) expect(status).toBe(401);
      for (const { page } of pages) expect(page).toBe(pages[0]!.page);
      expect(pages[0]!.page).toContain('用户名或密码错误');
      expect(pages[0]!.page).not.toMatch(/锁定,请|已停用|未找到/);
      for (const { browser } of Object.values(cases)) expect(await whoAmI(browser)).toBeNull();
    } finally {
      await stack.gateway.db.query(`update admin.users set status = 'active' where username = 'national_admin'`);
    }
  });

  it('does the same work on every path: two limit hits, one lookup, one argon2 verification', async () => {
    const counted = countingDb(stack.gateway.db);
    const verifications: string[] = [];
    const credentials = new LegacyCredentials(counted.db, loadFieldCipher({ keyFile: join(stack.dataDir, 'gateway', 'field-key') }), stack.gateway.outbox, () => clock, {
      limiter: dbRateLimiter(counted.db, () => clock),
      secret: 'test',
      verify: async (password, hash) => {
        verifications.push(hash);
        return (await import('hash-wasm')).argon2Verify({ password, hash });
      },
    });
    const login = await newLogin('employer_admin');
    const locked = await newLogin('employer_admin');
    for (let i = 0; i < LEGACY_LIMITS.signInPerAccount.limit; i++) {
      await credentials.signIn({ username: locked, password: 'x', captchaPassed: true, clientIp: '203.0.113.50' });
    }
    const work: Record<string, { queries: string[]; verifications: number; result: unknown }> = {};
    for (const [kind, username, password] of [
      ['unknown', 'nobody_here', 'Test#Pass2026'],
      ['wrong password', login, 'Wrong#Pass2026'],
      ['locked, right password', locked, 'Test#Pass2026'],
    ] as const) {
      counted.queries.length = 0;
      verifications.length = 0;
      const result = await credentials.signIn({ username, password, captchaPassed: true, clientIp: `203.0.113.${kind.length}` });
      work[kind] = { queries: counted.queries.map(kindOfQuery), verifications: verifications.length, result };
    }
    const [first, ...others] = Object.values(work);
    expect(first!.verifications).toBe(1);
    expect(first!.queries).toEqual(['rate limit', 'rate limit', 'credential lookup']);
    for (const other of others) expect(other).toEqual(first);
  });
});

describe('the lock', () => {
  it('locks a name for new browsers after five failures, for at most its window: tries during the lock do not move it', async () => {
    const login = await newLogin('employer_admin');
    const started = clock;
    for (let i = 0; i < LEGACY_LIMITS.signInPerAccount.limit; i++) expect((await signIn(login, 'not-it')).res.status).toBe(401);
    expect((await signIn(login, 'Test#Pass2026')).res.status).toBe(401);
    clock = started + LEGACY_LIMITS.signInPerAccount.windowSeconds * 1000 - 60_000;
    for (let i = 0; i < 3; i++) expect((await signIn(login, 'still-not-it')).res.status).toBe(401);
    clock = started + LEGACY_LIMITS.signInPerAccount.windowSeconds * 1000 + 1_000;
    const after = await signIn(login, 'Test#Pass2026');
    expect(after.res.status).toBe(303);
    expect(await whoAmI(after.browser)).toBe('employer_admin');
  });

  it("never keeps the owner out of a browser they signed in with before, whatever a stranger's failures", async () => {
    const login = await newLogin('employer_admin');
    const owner = new Browser();
    expect((await signIn(login, 'Test#Pass2026', { browser: owner })).res.status).toBe(303);
    expect(cookieOf(owner, stack, 'wgzj_known')).toBeTruthy();
    for (let i = 0; i < 8; i++) await signIn(login, 'stranger-guess');
    expect((await signIn(login, 'Test#Pass2026')).res.status).toBe(401);
    const back = await signIn(login, 'Test#Pass2026', { browser: owner });
    expect(back.res.status).toBe(303);
    expect(await whoAmI(owner)).toBe('employer_admin');
    // A mark made for one name opens no lock of another.
    const other = await newLogin('employer_admin');
    for (let i = 0; i < LEGACY_LIMITS.signInPerAccount.limit; i++) await signIn(other, 'stranger-guess');
    expect((await signIn(other, 'Test#Pass2026', { browser: owner })).res.status).toBe(401);
  });

  it('ends at once for the owner who resets the password by SMS, in any browser', async () => {
    const login = await newLogin('employer_admin', 'Test#Pass2026', '13700000123');
    for (let i = 0; i < LEGACY_LIMITS.signInPerAccount.limit; i++) await signIn(login, 'stranger-guess');
    expect((await signIn(login, 'Test#Pass2026')).res.status).toBe(401);
    const browser = new Browser();
    const headers = newAddress();
    const codePage = await (await submitLegacyForm(stack, browser, '/auth/legacy/reset', '/auth/legacy/reset', { username: login }, { headers })).text();
    const code = /验证码 (\d{6})/.exec((await sms('13700000123'))[0]!.body)![1]!;
    const done = await browser.request(url('/auth/legacy/reset/confirm'), { form: { token: tokenOf(codePage), code, password: 'Fresh#Pass2026', repeat: 'Fresh#Pass2026' }, headers });
    expect(done.status).toBe(200);
    expect((await signIn(login, 'Fresh#Pass2026', { browser, headers })).res.status).toBe(303);
    // And for a browser that never saw the reset, the lock is gone too.
    expect((await signIn(login, 'Fresh#Pass2026')).res.status).toBe(303);
  });

  it('counts no try whose captcha was wrong, so locking someone out costs a solved captcha per try', async () => {
    const login = await newLogin('employer_admin');
    for (let i = 0; i < 8; i++) expect((await signIn(login, 'guess', { captcha: 'XXXX' })).res.status).toBe(400);
    expect((await signIn(login, 'Test#Pass2026')).res.status).toBe(303);
  });
});

describe('rate limits', () => {
  it(`refuses the try after ${LEGACY_LIMITS.signInPerAddress.limit} from one address in its own words, and no other address`, async () => {
    const headers = newAddress();
    for (let i = 0; i < LEGACY_LIMITS.signInPerAddress.limit; i++) {
      expect((await signIn(`sprayed_${i}`, 'Summer#2026', { headers })).res.status).toBe(401);
    }
    const over = await signIn('WGZJXM_zhangwei', 'Demo@2026', { headers });
    expect(over.res.status).toBe(429);
    expect(over.html).toContain('登录尝试过于频繁,请 15 分钟后再试');
    expect(Number(over.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await whoAmI(over.browser)).toBeNull();
    expect((await signIn('WGZJXM_zhangwei', 'Demo@2026')).res.status).toBe(303);
  });

  it('keeps no name in clear in the limit keys', async () => {
    await signIn('clear_name_check', 'x');
    let keys: string[];
    if (process.env['REDIS_URL']) {
      const { createClient } = await import('redis');
      const client = createClient({ url: process.env['REDIS_URL'] });
      await client.connect();
      keys = (await client.keys('wgzj:rl:legacy:*')).map((k) => k.slice('wgzj:rl:'.length));
      await client.close();
    } else {
      keys = (await stack.gateway.db.query<{ key: string }>("select key from kit.rate_limits where key like 'legacy:%'")).rows.map((r) => r.key);
    }
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(/^legacy:[A-Za-z]+:[A-Za-z0-9_-]{32}$/);
      expect(key).not.toContain('clear_name_check');
      expect(key).not.toContain('198.51.100');
    }
  });

  it('sends one reset SMS a minute per name, answering a known and an unknown name alike when it refuses', async () => {
    const login = await newLogin('employer_admin', 'Test#Pass2026', '13700000456');
    const ask = async (username: string) => {
      const res = await submitLegacyForm(stack, new Browser(), '/auth/legacy/reset', '/auth/legacy/reset', { username }, { headers: newAddress() });
      return { status: res.status, html: await res.text() };
    };
    expect((await ask(login)).status).toBe(200);
    expect((await ask('nobody_for_reset')).status).toBe(200);
    const known = await ask(login);
    const unknown = await ask('nobody_for_reset');
    expect(known.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(normalised(known.html, login)).toBe(normalised(unknown.html, 'nobody_for_reset'));
    expect(known.html).toContain('获取验证码过于频繁');
    expect(await sms('13700000456')).toHaveLength(1);
    clock += 61_000;
    expect((await ask(login)).status).toBe(200);
    expect(await sms('13700000456')).toHaveLength(2);
  });

  it(`sends at most ${LEGACY_LIMITS.resetSmsPerAccount.limit} reset SMS an hour to one name, and answers one address at most ${LEGACY_LIMITS.resetSmsPerAddress.limit} times`, async () => {
    const login = await newLogin('employer_admin', 'Test#Pass2026', '13700000789');
    for (let i = 0; i < LEGACY_LIMITS.resetSmsPerAccount.limit + 2; i++) {
      await submitLegacyForm(stack, new Browser(), '/auth/legacy/reset', '/auth/legacy/reset', { username: login }, { headers: newAddress() });
      clock += 61_000;
    }
    expect(await sms('13700000789')).toHaveLength(LEGACY_LIMITS.resetSmsPerAccount.limit);
    const headers = newAddress();
    const statuses = [];
    for (let i = 0; i < LEGACY_LIMITS.resetSmsPerAddress.limit + 1; i++) {
      const res = await submitLegacyForm(stack, new Browser(), '/auth/legacy/reset', '/auth/legacy/reset', { username: `someone_${i}` }, { headers });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(LEGACY_LIMITS.resetSmsPerAddress.limit);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('when the rate-limit store does not answer', () => {
  it('refuses the sign-in (and the picture) on the 503 retry page instead of letting unlimited tries through', async () => {
    const limiter = await createRedisRateLimiter(`redis://127.0.0.1:${await freePort()}`);
    try {
      const credentials = new LegacyCredentials(stack.gateway.db, loadFieldCipher({ keyFile: join(stack.dataDir, 'gateway', 'field-key') }), stack.gateway.outbox, () => clock, { limiter, secret: 'test' });
      const app = new Hono().route(
        '/auth',
        createLegacyRoutes({ db: stack.gateway.db, sessions: stack.gateway.sessions, credentials, captcha: true, publicUrl: stack.gatewayUrl, logger: stack.gateway.logger }),
      );
      const page = await app.request('/auth/legacy');
      const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
      const token = tokenOf(await page.text());
      const picture = await app.request('/auth/legacy/captcha', { headers: { cookie } });
      expect(picture.status).toBe(503);
      const res = await app.request('/auth/legacy', {
        method: 'POST',
        headers: { cookie, origin: stack.gatewayUrl, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, captcha: 'ABCD', username: 'WGZJXM_zhangwei', password: 'Demo@2026' }).toString(),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.text()).toContain('登录服务暂时不可用');
      expect(res.headers.getSetCookie().join(';')).not.toContain('wgzj_sid');
    } finally {
      await limiter.close();
    }
  });
});

describe('password reset by SMS', () => {
  it('resets a forgotten password with a code sent by SMS', async () => {
    const browser = new Browser();
    const headers = newAddress();
    const requested = await submitLegacyForm(stack, browser, '/auth/legacy/reset', '/auth/legacy/reset', { username: 'liuyang' }, { headers });
    const codePage = await requested.text();
    expect(codePage).toContain('验证码已发送');
    const items = await sms('18610000004');
    const code = /验证码 (\d{6})/.exec(items[0]!.body)![1]!;

    const empty = await browser.request(url('/auth/legacy/reset/confirm'), { form: { token: tokenOf(codePage), code: '', password: '', repeat: '' }, headers });
    expect(empty.status).toBe(400);
    const emptyPage = await empty.text();
    for (const text of ['请输入短信验证码', '请输入新密码', '请再次输入新密码']) expect(emptyPage).toContain(`role="alert">${text}</p>`);
    const weak = await browser.request(url('/auth/legacy/reset/confirm'), { form: { token: tokenOf(emptyPage), code, password: 'short', repeat: 'short' }, headers });
    expect(weak.status).toBe(400);
    const weakPage = await weak.text();
    expect(weakPage).toContain('新密码不符合要求');
    const wrongCode = await browser.request(url('/auth/legacy/reset/confirm'), {
      form: { token: tokenOf(weakPage), code: code === '000000' ? '111111' : '000000', password: 'New#Pass2026', repeat: 'New#Pass2026' },
      headers,
    });
    expect(wrongCode.status).toBe(400);
    const done = await browser.request(url('/auth/legacy/reset/confirm'), {
      form: { token: tokenOf(await wrongCode.text()), code, password: 'New#Pass2026', repeat: 'New#Pass2026' },
      headers,
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('密码已重置');

    expect((await signIn('liuyang', 'Demo@2026')).res.status).toBe(401);
    expect((await signIn('liuyang', 'New#Pass2026')).res.status).toBe(303);
  });

  it('answers a reset for an unknown name exactly as for a known one, and sends nothing', async () => {
    const before = (await (await fetch(url('/dev/sms'))).json()) as { items: unknown[] };
    const res = await submitLegacyForm(stack, new Browser(), '/auth/legacy/reset', '/auth/legacy/reset', { username: 'nobody_at_all' }, { headers: newAddress() });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('如该帐号存在且绑定了手机,验证码已发送');
    const after = (await (await fetch(url('/dev/sms'))).json()) as { items: unknown[] };
    expect(after.items.length).toBe(before.items.length);
  });

  it('answers codes for an unknown name as for a known one: wrong, then expired after five, or after ten minutes', async () => {
    const login = await newLogin('employer_admin', 'Test#Pass2026', '13700000321');
    const codePageFor = async (username: string) => {
      const browser = new Browser();
      const res = await submitLegacyForm(stack, browser, '/auth/legacy/reset', '/auth/legacy/reset', { username }, { headers: newAddress() });
      return { browser, html: await res.text() };
    };
    const enter = async (step: { browser: Browser; html: string }, code: string) => {
      const res = await step.browser.request(url('/auth/legacy/reset/confirm'), { form: { token: tokenOf(step.html), code, password: 'Next#Pass2026', repeat: 'Next#Pass2026' } });
      step.html = await res.text();
      return { status: res.status, page: normalised(step.html, '') };
    };
    const known = await codePageFor(login);
    const unknown = await codePageFor('nobody_with_code');
    const real = /验证码 (\d{6})/.exec((await sms('13700000321'))[0]!.body)![1]!;
    const wrong = real === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const [a, b] = [await enter(known, wrong), await enter(unknown, wrong)];
      expect(a).toEqual(b);
      expect(a.page).toContain('验证码错误');
    }
    const [a, b] = [await enter(known, real), await enter(unknown, real)];
    expect(a).toEqual(b);
    expect(a.page).toContain('验证码已失效');
    const late = [await codePageFor(login), await codePageFor('nobody_with_code')];
    clock += 10 * 60_000 + 1_000;
    expect(await enter(late[0]!, '123456')).toEqual(await enter(late[1]!, '123456'));
    // The form outlives neither the code nor its own ten minutes: expired either way, for both names alike.
    expect(late[0]!.html).toMatch(/验证码已失效|页面已过期/);
  });

  it("still takes an administrator's code when the SMS limit sends no new one", async () => {
    const login = await newLogin('employer_admin', 'Test#Pass2026', '13700000654');
    const admin = await userIdOf('supervisor_bj');
    const code = await stack.gateway.db.transaction((tx) => stack.gateway.legacy.issueReset(tx, [login], admin));
    await submitLegacyForm(stack, new Browser(), '/auth/legacy/reset', '/auth/legacy/reset', { username: login }, { headers: newAddress() });
    const browser = new Browser();
    const limited = await submitLegacyForm(stack, browser, '/auth/legacy/reset', '/auth/legacy/reset', { username: login }, { headers: newAddress() });
    expect(limited.status).toBe(429);
    const page = await limited.text();
    expect(page).toContain('获取验证码过于频繁');
    const done = await browser.request(url('/auth/legacy/reset/confirm'), { form: { token: tokenOf(page), code, password: 'Admin#Set2026', repeat: 'Admin#Set2026' } });
    expect(done.status).toBe(200);
    expect((await signIn(login, 'Admin#Set2026')).res.status).toBe(303);
  });

  it('keeps the bound phone encrypted at rest', async () => {
    const { rows } = await stack.gateway.db.query<{ phone_encrypted: string }>('select phone_encrypted from gateway.legacy_credentials where phone_encrypted is not null');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.phone_encrypted).toMatch(/^v1\./);
    const outbox = await stack.gateway.db.query<{ phone_encrypted: string }>('select phone_encrypted from notify.sms_outbox');
    for (const row of outbox.rows) expect(row.phone_encrypted).not.toMatch(/1[3-9]\d{9}/);
  });
});

/** The database with every statement recorded, to compare the work of two sign-in paths. */
function countingDb(db: Db) {
  const queries: string[] = [];
  const counted = Object.create(db) as Db;
  counted.query = ((sql: string, params?: unknown[]) => {
    queries.push(sql);
    return db.query(sql, params);
  }) as Db['query'];
  return { db: counted, queries };
}

const kindOfQuery = (sql: string) => (sql.includes('kit.rate_limits') ? 'rate limit' : sql.includes('legacy_credentials') ? 'credential lookup' : sql.trim().split(/\s+/)[0]!);

/** Checks the PNG's chunks (CRC included) and inflates its pixels: RGB, 8 bits, filter 0 per line as drawn. */
function decodePng(png: Uint8Array) {
  const bytes = Buffer.from(png);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  const chunks: Array<{ type: string; data: Buffer }> = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString('latin1');
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    expect(bytes.readUInt32BE(offset + 8 + length)).toBe(crc32(bytes.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data });
    offset += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0]!.data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  const raw = inflateSync(chunks[1]!.data);
  expect(raw.length).toBe((width * 3 + 1) * height);
  const pixels: number[] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 3 + 1)]).toBe(0);
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      pixels.push((raw[at]! << 16) | (raw[at + 1]! << 8) | raw[at + 2]!);
    }
  }
  return { width, height, pixels };
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
