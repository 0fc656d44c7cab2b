// What the plan journeys (plans.spec.ts) do again and again: switch user, open a plan from the list, pick a date,
// fill in a plan's editor, review, score and approve. Every step goes through the screens, as a person would.
import { resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { openArea, signIn } from './support.ts';

/** A one-pixel PNG: a table uploaded as an image (表格类内容以图片上传). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A one-page PDF: the signed and sealed application page. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);

/** Plans are made under next year's calls (the seed opens them around today). */
export const PLAN_YEAR = new Date().getFullYear() + 1;

const SHOTS = resolve(import.meta.dirname, '../.tmp/shots');

/**
 * Keeps a picture of a key state in .tmp/shots/ for people to look at. The layout scrolls inside its main area, so a
 * full-page shot needs a window as tall as the page.
 */
export async function shootWholePage(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  if (before) await page.setViewportSize(before);
}

// ---- who, where ---------------------------------------------------------------------------------------

/** Signs out whoever is in, and signs `username` in on the 项目库 list. */
export async function switchTo(page: Page, username: string): Promise<void> {
  const signOut = page.getByTestId('logout');
  if (await signOut.isVisible()) {
    await signOut.click();
    await expect(page.getByText('统一用户登录')).toBeVisible();
  }
  await signIn(page, username);
  await openArea(page, '项目库');
  await expect(planTable(page)).toBeVisible();
}

export const planTable = (page: Page): Locator => page.getByTestId('plan-table');

/** The plan's row in the list (its title is a link). */
export const planRow = (page: Page, title: string): Locator =>
  planTable(page).locator('tbody tr').filter({ has: page.getByRole('link', { name: title, exact: true }) });

/** Opens a plan from one of the list's tabs (全部, 待我审核, 待修改, 待评分) by its title. */
export async function openPlanFrom(page: Page, tab: string, title: string): Promise<void> {
  await page.getByTestId('plan-views').getByRole('tab', { name: tab, exact: true }).click();
  await planRow(page, title).getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(why(page)).toBeVisible();
}

/** The page's one line on where the plan stands and what this person may do there. */
export const why = (page: Page): Locator => page.getByTestId('plan-why');

// ---- Element Plus inputs, as a person uses them ----------------------------------------------------------

/**
 * Picks a date from the date picker found by its label inside `scope`, never typing (dates are chosen, screen
 * rule 15): year, then month, then day.
 */
export async function pickDate(page: Page, scope: Locator, label: string, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const input = scope.getByRole('combobox', { name: label });
  await input.click();
  const panel = page.locator('.el-picker-panel.el-date-picker').filter({ visible: true });
  await panel.locator('.el-date-picker__header-label').first().click();
  const yearCell = panel.locator('.el-year-table td').filter({ hasText: new RegExp(`^\\s*${year}\\s*$`) });
  for (let i = 0; i < 20 && !(await yearCell.isVisible()); i++) {
    const shown = Number((await panel.locator('.el-year-table td').first().innerText()).trim());
    await panel.getByRole('button', { name: shown > year ? '前一年' : '后一年' }).click();
  }
  await yearCell.click();
  await panel.locator('.el-month-table td').nth(month - 1).click();
  await panel
    .locator('.el-date-table td.available:not(.prev-month):not(.next-month)')
    .filter({ hasText: new RegExp(`^\\s*${day}\\s*$`) })
    .click();
  await expect(input).toHaveValue(isoDate);
  // The panel fades out: wait until it is gone, so the next picker's panel is the only one shown.
  await expect(page.locator('.el-picker-panel.el-date-picker').filter({ visible: true })).toHaveCount(0);
}

/** Opens a select and chooses the option. */
export async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option }).filter({ visible: true }).first().click();
}

/** Types into the number input inside `field` (an amount in yuan, a count of days, a score) and leaves it. */
export async function fillNumber(field: Locator, value: string): Promise<void> {
  const input = field.getByRole('spinbutton');
  await input.fill(value);
  await input.blur();
}

/** Answers the confirm box (提交, 撤回…) with its button `ok`. */
export async function confirmBox(page: Page, ok = '确定'): Promise<void> {
  const box = page.getByRole('dialog').filter({ has: page.locator('.el-message-box__btns') });
  await box.getByRole('button', { name: ok, exact: true }).click();
  await expect(box).toBeHidden();
}

// ---- the employer's editor ---------------------------------------------------------------------------

/** 新报计划: one of the calls open to the unit, a title; the new plan opens in its editor. */
export async function createPlan(page: Page, projectType: string, title: string): Promise<void> {
  await page.getByTestId('plan-create').click();
  await choose(page, page.getByTestId('new-plan-call'), `${PLAN_YEAR} 年度 · ${projectType}`);
  await page.getByTestId('new-plan-title').fill(title);
  await page.getByTestId('new-plan-create').click();
  await expect(page.getByTestId('plan-editor')).toBeVisible();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
}

export interface TalentContent {
  discipline: string;
  leader: string;
  objectives: string;
  tasks: string;
  /** 单位自筹经费, yuan. */
  selfFunding: string;
}

/** The talent template's required fields (基本信息, 项目内容, 经费预算) and its budget table as an image. */
export async function fillTalentContent(page: Page, content: TalentContent): Promise<void> {
  const basic = page.getByTestId('section-basic');
  await basic.getByTestId('field-discipline').getByRole('textbox').fill(content.discipline);
  await basic.getByTestId('field-leader').getByRole('textbox').fill(content.leader);
  await pickDate(page, basic, '执行开始日期', `${PLAN_YEAR}-01-01`);
  await pickDate(page, basic, '执行结束日期', `${PLAN_YEAR}-12-20`);
  const text = page.getByTestId('section-content');
  await text.getByTestId('field-objectives').getByRole('textbox').fill(content.objectives);
  await text.getByTestId('field-tasks').getByRole('textbox').fill(content.tasks);
  const budget = page.getByTestId('section-budget');
  await fillNumber(budget.getByTestId('field-selfFunding'), content.selfFunding);
  const table = budget.getByTestId('field-budgetTable');
  await table.locator('input[type=file]').setInputFiles({ name: '经费预算表.png', mimeType: 'image/png', buffer: TINY_PNG });
  await expect(table.getByRole('link', { name: '经费预算表.png' })).toBeVisible();
}

export interface VisitInput {
  start: string;
  end: string;
  city: string;
  /** 国际旅费, yuan. */
  travel: string;
}

/** 从专家库选择 an expert of the unit's library; the drawer for the expert's first visit opens. */
export async function pickExpert(page: Page, name: string): Promise<Locator> {
  const picker = page.getByTestId('expert-picker');
  if (!(await picker.isVisible())) await page.getByTestId('expert-pick').click();
  await picker.getByTestId('expert-picker-name').fill(name);
  await picker.getByRole('button', { name: '查询' }).click();
  await picker.getByRole('row', { name: new RegExp(name) }).getByTestId('expert-picker-choose').click();
  const drawer = page.getByTestId('visit-drawer');
  await expect(drawer).toContainText(`${name} · 来华及经费`);
  return drawer;
}

export interface NewExpert {
  name: string;
  birthDate: string;
  /** As the nationality list names it (in Chinese). */
  country: string;
  passport: string;
}

/**
 * 在专家库中新建专家 from the picker: the library's form opens in a tab of its own; once the expert is saved there,
 * the tab is closed and the picker finds the new expert. Leaves the picker open.
 */
export async function createExpertFromPicker(page: Page, expert: NewExpert): Promise<void> {
  await page.getByTestId('expert-pick').click();
  const picker = page.getByTestId('expert-picker');
  const opened = page.context().waitForEvent('page');
  await picker.getByRole('link', { name: '在专家库中新建专家' }).click();
  const tab = await opened;
  await tab.getByTestId('expert-name').fill(expert.name);
  await tab.getByTestId('expert-gender').getByText('男', { exact: true }).click();
  await pickDate(tab, tab.getByTestId('expert-form'), '出生日期', expert.birthDate);
  await tab.getByTestId('expert-nationality').click();
  await tab.getByTestId('expert-nationality').locator('input').fill(expert.country);
  await tab.getByRole('option', { name: expert.country, exact: true }).click();
  await tab.getByTestId('expert-passport').fill(expert.passport);
  // 学科领域 is a tree select: 工学 → 机械工程.
  await tab.getByTestId('expert-form').getByTestId('expert-discipline').click();
  const tree = tab.getByRole('tree').filter({ visible: true });
  await tree.getByRole('treeitem', { name: /^工学/ }).locator('.el-tree-node__expand-icon').first().click();
  await tree.getByRole('treeitem', { name: /^机械工程/ }).click();
  await tab.getByTestId('expert-save').click();
  await expect(tab.getByRole('heading', { name: expert.name })).toBeVisible();
  await tab.close();
}

/** The first visit in the open drawer: dates, city, and the funding (600 a day living, 250 a day pocket money). */
export async function fillVisit(page: Page, drawer: Locator, visit: VisitInput): Promise<void> {
  await pickDate(page, drawer, '来华开始日期', visit.start);
  await pickDate(page, drawer, '来华结束日期', visit.end);
  await drawer.getByTestId('visit-city').fill(visit.city);
  await fillNumber(drawer.getByTestId('field-internationalTravel'), visit.travel);
  const days = String((Date.parse(visit.end) - Date.parse(visit.start)) / 86_400_000 + 1);
  await fillNumber(drawer.getByTestId('field-livingPerDay'), '600');
  await fillNumber(drawer.getByTestId('field-livingDays'), days);
  await fillNumber(drawer.getByTestId('field-pocketPerDay'), '250');
  await fillNumber(drawer.getByTestId('field-pocketDays'), days);
}

export async function closeDrawer(page: Page): Promise<void> {
  const drawer = page.getByTestId('visit-drawer');
  await drawer.getByRole('button', { name: '关闭' }).click();
  await expect(drawer).toBeHidden();
}

/** 附件: the signed and sealed application page, required by the template. */
export async function uploadApplication(page: Page): Promise<void> {
  const slot = page.getByTestId('attachment-application');
  await slot.locator('input[type=file]').setInputFiles({ name: '申报书签字盖章页.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
  await expect(slot.getByRole('link', { name: '申报书签字盖章页.pdf' })).toBeVisible();
}

/** The editor's autosave has caught up and nothing blocks the submission any more. */
export async function expectComplete(page: Page): Promise<void> {
  await expect(page.getByTestId('autosave-status')).toContainText('已自动保存');
  await expect(page.getByTestId('plan-complete')).toHaveText('计划已填写完整,可以提交。');
}

/** 提交 and confirm; the page becomes the read view. */
export async function submitPlan(page: Page): Promise<void> {
  await page.getByTestId('plan-submit').click();
  await confirmBox(page);
  await expect(page.getByTestId('plan-editor')).toHaveCount(0);
}

// ---- review, scoring, approval -----------------------------------------------------------------------

const actionDialog = (page: Page) => page.getByTestId('action-dialog');

/** 分配评审专家: the national level assigns the expert reviewer 黄海. */
export async function assignReviewer(page: Page, name = '黄海'): Promise<void> {
  await page.getByTestId('action-assign_reviewers').click();
  const dialog = actionDialog(page);
  await choose(page, dialog.getByTestId('assign-reviewers'), new RegExp(name));
  // A multiple select stays open after a choice: a click on the dialog's title closes it.
  await dialog.getByText('分配评审专家', { exact: true }).first().click();
  await dialog.getByTestId('action-confirm').click();
  await expect(dialog).toBeHidden();
}

/** The reviewer's scores against the talent rubric, and the opinion. */
export async function scorePlan(page: Page, scores: Record<string, string>, opinion: string, total: string): Promise<void> {
  const form = page.getByTestId('score-form');
  for (const [item, score] of Object.entries(scores)) await fillNumber(form.getByTestId(`score-${item}`), score);
  await expect(form.getByTestId('score-total')).toHaveText(total);
  await form.getByTestId('score-opinion').fill(opinion);
  await form.getByTestId('score-submit').click();
  await expect(why(page)).toHaveText('您已提交评分;在国家管理员批复前仍可修改。');
}

/** 批复 with the approved amount (yuan) and the document number. */
export async function ratify(page: Page, amount: string, documentNumber: string): Promise<void> {
  await page.getByTestId('action-approve').click();
  const dialog = actionDialog(page);
  await fillNumber(dialog.getByTestId('approve-amount'), amount);
  await dialog.getByTestId('approve-document').fill(documentNumber);
  await dialog.getByTestId('action-confirm').click();
  await expect(dialog).toBeHidden();
}

// ---- hints and layout --------------------------------------------------------------------------------

/** The open bubble of a blue `!` (there is at most one open at a time). */
export const hintBubble = (page: Page): Locator => page.locator('.wgzj-field-hint__popper').filter({ visible: true });

/**
 * What breaks a screen in English (labels run two to three times as long as Chinese ones): a header or cell word
 * wider than its column (so it is split mid-word), a form label taller or wider than its box (so it runs into the
 * next item). Chinese words break between characters and are left out.
 */
export async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
    document.body.appendChild(probe);
    for (const cell of document.querySelectorAll<HTMLElement>('[data-area-mounted] .el-table .cell')) {
      if (!cell.offsetParent) continue;
      const style = getComputedStyle(cell);
      probe.style.font = style.font;
      const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const words = (cell.textContent ?? '').split(/\s+/).filter((w) => w && !/[\u3000-\u9fff\uff00-\uffef]/.test(w));
      for (const word of words) {
        // A code may break after its underscores (<wbr>): each part must fit.
        for (const part of word.split('_')) {
          probe.textContent = part;
          if (probe.getBoundingClientRect().width > room + 1) found.push(`"${word}" wider than its column`);
        }
      }
    }
    for (const label of document.querySelectorAll<HTMLElement>('[data-area-mounted] .el-form-item__label')) {
      if (!label.offsetParent) continue;
      if (label.scrollHeight > label.clientHeight + 2 || label.scrollWidth > label.clientWidth + 2) found.push(`label "${label.textContent?.trim()}" overflows`);
    }
    probe.remove();
    return [...new Set(found)];
  });
}

/** Switches the shell's language (the header's language menu). */
export async function switchLanguage(page: Page, to: 'English' | '简体中文'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: to }).click();
}
