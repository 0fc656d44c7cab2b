// 项目库 journeys (项目/平台计划审核流程): an employer unit fills in a plan in its editor (experts from the library,
// a visit each with funding checked against the policy, uploads), submits, withdraws and submits again; the
// supervising unit returns it, sees what the revision changed and approves it; the national level has it scored by
// an expert reviewer and approves it with an amount and a document number. A ministry university's plan goes to
// the national level directly. And the list's extra conditions, its Excel export and the print view.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, type Page, test } from '@playwright/test';
import {
  PLAN_YEAR,
  assignReviewer,
  choose,
  closeDrawer,
  confirmBox,
  createExpertFromPicker,
  createPlan,
  expectComplete,
  fillNumber,
  fillTalentContent,
  fillVisit,
  hintBubble,
  layoutFaults,
  openPlanFrom,
  pickDate,
  pickExpert,
  planRow,
  planTable,
  ratify,
  scorePlan,
  shootWholePage,
  submitPlan,
  switchLanguage,
  switchTo,
  type TalentContent,
  uploadApplication,
  why,
} from './plans-support.ts';

const RUN = Date.now().toString(36);
const RUBRIC_SCORES = { necessity: '26', expertLevel: '27', feasibility: '17', outcomes: '16' };

/** A person's new talent plan under a programme: the draft first says where it will go, then its content is entered. */
async function startTalentPlan(page: Page, user: string, programme: string, title: string, draftWhy: string, content: TalentContent) {
  await switchTo(page, user);
  await createPlan(page, programme, title);
  await expect(why(page)).toHaveText(draftWhy);
  await fillTalentContent(page, content);
}

test.describe.serial('a talent plan of 北京示例大学 through the whole review chain', () => {
  const TITLE = `城市大脑方向外国青年人才交流项目 ${RUN}`;

  test('the handler fills it in, is stopped by a funding limit, submits, withdraws and submits again', async ({ page }) => {
    await startTalentPlan(page, 'employer_handler', '外国青年人才计划', TITLE, '草稿,尚未提交。填写完整后请提交归口管理单位审核。', {
      discipline: '智慧城市',
      leader: '张伟',
      objectives: '引进城市计算领域青年学者,共建城市大脑联合实验室。',
      tasks: '开展城市交通数据建模合作研究,指导研究生。',
      selfFunding: '80000',
    });

    // Over the policy's limit: the rule and its limit, in Chinese, beside the very field; fixed, it goes away.
    let drawer = await pickExpert(page, 'Anna Schmidt');
    await fillVisit(page, drawer, { start: `${PLAN_YEAR}-01-10`, end: `${PLAN_YEAR}-01-23`, city: '北京', travel: '16000' });
    const travel = drawer.getByTestId('field-internationalTravel');
    await expect(travel.getByTestId('field-error')).toHaveText('国际旅费不得超过 15,000 元(当前 16,000 元)');
    await expect(page.getByTestId('expert-table').getByRole('row', { name: /Anna Schmidt/ })).toContainText('1 项问题');
    await shootWholePage(page, 'plans-funding-violation');
    await fillNumber(travel, '12000');
    await expect(travel.getByTestId('field-error')).toHaveCount(0);
    await closeDrawer(page);

    drawer = await pickExpert(page, 'Yuki Tanaka');
    await fillVisit(page, drawer, { start: `${PLAN_YEAR}-04-05`, end: `${PLAN_YEAR}-04-18`, city: '上海', travel: '9000' });
    await closeDrawer(page);
    const experts = page.getByTestId('expert-table');
    await expect(experts.locator('tbody tr')).toHaveCount(2);
    await expect(experts.getByRole('row', { name: /Anna Schmidt/ })).toContainText('德国');
    await expect(experts.getByRole('row', { name: /Anna Schmidt/ })).toContainText('23,900.00');

    await uploadApplication(page);
    await expectComplete(page);
    await expect(page.getByTestId('plan-requested')).toHaveText('44,800.00');
    await shootWholePage(page, 'plans-editor-complete');

    await submitPlan(page);
    await expect(why(page)).toHaveText('已提交,等待归口管理单位审核,您可以撤回。');
    await expect(page.getByTestId('plan-meta')).toContainText('归口管理单位审核中');
    await expect(page.getByTestId('plan-submitted-at')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    // 撤回 while the supervising unit has not acted: a draft again, in the editor, no longer showing when it was
    // submitted (the history keeps that); then submitted again.
    await page.getByTestId('plan-withdraw').click();
    await confirmBox(page);
    await expect(page.getByTestId('plan-editor')).toBeVisible();
    await expect(page.getByTestId('plan-meta')).toContainText('草稿');
    await expect(page.getByTestId('plan-submitted-at')).toHaveText('—');
    await expect(page.getByTestId('plan-history')).toContainText('撤回');
    await expect(page.getByTestId('plan-history')).toContainText('提交');
    await submitPlan(page);
    await expect(why(page)).toHaveText('已提交,等待归口管理单位审核,您可以撤回。');
  });

  test('the supervising unit returns it with reasons; the handler revises it; the supervising unit sees the changes and approves', async ({ page }) => {
    await switchTo(page, 'supervisor_bj');
    await openPlanFrom(page, '待我审核', TITLE);
    await expect(why(page)).toHaveText('等待您单位(归口管理单位)审核:可审核通过、退回修改或审核不通过。');
    await page.getByTestId('action-return').click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.getByTestId('action-reason').fill('请补充外国专家来华的具体工作内容。');
    await dialog.getByTestId('section-reason-experts').fill('Yuki Tanaka 的国际旅费偏高,请核实。');
    await dialog.getByTestId('action-confirm').click();
    await expect(page.getByTestId('plan-meta')).toContainText('已退回');

    // The handler finds it under 待修改, reads why on top and beside the section, and changes what was asked.
    await switchTo(page, 'employer_handler');
    await openPlanFrom(page, '待修改', TITLE);
    await expect(why(page)).toContainText('已被退回,请按退回理由修改后重新提交。');
    await expect(page.getByTestId('return-reasons')).toContainText('退回理由:请补充外国专家来华的具体工作内容。');
    await expect(page.getByTestId('return-reasons')).toContainText('专家及经费:Yuki Tanaka 的国际旅费偏高,请核实。');
    await expect(page.getByTestId('section-experts')).toContainText('退回理由:Yuki Tanaka 的国际旅费偏高,请核实。');
    await shootWholePage(page, 'plans-returned');
    await page.getByTestId('expert-table').getByRole('button', { name: 'Yuki Tanaka', exact: true }).click();
    const drawer = page.getByTestId('visit-drawer');
    await fillNumber(drawer.getByTestId('field-internationalTravel'), '7500');
    await drawer.getByTestId('visit-purpose').fill('城市交通数据建模合作研究与研究生指导。');
    await closeDrawer(page);
    await expectComplete(page);
    await submitPlan(page);
    await expect(why(page)).toHaveText('已提交,等待归口管理单位审核,您可以撤回。');

    // The supervising unit sees, field by field, what changed since the submission it returned, and approves.
    await switchTo(page, 'supervisor_bj');
    await openPlanFrom(page, '待我审核', TITLE);
    const changes = page.getByTestId('plan-changes');
    await expect(changes).toContainText('共 2 处');
    const travel = changes.getByRole('row', { name: /Yuki Tanaka 第 1 次来华 · 国际旅费/ });
    await expect(travel).toContainText('9,000.00');
    await expect(travel).toContainText('7,500.00');
    await expect(changes.getByRole('row', { name: /Yuki Tanaka 第 1 次来华 · 工作内容/ })).toContainText('城市交通数据建模合作研究与研究生指导。');
    await shootWholePage(page, 'plans-changes');
    // The experts read as a list; a click on a row shows that expert's visits and funding.
    await page.getByTestId('expert-table').getByRole('row', { name: /Yuki Tanaka/ }).click();
    await expect(page.getByTestId('visit-drawer')).toContainText('城市交通数据建模合作研究与研究生指导。');
    await expect(page.getByTestId('visit-drawer')).toContainText('7,500.00');
    await closeDrawer(page);
    await page.getByTestId('action-approve').click();
    await page.getByTestId('action-dialog').getByTestId('action-confirm').click();
    await expect(page.getByTestId('plan-meta')).toContainText('国家审核中');
    await expect(why(page)).toHaveText('归口管理单位已审核通过,等待国家管理员审核。');
  });

  test('the national level has it scored by the expert reviewer and approves it; the handler sees 已批复 and the amount', async ({ page }) => {
    await switchTo(page, 'national_admin');
    await openPlanFrom(page, '待我审核', TITLE);
    await expect(why(page)).toHaveText('等待国家审核:可分配评审专家、批复、退回修改或不予批复。');
    await assignReviewer(page);
    await expect(why(page)).toHaveText('专家评审中:0/1 位评审专家已评分。');

    await switchTo(page, 'reviewer');
    await openPlanFrom(page, '待评分', TITLE);
    await expect(why(page)).toHaveText('您是本计划的评审专家,请按评分标准打分并填写评审意见。');
    await shootWholePage(page, 'plans-score');
    // A score stays as typed: 35 where 30 is the most is refused beside its item, not turned into 30; 提交评分 names
    // every score still missing at once, each beside its item.
    const form = page.getByTestId('score-form');
    await fillNumber(form.getByTestId('score-necessity'), '35');
    await expect(form.getByTestId('score-necessity').getByRole('spinbutton')).toHaveValue('35');
    await expect(form.getByTestId('score-item-necessity').getByTestId('field-error')).toHaveText('评分不能超过 30 分');
    await form.getByTestId('score-submit').click();
    await expect(form.getByTestId('score-item-expertLevel').getByTestId('field-error')).toHaveText('请打分(0–30 的整数)');
    await expect(form.getByTestId('score-item-feasibility').getByTestId('field-error')).toHaveText('请打分(0–20 的整数)');
    await expect(form.getByTestId('score-item-outcomes').getByTestId('field-error')).toHaveText('请打分(0–20 的整数)');
    await shootWholePage(page, 'plans-score-refused');
    await scorePlan(page, RUBRIC_SCORES, '专家水平高,合作基础扎实,建议支持。', '86 / 100 分');

    await switchTo(page, 'national_admin');
    await openPlanFrom(page, '待我审核', TITLE);
    await expect(why(page)).toHaveText('专家评审中:1/1 位评审专家已评分。');
    await expect(page.getByTestId('plan-reviews').getByRole('row', { name: /黄海/ })).toContainText('86');
    // More than was applied for: said beside the amount, with the amount applied for; a negative one likewise.
    await page.getByTestId('action-approve').click();
    const dialog = page.getByTestId('action-dialog');
    const amount = dialog.getByTestId('approve-amount-item');
    await fillNumber(amount, '999999');
    await expect(amount.getByTestId('field-error')).toHaveText(/^批复金额不能超过申请的专家经费 [\d,]+\.\d{2} 元$/);
    await fillNumber(amount, '-50');
    await expect(amount.getByRole('spinbutton')).toHaveValue('-50.00');
    await expect(amount.getByTestId('field-error')).toHaveText('金额不能为负数');
    await dialog.getByRole('button', { name: '取消', exact: true }).click();
    await expect(dialog).toBeHidden();
    await ratify(page, '40000', '国科外专批〔2027〕36号');
    await expect(why(page)).toHaveText('已批复:批复金额 40,000.00 元,批复文号 国科外专批〔2027〕36号。');

    await switchTo(page, 'employer_handler');
    await expect(planRow(page, TITLE)).toContainText('已批复');
    await expect(planRow(page, TITLE)).toContainText('40,000.00');
    await openPlanFrom(page, '全部', TITLE);
    const approval = page.getByTestId('plan-approval');
    await expect(approval).toContainText('40,000.00');
    await expect(approval).toContainText('国科外专批〔2027〕36号');
    await shootWholePage(page, 'plans-approved');
  });
});

test('a ministry university submits straight to the national level, which has the plan scored and approves it', async ({ page }) => {
  const title = `高端装备摩擦学高端外国专家引进项目 ${RUN}`;
  await startTalentPlan(page, 'ministry_univ', '高端外国专家引进计划', title, '草稿,尚未提交。填写完整后请提交国家管理员审核。', {
    discipline: '机械工程',
    leader: '王芳',
    objectives: '引进摩擦学领域高端专家,攻关高端装备关键部件寿命问题。',
    tasks: '联合开展摩擦磨损机理研究,举办专题讲座。',
    selfFunding: '150000',
  });
  let drawer = await pickExpert(page, 'Pierre Dubois');
  await fillVisit(page, drawer, { start: `${PLAN_YEAR}-05-10`, end: `${PLAN_YEAR}-05-30`, city: '上海', travel: '13000' });
  await closeDrawer(page);
  // An expert not yet in the library: entered there (in a tab of its own), then chosen here.
  const newcomer = `Lukas Brenner ${RUN}`;
  await createExpertFromPicker(page, { name: newcomer, birthDate: '1981-03-15', country: '奥地利', passport: `AT${RUN.toUpperCase()}`.slice(0, 20) });
  drawer = await pickExpert(page, newcomer);
  await fillVisit(page, drawer, { start: `${PLAN_YEAR}-09-01`, end: `${PLAN_YEAR}-09-20`, city: '上海', travel: '11000' });
  await closeDrawer(page);
  await expect(page.getByTestId('expert-table').getByRole('row', { name: new RegExp(newcomer) })).toContainText('奥地利');
  await uploadApplication(page);
  await expectComplete(page);
  await submitPlan(page);
  await expect(why(page)).toHaveText('已提交,等待国家管理员审核,您可以撤回。');
  await expect(page.getByTestId('plan-meta')).toContainText('国家审核中');
  await expect(page.getByTestId('plan-meta')).not.toContainText('归口管理单位');

  await switchTo(page, 'national_admin');
  await openPlanFrom(page, '待我审核', title);
  await expect(why(page)).toHaveText('等待国家审核:可分配评审专家、批复、退回修改或不予批复。');
  await assignReviewer(page);
  await switchTo(page, 'reviewer');
  await openPlanFrom(page, '待评分', title);
  await scorePlan(page, { necessity: '28', expertLevel: '29', feasibility: '18', outcomes: '17' }, '专家学术水平突出,任务明确。', '92 / 100 分');
  await switchTo(page, 'national_admin');
  await openPlanFrom(page, '待我审核', title);
  await ratify(page, '30000', '国科外专批〔2027〕41号');

  await switchTo(page, 'ministry_univ');
  await openPlanFrom(page, '全部', title);
  await expect(page.getByTestId('plan-approval')).toContainText('30,000.00');
  // Nobody between the university and the national level: the history has no supervising step.
  const history = page.getByTestId('plan-history');
  await expect(history).toContainText('批复');
  await expect(history).not.toContainText('归口管理单位');
});

test('the list: extra conditions expand and collapse, the export downloads a workbook, a plan prints', async ({ page }) => {
  await switchTo(page, 'employer_handler');
  // 展开 shows the extra conditions; a project type narrows the list; 收起 hides them again.
  const toggle = page.getByTestId('search-toggle');
  await expect(toggle).toHaveText('展开');
  await expect(page.getByTestId('search-type')).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveText('收起');
  await choose(page, page.getByTestId('search-type'), '高端外国专家引进计划');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  const rows = planTable(page).locator('tbody tr');
  await expect(rows.first()).toContainText('高端外国专家引进计划');
  await expect(planRow(page, '量子材料方向外国青年人才交流项目')).toHaveCount(0);
  for (const row of await rows.all()) await expect(row).toContainText('高端外国专家引进计划');
  await shootWholePage(page, 'plans-list-filtered');
  await toggle.click();
  await expect(toggle).toHaveText('展开');
  await expect(page.getByTestId('search-type')).toHaveCount(0);
  await page.getByRole('button', { name: '重置', exact: true }).click();
  await expect(rows.filter({ hasText: '外国青年人才计划' }).first()).toBeVisible();

  // 导出Excel: the plans of the list, in a workbook with Chinese headers.
  const download = page.waitForEvent('download');
  await page.getByTestId('plan-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(await file.path()) as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(1).getCell(1).value).toBe('计划名称');
  const titles = sheet.getColumn(1).values.map(String);
  expect(titles).toContain('量子材料方向外国青年人才交流项目');

  // 打印 opens the plan laid out for paper in a tab of its own.
  await page.getByTestId('search-title').fill('量子材料');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await planRow(page, '量子材料方向外国青年人才交流项目').getByRole('link', { name: '量子材料方向外国青年人才交流项目' }).click();
  const printed = page.context().waitForEvent('page');
  await page.getByRole('button', { name: '打印' }).click();
  const print = await printed;
  await expect(print.getByTestId('plan-print').getByRole('heading', { name: '量子材料方向外国青年人才交流项目', level: 1 })).toBeVisible();
  await expect(print.getByTestId('plan-print')).toContainText('专家及经费');
  await shootWholePage(print, 'plans-print');
});

test('a new plan shows a field in red only once it was touched or 提交 was tried; 查看明细 takes the person to each field', async ({ page }) => {
  await switchTo(page, 'employer_handler');
  await createPlan(page, '外国青年人才计划', `新计划的提示 ${RUN}`);
  const editor = page.getByTestId('plan-editor');
  // Nothing typed yet: the summary says what is left, no field is red.
  await expect(page.getByTestId('plan-problems')).toBeVisible();
  await expect(editor.getByTestId('field-error')).toHaveCount(0);
  await shootWholePage(page, 'plans-new-untouched');

  // Been in 项目负责人 and left it empty: that field, and only that one, says so.
  const leader = page.getByTestId('field-leader');
  await leader.getByRole('textbox').click();
  await page.getByTestId('field-discipline').getByRole('textbox').click();
  await expect(leader.getByTestId('field-error')).toHaveText('项目负责人不能为空');
  await expect(editor.getByTestId('field-error')).toHaveCount(1);

  // A visit just added is not red either; its dates can only be picked inside the execution period.
  const basic = page.getByTestId('section-basic');
  await pickDate(page, basic, '执行开始日期', `${PLAN_YEAR}-03-01`);
  await pickDate(page, basic, '执行结束日期', `${PLAN_YEAR}-10-31`);
  const drawer = await pickExpert(page, 'Anna Schmidt');
  await expect(drawer.getByTestId('field-error')).toHaveCount(0);
  await drawer.getByTestId('visit-start').getByTestId('field-hint').click();
  await expect(hintBubble(page)).toHaveText(`来华日期须在项目执行期内(${PLAN_YEAR}-03-01 至 ${PLAN_YEAR}-10-31),范围以外的日期不可选。`);
  await page.keyboard.press('Escape');
  await drawer.getByRole('combobox', { name: '来华开始日期' }).click();
  const panel = page.locator('.el-picker-panel.el-date-picker').filter({ visible: true });
  const monthDays = panel.locator('.el-date-table td:not(.prev-month):not(.next-month)');
  await expect(panel.locator('.el-date-picker__header')).toContainText(`${PLAN_YEAR} 年`);
  await expect(panel.locator('.el-date-picker__header')).toContainText('3 月');
  await expect(monthDays.and(page.locator('.disabled'))).toHaveCount(0);
  await panel.getByRole('button', { name: '上个月' }).click();
  await expect(monthDays.and(page.locator(':not(.disabled)'))).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);

  // The blue ! of a funding field: nothing on hover; a click says what the item covers and its limit under the
  // policy in force; Escape closes it (not the drawer) and leaves the focus on it; Enter opens it again.
  const travel = drawer.getByTestId('field-internationalTravel');
  const hint = travel.getByTestId('field-hint');
  await hint.hover();
  await page.waitForTimeout(400);
  await expect(hintBubble(page)).toHaveCount(0);
  await hint.click();
  await expect(hintBubble(page)).toContainText('国际旅费:专家来华、离华的国际往返旅费(机票等)。');
  await expect(hintBubble(page)).toContainText('上限:每次来华不超过 15,000 元。');
  await expect(hintBubble(page)).toContainText('依据:《外国专家经费开支标准(历史标准)》第 1 版。');
  await shootWholePage(page, 'plans-funding-hint');
  await page.keyboard.press('Escape');
  await expect(hintBubble(page)).toHaveCount(0);
  await expect(hint).toBeFocused();
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(hintBubble(page)).toContainText('国际旅费');
  await page.keyboard.press('Escape');

  // −50 stays −50 and is refused beside the field, by the screen at once and by the server's autosave; too many days
  // likewise. Typed back, the refusal is over.
  await fillNumber(travel, '-50');
  await expect(travel.getByRole('spinbutton')).toHaveValue('-50.00');
  await expect(travel.getByTestId('field-error')).toHaveText('金额不能为负数');
  await expect(page.getByTestId('autosave-status')).toHaveText('自动保存失败:国际旅费:金额不能为负数');
  // …in red (Element Plus's danger colour), not in the green of 已自动保存.
  await expect(page.getByTestId('autosave-status')).toHaveCSS('color', 'rgb(245, 108, 108)');
  const livingDays = drawer.getByTestId('field-livingDays');
  await fillNumber(livingDays, '400');
  await expect(livingDays.getByRole('spinbutton')).toHaveValue('400');
  await expect(livingDays.getByTestId('field-error')).toHaveText('天数不能超过 366 天');
  await shootWholePage(page, 'plans-numbers-refused');
  await fillNumber(travel, '0');
  await fillNumber(livingDays, '0');
  await expect(page.getByTestId('autosave-status')).toContainText('已自动保存');
  // What is left in red is the one empty field the person has been in (the start date's picker, opened above).
  await expect(drawer.getByTestId('field-error')).toHaveText(['来华开始日期不能为空']);
  await closeDrawer(page);

  // 提交 tried (and not confirmed): every problem shows beside its field.
  await page.getByTestId('plan-submit').click();
  await confirmBox(page, '取消');
  await expect(page.getByTestId('field-objectives').getByTestId('field-error')).toHaveText('项目目标不能为空');
  await expect(page.getByTestId('attachment-application').getByTestId('field-error')).toHaveText('请上传申报书签字盖章页');
  await shootWholePage(page, 'plans-new-after-submit-attempt');

  // 查看明细: an item of the page goes to its field with the cursor in it, a visit's item into the expert's drawer.
  await page.getByTestId('plan-problems').getByRole('button', { name: '查看明细' }).click();
  await page.getByTestId('problem-link').filter({ hasText: '外国专家工作内容不能为空' }).click();
  await expect(page.getByTestId('field-tasks').getByRole('textbox')).toBeFocused();
  await page.getByTestId('problem-link').filter({ hasText: 'Anna Schmidt 第 1 次来华:来华城市不能为空' }).click();
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('visit-city')).toBeFocused();
  await expect(drawer.locator('[data-path$=".city"]').getByTestId('field-error')).toHaveText('来华城市不能为空');
  await closeDrawer(page);
});

test('the plan screens in English: table words are not split, long labels do not run into the next item', async ({ page }) => {
  await switchTo(page, 'employer_handler');
  await switchLanguage(page, 'English');
  const checked: string[] = [];
  const check = async (name: string) => {
    await page.waitForTimeout(300);
    expect(await layoutFaults(page), name).toEqual([]);
    await shootWholePage(page, `plans-en-${name}`);
    checked.push(name);
  };
  await expect(planTable(page).locator('thead')).toContainText('Project type');
  await check('list');
  await page.getByRole('link', { name: '人工智能前沿方法高端外国专家引进项目' }).click();
  await expect(page.getByTestId('plan-editor')).toBeVisible();
  await expect(page.getByTestId('attachment-application')).toContainText('Signed and sealed application page');
  await check('editor');
  await page.getByTestId('expert-table').getByRole('button', { name: 'Anna Schmidt', exact: true }).click();
  await expect(page.getByTestId('visit-drawer')).toContainText('Expert funding');
  await check('visit-drawer');
  await page.getByTestId('visit-drawer').getByRole('button', { name: 'Close' }).click();

  // The language is the browser's choice and outlives the session: back to Chinese for the sign-in helpers.
  await switchLanguage(page, '简体中文');
  await switchTo(page, 'national_admin');
  await switchLanguage(page, 'English');
  await page.getByRole('link', { name: '“一带一路”清洁能源创新人才交流项目' }).click();
  await expect(page.getByTestId('plan-approval')).toBeVisible();
  await check('approved-plan');
  await page.getByRole('button', { name: 'Back' }).click();
  for (const name of ['types', 'calls', 'templates'] as const) {
    await page.getByTestId(`projects-menu-${name}`).click();
    await expect(page.locator('[data-area-mounted] .el-table__row').first()).toBeVisible();
    await check(name);
  }
  await switchLanguage(page, '简体中文');
  expect(checked).toHaveLength(7);
});
