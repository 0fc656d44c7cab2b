// What the screens say at once about a number a person typed, beside its field: a negative amount, too many days, a
// score over its item's maximum. The inputs keep what was typed (nothing is clamped to the nearest allowed value);
// the server refuses the same values with the same words (mf-projects/api/number-rules.ts, reviews.ts).

/** A message under `projects.number.` with its values; null when the number is fine. */
export interface NumberProblem {
  key:
    | 'amountNegative'
    | 'amountCents'
    | 'amountTooLarge'
    | 'daysNegative'
    | 'daysWhole'
    | 'daysTooMany'
    | 'whole'
    | 'below'
    | 'above'
    | 'scoreMissing'
    | 'scoreNegative'
    | 'scoreWhole'
    | 'scoreAbove';
  vars?: Record<string, string | number>;
}

/** The most a visit's funding item may hold, in fen (the server's limit). */
export const MAX_FUNDING_FEN = 10_000_000_00;
export const MAX_VISIT_DAYS = 366;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** An amount in fen; `max` in fen too (shown in yuan). */
export function amountProblem(fen: number | null | undefined, max = MAX_FUNDING_FEN): NumberProblem | null {
  if (!isNumber(fen)) return null;
  if (fen < 0) return { key: 'amountNegative' };
  if (!Number.isInteger(fen)) return { key: 'amountCents' };
  if (fen > max) return { key: 'amountTooLarge', vars: { max: (max / 100).toLocaleString('en-US') } };
  return null;
}

/** Days of living costs or pocket money in one visit. */
export function daysProblem(days: number | null | undefined): NumberProblem | null {
  if (!isNumber(days)) return null;
  if (days < 0) return { key: 'daysNegative' };
  if (!Number.isInteger(days)) return { key: 'daysWhole' };
  if (days > MAX_VISIT_DAYS) return { key: 'daysTooMany', vars: { max: MAX_VISIT_DAYS } };
  return null;
}

/** A template's whole-number field with its own bounds. */
export function integerProblem(value: number | null | undefined, bounds: { min?: number; max?: number }): NumberProblem | null {
  if (!isNumber(value)) return null;
  if (!Number.isInteger(value)) return { key: 'whole' };
  if (bounds.min !== undefined && value < bounds.min) return { key: 'below', vars: { min: bounds.min } };
  if (bounds.max !== undefined && value > bounds.max) return { key: 'above', vars: { max: bounds.max } };
  return null;
}

/**
 * A reviewer's score of one rubric item. `required` once the person has tried to send the form: an empty score is
 * only a problem then.
 */
export function scoreProblem(value: number | null | undefined, max: number, required: boolean): NumberProblem | null {
  if (!isNumber(value)) return required ? { key: 'scoreMissing', vars: { max } } : null;
  if (value < 0) return { key: 'scoreNegative' };
  if (!Number.isInteger(value)) return { key: 'scoreWhole' };
  if (value > max) return { key: 'scoreAbove', vars: { max } };
  return null;
}

/** The message key under the area's catalogue. */
export const numberMessageKey = (problem: NumberProblem) => `projects.number.${problem.key}`;
