// The admission checks seen from both sides: each refused kind of user ends on a refusal page that names the
// check and says what to do, and technical support finds that attempt in 网关诊断 by its reference with the
// same check marked failed. Each admitted kind confirms its account information and reaches the home page.
import { expect, test, type Page } from '@playwright/test';
import { openArea, signIn, submitPortalSignIn } from './support.ts';

interface RefusalCase {
  username: string;
  tab?: '法人登录';
  code: string;
  /** The check the diagnostics drawer must show failed. */
  check: string;
  /** What support reads beside the code. */
  label: string;
  /** The refusal page's heading, naming what is wrong. */
  title: string;
  /** A phrase of the advice the user is given. */
  advice: string;
}

const REFUSALS: RefusalCase[] = [
  {
    username: 'no_grant',
    code: 'ADMISSION_ROLE_MISSING',
    check: 'role_grant',
    label: '未获“外国专家项目”授权',
    title: '您还没有本系统的访问权限',
    advice: '在线办事-用户授权管理-授权操作',
  },
  {
    username: 'realname_pending',
    code: 'ADMISSION_REALNAME_PENDING',
    check: 'real_name',
    label: '实名认证人工审核中',
    title: '您的实名认证正在人工审核',
    advice: '人工审核通过后重新登录',
  },
  {
    username: 'realname_unverified',
    code: 'ADMISSION_REALNAME_UNVERIFIED',
    check: 'real_name',
    label: '未实名认证',
    title: '您尚未完成实名认证',
    advice: '完善实名信息',
  },
  {
    username: 'unit_no_credit_code',
    code: 'ADMISSION_CREDIT_CODE_MISSING',
    check: 'credit_code',
    label: '缺少统一社会信用代码',
    title: '单位信息不完整:缺少统一社会信用代码',
    advice: '补充统一社会信用代码后重新登录',
  },
  {
    username: 'unit_bad_credit_code',
    code: 'ADMISSION_CREDIT_CODE_INVALID',
    check: 'credit_code',
    label: '统一社会信用代码校验失败',
    title: '单位的统一社会信用代码有误',
    advice: '核对并更正统一社会信用代码',
  },
  {
    username: 'legal_person',
    tab: '法人登录',
    code: 'ADMISSION_IDENTITY_KIND',
    check: 'identity_kind',
    label: '非自然人帐号(法人登录)',
    title: '请使用自然人帐号登录',
    advice: '选择“自然人登录”',
  },
];

/** A fresh browser identity: the gateway's cookies and the portal's own session cookie on its port. */
async function forget(page: Page): Promise<void> {
  await page.context().clearCookies();
}

async function openDiagnostics(page: Page): Promise<void> {
  await openArea(page, '系统管理');
  await page.getByRole('menuitem', { name: '网关诊断' }).click();
  await expect(page).toHaveURL(/\/admin\/diagnostics\/handoffs$/);
  await expect(page.getByRole('tab', { name: '登录记录' })).toBeVisible();
}

for (const refusal of REFUSALS) {
  test(`${refusal.username} is refused with ${refusal.code}, and support finds the failed check by the reference`, async ({
    page,
  }) => {
    await submitPortalSignIn(page, refusal.username, refusal.tab ? { tab: refusal.tab } : {});

    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('refusal-code')).toHaveText(refusal.code);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(refusal.title);
    await expect(page.locator('.action')).toContainText(refusal.advice);
    await expect(page.getByRole('link', { name: '重新登录' })).toBeVisible();
    const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^H\d{8}-[A-Z2-9]{6}$/);

    await forget(page);
    await signIn(page, 'support');
    await openDiagnostics(page);

    // Read over the phone and typed in lower case; the search still finds it.
    await page.getByTestId('handoff-reference').fill(reference.toLowerCase());
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const table = page.getByTestId('handoff-table');
    const rows = table.locator('.el-table__body tr');
    await expect(rows).toHaveCount(1);
    const row = rows.first();
    await expect(row).toContainText(reference);
    await expect(row).toContainText(refusal.username);
    await expect(row).toContainText('已拒绝');
    await expect(row).toContainText(refusal.label);
    await expect(row).toContainText(refusal.code);

    await row.click();
    const drawer = page.getByTestId('handoff-detail');
    await expect(drawer).toBeVisible();
    await expect(drawer.getByTestId('detail-refusal-code')).toHaveText(refusal.code);
    await expect(drawer.getByTestId('detail-refusal-label')).toHaveText(refusal.label);
    const failed = drawer.getByTestId(`check-${refusal.check}`);
    await expect(failed).toHaveAttribute('data-passed', 'false');
    await expect(failed).toContainText('未通过');
    await expect(failed).toContainText(refusal.code);
    // The refusal names the first failed check; a legal-person account also lacks a grant, so later checks may fail too.
    await expect(drawer.locator('[data-passed="false"]').first()).toHaveAttribute('data-testid', `check-${refusal.check}`);
    if (refusal.check !== 'identity_kind') {
      await expect(drawer.getByTestId('check-identity_kind')).toHaveAttribute('data-passed', 'true');
    }
    await expect(drawer.getByTestId('detail-durations')).toContainText('换取令牌');
    await expect(drawer.getByTestId('detail-durations')).toContainText('合计');
    await expect(drawer.getByTestId('detail-durations')).toContainText(/\d+ ms/);
  });
}

interface AdmittedCase {
  username: string;
  realName: string;
  phoneMasked: string;
  unitName: string;
  creditCodeMasked: string;
  role: string;
}

const ADMITTED: AdmittedCase[] = [
  {
    username: 'employer_handler',
    realName: '张伟',
    phoneMasked: '139****0001',
    unitName: '北京示例大学',
    creditCodeMasked: '121100******018622',
    role: '外国专家项目-事项办理员',
  },
  {
    username: 'ministry_univ',
    realName: '王芳',
    phoneMasked: '158****0003',
    unitName: '示例部属大学',
    creditCodeMasked: '121000******117532',
    role: '外国专家项目-事项办理员',
  },
  {
    username: 'supervisor_bj',
    realName: '刘洋',
    phoneMasked: '186****0004',
    unitName: '北京市科学技术委员会',
    creditCodeMasked: '111100******21231Y',
    role: '归口管理单位用户',
  },
  {
    username: 'national_admin',
    realName: '陈静',
    phoneMasked: '138****0005',
    unitName: '科学技术部外国专家服务司',
    creditCodeMasked: '111000******14023J',
    role: '国家管理员',
  },
  {
    username: 'support',
    realName: '赵磊',
    phoneMasked: '138****0006',
    unitName: '科学技术部外国专家服务司',
    creditCodeMasked: '111000******14023J',
    role: '技术支持',
  },
];

for (const user of ADMITTED) {
  test(`${user.username} confirms the account information and reaches the home page`, async ({ page }) => {
    await submitPortalSignIn(page, user.username);

    await expect(page.getByRole('heading', { name: '帐户信息确认' })).toBeVisible();
    const field = (label: string) =>
      page.locator('tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) }).locator('td');
    await expect(field('用户名')).toHaveText(user.username);
    await expect(field('真实姓名')).toHaveText(user.realName);
    await expect(field('手机号')).toHaveText(user.phoneMasked);
    await expect(field('单位名称')).toHaveText(user.unitName);
    await expect(field('统一社会信用代码')).toHaveText(user.creditCodeMasked);
    await expect(field('用户角色')).toHaveText(user.role);
    await expect(page.getByText('请您仔细核对以上帐户信息,无误后,点击确定。')).toBeVisible();

    await page.getByRole('button', { name: '确定', exact: true }).click();
    await expect(page).toHaveURL(/localhost:\d+\/$/);
    await expect(page.getByRole('banner').getByText(user.realName)).toBeVisible();
    await expect(page.getByText('通知公告', { exact: true })).toBeVisible();
  });
}

test('网关诊断 is in the 系统管理 navigation for technical support only', async ({ page }) => {
  await signIn(page, 'national_admin');
  await openArea(page, '系统管理');
  await expect(page.getByRole('menuitem', { name: '单位管理' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '网关诊断' })).toHaveCount(0);
  // Typed by hand, the page is refused in place, as every 系统管理 page outside a role's menu is.
  await page.goto('/admin/diagnostics');
  await expect(page.getByTestId('admin-forbidden')).toBeVisible();
  await expect(page.getByTestId('admin-forbidden')).toContainText('无权访问');
  const denied = await page.request.get('/api/gateway/diagnostics/health', { headers: { accept: 'application/json' } });
  expect(denied.status()).toBe(403);
});

test('support looks up sessions, ends one and then all, and reads the system status', async ({ page }) => {
  // Two sessions of supervisor_bj, in two separate browser identities.
  for (let i = 0; i < 2; i += 1) {
    await signIn(page, 'supervisor_bj');
    await expect(page.getByRole('banner').getByText('刘洋')).toBeVisible();
    await forget(page);
  }

  await signIn(page, 'support');
  await openDiagnostics(page);
  await page.getByRole('tab', { name: '会话' }).click();
  await expect(page).toHaveURL(/\/admin\/diagnostics\/sessions$/);
  await page.getByTestId('session-username').fill('supervisor_bj');
  await page.getByRole('button', { name: '查询', exact: true }).click();

  const card = page.getByTestId('session-user');
  await expect(card).toContainText('刘洋');
  await expect(card).toContainText('北京市科学技术委员会');
  await expect(card).toContainText('正常');
  const rows = page.getByTestId('session-table').locator('.el-table__body tr');
  const before = await rows.count();
  expect(before).toBeGreaterThanOrEqual(2);
  await expect(rows.first()).toContainText('政务服务平台');

  await rows.first().getByRole('button', { name: '结束' }).click();
  const dialog = page.getByRole('dialog', { name: '结束会话' });
  await expect(dialog).toContainText('supervisor_bj');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('会话已结束')).toBeVisible();
  await expect(rows).toHaveCount(before - 1);

  await page.getByTestId('session-revoke-all').click();
  await page.getByRole('dialog', { name: '结束会话' }).getByRole('button', { name: '确定' }).click();
  await expect(page.getByText(`已结束 ${before - 1} 个会话`)).toBeVisible();
  await expect(page.getByText('该用户当前没有会话')).toBeVisible();

  await page.getByTestId('session-username').fill('nobody_here');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.getByTestId('session-user-missing')).toContainText('本系统中没有用户名为“nobody_here”的帐号');

  await page.getByRole('tab', { name: '系统状态' }).click();
  const health = page.getByTestId('health-table');
  await expect(health).toContainText('数据库');
  await expect(health).toContainText('会话存储');
  await expect(health).toContainText('政务服务平台');
  await expect(health).toContainText('前端模块 · 系统管理');
  await expect(page.getByText('全部依赖正常')).toBeVisible();
  const config = page.getByTestId('config-card');
  await expect(config).toContainText('访问地址');
  await expect(config).toContainText('会话空闲超时');
  await expect(config).toContainText('30 分钟');
  await expect(config).not.toContainText('dev-portal-secret');
});
