// What stands between a plan and its submission, each problem placed where the form shows it: template fields
// and uploads, the number of experts, every visit's dates (within the plan's execution period) and place, and its
// funding against the policy in force (no more days of living costs or pocket money than the visit lasts).
// A visit outside the execution period is refused when the plan is saved, too (refuseVisitsOutsidePeriod).
import { defineErrors, type Locale } from '@wgzj/gateway/kit';
import { checkFunding } from './funding.ts';
import { t } from './messages.ts';
import { contractSlot, daysOf, type PlanParts, type PlanRow, fundingOf, rulesOf, templateOf } from './services/plan-repository.ts';
import { checkContent, type Problem } from './template.ts';
import { type VisitWindow, visitWindowOf } from '../shared/visit-window.ts';


/** The two day counts of a visit as a message names them. */
export const DAY_NAMES = {
  livingDays: { 'zh-CN': '生活费天数', 'en-US': 'days of living costs' },
  pocketDays: { 'zh-CN': '零用费天数', 'en-US': 'days of pocket money' },
} as const;

export const VisitDateErrors = defineErrors({
  /** A save whose visit dates fall outside the execution period; `fields` name each date beside its input. */
  PLAN_VISIT_OUTSIDE_PERIOD: {
    status: 422,
    'zh-CN': '来华日期须在项目执行期内(未填写执行期时须在计划年度内),请修改标出的来华日期后再保存。',
    'en-US': "Visit dates must lie within the project's execution period (the plan year while it is not filled in); correct the dates marked and save again.",
  },
});

const DATE_NAMES = {
  startDate: { 'zh-CN': '来华开始日期', 'en-US': 'start date of the visit' },
  endDate: { 'zh-CN': '来华结束日期', 'en-US': 'end date of the visit' },
} as const;

/**
 * When a plan's visits may take place: its execution period (the template's 执行开始日期 / 执行结束日期,
 * `content.startDate` / `content.endDate`), else the plan year. One rule with the editor's date pickers (shared/).
 */
export function visitWindow(plan: Pick<PlanRow, 'year' | 'content'>): VisitWindow {
  return visitWindowOf(plan.year, plan.content);
}


type Window = ReturnType<typeof visitWindow>;

/** The message beside a visit's date outside the window, naming the limit. */
function outsideMessage(window: Window, year: number, field: 'startDate' | 'endDate', locale: Locale): string {
  return window.fromPeriod
    ? t(locale, 'checks.inPeriod', { field: DATE_NAMES[field][locale], from: window.from, to: window.to })
    : t(locale, 'checks.inYear', { field: DATE_NAMES[field][locale], n: year, from: window.from, to: window.to });
}

const outside = (window: Window, day: string | null | undefined): boolean => Boolean(day) && (day! < window.from || day! > window.to);

/**
 * Refuses a save (422 PLAN_VISIT_OUTSIDE_PERIOD) whose visits begin or end outside the execution period the same save
 * leaves the plan with, each date named at its place in the body (`experts.0.visits.1.startDate`) so the editor
 * shows the limit beside that date picker.
 */
export function refuseVisitsOutsidePeriod(
  plan: Pick<PlanRow, 'year' | 'content'>,
  experts: ReadonlyArray<{ visits: ReadonlyArray<{ startDate: string | null; endDate: string | null }> }>,
  locale: Locale,
): void {
  const window = visitWindow(plan);
  const fields: Array<{ field: string; message: string }> = [];
  for (const [i, expert] of experts.entries()) {
    for (const [j, visit] of expert.visits.entries()) {
      for (const field of ['startDate', 'endDate'] as const) {
        if (outside(window, visit[field])) fields.push({ field: `experts.${i}.visits.${j}.${field}`, message: outsideMessage(window, plan.year, field, locale) });
      }
    }
  }
  if (fields.length) throw VisitDateErrors.PLAN_VISIT_OUTSIDE_PERIOD(fields);
}

/** Every problem of the plan; empty means it may be submitted. `complete: false` is the draft's gentler check. */
export function planProblems(plan: PlanRow, parts: PlanParts, locale: Locale, complete = true): Problem[] {
  const template = templateOf(plan);
  const uploaded = new Set(parts.files.filter((f) => f.slot.startsWith('image:')).map((f) => f.slot.slice('image:'.length)));
  const problems = checkContent(template, plan.content, uploaded, locale, complete);
  if (complete) {
    for (const a of template.attachments) {
      if (a.required && !parts.files.some((f) => f.slot === `attachment:${a.key}`)) {
        problems.push({ path: `attachments.${a.key}`, section: 'attachments', message: t(locale, 'checks.attachment', { x: a.label[locale] }) });
      }
    }
    if (parts.experts.length < template.experts.min) {
      problems.push({ path: 'experts', section: 'experts', message: t(locale, 'checks.fewExperts', { n: template.experts.min }) });
    }
  }
  if (parts.experts.length > template.experts.max) {
    problems.push({ path: 'experts', section: 'experts', message: t(locale, 'checks.manyExperts', { n: template.experts.max }) });
  }
  const rules = rulesOf(plan);
  const window = visitWindow(plan);
  for (const expert of parts.experts) {
    const name = expert.name ?? expert.expert_id;
    if (expert.status !== 'active') {
      problems.push({ path: `experts.${expert.expert_id}`, section: 'experts', message: t(locale, 'checks.goneExpert', { x: name }) });
    }
    const visits = parts.visits.filter((v) => v.expert_id === expert.expert_id);
    if (complete && visits.length === 0) {
      problems.push({ path: `experts.${expert.expert_id}`, section: 'experts', message: t(locale, 'checks.noVisit', { x: name }) });
    }
    for (const visit of visits) {
      const at = (field: string) => `visits.${visit.id}.${field}`;
      if (complete) {
        if (!visit.start_date) problems.push({ path: at('startDate'), section: 'experts', message: t(locale, 'checks.startDate') });
        if (!visit.end_date) problems.push({ path: at('endDate'), section: 'experts', message: t(locale, 'checks.endDate') });
        if (!visit.city?.trim()) problems.push({ path: at('city'), section: 'experts', message: t(locale, 'checks.city') });
      }
      // A save refuses such dates already; a draft from before the rule, or whose plan year moved, is caught here.
      for (const field of ['startDate', 'endDate'] as const) {
        const day = field === 'startDate' ? visit.start_date : visit.end_date;
        if (outside(window, day)) problems.push({ path: at(field), section: 'experts', message: outsideMessage(window, plan.year, field, locale) });
      }
      // Living costs and pocket money are paid per day of the stay: no more days than the visit lasts.
      const n = daysOf(visit);
      if (n !== null && n > 0 && visit.start_date && visit.end_date) {
        for (const field of ['livingDays', 'pocketDays'] as const) {
          const claimed = field === 'livingDays' ? visit.living_days : visit.pocket_days;
          if (claimed > n) {
            problems.push({
              path: at(field),
              section: 'experts',
              message: t(locale, 'checks.daysOfVisit', { field: DAY_NAMES[field][locale], n, from: visit.start_date, to: visit.end_date }),
            });
          }
        }
      }
      for (const violation of checkFunding(rules, fundingOf(visit, parts.files))) {
        problems.push({ path: at(violation.field), section: 'experts', message: violation[locale] });
      }
    }
  }
  return problems;
}

export { contractSlot };
