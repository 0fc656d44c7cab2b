// 项目库 journeys (项目/平台计划审核流程): an employer unit fills in a plan in its editor (experts from the library,
// a visit each with funding checked against the policy, uploads), submits, withdraws and submits again; the
// supervising unit returns it, sees what the revision changed and approves it; the national level has it scored by
// an expert reviewer and approves it with an amount and a document number. A ministry university's plan goes to
// the national level directly. And the list's extra conditions, its Excel export and the print view.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
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
  openPlanFrom,
  pickExpert,
  planRow,
  planTable,
  ratify,
  scorePlan,
  shootWholePage,
  submitPlan,
  switchTo,
  uploadApplication,
  why,
} from './plans-support.ts';

const RUN = Date.now().toString(36);
const RUBRIC_SCORES = { necessity: '26', expertLevel: '27', feasibility: '17', outcomes: '16' };

test.describe.serial('a talent plan of 北京示例大学 through the whole review chain', () => {
  const TITLE = `城市大脑方向外国青年人才交流项目 ${RUN}`;

  test('the handler fills it in, is stopped by a funding limit, submits, withdraws and submits again', async ({ page }) => {
    await switchTo(page, 'employer_handler');
    await createPlan(page, '外国青年人才计划', TITLE);
    await expect(why(page)).toHaveText('草稿,尚未提交。填写完整后请提交归口管理单位审核。');
    await fillTalentContent(page, {
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

    // 撤回 while the supervising unit has not acted: a draft again, in the editor; then submitted again.
    await page.getByTestId('plan-withdraw').click();
    await confirmBox(page);
    await expect(page.getByTestId('plan-editor')).toBeVisible();
    await expect(page.getByTestId('plan-meta')).toContainText('草稿');
    await expect(page.getByTestId('plan-history')).toContainText('撤回');
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
    await scorePlan(page, RUBRIC_SCORES, '专家水平高,合作基础扎实,建议支持。', '86 / 100 分');

    await switchTo(page, 'national_admin');
    await openPlanFrom(page, '待我审核', TITLE);
    await expect(why(page)).toHaveText('专家评审中:1/1 位评审专家已评分。');
    await expect(page.getByTestId('plan-reviews').getByRole('row', { name: /黄海/ })).toContainText('86');
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
  await switchTo(page, 'ministry_univ');
  await createPlan(page, '高端外国专家引进计划', title);
  await expect(why(page)).toHaveText('草稿,尚未提交。填写完整后请提交国家管理员审核。');
  await fillTalentContent(page, {
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
