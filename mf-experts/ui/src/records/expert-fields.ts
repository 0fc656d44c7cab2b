// An expert's fields as the screens name and show them: the label of each ExpertInput key (the server names refused
// fields by those keys, in forms, imports and correction requests alike), and a stored value as a reader sees it.
import { countryName } from '../../../shared/countries.ts';
import { disciplinePath } from '../../../shared/disciplines.ts';
import type { ExpertField } from '../expert-types.ts';

/** Every field in the order the form and the detail page list them. */
export const EXPERT_FIELDS: readonly ExpertField[] = [
  'name',
  'chineseName',
  'gender',
  'birthDate',
  'nationality',
  'passportNumber',
  'workPermitNo',
  'email',
  'phone',
  'employerAbroad',
  'position',
  'disciplineCode',
  'keywords',
  'education',
  'biography',
];

export function isExpertField(name: string): name is ExpertField {
  return (EXPERT_FIELDS as readonly string[]).includes(name);
}

/** Where a field's label lives in messages.ts; null for a name the form does not know. */
export function fieldLabelKey(name: string): string | null {
  return isExpertField(name) ? `experts.field.${name}` : null;
}

/** What the i18n function must offer to render a value (a gender's label). */
export type Translate = (key: string) => string;

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && !v.length);

/**
 * A field's value as text: a country's and a discipline's name in the UI language, a gender's label, keywords
 * joined; '—' for nothing. Identifiers arrive masked from the server and are shown as they are.
 */
export function displayValue(field: string, value: unknown, locale: string, t: Translate): string {
  if (isBlank(value)) return '—';
  if (field === 'gender' && (value === 'male' || value === 'female')) return t(`experts.gender.${value}`);
  if (field === 'nationality' && typeof value === 'string') return countryName(value, locale);
  if (field === 'disciplineCode' && typeof value === 'string') return disciplinePath(value, locale);
  if (Array.isArray(value)) return value.map(String).join(locale === 'en-US' ? '; ' : '、');
  return String(value);
}
