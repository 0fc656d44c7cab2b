// 用户授权管理 end to end: a natural person without a grant is refused; the unit's legal-person account grants
// 外国专家项目-事项办理员 on the portal's page; the person gets in; the grant is revoked and the portal's
// back-channel logout ends their session here at once, so the next page load goes back through the portal.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { PORTAL_PORT } from './playwright.config.ts';
import { DEMO_PASSWORD, signIn, submitPortalSignIn } from './support.ts';

const PORTAL = `http://localhost:${PORTAL_PORT}`;
const HANDLER = '外国专家项目-事项办理员';

/** The legal-person account of 北京示例大学 on the portal's 用户授权管理 page, in a browser of its own. */
async function openGrantsAsLegalPerson(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto(`${PORTAL}/grants`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('科学技术部政务服务平台 · 用户授权管理');
  await page.locator('fieldset.tabs label', { hasText: '法人登录' }).click();
  await page.getByLabel('用户名').fill('legal_person');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('heading', { name: '授权操作 · 北京示例大学' })).toBeVisible();
  return page;
}

function handlerCell(grants: Page) {
  return grants.getByTestId('grant-row-no_grant').locator('td[data-role="handler"]');
}

/** Puts no_grant back as the seed has it (no grant), whatever the test got to. */
async function restore(browser: Browser): Promise<void> {
  const context = await browser.newContext();
  const res = await context.request.post(`${PORTAL}/dev/accounts/no_grant/roles`, {
    headers: { authorization: `Basic ${Buffer.from('wgzjxm:dev-portal-secret').toString('base64')}` },
    data: { roles: [] },
  });
  expect(res.status()).toBe(200);
  await context.close();
}

test.afterAll(async ({ browser }) => {
  await restore(browser);
});

test('a grant on 用户授权管理 lets no_grant in, and revoking it ends the session through back-channel logout', async ({
  page,
  browser,
}) => {
  // Before any grant: refused at the jump.
  await submitPortalSignIn(page, 'no_grant');
  await expect(page.getByTestId('refusal-code')).toHaveText('ADMISSION_ROLE_MISSING');
  await page.context().clearCookies();

  // The legal person grants 事项办理员.
  const grants = await openGrantsAsLegalPerson(browser);
  await expect(grants.getByTestId('grant-row-no_grant')).toContainText('孙丽');
  await expect(grants.getByTestId('grant-row-no_grant')).toContainText('已实名认证');
  await expect(handlerCell(grants).locator('.badge')).toHaveText('未授权');
  await handlerCell(grants).getByRole('button', { name: `授权:${HANDLER}`, exact: true }).click();
  await expect(grants.getByRole('status')).toHaveText(`已为 孙丽(no_grant)授权“${HANDLER}”`);
  await expect(handlerCell(grants).locator('.badge')).toHaveText('已授权');

  // no_grant now gets in: account confirmation (确定), then the home page.
  await signIn(page, 'no_grant');
  await expect(page).toHaveURL(/localhost:\d+\/$/);
  await expect(page.getByRole('banner').getByText('孙丽')).toBeVisible();
  await expect(page.getByText('通知公告', { exact: true })).toBeVisible();
  const me = await page.request.get('/auth/me', { headers: { accept: 'application/json' } });
  expect(me.status()).toBe(200);

  // The legal person revokes it; the portal tells the gateway before the page answers.
  await handlerCell(grants).getByRole('button', { name: `取消授权:${HANDLER}`, exact: true }).click();
  await expect(grants.getByRole('status')).toHaveText(
    `已取消 孙丽(no_grant)的“${HANDLER}”授权,其在外国专家项目管理信息系统的登录会话已结束`,
  );
  await expect(handlerCell(grants).locator('.badge')).toHaveText('未授权');

  // no_grant's gateway session is gone ...
  const after = await page.request.get('/auth/me', { headers: { accept: 'application/json' } });
  expect(after.status()).toBe(401);
  // ... so the next page load goes to the portal to sign in again. The portal session is still there, so the
  // portal answers at once, and the gateway's admission check refuses: the grant is gone. The old tab's own 待办
  // refresh may meet the 401 and make that trip by itself at any moment, racing a typed address; the person opens the
  // system in a new tab instead, with the old one closed, so exactly one sign-in trip is under test.
  const context = page.context();
  await page.close();
  const again = await context.newPage();
  const toPortal = again.waitForRequest((request) => request.url().startsWith(`${PORTAL}/auth?`));
  await again.goto('/');
  await toPortal;
  await expect(again.getByTestId('refusal-code')).toHaveText('ADMISSION_ROLE_MISSING');

  // 退出 ends the legal person's session on the page.
  await grants.getByRole('button', { name: '退出', exact: true }).click();
  await expect(grants.locator('fieldset.tabs label', { hasText: '法人登录' })).toBeVisible();
  await grants.context().close();
});

test('a natural-person account cannot sign in to 用户授权管理', async ({ page }) => {
  await page.goto(`${PORTAL}/grants`);
  await expect(page.locator('fieldset.tabs label')).toHaveText(['法人登录']);
  await page.getByLabel('用户名').fill('employer_admin');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('该帐号为自然人帐号。用户授权管理仅限单位法人帐号登录');
  await expect(page.getByRole('heading', { name: /授权操作/ })).toHaveCount(0);
});
