// The one copy of what a visit's funding items are called: the plans API's refusals, field names and submission
// diffs, and the plan screens' columns, read them here.
import type { FundingField } from './plan-shapes.ts';

type Locale = 'zh-CN' | 'en-US';
type Names<K extends string> = Record<Locale, Record<K, string>>;
type Measure = 'yuan' | 'yuanPerDay' | 'days';

/** Each item once: its name and what it is measured in; the name alone and the column heading both come from it. */
const ITEMS: Record<FundingField, { 'zh-CN': string; 'en-US': string; measure: Measure }> = {
  internationalTravel: { 'zh-CN': '国际旅费', 'en-US': 'International travel', measure: 'yuan' },
  livingPerDay: { 'zh-CN': '生活费标准', 'en-US': 'Living costs', measure: 'yuanPerDay' },
  livingDays: { 'zh-CN': '生活费天数', 'en-US': 'Days of living costs', measure: 'days' },
  pocketPerDay: { 'zh-CN': '零用费标准', 'en-US': 'Pocket money', measure: 'yuanPerDay' },
  pocketDays: { 'zh-CN': '零用费天数', 'en-US': 'Days of pocket money', measure: 'days' },
  intercityTransport: { 'zh-CN': '城市间交通费', 'en-US': 'Intercity transport', measure: 'yuan' },
  salary: { 'zh-CN': '工资', 'en-US': 'Salary', measure: 'yuan' },
  other: { 'zh-CN': '其他费用', 'en-US': 'Other costs', measure: 'yuan' },
};

/** A day rate in a sentence: 标准 in the Chinese name says it already, English adds "per day". */
const NAME_ENDINGS: Record<Measure, Record<Locale, string>> = {
  yuan: { 'zh-CN': '', 'en-US': '' },
  yuanPerDay: { 'zh-CN': '', 'en-US': ' per day' },
  days: { 'zh-CN': '', 'en-US': '' },
};

/** The unit a column heading or a diff line adds; day counts have none. */
const LABEL_ENDINGS: Record<Measure, Record<Locale, string>> = {
  yuan: { 'zh-CN': '(元)', 'en-US': ' (yuan)' },
  yuanPerDay: { 'zh-CN': '(元/天)', 'en-US': ' (yuan/day)' },
  days: { 'zh-CN': '', 'en-US': '' },
};

function namesWith(endings: Record<Measure, Record<Locale, string>>): Names<FundingField> {
  const inLocale = (locale: Locale) =>
    Object.fromEntries(Object.entries(ITEMS).map(([field, item]) => [field, item[locale] + endings[item.measure][locale]])) as Record<FundingField, string>;
  return { 'zh-CN': inLocale('zh-CN'), 'en-US': inLocale('en-US') };
}

/** An entered item by its name alone, as a sentence names it (国际旅费不能超过 …). */
export const FUNDING_FIELD_NAMES = namesWith(NAME_ENDINGS);

/** An entered item with its unit, as a column heading or a diff line shows it (国际旅费(元)). */
export const FUNDING_FIELD_LABELS = namesWith(LABEL_ENDINGS);

/** The amounts a policy speaks of that no single field holds: a day rate times its days, and the visit's total. */
export const FUNDING_SUM_NAMES = {
  'zh-CN': { livingCosts: '生活费', pocketMoney: '零用费', total: '每位专家每次来华经费合计' },
  'en-US': { livingCosts: 'Living costs', pocketMoney: 'Pocket money', total: 'Total per expert per visit' },
} as const satisfies Names<'livingCosts' | 'pocketMoney' | 'total'>;
