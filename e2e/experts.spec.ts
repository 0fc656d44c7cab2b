// 专家库 journeys: units search, enter, claim and import experts with identifiers masked, and the national level merges a likely duplicate and undoes it.
import ExcelJS from 'exceljs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openArea, signIn } from './support.ts';

const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByText('统一用户登录')).toBeVisible();
}

async function chooseOption(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** A passport number nobody else has: letters and digits only, as the form wants it. */
function uniquePassport(prefix: string): string {
  return `${prefix}${Date.now().toString(36).toUpperCase()}`.slice(0, 20);
}

/** The birth date is picked, never typed (the input is read-only): year, then month, then day. */
async function pickDate(page: Page, label: string, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  // Element Plus's date picker does not pass a test id on: it is found by its label, as a person does.
  const input = page.getByRole('combobox', { name: label });
  await input.click();
  const panel = page.locator('.el-picker-panel.el-date-picker').filter({ visible: true });
  await panel.locator('.el-date-picker__header-label').first().click();
  const yearCell = panel.locator('.el-year-table td').filter({ hasText: new RegExp(`^\\s*${year}\\s*$`) });
  for (let i = 0; i < 20 && !(await yearCell.isVisible()); i++) {
    await panel.getByRole('button', { name: '前一年' }).click();
  }
  await yearCell.click();
  await panel.locator('.el-month-table td').nth(month - 1).click();
  await panel
    .locator('.el-date-table td.available:not(.prev-month):not(.next-month)')
    .filter({ hasText: new RegExp(`^\\s*${day}\\s*$`) })
    .click();
  await expect(input).toHaveValue(isoDate);
}

/** Opens 新增专家 from the list and fills in everything that is required (the passport is left to the caller). */
async function fillNewExpert(page: Page, expert: { name: string; birthDate: string; country: string }): Promise<void> {
  await page.getByTestId('expert-name').fill(expert.name);
  await page.getByTestId('expert-gender').getByText('女', { exact: true }).click();
  await pickDate(page, '出生日期', expert.birthDate);
  await page.getByTestId('expert-nationality').click();
  await page.getByTestId('expert-nationality').locator('input').fill(expert.country);
  await page.getByRole('option', { name: expert.country, exact: true }).click();
  // The tree select passes its test id on to the tree in its dropdown too: the select is the one in the form.
  await page.getByTestId('expert-form').getByTestId('expert-discipline').click();
  // 理学 → 化学: open the category, then choose the discipline.
  const tree = page.getByRole('tree').filter({ visible: true });
  await tree.getByRole('treeitem', { name: /^理学/ }).locator('.el-tree-node__expand-icon').first().click();
  await tree.getByRole('treeitem', { name: /^化学/ }).click();
}

/** The layout scrolls inside its main area, so a full-page shot needs a window as tall as the page. */
async function shootWholePage(page: Page, path: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 2200 });
  await page.screenshot({ path, fullPage: true });
  if (before) await page.setViewportSize(before);
}

function table(page: Page, testId: string): Locator {
  return page.getByTestId(testId);
}

test('a unit searches its experts: nationality in words, the passport masked, the year of a visit narrows the list', async ({ page }) => {
  await signIn(page, 'employer_handler');
  await openArea(page, '专家库');
  const anna = table(page, 'expert-table').getByRole('row', { name: /Anna Schmidt/ });
  await expect(anna).toContainText('德国');
  await expect(anna).toContainText('C0*****47');
  await expect(page.locator('body')).not.toContainText('C01X00T47');
  await expect(table(page, 'expert-table').getByRole('row', { name: /James Wilson/ })).toBeVisible();

  await page.getByTestId('search-toggle').click();
  await chooseOption(page, 'search-year', '2025');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(table(page, 'expert-table').getByRole('row', { name: /James Wilson/ })).toHaveCount(0);
  await expect(anna).toBeVisible();
  await expect(table(page, 'expert-table').locator('tbody tr')).toHaveCount(1);

  await page.getByRole('button', { name: '重置', exact: true }).click();
  await expect(table(page, 'expert-table').getByRole('row', { name: /James Wilson/ })).toBeVisible();
  await expect(table(page, 'expert-table').getByRole('row', { name: /Yuki Tanaka/ })).toBeVisible();
});

test('a unit enters a new expert: required fields, a wrong passport, then the record with its CV', async ({ page }) => {
  const name = `Tomas Novak ${Date.now()}`;
  const passport = uniquePassport('CZ');
  await signIn(page, 'employer_handler');
  await openArea(page, '专家库');
  await page.getByTestId('expert-create').click();

  // Saving the empty form: every required field says so in red.
  await page.getByTestId('expert-save').click();
  const form = page.getByTestId('expert-form');
  const fieldErrors = form.getByTestId('field-error');
  for (const message of ['请填写姓名', '请选择性别', '请选择出生日期', '请选择国籍', '请填写护照号码', '请选择学科领域']) {
    await expect(fieldErrors.filter({ hasText: message })).toBeVisible();
  }

  await fillNewExpert(page, { name, birthDate: '1984-02-21', country: '捷克' });
  await page.getByTestId('expert-passport').fill('AB#1');
  await page.getByTestId('expert-save').click();
  await expect(fieldErrors.filter({ hasText: /护照号码.*须为 5 至 20 位字母或数字/ })).toBeVisible();
  await page.getByTestId('expert-passport').fill(passport);
  await page.getByTestId('expert-save').click();

  // The record: the passport masked until 查看, which shows it in clear (and is recorded).
  await expect(page.getByRole('heading', { name })).toBeVisible();
  const masked = `${passport.slice(0, 2)}${'*'.repeat(passport.length - 4)}${passport.slice(-2)}`;
  await expect(page.getByTestId('reveal-passport')).toContainText(masked);
  await expect(page.getByTestId('expert-info')).toContainText('捷克');
  await expect(page.getByTestId('expert-info')).toContainText('化学');
  await expect(page.getByTestId('expert-info')).not.toContainText(passport);
  await page.getByTestId('reveal-passport-button').click();
  await expect(page.getByTestId('reveal-passport')).toContainText(passport);
  await expect(page.getByTestId('reveal-passport')).toContainText('查看已记录');

  // A program named .pdf is refused before it is sent; a real PDF is kept.
  const cvInput = page.getByTestId('expert-file-cv').locator('input[type=file]');
  await cvInput.setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
  await expect(page.getByTestId('expert-files')).toContainText('文件「cv.pdf」格式不符:PDF 格式,不超过 10 MB');
  await expect(page.getByTestId('expert-file-cv')).toContainText('未上传');
  await cvInput.setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF });
  await expect(page.getByTestId('expert-file-cv').getByRole('link', { name: 'cv.pdf' })).toBeVisible();
  await expect(page.getByTestId('expert-files')).not.toContainText('格式不符');
  await shootWholePage(page, '/work/main/.tmp/shots/e2e-detail.png');
});

test('another unit enters an expert already in the library: it is offered a claim, and has the expert once the entering unit accepts', async ({ page }) => {
  const name = `Eva Horakova ${Date.now()}`;
  const passport = uniquePassport('EH');
  await signIn(page, 'employer_handler');
  await openArea(page, '专家库');
  await page.getByTestId('expert-create').click();
  await fillNewExpert(page, { name, birthDate: '1979-06-15', country: '捷克' });
  await page.getByTestId('expert-passport').fill(passport);
  await page.getByTestId('expert-save').click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await signOut(page);

  // employer_sh is not a portal account (it cannot sign in): the other unit is the ministry university.
  await signIn(page, 'ministry_univ');
  await openArea(page, '专家库');
  // Its own experts are listed; the new one is not (yet) among them.
  await expect(table(page, 'expert-table').getByRole('row', { name: /Pierre Dubois/ })).toBeVisible();
  await expect(table(page, 'expert-table').getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  await page.getByTestId('expert-create').click();
  await fillNewExpert(page, { name: name.toUpperCase(), birthDate: '1979-06-15', country: '捷克' });
  await page.getByTestId('expert-passport').fill(passport.toLowerCase());
  await page.getByTestId('expert-save').click();
  // Passport, name (case aside) and birth date all match: a claim with what was typed, never the record itself.
  const offer = page.getByRole('dialog', { name: '专家已在专家库中' });
  await expect(offer).toContainText('是否提交认领申请?经录入单位同意后,该专家将加入本单位专家库。');
  await offer.getByRole('button', { name: '提交认领申请' }).click();
  const claim = page.getByTestId('claim-dialog');
  await expect(claim.getByTestId('claim-name')).toHaveValue(name.toUpperCase());
  await expect(claim.getByTestId('claim-passport')).toHaveValue(passport);
  await claim.getByTestId('claim-submit').click();
  await expect(page.getByText('认领申请已提交,请等待录入单位审核')).toBeVisible();
  const mine = table(page, 'claim-table').getByRole('row', { name: new RegExp(name.toUpperCase()) });
  await expect(mine).toContainText('待审核');
  await expect(mine).toContainText('审核通过后可查看');
  await expect(page.getByTestId('claim-table')).not.toContainText('北京示例大学');
  await page.waitForLoadState('networkidle');
  await signOut(page);

  // The unit that entered the expert finds the claim in its to-do and accepts it.
  await signIn(page, 'employer_admin');
  await page.getByText(`专家认领申请待处理:${name}`).click();
  const incoming = table(page, 'claim-table').getByRole('row', { name: new RegExp(name) });
  await expect(incoming).toContainText('示例部属大学');
  await incoming.getByTestId('claim-accept').click();
  await page.getByRole('dialog').getByRole('button', { name: '同意' }).click();
  await expect(page.getByText('已同意,该专家已加入申请单位的专家库')).toBeVisible();
  await expect(incoming).toHaveCount(0);
  // The list and the to-do badge read again after the decision; sign out once they have.
  await page.waitForLoadState('networkidle');
  await signOut(page);

  // Now the record is the ministry university's too: its name as first entered, both units linked.
  await signIn(page, 'ministry_univ');
  await openArea(page, '专家库');
  await table(page, 'expert-table').getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('expert-info')).toContainText('北京示例大学');
  await expect(page.getByTestId('expert-info')).toContainText('示例部属大学');
});

test('a unit imports experts from the template: the check names the refused row, only the valid row is imported', async ({ page }) => {
  const name = `Lars Eriksson ${Date.now()}`;
  await signIn(page, 'employer_handler');
  await openArea(page, '专家库');
  await page.getByTestId('expert-import').click();
  await expect(page.getByTestId('import-template')).toBeVisible();

  // The header row exactly as the downloaded template has it, then one good row and one without a name.
  const template = await page.request.get('/api/experts/experts/import/template');
  expect(template.ok()).toBe(true);
  const source = new ExcelJS.Workbook();
  await source.xlsx.load((await template.body()) as unknown as ExcelJS.Buffer);
  const headerRow = source.worksheets[0]!.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, column) => (headers[column - 1] = String(cell.value ?? '')));
  const column = (start: string) => {
    const at = headers.findIndex((h) => h.startsWith(start));
    expect(at, `template column ${start}`).toBeGreaterThanOrEqual(0);
    return at;
  };
  const row = (values: Record<string, string>) => {
    const cells = headers.map(() => '');
    for (const [start, value] of Object.entries(values)) cells[column(start)] = value;
    return cells;
  };
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('专家');
  sheet.addRow(headers);
  sheet.addRow(row({ 姓名: name, 性别: '男', 出生日期: '1977-08-30', 国籍: '瑞典', 护照号码: uniquePassport('SE'), 学科领域: '0703' }));
  sheet.addRow(row({ 姓名: '', 性别: '女', 出生日期: '1990-01-05', 国籍: '挪威', 护照号码: uniquePassport('NO'), 学科领域: '0703' }));
  const bytes = Buffer.from(await book.xlsx.writeBuffer());

  await page
    .getByTestId('import-file')
    .locator('input[type=file]')
    .setInputFiles({ name: 'experts.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
  await expect(page.getByTestId('import-chosen')).toContainText('experts.xlsx');
  await page.getByTestId('import-check').click();

  const report = page.getByTestId('import-report');
  await expect(report).toContainText('共 2 行');
  await expect(report).toContainText('有效 1 行');
  await expect(report).toContainText('未通过 1 行');
  const refused = page.getByTestId('import-refused').locator('tbody tr');
  await expect(refused).toHaveCount(1);
  await expect(refused.locator('td').nth(0)).toHaveText('3');
  await expect(refused.locator('td').nth(1)).toHaveText('姓名');
  await expect(page.getByTestId('import-all')).toBeDisabled();

  await page.getByTestId('import-valid').click();
  const confirm = page.getByRole('dialog', { name: '请确认' });
  await expect(confirm).toContainText('将导入 1 名专家,跳过 1 行未通过校验的数据');
  await confirm.getByRole('button', { name: '仅导入有效行' }).click();
  await expect(page.getByTestId('import-done')).toContainText('已导入 1 名专家');

  await page.getByRole('button', { name: '返回专家库' }).click();
  await page.getByTestId('search-name').fill(name);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  const imported = table(page, 'expert-table').getByRole('row', { name: new RegExp(name) });
  await expect(imported).toContainText('瑞典');
  await expect(table(page, 'expert-table').locator('tbody tr')).toHaveCount(1);
});

test('the national administrator merges the likely duplicate James Wilson, then undoes the merge', async ({ page }) => {
  await signIn(page, 'national_admin');
  await openArea(page, '专家库');
  await page.getByTestId('to-duplicates').click();
  await expect(page.getByRole('heading', { name: '疑似重复专家' })).toBeVisible();

  const pair = table(page, 'duplicate-table').locator('tbody tr').filter({ hasText: 'James Wilson' });
  await expect(pair).toHaveCount(1);
  await expect(pair).toContainText('1968-11-03');
  await expect(pair).toContainText('53*****06');
  await expect(pair).toContainText('12*****43');
  // The left record survives; its link leads to it once the pair is gone.
  const survivorHref = await pair.locator('td').nth(1).getByRole('link', { name: 'James Wilson' }).getAttribute('href');
  expect(survivorHref).toBeTruthy();

  await pair.getByTestId('merge-left').click();
  const confirm = page.getByRole('dialog', { name: '请确认' });
  await expect(confirm).toContainText('确定将「James Wilson」合并到「James Wilson」吗?');
  await confirm.getByRole('button', { name: '合并' }).click();
  await expect(page.getByText('已合并', { exact: true })).toBeVisible();
  await expect(pair).toHaveCount(0);

  await page.goto(survivorHref!);
  await expect(page.getByRole('heading', { name: 'James Wilson' })).toBeVisible();
  const merges = page.getByTestId('expert-merges');
  await expect(merges).toContainText('合并了「James Wilson」');
  await shootWholePage(page, '/work/main/.tmp/shots/e2e-detail-merged.png');
  await merges.getByTestId('undo-merge').click();
  const undo = page.getByRole('dialog', { name: '请确认' });
  await expect(undo).toContainText('确定撤销该合并吗?');
  await undo.getByRole('button', { name: '撤销合并' }).click();
  await expect(page.getByText('已撤销合并', { exact: true })).toBeVisible();
  await expect(merges.getByTestId('undo-merge')).toHaveCount(0);
  await expect(merges).toContainText('撤销');

  await page.goto('/');
  await openArea(page, '专家库');
  await page.getByTestId('to-duplicates').click();
  await expect(table(page, 'duplicate-table').locator('tbody tr').filter({ hasText: 'James Wilson' })).toHaveCount(1);
});

test('the expert library speaks English after switching the language, and Chinese again after switching back', async ({ page }) => {
  await signIn(page, 'employer_handler');
  await openArea(page, '专家库');
  const headers = table(page, 'expert-table').locator('thead');
  await expect(headers).toContainText('国籍');
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(headers).toContainText('Nationality');
  await expect(headers).toContainText('Passport number');
  await expect(table(page, 'expert-table').getByRole('row', { name: /Anna Schmidt/ })).toContainText('Germany');
  await expect(page.getByTestId('expert-create')).toContainText('New expert');
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: '简体中文' }).click();
  await expect(headers).toContainText('国籍');
  await expect(table(page, 'expert-table').getByRole('row', { name: /Anna Schmidt/ })).toContainText('德国');
});
