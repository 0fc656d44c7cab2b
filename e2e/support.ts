// What every journey does first: sign in through the dev portal's pages like a person.
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo@2026';

/**
 * Opens `path` the way a person types an address. A page whose session just ended (another browser identity, a
 * revoked grant) may at that moment be sending itself to sign in (its 待办 refresh met a 401); the two navigations
 * race and the typed one can be aborted or interrupted by the page's own. The person would simply be where they were
 * going: go there again.
 */
export async function openAddress(page: Page, path: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.goto(path);
      return;
    } catch (error) {
      if (attempt >= 3 || !/ERR_ABORTED|frame was detached|interrupted by another navigation/.test(String(error))) throw error;
    }
  }
}

export async function signIn(page: Page, username: string, path = '/'): Promise<void> {
  await openAddress(page, path);
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
  await openAddress(page, options.path ?? '/');
  await expect(page.getByText('统一用户登录')).toBeVisible();
  if (options.tab) await page.locator('fieldset.tabs label', { hasText: options.tab }).click();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}
