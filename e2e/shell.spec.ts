// The shell around every area: the footer with support contacts, the favicon, the header's buttons and 待办 badge,
// each role's menu and where it leads, the home page's 新报计划, and English tables that break only between words.
import { expect, test, type Page } from '@playwright/test';
import { openArea, signIn } from './support.ts';


async function switchToEnglish(page: Page): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
}

test('every page of the shell ends with the support contacts and the browser advice, in the reader’s language', async ({ page }) => {
  await signIn(page, 'employer_handler');
  const footer = page.getByTestId('shell-footer');
  await expect(footer).toContainText('推荐使用谷歌浏览器、360 浏览器极速模式');
  await expect(footer).toContainText('QQ:1075477985 1516849328');
  await expect(footer).toContainText('010-58235529');
  for (const area of ['项目库', '专家库', '系统管理'] as const) {
    await openArea(page, area);
    await expect(page.locator('[data-area-mounted]').first()).toBeVisible();
    await expect(footer).toContainText('010-58235529');
  }
  await switchToEnglish(page);
  await expect(footer).toContainText('Use Google Chrome');
  await expect(footer).toContainText('Technical support QQ: 1075477985 1516849328');
});

test('the favicon is linked and served, and no page of the system logs a 404', async ({ page, baseURL }) => {
  const missing: string[] = [];
  page.on('console', (message) => {
    const where = message.location()?.url ?? '';
    // The dev portal (another origin, test equipment) is not this system.
    if (message.type() === 'error' && /404/.test(message.text()) && where.startsWith(baseURL!)) missing.push(where);
  });
  page.on('response', (response) => {
    if (response.status() === 404 && response.url().startsWith(baseURL!)) missing.push(response.url());
  });
  await signIn(page, 'national_admin');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toMatch(/^image\//);
  }
  for (const area of ['项目库', '专家库', '年度报告库', '系统管理'] as const) {
    await openArea(page, area);
    await expect(page.locator('[data-area-mounted]').first()).toBeVisible();
  }
  await page.reload();
  await expect(page.locator('[data-area-mounted]').first()).toBeVisible();
  expect(missing).toEqual([]);
});

test('退出 and the header’s other buttons stay readable when hovered', async ({ page }) => {
  await signIn(page, 'employer_admin');
  await expect(page.getByTestId('shell-user')).toBeVisible();
  for (const id of ['logout', 'language-switch']) {
    const button = page.getByTestId(id);
    await button.hover();
    // Read once Element Plus's hover transition has finished: white text on a fill that lets the header's blue through.
    await expect
      .poll(
        () =>
          button.evaluate((el) => {
            const style = getComputedStyle(el);
            const alpha = /rgba\(255, 255, 255, ([\d.]+)\)/.exec(style.backgroundColor)?.[1];
            return style.color === 'rgb(255, 255, 255)' && alpha !== undefined && Number(alpha) > 0 && Number(alpha) < 0.5;
          }),
        { message: id },
      )
      .toBe(true);
  }
});

/** A valid resident ID number (GB 11643 check digit) for a test user nobody else has. */
function freshIdNumber(): string {
  const body = `11010519900101${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

test('the 待办 badge counts down as soon as the user acts, without a reload', async ({ page, browser }) => {
  // 北京示例大学's administrator adds a user, who then waits for the supervising unit's review.
  const employer = await browser.newPage();
  await signIn(employer, 'employer_admin');
  const username = `badge_${Date.now()}`;
  const created = await employer.evaluate(
    async ([username, idNumber]) => {
      const me = (await (await fetch('/auth/me')).json()) as { csrfToken: string };
      const response = await fetch('/api/admin/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          username,
          displayName: '待审核用户',
          mobile: `139${String(Date.now()).slice(-8)}`,
          email: `${username}@example.edu.cn`,
          idNumber,
          role: 'employer_handler',
        }),
      });
      return response.status;
    },
    [username, freshIdNumber()] as const,
  );
  expect(created).toBe(201);
  await employer.close();

  await signIn(page, 'supervisor_bj');
  const badge = page.locator('.shell-header__todo .el-badge__content');
  await expect(badge).toBeVisible();
  const before = Number(await badge.textContent());
  expect(before).toBeGreaterThan(0);
  await page.getByTestId('home-todo').getByText('待审核用户', { exact: false }).first().click();
  await page.getByTestId('review-approve').click();
  const confirm = page.getByRole('button', { name: '确定' });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByText('已审核通过', { exact: false }).first()).toBeVisible();
  if (before === 1) await expect(badge).toBeHidden();
  else await expect(badge).toHaveText(String(before - 1));
});

test('the expert reviewer has no 系统管理 in its menu, and 系统管理’s pages open only within each role’s menu', async ({ page }) => {
  await signIn(page, 'reviewer');
  const nav = page.getByRole('navigation');
  await expect(nav.getByText('项目库', { exact: true })).toBeVisible();
  await expect(nav.getByText('系统管理', { exact: true })).toHaveCount(0);
  // The way to notices is the home page; /admin itself lands on the reviewer's only section.
  await page.evaluate(() => window.history.pushState(null, '', '/admin'));
  await expect(page.getByTestId('admin-menu-notices')).toBeVisible();
  await expect(page.getByTestId('admin-menu-units')).toHaveCount(0);
  await expect(page).toHaveURL(/\/admin\/notices$/);
  for (const path of ['/admin/audit', '/admin/users', '/admin/diagnostics/status']) {
    await page.evaluate((p) => window.history.pushState(null, '', p), path);
    await expect(page.getByTestId('admin-forbidden'), path).toBeVisible();
    await expect(page.getByText('无权访问')).toBeVisible();
  }
});

test('an employer unit’s 新报计划 on the home page opens the project library’s new-plan dialog', async ({ page }) => {
  await signIn(page, 'employer_handler');
  await page.getByTestId('home-entry-newPlan').click();
  await expect(page).toHaveURL(/\/projects\?new=1$/);
  await expect(page.getByRole('dialog', { name: '新报计划' })).toBeVisible();
});

test('users who do not apply for plans have no 新报计划 on the home page', async ({ page }) => {
  await signIn(page, 'supervisor_bj');
  await expect(page.getByTestId('home-notices')).toBeVisible();
  await expect(page.getByTestId('home-entry-newPlan')).toHaveCount(0);
});

test('系统管理 tables in English break between words only, and their tags stay inside their cells', async ({ page }) => {
  await signIn(page, 'national_admin');
  await switchToEnglish(page);
  for (const path of ['/admin', '/admin/users', '/admin/supervising-units', '/admin/accounts', '/admin/notices', '/admin/audit']) {
    await page.evaluate((p) => window.history.pushState(null, '', p), path);
    await expect(page.locator('.el-table__row').first(), path).toBeVisible();
    const faults = await page.evaluate(() => {
      const found: string[] = [];
      const probe = document.createElement('span');
      probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
      document.body.appendChild(probe);
      for (const cell of document.querySelectorAll<HTMLElement>('.adm-area .el-table th .cell')) {
        const style = getComputedStyle(cell);
        probe.style.font = style.font;
        const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        for (const word of (cell.textContent ?? '').split(/\s+/).filter(Boolean)) {
          probe.textContent = word;
          if (probe.getBoundingClientRect().width > room + 1) found.push(`header word "${word}" wider than its column`);
        }
      }
      for (const tag of document.querySelectorAll<HTMLElement>('.adm-area .el-table td .cell .el-tag')) {
        const cell = tag.closest('.cell')!.getBoundingClientRect();
        const box = tag.getBoundingClientRect();
        if (box.right > cell.right + 1) found.push(`tag "${tag.textContent?.trim()}" runs out of its cell`);
      }
      probe.remove();
      return found;
    });
    expect(faults, path).toEqual([]);
  }
});

