// 审计日志 and 系统状态 as support staff and national administrators read them: words, names and links, never the codes,
// uuids or English of the records underneath.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support.ts';

const RAW_ACTION = /\b[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*\b/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** A change made through the API as the signed-in person (its session and CSRF token), to have something recorded. */
async function post(page: Page, path: string, body: unknown): Promise<{ status: number; body: { id?: string } }> {
  return page.evaluate(
    async ([path, body]) => {
      const me = (await (await fetch('/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    [path, body] as const,
  );
}

async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => window.history.pushState(null, '', p), path);
}

test('the audit log names the action and the object, links the object to its page and lists the change in words', async ({ page }) => {
  await signIn(page, 'national_admin');
  const title = `审计日志测试通知 ${Date.now()}`;
  const published = await post(page, '/api/admin/notices', { title, body: '正文', attachments: [] });
  expect(published.status).toBe(201);
  expect((await post(page, `/api/admin/notices/${published.body.id}/withdraw`, { reason: '测试撤回' })).status).toBe(200);

  await go(page, '/admin/audit');
  const table = page.getByTestId('audit-table');
  const withdrawn = table.locator('.el-table__row', { hasText: '撤回通知' }).filter({ hasText: title }).first();
  await expect(withdrawn).toBeVisible();
  await expect(withdrawn).toContainText('通知公告');
  await expect(withdrawn).toContainText('已撤回:否 → 是');
  // Every known action reads in words, no object as a uuid, no change as JSON.
  for (const label of await table.getByTestId('audit-action-label').allInnerTexts()) expect(label).not.toMatch(RAW_ACTION);
  const text = await table.innerText();
  expect(text).not.toMatch(UUID);
  expect(text).not.toMatch(/[{}"]/);

  // The record's drawer lists the change as a table of labelled values.
  await withdrawn.click();
  const changes = page.getByTestId('audit-changes');
  await expect(changes).toContainText('已撤回');
  await expect(changes).toContainText('撤回时间');
  await page.keyboard.press('Escape');

  // A withdrawn notice keeps its name but has no page left to open.
  await expect(withdrawn).toContainText(`${title}(已撤回)`);
  await expect(withdrawn.getByTestId('audit-object-link')).toHaveCount(0);

  // A live object's name opens its page.
  const live = `审计日志测试通知(保留) ${Date.now()}`;
  const kept = await post(page, '/api/admin/notices', { title: live, body: '正文', attachments: [] });
  await page.getByRole('button', { name: '查询' }).click();
  const publishedRow = table.locator('.el-table__row', { hasText: live }).first();
  await publishedRow.getByTestId('audit-object-link').click();
  await expect(page).toHaveURL(new RegExp(`/admin/notices/${kept.body.id}$`));
  await expect(page.getByText(live).first()).toBeVisible();
});

test('in English the audit log reads in English, and actions are searched by name', async ({ page }) => {
  await signIn(page, 'support');
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await go(page, '/admin/audit');
  await page.getByTestId('audit-action').click();
  await page.getByRole('option', { name: 'Withdrew a notice' }).click();
  await page.getByRole('button', { name: 'Search' }).click();
  const rows = page.getByTestId('audit-table').locator('.el-table__row');
  await expect(rows.first()).toContainText('Withdrew a notice');
  await expect(rows.first()).toContainText('Withdrawn: No → Yes');
  for (const label of await page.getByTestId('audit-action-label').allInnerTexts()) expect(label).not.toMatch(RAW_ACTION);
  expect(await page.getByTestId('audit-table').innerText()).not.toMatch(/撤回通知|已撤回/);
});

test('系统状态 words each check in the reader’s language: the portal’s signing keys, no “key(s)”', async ({ page }) => {
  await signIn(page, 'support');
  await go(page, '/admin/diagnostics/status');
  const table = page.getByTestId('health-table');
  await expect(table).toContainText('政务服务平台签名密钥');
  await expect(table).toContainText(/已公布 \d+ 个签名密钥/);
  await expect(table).not.toContainText('key(s)');
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(table).toContainText('Portal signing keys');
  await expect(table).toContainText(/Signing keys published: \d+/);
});
