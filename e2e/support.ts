// What every journey does first: sign in through the dev portal's pages like a person.
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo@2026';

export async function signIn(page: Page, username: string, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByText('统一用户登录')).toBeVisible();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByText('请您仔细核对以上帐户信息,无误后,点击确定。')).toBeVisible();
  await page.getByRole('button', { name: '确定', exact: true }).click();
}

export async function openArea(page: Page, label: '首页' | '项目库' | '专家库' | '年度报告库' | '系统管理'): Promise<void> {
  await page.getByRole('navigation').getByText(label, { exact: true }).click();
}

/**
 * Fills and submits the portal's sign-in form (on the 自然人登录 or 法人登录 tab) and stops there: the caller
 * decides what the gateway should answer (the account confirmation page, or a refusal page).
 */
export async function submitPortalSignIn(
  page: Page,
  username: string,
  options: { tab?: '自然人登录' | '法人登录'; path?: string } = {},
): Promise<void> {
  await page.goto(options.path ?? '/');
  await expect(page.getByText('统一用户登录')).toBeVisible();
  if (options.tab) await page.locator('fieldset.tabs label', { hasText: options.tab }).click();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}
