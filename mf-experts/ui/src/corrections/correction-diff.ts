// 更正申请 as a reviewer reads it: one row per requested field, what the record holds now beside what is asked.
import { EXPERT_FIELDS, isExpertField } from '../records/expert-fields.ts';
import type { CorrectionCurrent, ExpertField } from '../expert-types.ts';

export interface CorrectionDiffRow {
  field: ExpertField;
  current: unknown;
  requested: unknown;
}

/** The record's value for a field; identifiers are only ever listed masked. */
function currentValue(current: CorrectionCurrent | null, field: ExpertField): unknown {
  if (!current) return null;
  if (field === 'passportNumber') return current.passportMasked;
  if (field === 'phone') return current.phoneMasked;
  return (current as unknown as Record<string, unknown>)[field] ?? null;
}

/** The requested changes in the form's field order; names the form does not know are left out. */
export function correctionDiff(changes: Record<string, unknown>, current: CorrectionCurrent | null): CorrectionDiffRow[] {
  const asked = Object.keys(changes ?? {}).filter(isExpertField);
  return EXPERT_FIELDS.filter((f) => asked.includes(f)).map((field) => ({
    field,
    current: currentValue(current, field),
    requested: changes[field] ?? null,
  }));
}
