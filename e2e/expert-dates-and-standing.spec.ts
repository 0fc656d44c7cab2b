// What a unit still in registration review is told before it starts (专家库 and 项目库), and 最近来华 beside
// 计划来华: a visit of a plan not yet approved is planned, never the latest visit.
import { expect, test, type Page } from '@playwright/test';
import { openArea, signIn } from './support.ts';

async function standingOf(page: Page, area: 'experts' | 'projects'): Promise<{ mayWrite: boolean }> {
  const response = await page.request.get(`/api/${area}/unit-standing`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as { mayWrite: boolean };
}

test('a unit in registration review reads the libraries but is told, before it starts, to complete its registration', async ({ page }) => {
  await signIn(page, 'new_unit_admin');
  await expect(page.getByText('请完善单位信息并提交审核:北京未来材料研究院')).toBeVisible();
  // The registration journey (organisations.spec.ts) may have approved this unit in the same data already.
  test.skip((await standingOf(page, 'experts')).mayWrite, 'the demo unit is already approved in this data');

  await openArea(page, '专家库');
  await expect(page.getByTestId('unit-standing')).toContainText('请先完善本单位信息并提交注册审核,审核通过后即可新增、修改或认领专家。');
  for (const button of ['expert-create', 'expert-claim', 'expert-import']) await expect(page.getByTestId(button)).toBeDisabled();

  await openArea(page, '项目库');
  await expect(page.getByTestId('unit-standing')).toContainText('请先完善本单位信息并提交注册审核,审核通过后即可新报计划、提交计划。');
  await expect(page.getByTestId('plan-create')).toBeDisabled();
  // The home page's 新报计划 entry does not open the dialog either.
  await page.goto('/projects?new=1');
  await expect(page.getByTestId('unit-standing')).toBeVisible();
  await expect(page.getByTestId('new-plan-dialog')).toBeHidden();

  // The link goes where the registration is completed.
  await page.getByTestId('unit-standing-link').click();
  await expect(page).toHaveURL(/\/admin\/units\//);
  await expect(page.getByTestId('unit-why')).toContainText('单位信息尚未提交,请完善后提交审核。');
});

test('an approved unit is not held back', async ({ page }) => {
  await signIn(page, 'employer_handler');
  await openArea(page, '专家库');
  await expect(page.getByTestId('expert-create')).toBeEnabled();
  await expect(page.getByTestId('unit-standing')).toHaveCount(0);
  await openArea(page, '项目库');
  await expect(page.getByTestId('plan-create')).toBeEnabled();
});

test('最近来华 counts visits that happened; a visit of a plan still in review shows apart as 计划来华 with its state', async ({ page }) => {
  const nextYear = new Date().getFullYear() + 1;
  await signIn(page, 'employer_handler');
  await openArea(page, '专家库');
  // The demo plan waiting at the supervising unit plans Anna Schmidt's visit on 10 May next year.
  const anna = page.getByTestId('expert-table').locator('.el-table__body-wrapper').getByRole('row', { name: /Anna Schmidt/ });
  await expect(anna.getByTestId('planned-visit')).toContainText(`${nextYear}-05-10`, { timeout: 30_000 });
  await expect(anna.getByTestId('planned-visit')).toContainText('归口管理单位审核中');
  // 最近来华 (the ninth column) is a visit that happened, not the planned one.
  await expect(anna.locator('td').nth(8)).not.toContainText(String(nextYear));
  await anna.getByRole('link', { name: 'Anna Schmidt' }).click();
  const visits = page.getByTestId('expert-visits');
  const planned = visits.getByRole('row', { name: new RegExp(`${nextYear}-05-10`) });
  await expect(planned).toContainText('计划来华');
  await expect(planned).toContainText('归口管理单位审核中');
  await expect(visits.getByRole('row', { name: /2025-05-06/ })).toContainText('已来华');
});
