// 系统管理 journeys: a new employer unit registers through two levels of review, and the national administrator
// creates a supervising unit whose account is synced to the portal and then signs in there.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, openArea, signIn } from './support.ts';

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByText('统一用户登录')).toBeVisible();
}

async function chooseOption(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

test('a new employer unit completes its information and passes supervising and national review', async ({ page }) => {
  // First jump: the portal knows the unit, this system does not yet: it starts as a draft.
  await signIn(page, 'new_unit_admin');
  const todo = page.getByText('请完善单位信息并提交审核:北京未来材料研究院');
  await expect(todo).toBeVisible();
  await todo.click();
  await expect(page.getByTestId('unit-why')).toContainText('单位信息尚未提交,请完善后提交审核。');

  // Submitting empty: the required fields say so in red, nothing moves.
  await page.getByTestId('unit-submit').click();
  await expect(page.getByText('不能为空').first()).toBeVisible();

  await chooseOption(page, 'unit-province', '北京市');
  await page.getByTestId('unit-address').fill('北京市昌平区未来科学城1号');
  await page.getByTestId('unit-contact-name').fill('赵敏');
  await page.getByTestId('unit-contact-phone').fill('12345');
  await page.getByTestId('unit-contact-email').fill('office@future-materials.example.com');
  await chooseOption(page, 'unit-supervising', '北京市科学技术委员会');
  await page.getByTestId('unit-submit').click();
  await expect(page.getByText(/联系电话.*固定电话/).first()).toBeVisible();
  await page.getByTestId('unit-contact-phone').fill('010-80801234');
  await page.getByTestId('unit-submit').click();
  await expect(page.getByTestId('unit-why')).toContainText('已提交,等待归口管理单位审核。您可以撤回。');
  await signOut(page);

  // The supervising unit reviews it from its to-do.
  await signIn(page, 'supervisor_bj');
  await page.getByText('用人单位注册审核:北京未来材料研究院').click();
  await expect(page.getByTestId('unit-why')).toContainText('等待您(归口管理单位)审核');
  await page.getByTestId('review-reason').fill('信息完整,同意');
  await page.getByTestId('review-approve').click();
  await expect(page.getByTestId('unit-why')).toContainText('已通过归口管理单位审核,等待国家审核。');
  await signOut(page);

  // The national level approves; the unit's people see it approved, with the story in 审核记录.
  await signIn(page, 'national_admin');
  await page.getByText('用人单位注册审核:北京未来材料研究院').click();
  await page.getByTestId('review-approve').click();
  await expect(page.getByTestId('unit-why')).toContainText('单位注册已审核通过。');
  await signOut(page);

  await signIn(page, 'new_unit_admin');
  await openArea(page, '系统管理');
  await page.getByRole('cell', { name: '北京未来材料研究院' }).click();
  await expect(page.getByTestId('unit-why')).toContainText('单位注册已审核通过。');
  await expect(page.getByText('归口管理单位审核通过')).toBeVisible();
  await expect(page.getByText('国家审核通过')).toBeVisible();
});

test('the national administrator creates a supervising unit; its account is synced and signs in through the portal', async ({ page, browser }) => {
  await signIn(page, 'national_admin');
  await page.goto('/admin/supervising-units/new');
  const form = page.getByTestId('supervising-form');
  await form.getByPlaceholder('请输入单位全称').fill('广东省科学技术厅');
  await form.getByPlaceholder('18 位统一社会信用代码').fill('114400000000123452');
  await chooseOption(page, 'field-province', '广东省');
  await form.getByPlaceholder('请输入单位详细地址').fill('广州市越秀区连新路171号');
  await form.getByPlaceholder('请输入联系人姓名').fill('黄敏');
  await form.getByPlaceholder('如 010-12345678 或 13800138000').fill('020-83163338');
  await form.getByPlaceholder('请输入联系邮箱').fill('wzc@gdstc.example.com');
  const account = page.getByTestId('account-0');
  await account.locator('input').nth(0).fill('gd_supervisor');
  await account.locator('input').nth(1).fill('黄敏');
  await account.locator('input').nth(2).fill('13600000077');
  await account.locator('input').nth(3).fill('huangmin@gdstc.example.com');
  await account.locator('input').nth(4).fill('440106198503151233');
  await page.getByTestId('supervising-submit').click();

  // The drawer of the new unit opens on the list; the dispatcher runs every two seconds.
  await expect(page.getByTestId('supervising-detail')).toBeVisible();
  await expect(async () => {
    await page.goto('/admin/supervising-units');
    const row = page.getByTestId('supervising-table').getByRole('row', { name: /广东省科学技术厅/ });
    await expect(row.getByText('已同步')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await signOut(page);

  // The initial password went by SMS only (the dev inbox stands in for the phone).
  const sms = await page.request.get('/dev/sms', { headers: { accept: 'application/json' } });
  const items = ((await sms.json()) as { items: Array<{ body: string; phoneMasked: string }> }).items;
  const message = items.find((m) => m.phoneMasked === '136****0077' && m.body.includes('gd_supervisor'));
  expect(message, 'the SMS with the initial password').toBeTruthy();
  const password = /初始密码[::]?\s*([A-Za-z0-9@#$%&*]{12})/.exec(message!.body)?.[1];
  expect(password).toBeTruthy();

  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const fresh = await context.newPage();
  await fresh.goto('/');
  await fresh.getByLabel('用户名').fill('gd_supervisor');
  await fresh.getByLabel('密码', { exact: true }).fill(password!);
  await fresh.getByRole('button', { name: '登录', exact: true }).click();
  await expect(fresh.getByText('请您仔细核对以上帐户信息,无误后,点击确定。')).toBeVisible();
  await fresh.getByRole('button', { name: '确定', exact: true }).click();
  await expect(fresh.getByRole('banner').getByText('广东省科学技术厅')).toBeVisible();
  expect(DEMO_PASSWORD).not.toBe(password);
  await context.close();
});
