// Module Federation behaviour users depend on: one copy of the shared libraries, and a failing remote
// that takes down only its own area.
import { expect, test } from '@playwright/test';
import { openArea, signIn } from './support.ts';

test('vue, pinia, vue-router, vue-i18n and element-plus are loaded once, from the shell', async ({ page }) => {
  await signIn(page, 'national_admin');
  for (const area of ['项目库', '专家库', '年度报告库', '系统管理'] as const) {
    await openArea(page, area);
    await expect(page.locator('[data-area-mounted]').first()).toBeVisible();
  }
  const shared = await page.evaluate(() => (window as unknown as { __wgzjShared: () => Record<string, unknown[]> }).__wgzjShared());
  for (const name of ['vue', 'pinia', 'vue-router', 'vue-i18n', 'element-plus']) {
    expect(shared[name], name).toHaveLength(1);
  }
});

test('an unreachable remote shows 模块暂时不可用 with a retry, and every other area keeps working', async ({ page }) => {
  let blocked = true;
  await page.route('**/remotes/reports/**', (route) => (blocked ? route.abort('connectionrefused') : route.continue()));
  await signIn(page, 'supervisor_bj');
  await openArea(page, '年度报告库');
  await expect(page.getByText('模块暂时不可用')).toBeVisible();
  const retry = page.getByRole('button', { name: '重试' });
  await expect(retry).toBeVisible();

  await openArea(page, '项目库');
  await expect(page.getByText('量子材料方向外国青年人才交流项目')).toBeVisible();
  await openArea(page, '专家库');
  await expect(page.getByText('Anna Schmidt')).toBeVisible();

  await openArea(page, '年度报告库');
  await expect(page.getByText('模块暂时不可用')).toBeVisible();
  blocked = false;
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByText('模块暂时不可用')).toHaveCount(0);
  await expect(page.getByText('2025').first()).toBeVisible();
});

test('a remote whose files never answer gives up after a few seconds with the same panel and 重试, and a retry that answers mounts it', async ({ page }) => {
  let hanging = true;
  // Requests to the remote's files are held, never answered: no error, no timeout from the browser for minutes.
  await page.route('**/remotes/reports/**', (route) => (hanging ? undefined : route.continue()));
  await signIn(page, 'supervisor_bj');
  await openArea(page, '年度报告库');
  await expect(page.getByText('正在加载…')).toBeVisible();
  // The shell's deadline is 8 s; the panel is the one a 404 gets.
  await expect(page.getByText('模块暂时不可用')).toBeVisible({ timeout: 12_000 });
  await expect(page.getByText('正在加载…')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '重试' })).toBeVisible();
  // Support's detail is folded away: nobody else reads English or codes on the panel.
  await expect(page.getByText('REMOTE_TIMEOUT', { exact: false })).toBeHidden();

  await openArea(page, '项目库');
  await expect(page.getByText('量子材料方向外国青年人才交流项目')).toBeVisible();

  await openArea(page, '年度报告库');
  await expect(page.getByText('模块暂时不可用')).toBeVisible({ timeout: 12_000 });
  hanging = false;
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByText('模块暂时不可用')).toHaveCount(0);
  await expect(page.getByText('2025').first()).toBeVisible();
});

