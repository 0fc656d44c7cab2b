// How a published template reads to a person: a field's rules in words (`最多 100 字`, `不超过 50,000.00 元`), the
// accepted file formats, the rubric's total.
import type { Locale } from '@wgzj/shell/kit';
import { formatYuan } from '../pages/money.ts';
import type { FileType, Localised, TemplateDefinition, TemplateField } from '../pages/plan-types.ts';

/** A rule as a key under `projects.catalogue.fieldRule.` and its values. */
export interface RuleText {
  key: 'maxLength' | 'min' | 'max' | 'moneyMax' | 'after' | 'options' | 'image';
  vars?: Record<string, string | number>;
}

export const textIn = (text: Localised | undefined, locale: Locale): string => text?.[locale] || text?.['zh-CN'] || '';

export function fieldRules(field: TemplateField, definition: TemplateDefinition, locale: Locale): RuleText[] {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return [{ key: 'maxLength', vars: { n: field.maxLength } }];
    case 'integer':
      return [
        ...(field.min !== undefined ? [{ key: 'min' as const, vars: { n: field.min } }] : []),
        ...(field.max !== undefined ? [{ key: 'max' as const, vars: { n: field.max } }] : []),
      ];
    case 'money':
      return field.max !== undefined ? [{ key: 'moneyMax', vars: { n: formatYuan(field.max) } }] : [];
    case 'date': {
      if (!field.after) return [];
      const other = definition.sections.flatMap((s) => s.fields).find((f) => f.key === field.after);
      return [{ key: 'after', vars: { field: other ? textIn(other.label, locale) : field.after } }];
    }
    case 'select':
      return [{ key: 'options', vars: { list: field.options.map((o) => textIn(o.label, locale)).join(locale === 'zh-CN' ? '、' : ', ') } }];
    case 'image':
      return [{ key: 'image' }];
  }
}

const FORMAT_NAMES: Record<FileType, string> = { pdf: 'PDF', jpeg: 'JPG', png: 'PNG', docx: 'DOCX', xlsx: 'XLSX' };
export const formatsOf = (accept: readonly FileType[]): string => accept.map((a) => FORMAT_NAMES[a] ?? a.toUpperCase()).join(' / ');

export const rubricTotal = (definition: Pick<TemplateDefinition, 'rubric'>): number => definition.rubric.reduce((sum, r) => sum + r.max, 0);
