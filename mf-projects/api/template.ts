// Templates (申报模板): what a plan of a project type asks for, as data. The form is rendered from a template on
// the screen and checked against the same template here; a national admin changes it by publishing a version.
import { defineRuleMessages, FILE_TYPES, type FileType, type Locale } from '@wgzj/gateway/kit';
import { z } from 'zod';
import { t } from './messages.ts';
import { TEMPLATE_KEY, TEMPLATE_LIMITS as LIMITS, type TemplateDefinition as SharedDefinition } from '../shared/template-shape.ts';

const rules = defineRuleMessages('projects.template', {
  repeated: { 'zh-CN': '与前面的标识重复,请换一个', 'en-US': 'repeats a key used above; choose another' },
  afterDate: { 'zh-CN': '须为本模板中另一个日期字段', 'en-US': 'must be another date field of this template' },
  minAboveMax: { 'zh-CN': '不能大于最大值', 'en-US': 'cannot exceed the maximum' },
});

const text = z.object({ 'zh-CN': z.string().trim().min(1).max(LIMITS.text), 'en-US': z.string().trim().min(1).max(LIMITS.text) });
const help = z.object({ 'zh-CN': z.string().trim().max(LIMITS.help), 'en-US': z.string().trim().max(LIMITS.help) });
const key = z.string().regex(TEMPLATE_KEY);

const common = { key, label: text, required: z.boolean(), help: help.optional() };

/** The kinds of field a template may use; `image` is a table uploaded as a picture (表格类内容以图片上传). */
export const templateField = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('text'), maxLength: z.number().int().min(1).max(LIMITS.maxLength.text) }),
  z.object({ ...common, type: z.literal('textarea'), maxLength: z.number().int().min(1).max(LIMITS.maxLength.textarea) }),
  z.object({ ...common, type: z.literal('integer'), min: z.number().int().optional(), max: z.number().int().optional() }),
  z.object({ ...common, type: z.literal('money'), max: z.number().int().min(0).optional() }),
  z.object({ ...common, type: z.literal('date'), after: key.optional() }),
  z.object({ ...common, type: z.literal('select'), options: z.array(z.object({ value: key, label: text })).min(1).max(LIMITS.options) }),
  z.object({ ...common, type: z.literal('image') }),
]);
export type TemplateField = z.output<typeof templateField>;

const fileType = z.enum(Object.keys(FILE_TYPES) as [FileType, ...FileType[]]);

export const templateDefinition = z
  .object({
    sections: z
      .array(z.object({ key, title: text, fields: z.array(templateField).min(1).max(LIMITS.fields) }))
      .min(1)
      .max(LIMITS.sections),
    attachments: z
      .array(z.object({ key, label: text, required: z.boolean(), accept: z.array(fileType).min(1), maxMb: z.number().int().min(1).max(LIMITS.maxMb), help: help.optional() }))
      .max(LIMITS.attachments),
    experts: z.object({ min: z.number().int().min(0).max(LIMITS.experts.min), max: z.number().int().min(1).max(LIMITS.experts.max) }),
    rubric: z
      .array(z.object({ key, label: text, max: z.number().int().min(1).max(LIMITS.rubricMax) }))
      .min(1)
      .max(LIMITS.rubric),
  })
  .superRefine((t, ctx) => {
    const repeated = (path: Array<string | number>) => ctx.addIssue({ code: 'custom', path, message: rules.repeated.message });
    const fieldKeys = new Set<string>();
    const sectionKeys = new Set<string>();
    const dateKeys = new Set(t.sections.flatMap((s) => s.fields.filter((f) => f.type === 'date').map((f) => f.key)));
    t.sections.forEach((section, i) => {
      if (sectionKeys.has(section.key)) repeated(['sections', i, 'key']);
      sectionKeys.add(section.key);
      section.fields.forEach((field, j) => {
        const at = (...rest: Array<string | number>) => ['sections', i, 'fields', j, ...rest];
        if (fieldKeys.has(field.key)) repeated(at('key'));
        fieldKeys.add(field.key);
        if (field.type === 'date' && field.after !== undefined && (field.after === field.key || !dateKeys.has(field.after))) {
          ctx.addIssue({ code: 'custom', path: at('after'), message: rules.afterDate.message });
        }
        if (field.type === 'integer' && field.min !== undefined && field.max !== undefined && field.min > field.max) {
          ctx.addIssue({ code: 'custom', path: at('min'), message: rules.minAboveMax.message });
        }
        if (field.type === 'select') {
          const values = new Set<string>();
          field.options.forEach((option, k) => {
            if (values.has(option.value)) repeated(at('options', k, 'value'));
            values.add(option.value);
          });
        }
      });
    });
    if (t.experts.min > t.experts.max) ctx.addIssue({ code: 'custom', path: ['experts', 'min'], message: rules.minAboveMax.message });
    for (const list of ['attachments', 'rubric'] as const) {
      const keys = new Set<string>();
      t[list].forEach((item, i) => {
        if (keys.has(item.key)) repeated([list, i, 'key']);
        keys.add(item.key);
      });
    }
  });
export type TemplateDefinition = z.output<typeof templateDefinition>;

// The schema's output is the shared shape the screens read, both ways round: a field added to one and not the other
// fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<TemplateDefinition, SharedDefinition> = true;
void sameShape;

export const fieldsOf = (t: TemplateDefinition): TemplateField[] => t.sections.flatMap((s) => s.fields);

/** A problem with what a plan holds, placed where the form shows it (`content.<key>`, `visits.<id>.<field>`…). */
export interface Problem {
  path: string;
  /** The template section it belongs to, so a return reason or a summary can point there. */
  section: string;
  message: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const isDay = (v: unknown): v is string =>
  typeof v === 'string' && DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/**
 * Checks a plan's content against its template. A draft (`complete: false`) is only refused for values that
 * could never be right (wrong type, too long); a submission also needs every required field and upload.
 * `uploaded` holds the image fields that have a file.
 */
export function checkContent(
  template: TemplateDefinition,
  content: Record<string, unknown>,
  uploaded: ReadonlySet<string>,
  locale: Locale,
  complete: boolean,
): Problem[] {
  const problems: Problem[] = [];
  for (const section of template.sections) {
    for (const f of section.fields) {
      const path = `content.${f.key}`;
      const add = (text: string) => problems.push({ path, section: section.key, message: t(locale, 'content.problem', { label: f.label[locale], text }) });
      if (f.type === 'image') {
        if (complete && f.required && !uploaded.has(f.key)) add(t(locale, 'content.upload'));
        continue;
      }
      const value = content[f.key];
      const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
      if (empty) {
        if (complete && f.required) add(t(locale, 'content.required'));
        continue;
      }
      switch (f.type) {
        case 'text':
        case 'textarea':
          if (typeof value !== 'string') add(t(locale, 'content.required'));
          else if (value.length > f.maxLength) add(t(locale, 'content.tooLong', { n: f.maxLength }));
          break;
        case 'integer':
          if (typeof value !== 'number' || !Number.isInteger(value)) add(t(locale, 'content.integer'));
          else if (f.min !== undefined && value < f.min) add(t(locale, 'content.min', { n: f.min }));
          else if (f.max !== undefined && value > f.max) add(t(locale, 'content.max', { n: f.max }));
          break;
        case 'money':
          // fen, as every amount in storage
          if (typeof value !== 'number' || !Number.isSafeInteger(value)) add(t(locale, 'content.money'));
          else if (value < 0) add(t(locale, 'content.moneyNegative'));
          else if (f.max !== undefined && value > f.max) add(t(locale, 'content.moneyMax', { n: (f.max / 100).toLocaleString('en-US') }));
          break;
        case 'date': {
          if (!isDay(value)) {
            add(t(locale, 'content.date'));
            break;
          }
          const other = f.after ? content[f.after] : undefined;
          const otherField = f.after ? fieldsOf(template).find((x) => x.key === f.after) : undefined;
          if (otherField && isDay(other) && value < other) add(t(locale, 'content.after', { f: otherField.label[locale] }));
          break;
        }
        case 'select':
          if (!f.options.some((o) => o.value === value)) add(t(locale, 'content.option'));
          break;
      }
    }
  }
  return problems;
}

/** Keeps only the keys the template names (anything else a request carries is dropped, never stored). */
export function pickContent(template: TemplateDefinition, content: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const f of fieldsOf(template)) {
    if (f.type !== 'image' && f.key in content) kept[f.key] = content[f.key];
  }
  return kept;
}

/** How a stored value reads to a person (money in yuan, options by label), for diffs, prints and exports. */
export function displayValue(field: TemplateField, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '';
  if (field.type === 'money' && typeof value === 'number') return `${(value / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
  if (field.type === 'select') return field.options.find((o) => o.value === value)?.label[locale] ?? String(value);
  return String(value);
}
