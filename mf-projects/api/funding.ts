// Expert funding (专家经费) checked against a funding policy: the policy is data (a versioned list of rules kept in
// `projects.funding_policies`), this file only knows how each kind of rule reads. A violation names the rule,
// the limit and the field it is about, in both languages, so the form can show it beside that field.
import { z } from 'zod';
import { FUNDING_FIELD_NAMES, FUNDING_SUM_NAMES } from '../shared/funding-names.ts';
import { FUNDING_FIELDS, type FundingField } from '../shared/plan-shapes.ts';

/** What a plan enters per expert per visit; money in fen (分), days as whole days. */
export interface FundingEntry {
  internationalTravel: number;
  livingPerDay: number;
  livingDays: number;
  pocketPerDay: number;
  pocketDays: number;
  intercityTransport: number;
  salary: number;
  other: number;
  /** Kinds of attachment present for this entry, e.g. `contract`. */
  attachments: readonly string[];
}

export { FUNDING_FIELDS, type FundingField };

/** Amounts a rule can be about: an entered field, or one worked out from them. */
const AMOUNTS = {
  internationalTravel: (e: FundingEntry) => e.internationalTravel,
  livingCosts: (e: FundingEntry) => e.livingPerDay * e.livingDays,
  pocketMoney: (e: FundingEntry) => e.pocketPerDay * e.pocketDays,
  intercityTransport: (e: FundingEntry) => e.intercityTransport,
  salary: (e: FundingEntry) => e.salary,
  other: (e: FundingEntry) => e.other,
  total: (e: FundingEntry) =>
    e.internationalTravel + e.livingPerDay * e.livingDays + e.pocketPerDay * e.pocketDays + e.intercityTransport + e.salary + e.other,
} as const;
export type FundingAmount = keyof typeof AMOUNTS;

/** The field a violation of a rule on an amount is shown beside. */
const FIELD_OF: Record<FundingAmount, FundingField> = {
  internationalTravel: 'internationalTravel',
  livingCosts: 'livingPerDay',
  pocketMoney: 'pocketPerDay',
  intercityTransport: 'intercityTransport',
  salary: 'salary',
  other: 'other',
  total: 'other',
};

const amount = z.enum(Object.keys(AMOUNTS) as [FundingAmount, ...FundingAmount[]]);
const fen = z.number().int().min(0);

/** The rule kinds a policy may use. A new kind is code; a new limit or a new policy is data. */
export const fundingRule = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('max_amount'), amount, max: fen }),
  z.object({ id: z.string(), kind: z.literal('per_day_range'), field: z.enum(['livingPerDay', 'pocketPerDay']), min: fen, max: fen }),
  z.object({ id: z.string(), kind: z.literal('max_days'), field: z.enum(['livingDays', 'pocketDays']), max: z.number().int().min(1) }),
  z.object({ id: z.string(), kind: z.literal('requires_attachment'), amount, attachment: z.string() }),
]);
export type FundingRule = z.output<typeof fundingRule>;
export const fundingRules = z.array(fundingRule).min(1);

export interface FundingViolation {
  rule: string;
  field: FundingField;
  'zh-CN': string;
  'en-US': string;
}

const bothNames = <K extends string>(names: Record<'zh-CN' | 'en-US', Record<K, string>>, key: K) => ({ 'zh-CN': names['zh-CN'][key], 'en-US': names['en-US'][key] });

const AMOUNT_NAMES = Object.fromEntries(
  (Object.keys(AMOUNTS) as FundingAmount[]).map((a) => [
    a,
    a === 'livingCosts' || a === 'pocketMoney' || a === 'total' ? bothNames(FUNDING_SUM_NAMES, a) : bothNames(FUNDING_FIELD_NAMES, a),
  ]),
) as Record<FundingAmount, { 'zh-CN': string; 'en-US': string }>;

const FIELD_NAMES = Object.fromEntries(
  FUNDING_FIELDS.map((f) => [f, bothNames(FUNDING_FIELD_NAMES, f)]),
) as Record<FundingField, { 'zh-CN': string; 'en-US': string }>;

const ATTACHMENT_NAMES: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  contract: { 'zh-CN': '聘用合同', 'en-US': 'employment contract' },
};

/** 15,000 元 / 15,000 yuan: limits are whole yuan in policies; fen survive as decimals. */
export const yuan = (fenValue: number) => (fenValue / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Every rule of the policy this entry breaks, in the policy's order. */
export function checkFunding(rules: readonly FundingRule[], entry: FundingEntry): FundingViolation[] {
  const violations: FundingViolation[] = [];
  for (const rule of rules) {
    switch (rule.kind) {
      case 'max_amount': {
        const value = AMOUNTS[rule.amount](entry);
        if (value > rule.max) {
          const name = AMOUNT_NAMES[rule.amount];
          violations.push({
            rule: rule.id,
            field: FIELD_OF[rule.amount],
            'zh-CN': `${name['zh-CN']}不得超过 ${yuan(rule.max)} 元(当前 ${yuan(value)} 元)`,
            'en-US': `${name['en-US']} may not exceed ${yuan(rule.max)} yuan (now ${yuan(value)})`,
          });
        }
        break;
      }
      case 'per_day_range': {
        const value = entry[rule.field];
        const days = rule.field === 'livingPerDay' ? entry.livingDays : entry.pocketDays;
        // A rate only matters for days actually claimed: no pocket money at all is not "below 200 a day".
        if (days > 0 && (value < rule.min || value > rule.max)) {
          const name = FIELD_NAMES[rule.field];
          const range = rule.min > 0 ? `${yuan(rule.min)}–${yuan(rule.max)}` : `≤ ${yuan(rule.max)}`;
          violations.push({
            rule: rule.id,
            field: rule.field,
            'zh-CN': `${name['zh-CN']}须为每天 ${range} 元(当前 ${yuan(value)} 元)`,
            'en-US': `${name['en-US']} must be ${range} yuan a day (now ${yuan(value)})`,
          });
        }
        break;
      }
      case 'max_days': {
        const value = entry[rule.field];
        if (value > rule.max) {
          const name = FIELD_NAMES[rule.field];
          violations.push({
            rule: rule.id,
            field: rule.field,
            'zh-CN': `${name['zh-CN']}不得超过 ${rule.max} 天(当前 ${value} 天)`,
            'en-US': `${name['en-US']} may not exceed ${rule.max} days (now ${value})`,
          });
        }
        break;
      }
      case 'requires_attachment': {
        if (AMOUNTS[rule.amount](entry) > 0 && !entry.attachments.includes(rule.attachment)) {
          const name = AMOUNT_NAMES[rule.amount];
          const attachment = ATTACHMENT_NAMES[rule.attachment] ?? { 'zh-CN': rule.attachment, 'en-US': rule.attachment };
          violations.push({
            rule: rule.id,
            field: FIELD_OF[rule.amount],
            'zh-CN': `填写${name['zh-CN']}须上传${attachment['zh-CN']}`,
            'en-US': `${name['en-US']} needs the ${attachment['en-US']} attached`,
          });
        }
        break;
      }
    }
  }
  return violations;
}
