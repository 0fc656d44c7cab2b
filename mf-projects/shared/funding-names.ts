// The one copy of what a visit's funding items are called: the plans API's refusals, field names and submission
// diffs, and the plan screens' columns, read them here.
import type { FundingField } from './plan-shapes.ts';

type Names<K extends string> = Record<'zh-CN' | 'en-US', Record<K, string>>;

/** An entered item by its name alone, as a sentence names it (国际旅费不能超过 …). */
export const FUNDING_FIELD_NAMES = {
  'zh-CN': {
    internationalTravel: '国际旅费',
    livingPerDay: '生活费标准',
    livingDays: '生活费天数',
    pocketPerDay: '零用费标准',
    pocketDays: '零用费天数',
    intercityTransport: '城市间交通费',
    salary: '工资',
    other: '其他费用',
  },
  'en-US': {
    internationalTravel: 'International travel',
    livingPerDay: 'Living costs per day',
    livingDays: 'Days of living costs',
    pocketPerDay: 'Pocket money per day',
    pocketDays: 'Days of pocket money',
    intercityTransport: 'Intercity transport',
    salary: 'Salary',
    other: 'Other costs',
  },
} as const satisfies Names<FundingField>;

/** An entered item with its unit, as a column heading or a diff line shows it (国际旅费(元)). */
export const FUNDING_FIELD_LABELS = {
  'zh-CN': {
    internationalTravel: '国际旅费(元)',
    livingPerDay: '生活费标准(元/天)',
    livingDays: '生活费天数',
    pocketPerDay: '零用费标准(元/天)',
    pocketDays: '零用费天数',
    intercityTransport: '城市间交通费(元)',
    salary: '工资(元)',
    other: '其他费用(元)',
  },
  'en-US': {
    internationalTravel: 'International travel (yuan)',
    livingPerDay: 'Living costs (yuan/day)',
    livingDays: 'Days of living costs',
    pocketPerDay: 'Pocket money (yuan/day)',
    pocketDays: 'Days of pocket money',
    intercityTransport: 'Intercity transport (yuan)',
    salary: 'Salary (yuan)',
    other: 'Other costs (yuan)',
  },
} as const satisfies Names<FundingField>;

/** The amounts a policy speaks of that no single field holds: a day rate times its days, and the visit's total. */
export const FUNDING_SUM_NAMES = {
  'zh-CN': { livingCosts: '生活费', pocketMoney: '零用费', total: '每位专家每次来华经费合计' },
  'en-US': { livingCosts: 'Living costs', pocketMoney: 'Pocket money', total: 'Total per expert per visit' },
} as const satisfies Names<'livingCosts' | 'pocketMoney' | 'total'>;
