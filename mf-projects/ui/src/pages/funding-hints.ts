// The blue `!` of each funding field (专家经费): what the item covers, and its limits under the funding policy the plan
// is checked against (the policy is data: its rules come with the plan, so a new limit needs no new screen).
import type { FundingField } from './plan-types.ts';

/** A line of a hint: a key under `projects.fundingHint.` and its values. */
export interface HintLine {
  key: string;
  vars?: Record<string, string | number>;
}

type Amount = 'internationalTravel' | 'livingCosts' | 'pocketMoney' | 'intercityTransport' | 'salary' | 'other' | 'total';

type Rule =
  | { kind: 'max_amount'; amount: Amount; max: number }
  | { kind: 'per_day_range'; field: 'livingPerDay' | 'pocketPerDay'; min: number; max: number }
  | { kind: 'max_days'; field: 'livingDays' | 'pocketDays'; max: number }
  | { kind: 'requires_attachment'; amount: Amount; attachment: string };

/** The field whose hint states a rule about an amount (the field the server shows the rule's violation beside). */
const FIELD_OF: Record<Amount, FundingField | null> = {
  internationalTravel: 'internationalTravel',
  livingCosts: 'livingPerDay',
  pocketMoney: 'pocketPerDay',
  intercityTransport: 'intercityTransport',
  salary: 'salary',
  other: 'other',
  // The visit's total is said once, above the funding fields (see policyTotal).
  total: null,
};

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });

function rulesOf(rules: readonly unknown[] | null | undefined): Rule[] {
  return (rules ?? []).filter((r): r is Rule => typeof r === 'object' && r !== null && typeof (r as { kind?: unknown }).kind === 'string');
}

function ruleLine(rule: Rule): { field: FundingField; line: HintLine } | null {
  switch (rule.kind) {
    case 'max_amount': {
      const field = FIELD_OF[rule.amount];
      if (!field) return null;
      const perDay = rule.amount === 'livingCosts' || rule.amount === 'pocketMoney';
      return { field, line: { key: perDay ? 'limit.sumMax' : 'limit.max', vars: { max: yuan(rule.max) } } };
    }
    case 'per_day_range':
      return {
        field: rule.field,
        line: rule.min > 0 ? { key: 'limit.perDayRange', vars: { min: yuan(rule.min), max: yuan(rule.max) } } : { key: 'limit.perDayMax', vars: { max: yuan(rule.max) } },
      };
    case 'max_days':
      return { field: rule.field, line: { key: 'limit.days', vars: { max: rule.max } } };
    case 'requires_attachment': {
      const field = FIELD_OF[rule.amount];
      return field ? { field, line: { key: rule.attachment === 'contract' ? 'limit.contract' : 'limit.attachment', vars: { attachment: rule.attachment } } } : null;
    }
  }
}

/**
 * Each funding field's hint: first what it covers, then each limit of the policy in force on it (none when the plan
 * has no policy), then which policy says so.
 */
export function fundingHints(policy: { title: string; version: number; rules: readonly unknown[] } | null): Record<FundingField, HintLine[]> {
  const fields: FundingField[] = ['internationalTravel', 'livingPerDay', 'livingDays', 'pocketPerDay', 'pocketDays', 'intercityTransport', 'salary', 'other'];
  const hints = Object.fromEntries(fields.map((f) => [f, [{ key: `covers.${f}` }]])) as Record<FundingField, HintLine[]>;
  const limited = new Set<FundingField>();
  for (const rule of rulesOf(policy?.rules)) {
    const placed = ruleLine(rule);
    if (!placed) continue;
    hints[placed.field].push(placed.line);
    limited.add(placed.field);
  }
  if (policy) for (const field of limited) hints[field].push({ key: 'source', vars: { policy: policy.title, version: policy.version } });
  return hints;
}

/** The policy's limit on one visit's total, in yuan text, or null when it has none. */
export function policyTotal(policy: { rules: readonly unknown[] } | null): string | null {
  const rule = rulesOf(policy?.rules).find((r) => r.kind === 'max_amount' && r.amount === 'total');
  return rule && rule.kind === 'max_amount' ? yuan(rule.max) : null;
}
