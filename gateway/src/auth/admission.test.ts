// Every admission case of the seed through the real portal: who gets in, who is refused and told what to do,
// and what support can read afterwards. A refusal stores nothing but its diagnostics record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '@wgzj/gateway/testing/browser';
import { confirmAccount, signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';
import { admit, CHECKS_BY_USER_KIND, type PortalProfile } from './admission.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const json = { accept: 'application/json', 'sec-fetch-dest': 'empty' };
const count = async (sql: string) => (await stack.gateway.db.query<{ n: number }>(sql)).rows[0]!.n;

async function refusal(username: string, kind: 'natural' | 'legal' = 'natural') {
  const sessionsBefore = await count('select count(*)::int as n from gateway.sessions');
  const usersBefore = await count('select count(*)::int as n from admin.users');
  const { res } = await signInThrough(stack, username, '/', new Browser(), { kind });
  const html = await res.text();
  const reference = /data-testid="reference">([^<]+)</.exec(html)?.[1];
  const code = /data-testid="refusal-code">([^<]+)</.exec(html)?.[1];
  expect(await count('select count(*)::int as n from gateway.sessions')).toBe(sessionsBefore);
  expect(await count('select count(*)::int as n from admin.users')).toBe(usersBefore);
  return { status: res.status, html, reference, code };
}

describe('admission', () => {
  it.each([
    ['no_grant', 'natural', 'ADMISSION_ROLE_MISSING', '外国专家项目-事项办理员'],
    ['realname_pending', 'natural', 'ADMISSION_REALNAME_PENDING', '人工审核'],
    ['realname_unverified', 'natural', 'ADMISSION_REALNAME_UNVERIFIED', '我的信息'],
    ['unit_no_credit_code', 'natural', 'ADMISSION_CREDIT_CODE_MISSING', '补充统一社会信用代码'],
    ['unit_bad_credit_code', 'natural', 'ADMISSION_CREDIT_CODE_INVALID', 'GB 32100'],
    ['legal_person', 'legal', 'ADMISSION_IDENTITY_KIND', '自然人登录'],
  ] as const)('refuses %s with %s, says what to do, and records the failed check', async (username, kind, code, advice) => {
    const result = await refusal(username, kind);
    expect(result.status).toBe(403);
    expect(result.code).toBe(code);
    expect(result.html).toContain(advice);
    const [record] = await stack.gateway.handoffs.search({ reference: result.reference!, limit: 5 });
    expect(record).toMatchObject({ outcome: 'refused', refusal: code, username });
    expect(record!.checks.find((c) => !c.passed)?.code).toBe(code);
    expect(record!.durations['token']).toBeGreaterThanOrEqual(0);
    expect(record!.durations['userinfo']).toBeGreaterThanOrEqual(0);
  });

  it('requires real-name verification of supervising-unit users', async () => {
    stack.portal.accounts.setRealnameStatus('supervisor_bj', 'pending');
    try {
      expect((await refusal('supervisor_bj')).code).toBe('ADMISSION_REALNAME_PENDING');
    } finally {
      stack.portal.accounts.setRealnameStatus('supervisor_bj', 'verified');
    }
  });

  it('shows the account confirmation with identifiers masked, and only 确定 opens a session', async () => {
    const { browser, res, url } = await signInThrough(stack, 'employer_handler', '/projects', new Browser(), { confirm: false });
    expect(url.pathname).toBe('/auth/confirm');
    const html = await res.clone().text();
    for (const label of ['用户名', '真实姓名', '手机号', '邮箱', '单位名称', '统一社会信用代码', '用户角色']) expect(html).toContain(label);
    expect(html).toContain('请您仔细核对以上帐户信息,无误后,点击确定');
    expect(html).toContain('张伟');
    expect(html).toMatch(/1\d{2}\*{4}\d{4}/);
    expect(html).not.toMatch(/(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/);
    expect(html).toContain('121100******018622');
    expect((await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: json })).status).toBe(401);
    const confirmed = await confirmAccount(browser, res, url);
    expect(confirmed.url.pathname).toBe('/projects');
    expect((await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: json })).status).toBe(200);
    const linked = await stack.gateway.db.query<{ portal_subject: string | null }>(
      `select portal_subject from admin.users where username = 'employer_handler'`,
    );
    expect(linked.rows[0]!.portal_subject).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('退出 on the confirmation page opens no session and sends the browser to the portal to sign out', async () => {
    const { browser, res, url } = await signInThrough(stack, 'employer_admin', '/', new Browser(), { confirm: false });
    const html = await res.text();
    const token = /name="token" value="([^"]+)"/.exec(html)![1]!;
    const cancelled = await browser.request(new URL('/auth/confirm', url), { form: { token, action: 'cancel' } });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')!.startsWith(stack.portal.issuer)).toBe(true);
    expect((await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: json })).status).toBe(401);
  });

  it('refuses a confirmation posted from another site or without its form token', async () => {
    const { browser, url } = await signInThrough(stack, 'employer_admin', '/', new Browser(), { confirm: false });
    const target = new URL('/auth/confirm', url);
    const forged = await browser.request(target, { form: { token: 'wrong', action: 'confirm' } });
    expect(forged.status).toBe(403);
    const page = await browser.request(target);
    const token = /name="token" value="([^"]+)"/.exec(await page.text())![1]!;
    const offsite = await browser.request(target, { form: { token, action: 'confirm' }, headers: { origin: 'https://evil.example' } });
    expect(offsite.status).toBe(403);
    expect((await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: json })).status).toBe(401);
  });

  it('admits national and support accounts that exist here, with their own scope', async () => {
    for (const username of ['national_admin', 'support']) {
      const { browser, url } = await signInThrough(stack, username);
      expect(url.pathname).toBe('/');
      const me = (await (await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: json })).json()) as { user: { role: string } };
      expect(me.user.role).toBe(username);
    }
  });

  it('provisions a newly granted employer user in the unit with that credit code on the first confirmed jump', async () => {
    stack.portal.accounts.grantRole('legal_person', 'no_grant', 'handler');
    try {
      const { browser, url } = await signInThrough(stack, 'no_grant');
      expect(url.pathname).toBe('/');
      const units = (await (await browser.request(new URL('/api/admin/units', stack.gatewayUrl), { headers: json })).json()) as {
        items: Array<{ name: string }>;
      };
      expect(units.items.map((u) => u.name)).toEqual(['北京示例大学']);
      const { rows } = await stack.gateway.db.query<{ role: string }>(`select role from admin.users where username = 'no_grant'`);
      expect(rows[0]!.role).toBe('employer_handler');
    } finally {
      stack.portal.accounts.revokeRole('legal_person', 'no_grant', 'handler');
    }
  });

  it('records the admitted attempt for support, with masked identifiers only', async () => {
    await signInThrough(stack, 'ministry_univ');
    const [record] = await stack.gateway.handoffs.search({ username: 'ministry_univ', limit: 1 });
    expect(record).toMatchObject({ outcome: 'admitted', userKind: 'employer' });
    expect(record!.checks.every((c) => c.passed)).toBe(true);
    expect(record!.subjectMasked).toMatch(/^.{4}\*{4}.{4}$/);
    expect(record!.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
  });
});

describe('the checks table', () => {
  const profile = (over: Partial<PortalProfile>): PortalProfile => ({
    subject: 's',
    username: 'u',
    name: '张三',
    accountKind: 'natural',
    realnameStatus: 'verified',
    unit: { name: '北京示例大学', creditCode: '121100004000018622', kind: 'employer' },
    grants: ['handler'],
    ...over,
  });

  it('runs every check of the kind and reports the first failure', () => {
    const result = admit(profile({ grants: [], realnameStatus: 'pending' }), null);
    expect(result.results.map((r) => r.check)).toEqual([...CHECKS_BY_USER_KIND.employer]);
    expect(result.refusal).toBe('ADMISSION_ROLE_MISSING');
    expect(result.results.filter((r) => !r.passed).map((r) => r.code)).toEqual(['ADMISSION_ROLE_MISSING', 'ADMISSION_REALNAME_PENDING']);
  });

  it('does not let a supervising-unit person in without an account created here', () => {
    const result = admit(profile({ unit: { name: '北京市科学技术委员会', creditCode: '11110000000021231Y', kind: 'supervising' } }), null);
    expect(result.userKind).toBe('supervising');
    expect(result.refusal).toBe('ADMISSION_ACCOUNT_UNKNOWN');
  });
});
