// The ground-floor journey: sign in through the portal, see every area's data, log out.
import { expect, test } from '@playwright/test';
import { openArea, signIn } from './support.ts';

test('an employer handler signs in through the portal, opens each area and logs out', async ({ page }) => {
  await signIn(page, 'employer_handler');

  await expect(page).toHaveURL(/localhost:\d+\/$/);
  const header = page.getByRole('banner');
  await expect(header.getByText('外国专家项目管理信息系统')).toBeVisible();
  await expect(header.getByText('张伟')).toBeVisible();
  await expect(header.getByText('北京示例大学')).toBeVisible();
  await expect(page.getByText('通知公告', { exact: true })).toBeVisible();
  await expect(page.getByText('关于开展2027年度外国专家项目申报工作的通知')).toBeVisible();
  await expect(page.getByText('待办', { exact: true }).first()).toBeVisible();

  await openArea(page, '项目库');
  await expect(page).toHaveURL(/\/projects\/?$/);
  await expect(page.getByText('人工智能前沿方法高端外国专家引进项目')).toBeVisible();
  await expect(page.getByText('先进制造学科创新引智基地(111计划)')).toHaveCount(0);

  await openArea(page, '专家库');
  await expect(page).toHaveURL(/\/experts\/?$/);
  await expect(page.getByText('Anna Schmidt')).toBeVisible();
  await expect(page.getByRole('cell', { name: '德国' })).toBeVisible();
  await expect(page.getByText('Pierre Dubois')).toHaveCount(0);

  await openArea(page, '年度报告库');
  await expect(page).toHaveURL(/\/reports\/?$/);
  // Employer units write no annual report: the area answers with its empty list.
  await expect(page.getByText('暂无数据')).toBeVisible();

  await openArea(page, '系统管理');
  await expect(page).toHaveURL(/\/admin/);
  await expect(page.getByText('北京示例大学').last()).toBeVisible();

  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByText('统一用户登录')).toBeVisible();
  const me = await page.request.get('/auth/me', { headers: { accept: 'application/json' } });
  expect(me.status()).toBe(401);
});

test('a supervising-unit user sees the annual reports and the to-do of its employer units', async ({ page }) => {
  await signIn(page, 'supervisor_bj');
  await expect(page.getByRole('banner').getByText('北京市科学技术委员会')).toBeVisible();
  await expect(page.getByText('用人单位注册审核:北京新锐科技有限公司')).toBeVisible();
  await expect(page.getByText('计划待审核:量子材料方向外国青年人才交流项目')).toBeVisible();
  await openArea(page, '年度报告库');
  await expect(page.getByText('2025').first()).toBeVisible();
  await openArea(page, '项目库');
  await expect(page.getByText('量子材料方向外国青年人才交流项目')).toBeVisible();
});

test('the interface switches to English and back', async ({ page }) => {
  await signIn(page, 'employer_handler');
  await expect(page.getByText('通知公告', { exact: true })).toBeVisible();
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByText('Notices')).toBeVisible();
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: '简体中文' }).click();
  await expect(page.getByText('通知公告', { exact: true })).toBeVisible();
});
