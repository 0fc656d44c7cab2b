// Each funding field's blue `!`: what it covers, its limits under the plan's policy, and which policy says so.
import { describe, expect, it } from 'vitest';
import { fundingHints, policyTotal } from './funding-hints.ts';
import { planMessages } from './messages.ts';

/** The seed's policy (mf-projects/db/migrations/002_programs_and_funding_policies.sql). */
const POLICY = {
  title: '外国专家经费开支标准(历史标准)',
  version: 1,
  rules: [
    { id: 'travel.max', kind: 'max_amount', amount: 'internationalTravel', max: 1500000 },
    { id: 'living.rate', kind: 'per_day_range', field: 'livingPerDay', min: 0, max: 60000 },
    { id: 'living.max', kind: 'max_amount', amount: 'livingCosts', max: 1800000 },
    { id: 'living.days', kind: 'max_days', field: 'livingDays', max: 30 },
    { id: 'pocket.rate', kind: 'per_day_range', field: 'pocketPerDay', min: 20000, max: 30000 },
    { id: 'pocket.max', kind: 'max_amount', amount: 'pocketMoney', max: 900000 },
    { id: 'pocket.days', kind: 'max_days', field: 'pocketDays', max: 30 },
    { id: 'intercity.max', kind: 'max_amount', amount: 'intercityTransport', max: 300000 },
    { id: 'total.max', kind: 'max_amount', amount: 'total', max: 4500000 },
    { id: 'salary.contract', kind: 'requires_attachment', amount: 'salary', attachment: 'contract' },
  ],
};

type Tree = { [key: string]: string | Tree };
const text = (locale: 'zh-CN' | 'en-US', key: string, vars: Record<string, string | number> = {}) => {
  const found = key.split('.').reduce<unknown>((node, k) => (node as Tree)[k], planMessages[locale].fundingHint) as string;
  expect(typeof found, key).toBe('string');
  return Object.entries(vars).reduce((t, [k, v]) => t.replace(`{${k}}`, String(v)), found);
};

describe('funding hints', () => {
  const hints = fundingHints(POLICY);
  const read = (locale: 'zh-CN' | 'en-US', field: keyof typeof hints) => hints[field].map((l) => text(locale, l.key, l.vars)).join('\n');

  it('say what each of 国际旅费, 生活费, 城市间交通费, 工薪, 零用费 and 其他 covers, in both languages', () => {
    for (const field of Object.keys(hints) as Array<keyof typeof hints>) {
      expect(hints[field][0]).toEqual({ key: `covers.${field}` });
      expect(read('zh-CN', field)).toMatch(/[一-龥]/);
      // The policy's title is its document's name, in Chinese in both languages; the rest reads in English.
      expect(text('en-US', `covers.${field}`)).not.toMatch(/[一-龥]/);
    }
  });

  it('state the limits of the policy in force beside the field they are about, naming the policy', () => {
    expect(read('zh-CN', 'internationalTravel')).toBe(
      '国际旅费:专家来华、离华的国际往返旅费(机票等)。\n上限:每次来华不超过 15,000 元。\n依据:《外国专家经费开支标准(历史标准)》第 1 版。',
    );
    expect(read('zh-CN', 'livingPerDay')).toContain('标准:每天不超过 600 元。\n上限:每次来华合计不超过 18,000 元。');
    expect(read('zh-CN', 'pocketPerDay')).toContain('标准:每天 200–300 元。');
    expect(read('zh-CN', 'pocketDays')).toContain('上限:不超过 30 天。');
    expect(read('zh-CN', 'salary')).toContain('填写工资须上传聘用合同。');
    expect(read('en-US', 'intercityTransport')).toContain('Limit: at most 3,000 yuan per visit.');
    // 其他 has no limit of its own here: only what it covers.
    expect(hints.other).toEqual([{ key: 'covers.other' }]);
    expect(policyTotal(POLICY)).toBe('45,000');
  });

  it('take a new limit from the policy, and say only what an item covers without one', () => {
    const stricter = fundingHints({ ...POLICY, version: 2, rules: [{ id: 'travel.max', kind: 'max_amount', amount: 'internationalTravel', max: 1200000 }] });
    expect(stricter.internationalTravel[1]).toEqual({ key: 'limit.max', vars: { max: '12,000' } });
    expect(stricter.internationalTravel[2]).toEqual({ key: 'source', vars: { policy: POLICY.title, version: 2 } });
    expect(stricter.livingPerDay).toEqual([{ key: 'covers.livingPerDay' }]);
    expect(fundingHints(null).salary).toEqual([{ key: 'covers.salary' }]);
    expect(policyTotal(null)).toBeNull();
  });
});
