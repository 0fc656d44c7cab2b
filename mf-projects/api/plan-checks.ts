// What stands between a plan and its submission, each problem placed where the form shows it: template fields
// and uploads, the number of experts, every visit's dates and place, and its funding against the policy in force.
import type { Locale } from '@wgzj/gateway/kit';
import { checkFunding } from './funding.ts';
import { contractSlot, type PlanParts, type PlanRow, fundingOf, rulesOf, templateOf } from './plan-store.ts';
import { checkContent, type Problem } from './template.ts';

const T = {
  attachment: { 'zh-CN': '请上传{x}', 'en-US': 'Upload the {x}' },
  fewExperts: { 'zh-CN': '请至少选择 {n} 位外国专家', 'en-US': 'Choose at least {n} foreign experts' },
  manyExperts: { 'zh-CN': '外国专家不能超过 {n} 位', 'en-US': 'No more than {n} foreign experts' },
  noVisit: { 'zh-CN': '请为专家 {x} 填写至少一次来华', 'en-US': 'Enter at least one visit for {x}' },
  goneExpert: { 'zh-CN': '专家 {x} 已不在专家库中(可能已合并),请重新选择', 'en-US': 'Expert {x} is no longer in the library (perhaps merged); choose again' },
  startDate: { 'zh-CN': '来华开始日期不能为空', 'en-US': 'The start date of the visit is required' },
  endDate: { 'zh-CN': '来华结束日期不能为空', 'en-US': 'The end date of the visit is required' },
  city: { 'zh-CN': '来华城市不能为空', 'en-US': 'The city of the visit is required' },
  inYear: { 'zh-CN': '来华日期须在计划年度 {n} 年内', 'en-US': 'The visit must fall within the plan year {n}' },
} as const;

const fill = (text: string, vars: Record<string, string | number>) => Object.entries(vars).reduce((t, [k, v]) => t.replace(`{${k}}`, String(v)), text);

/** Every problem of the plan; empty means it may be submitted. `complete: false` is the draft's gentler check. */
export function planProblems(plan: PlanRow, parts: PlanParts, locale: Locale, complete = true): Problem[] {
  const template = templateOf(plan);
  const uploaded = new Set(parts.files.filter((f) => f.slot.startsWith('image:')).map((f) => f.slot.slice('image:'.length)));
  const problems = checkContent(template, plan.content, uploaded, locale, complete);
  if (complete) {
    for (const a of template.attachments) {
      if (a.required && !parts.files.some((f) => f.slot === `attachment:${a.key}`)) {
        problems.push({ path: `attachments.${a.key}`, section: 'attachments', message: fill(T.attachment[locale], { x: a.label[locale] }) });
      }
    }
    if (parts.experts.length < template.experts.min) {
      problems.push({ path: 'experts', section: 'experts', message: fill(T.fewExperts[locale], { n: template.experts.min }) });
    }
  }
  if (parts.experts.length > template.experts.max) {
    problems.push({ path: 'experts', section: 'experts', message: fill(T.manyExperts[locale], { n: template.experts.max }) });
  }
  const rules = rulesOf(plan);
  for (const expert of parts.experts) {
    const name = expert.name ?? expert.expert_id;
    if (expert.status !== 'active') {
      problems.push({ path: `experts.${expert.expert_id}`, section: 'experts', message: fill(T.goneExpert[locale], { x: name }) });
    }
    const visits = parts.visits.filter((v) => v.expert_id === expert.expert_id);
    if (complete && visits.length === 0) {
      problems.push({ path: `experts.${expert.expert_id}`, section: 'experts', message: fill(T.noVisit[locale], { x: name }) });
    }
    for (const visit of visits) {
      const at = (field: string) => `visits.${visit.id}.${field}`;
      if (complete) {
        if (!visit.start_date) problems.push({ path: at('startDate'), section: 'experts', message: T.startDate[locale] });
        if (!visit.end_date) problems.push({ path: at('endDate'), section: 'experts', message: T.endDate[locale] });
        if (!visit.city?.trim()) problems.push({ path: at('city'), section: 'experts', message: T.city[locale] });
        if (visit.start_date && !visit.start_date.startsWith(String(plan.year))) {
          problems.push({ path: at('startDate'), section: 'experts', message: fill(T.inYear[locale], { n: plan.year }) });
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
