// The seeded funding policy as stored (not a copy in the test): every historical limit is enforced, each
// violation names its rule, field and limit in both languages, and entries inside the limits pass.
import { type Harness, moduleHarness } from '@wgzj/gateway/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFunding, type FundingEntry, type FundingRule, fundingRules } from './funding.ts';

const YUAN = 100;
const NONE: FundingEntry = {
  internationalTravel: 0,
  livingPerDay: 0,
  livingDays: 0,
  pocketPerDay: 0,
  pocketDays: 0,
  intercityTransport: 0,
  salary: 0,
  other: 0,
  attachments: [],
};
/** A typical fourteen-day visit, inside every limit. */
const VISIT: FundingEntry = {
  ...NONE,
  internationalTravel: 12_000 * YUAN,
  livingPerDay: 600 * YUAN,
  livingDays: 14,
  pocketPerDay: 250 * YUAN,
  pocketDays: 14,
  intercityTransport: 1_500 * YUAN,
};

describe('the seeded expert funding policy', () => {
  let h: Harness;
  let rules: FundingRule[];

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    const { rows } = await h.db.query<{ rules: unknown; unit_kinds: string[] }>(
      `select rules, unit_kinds from projects.funding_policies where code = 'expert_funding' and version = 1`,
    );
    expect(rows[0]!.unit_kinds).toEqual(['employer', 'ministry_university']);
    rules = fundingRules.parse(rows[0]!.rules);
  });
  afterAll(async () => {
    await h.close();
  });

  it('lets a typical visit through', () => {
    expect(checkFunding(rules, VISIT)).toEqual([]);
  });

  it.each([
    ['international travel over 15,000', { internationalTravel: 15_000.01 * YUAN }, 'travel.max', 'internationalTravel', '国际旅费不得超过 15,000 元'],
    ['living costs of 601 a day', { livingPerDay: 601 * YUAN, livingDays: 10 }, 'living.rate', 'livingPerDay', '生活费标准须为每天 ≤ 600 元'],
    ['31 days of living costs', { livingPerDay: 500 * YUAN, livingDays: 31 }, 'living.days', 'livingDays', '生活费天数不得超过 30 天'],
    ['pocket money of 199 a day', { pocketPerDay: 199 * YUAN, pocketDays: 10 }, 'pocket.rate', 'pocketPerDay', '零用费标准须为每天 200–300 元'],
    ['pocket money of 301 a day', { pocketPerDay: 301 * YUAN, pocketDays: 10 }, 'pocket.rate', 'pocketPerDay', '零用费标准须为每天 200–300 元'],
    ['intercity transport over 3,000', { intercityTransport: 3_001 * YUAN }, 'intercity.max', 'intercityTransport', '城市间交通费不得超过 3,000 元'],
    ['salary without a contract', { salary: 10_000 * YUAN }, 'salary.contract', 'salary', '填写工资须上传聘用合同'],
  ] as const)('refuses %s, naming the rule and the limit beside the field', (_name, change, rule, field, zh) => {
    const violations = checkFunding(rules, { ...NONE, ...change });
    expect(violations.map((v) => [v.rule, v.field])).toEqual([[rule, field]]);
    expect(violations[0]!['zh-CN']).toContain(zh);
    expect(violations[0]!['en-US']).toMatch(/yuan|days|attached/);
  });

  it('caps living costs at 18,000 and pocket money at 9,000 however the days and rate combine', () => {
    // 600 × 30 is exactly the cap; the cap itself is allowed.
    expect(checkFunding(rules, { ...NONE, livingPerDay: 600 * YUAN, livingDays: 30 })).toEqual([]);
    expect(checkFunding(rules, { ...NONE, pocketPerDay: 300 * YUAN, pocketDays: 30 })).toEqual([]);
    expect(checkFunding(rules, { ...NONE, pocketPerDay: 300 * YUAN, pocketDays: 31 }).map((v) => v.rule)).toEqual(['pocket.max', 'pocket.days']);
  });

  it('caps the total per expert per visit at 45,000 and says so beside "other"', () => {
    const over = { ...VISIT, other: 45_000 * YUAN - (12_000 + 600 * 14 + 250 * 14 + 1_500) * YUAN + 1 };
    const violations = checkFunding(rules, over);
    expect(violations.map((v) => v.rule)).toEqual(['total.max']);
    expect(violations[0]!['zh-CN']).toBe('每位专家每次来华经费合计不得超过 45,000 元(当前 45,000.01 元)');
  });

  it('accepts a salary with its contract, and no pocket money at all', () => {
    expect(checkFunding(rules, { ...NONE, salary: 20_000 * YUAN, attachments: ['contract'] })).toEqual([]);
    expect(checkFunding(rules, { ...NONE, pocketPerDay: 0, pocketDays: 0 })).toEqual([]);
  });

  it('passes every entry inside all the limits, and refuses every entry over one of them', () => {
    const inside = fc.record({
      internationalTravel: fc.integer({ min: 0, max: 10_000 * YUAN }),
      livingPerDay: fc.integer({ min: 0, max: 600 * YUAN }),
      livingDays: fc.integer({ min: 0, max: 20 }),
      pocketPerDay: fc.integer({ min: 200 * YUAN, max: 300 * YUAN }),
      pocketDays: fc.integer({ min: 0, max: 20 }),
      intercityTransport: fc.integer({ min: 0, max: 1_000 * YUAN }),
    });
    fc.assert(
      fc.property(inside, (entry) => {
        const e = { ...NONE, ...entry };
        return checkFunding(rules, e).length === 0;
      }),
    );
    fc.assert(
      fc.property(inside, fc.integer({ min: 1, max: 1_000_000 }), (entry, extra) => {
        const e = { ...NONE, ...entry, intercityTransport: 3_000 * YUAN + extra };
        return checkFunding(rules, e).some((v) => v.field === 'intercityTransport');
      }),
    );
  });

  it('names the six project types in their two families', async () => {
    const { rows } = await h.db.query<{ family: string; name_zh: string }>('select family, name_zh from projects.project_types order by position');
    expect(rows.filter((r) => r.family === 'talent').map((r) => r.name_zh)).toEqual([
      '高端外国专家引进计划',
      '外国青年人才计划',
      '“一带一路”创新人才交流外国专家项目',
    ]);
    expect(rows.filter((r) => r.family === 'platform').map((r) => r.name_zh)).toEqual([
      '国家引才引智示范基地',
      '高等学校学科创新引智计划(111计划)',
      '高校国际化示范学院推进计划',
    ]);
  });
});
