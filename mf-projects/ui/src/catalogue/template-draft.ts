// The template editor's model (发布新版本): a published definition turned into something a form can edit (every
// optional part present, money limits in yuan, a stable id per row), the edits themselves (add, move, remove,
// rename), the checks that mirror the server's before a publish, and the way back to a definition.
import { fenToYuan, yuanToFen } from '../pages/money.ts';
import { FILE_TYPE_NAMES } from '@wgzj/gateway/kit/shared/file-types';
import type { FileType, Localised, TemplateDefinition, TemplateField } from '../pages/plan-types.ts';
import { TEMPLATE_FIELD_TYPES, TEMPLATE_KEY, TEMPLATE_LIMITS, type TemplateFieldType } from '../../../shared/template-shape.ts';

export const FIELD_TYPES = TEMPLATE_FIELD_TYPES;
export type FieldType = TemplateFieldType;
export const FILE_TYPES: readonly FileType[] = FILE_TYPE_NAMES;

/** The limits api/template.ts sets (the shared ones); a draft outside them is refused there, so it is refused here first. */
export const LIMITS = TEMPLATE_LIMITS;
const KEY = TEMPLATE_KEY;

export type DraftText = Localised;
const emptyText = (): DraftText => ({ 'zh-CN': '', 'en-US': '' });
const copyText = (t: Localised | undefined): DraftText => ({ 'zh-CN': t?.['zh-CN'] ?? '', 'en-US': t?.['en-US'] ?? '' });

export interface DraftOption {
  uid: number;
  value: string;
  label: DraftText;
}

/**
 * One field with the settings of every type, so switching the type back and forth loses nothing; only those of
 * its type go into the definition. A number left empty is null.
 */
export interface DraftField {
  uid: number;
  key: string;
  type: FieldType;
  label: DraftText;
  required: boolean;
  /** Both languages empty: no help (no blue `!`). */
  help: DraftText;
  maxLength: number | null;
  min: number | null;
  max: number | null;
  /** money: the upper limit in yuan (the definition keeps fen). */
  maxYuan: number | null;
  /** date: the key of the field it may not precede; '' for none. */
  after: string;
  options: DraftOption[];
}

export interface DraftSection {
  uid: number;
  key: string;
  title: DraftText;
  fields: DraftField[];
}

export interface DraftAttachment {
  uid: number;
  key: string;
  label: DraftText;
  required: boolean;
  accept: FileType[];
  maxMb: number | null;
  help: DraftText;
}

export interface DraftRubricItem {
  uid: number;
  key: string;
  label: DraftText;
  max: number | null;
}

export interface TemplateDraft {
  sections: DraftSection[];
  attachments: DraftAttachment[];
  experts: { min: number | null; max: number | null };
  rubric: DraftRubricItem[];
}

// Row ids for the screen (list keys, which rows are open); never sent.
let lastUid = 0;
const uid = () => ++lastUid;

const DEFAULT_MAX_LENGTH: Record<'text' | 'textarea', number> = { text: 100, textarea: 2000 };

function draftField(f: TemplateField): DraftField {
  return {
    uid: uid(),
    key: f.key,
    type: f.type,
    label: copyText(f.label),
    required: f.required,
    help: copyText(f.help),
    maxLength: f.type === 'text' || f.type === 'textarea' ? f.maxLength : null,
    min: f.type === 'integer' ? (f.min ?? null) : null,
    max: f.type === 'integer' ? (f.max ?? null) : null,
    maxYuan: f.type === 'money' ? fenToYuan(f.max) : null,
    after: f.type === 'date' ? (f.after ?? '') : '',
    options: f.type === 'select' ? f.options.map((o) => ({ uid: uid(), value: o.value, label: copyText(o.label) })) : [],
  };
}

export function toDraft(definition: TemplateDefinition): TemplateDraft {
  return {
    sections: definition.sections.map((s) => ({ uid: uid(), key: s.key, title: copyText(s.title), fields: s.fields.map(draftField) })),
    attachments: definition.attachments.map((a) => ({
      uid: uid(),
      key: a.key,
      label: copyText(a.label),
      required: a.required,
      accept: [...a.accept],
      maxMb: a.maxMb,
      help: copyText(a.help),
    })),
    experts: { min: definition.experts.min, max: definition.experts.max },
    rubric: definition.rubric.map((r) => ({ uid: uid(), key: r.key, label: copyText(r.label), max: r.max })),
  };
}

// ---- back to a definition ------------------------------------------------------------------------------

const trimmed = (t: DraftText): Localised => ({ 'zh-CN': t['zh-CN'].trim(), 'en-US': t['en-US'].trim() });
const hasText = (t: DraftText) => !!(t['zh-CN'].trim() || t['en-US'].trim());
/** A number the server must see as missing rather than as null (null is no number at all there). */
const num = (n: number | null): number | undefined => (n === null ? undefined : n);

function fieldOf(f: DraftField): TemplateField {
  const common = { key: f.key.trim(), label: trimmed(f.label), required: f.required, ...(hasText(f.help) ? { help: trimmed(f.help) } : {}) };
  switch (f.type) {
    case 'text':
    case 'textarea':
      return { ...common, type: f.type, maxLength: num(f.maxLength)! };
    case 'integer':
      return { ...common, type: f.type, ...(f.min !== null ? { min: f.min } : {}), ...(f.max !== null ? { max: f.max } : {}) };
    case 'money': {
      const max = yuanToFen(f.maxYuan);
      return { ...common, type: f.type, ...(max !== null ? { max } : {}) };
    }
    case 'date':
      return { ...common, type: f.type, ...(f.after ? { after: f.after } : {}) };
    case 'select':
      return { ...common, type: f.type, options: f.options.map((o) => ({ value: o.value.trim(), label: trimmed(o.label) })) };
    case 'image':
      return { ...common, type: f.type };
  }
}

/** The definition to publish. Rows keep their order, so a refusal's `sections.1.fields.2…` names a row here. */
export function fromDraft(draft: TemplateDraft): TemplateDefinition {
  return {
    sections: draft.sections.map((s) => ({ key: s.key.trim(), title: trimmed(s.title), fields: s.fields.map(fieldOf) })),
    attachments: draft.attachments.map((a) => ({
      key: a.key.trim(),
      label: trimmed(a.label),
      required: a.required,
      accept: [...a.accept],
      maxMb: num(a.maxMb)!,
      ...(hasText(a.help) ? { help: trimmed(a.help) } : {}),
    })),
    experts: { min: num(draft.experts.min)!, max: num(draft.experts.max)! },
    rubric: draft.rubric.map((r) => ({ key: r.key.trim(), label: trimmed(r.label), max: num(r.max)! })),
  };
}

/** Whether the draft would publish something other than `base` (the version it started from). */
export function changedFrom(draft: TemplateDraft, base: TemplateDefinition | null): boolean {
  if (!base) return true;
  return JSON.stringify(fromDraft(draft)) !== JSON.stringify(fromDraft(toDraft(base)));
}

// ---- edits ---------------------------------------------------------------------------------------------

/** `base1`, `base2`, … : the first that no row uses yet. */
export function freeKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

export const fieldKeysOf = (draft: TemplateDraft): string[] => draft.sections.flatMap((s) => s.fields.map((f) => f.key));

export function newField(draft: TemplateDraft): DraftField {
  return {
    uid: uid(),
    key: freeKey('field', fieldKeysOf(draft)),
    type: 'text',
    label: emptyText(),
    required: false,
    help: emptyText(),
    maxLength: DEFAULT_MAX_LENGTH.text,
    min: null,
    max: null,
    maxYuan: null,
    after: '',
    options: [],
  };
}

/** Adds a field at the end of a section; returns it (the screen opens it). */
export function addField(draft: TemplateDraft, sectionIndex: number): DraftField | null {
  const section = draft.sections[sectionIndex];
  if (!section) return null;
  const field = newField(draft);
  section.fields.push(field);
  return field;
}

export function addSection(draft: TemplateDraft): DraftSection {
  const section: DraftSection = { uid: uid(), key: freeKey('section', draft.sections.map((s) => s.key)), title: emptyText(), fields: [] };
  // A section needs a field; the new one is its first.
  section.fields.push(newField(draft));
  draft.sections.push(section);
  return section;
}

export function newOption(field: DraftField): DraftOption {
  return { uid: uid(), value: freeKey('option', field.options.map((o) => o.value)), label: emptyText() };
}

export function addAttachment(draft: TemplateDraft): DraftAttachment {
  const attachment: DraftAttachment = {
    uid: uid(),
    key: freeKey('attachment', draft.attachments.map((a) => a.key)),
    label: emptyText(),
    required: false,
    accept: ['pdf'],
    maxMb: 10,
    help: emptyText(),
  };
  draft.attachments.push(attachment);
  return attachment;
}

export function addRubricItem(draft: TemplateDraft): DraftRubricItem {
  const item: DraftRubricItem = { uid: uid(), key: freeKey('item', draft.rubric.map((r) => r.key)), label: emptyText(), max: 10 };
  draft.rubric.push(item);
  return item;
}

/** Changes a field's type; a type that needs a setting gets a sensible one (a length, a first option). */
export function setFieldType(field: DraftField, type: FieldType): void {
  field.type = type;
  if (type === 'text' || type === 'textarea') {
    const limit = LIMITS.maxLength[type];
    if (field.maxLength === null || field.maxLength > limit) field.maxLength = Math.min(field.maxLength ?? DEFAULT_MAX_LENGTH[type], limit);
  }
  if (type === 'select' && !field.options.length) field.options.push(newOption(field));
}

/** Renames a field, and the date fields that may not precede it follow the new name. */
export function setFieldKey(draft: TemplateDraft, field: DraftField, key: string): void {
  const old = field.key;
  field.key = key;
  if (!old) return;
  for (const f of draft.sections.flatMap((s) => s.fields)) {
    if (f !== field && f.after === old) f.after = key;
  }
}

/** The date fields a date field may be tied to (不早于): the other date fields with a key. */
export function afterChoices(draft: TemplateDraft, field: DraftField): DraftField[] {
  return draft.sections.flatMap((s) => s.fields).filter((f) => f !== field && f.type === 'date' && f.key.trim() !== '');
}

/** Moves a row one place up (-1) or down (+1); false when it is already at that end. */
export function moveItem<T>(list: T[], index: number, delta: -1 | 1): boolean {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return false;
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item!);
  return true;
}

export function removeItem<T>(list: T[], index: number): T | undefined {
  if (index < 0 || index >= list.length) return undefined;
  return list.splice(index, 1)[0];
}

/**
 * Moves a field one place up or down; past the top or bottom of its section it goes to the end of the previous
 * section or the start of the next one. False when there is nowhere to go.
 */
export function moveField(draft: TemplateDraft, sectionIndex: number, fieldIndex: number, delta: -1 | 1): boolean {
  const section = draft.sections[sectionIndex];
  if (!section || fieldIndex < 0 || fieldIndex >= section.fields.length) return false;
  if (moveItem(section.fields, fieldIndex, delta)) return true;
  const neighbour = draft.sections[sectionIndex + delta];
  if (!neighbour) return false;
  const [field] = section.fields.splice(fieldIndex, 1);
  if (delta < 0) neighbour.fields.push(field!);
  else neighbour.fields.unshift(field!);
  return true;
}

/** Removes a field; date fields that were tied to it are tied to nothing. */
export function removeField(draft: TemplateDraft, sectionIndex: number, fieldIndex: number): DraftField | undefined {
  const section = draft.sections[sectionIndex];
  if (!section) return undefined;
  const removed = removeItem(section.fields, fieldIndex);
  if (removed?.key && !fieldKeysOf(draft).includes(removed.key)) {
    for (const f of draft.sections.flatMap((s) => s.fields)) if (f.after === removed.key) f.after = '';
  }
  return removed;
}

/** Removes a section with its fields, and what was tied to them. */
export function removeSection(draft: TemplateDraft, sectionIndex: number): DraftSection | undefined {
  const section = draft.sections[sectionIndex];
  if (!section) return undefined;
  for (let i = section.fields.length - 1; i >= 0; i--) removeField(draft, sectionIndex, i);
  return removeItem(draft.sections, sectionIndex);
}

/** What a template with no version yet starts from: one section with one field, one rubric item. */
export function starterDraft(): TemplateDraft {
  const draft: TemplateDraft = { sections: [], attachments: [], experts: { min: 0, max: 30 }, rubric: [] };
  addSection(draft);
  addRubricItem(draft);
  const first = draft.rubric[0]!;
  first.max = 100;
  return draft;
}

// ---- checks --------------------------------------------------------------------------------------------

/** What a check found wrong (`rule`, a key under `projects.catalogue.check.`) about which input (`part`). */
export type CheckRule = 'required' | 'tooLong' | 'keyFormat' | 'keyRepeated' | 'range' | 'atLeastOne' | 'tooMany' | 'minOverMax' | 'afterUnknown' | 'notNegative';
export type CheckPart =
  | 'sections'
  | 'sectionKey'
  | 'sectionTitleZh'
  | 'sectionTitleEn'
  | 'fields'
  | 'fieldKey'
  | 'fieldLabelZh'
  | 'fieldLabelEn'
  | 'helpZh'
  | 'helpEn'
  | 'maxLength'
  | 'integerLimits'
  | 'moneyMax'
  | 'after'
  | 'options'
  | 'optionValue'
  | 'optionLabelZh'
  | 'optionLabelEn'
  | 'attachments'
  | 'attachmentKey'
  | 'attachmentLabelZh'
  | 'attachmentLabelEn'
  | 'accept'
  | 'maxMb'
  | 'experts'
  | 'expertsMin'
  | 'expertsMax'
  | 'rubric'
  | 'rubricKey'
  | 'rubricLabelZh'
  | 'rubricLabelEn'
  | 'rubricMax';

export interface DraftProblem {
  /** Where, as the server would name it: `sections.1.fields.0.label.zh-CN`. */
  path: string;
  rule: CheckRule;
  part: CheckPart;
  vars?: Record<string, string | number>;
}

/**
 * The server's rules for a definition (api/template.ts), checked on the draft so every problem shows at once and
 * in the person's language; plus repeated section, option and rubric keys, which the plan and review screens key
 * their data by.
 */
export function checkDraft(draft: TemplateDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (path: string, rule: CheckRule, part: CheckPart, vars?: DraftProblem['vars']) => problems.push({ path, rule, part, ...(vars ? { vars } : {}) });

  const text = (path: string, value: DraftText, zh: CheckPart, en: CheckPart, max: number = LIMITS.text, required = true) => {
    for (const [locale, part] of [['zh-CN', zh], ['en-US', en]] as const) {
      const v = value[locale].trim();
      if (required && !v) add(`${path}.${locale}`, 'required', part);
      else if (v.length > max) add(`${path}.${locale}`, 'tooLong', part, { n: max });
    }
  };
  const key = (path: string, value: string, part: CheckPart, seen: Set<string>) => {
    const k = value.trim();
    if (!k) add(path, 'required', part);
    else if (!KEY.test(k)) add(path, 'keyFormat', part);
    else if (seen.has(k)) add(path, 'keyRepeated', part, { key: k });
    seen.add(k);
  };
  const int = (path: string, value: number | null, part: CheckPart, min: number, max: number) => {
    if (value === null) add(path, 'required', part);
    else if (!Number.isInteger(value) || value < min || value > max) add(path, 'range', part, { min, max });
  };
  const count = (path: string, n: number, part: CheckPart, min: number, max: number) => {
    if (n < min) add(path, 'atLeastOne', part);
    else if (n > max) add(path, 'tooMany', part, { n: max });
  };

  count('sections', draft.sections.length, 'sections', 1, LIMITS.sections);
  const sectionKeys = new Set<string>();
  const fieldKeys = new Set<string>();
  const allKeys = new Set(fieldKeysOf(draft).map((k) => k.trim()));
  draft.sections.forEach((s, si) => {
    const sp = `sections.${si}`;
    key(`${sp}.key`, s.key, 'sectionKey', sectionKeys);
    text(`${sp}.title`, s.title, 'sectionTitleZh', 'sectionTitleEn');
    count(`${sp}.fields`, s.fields.length, 'fields', 1, LIMITS.fields);
    s.fields.forEach((f, fi) => {
      const fp = `${sp}.fields.${fi}`;
      key(`${fp}.key`, f.key, 'fieldKey', fieldKeys);
      text(`${fp}.label`, f.label, 'fieldLabelZh', 'fieldLabelEn');
      text(`${fp}.help`, f.help, 'helpZh', 'helpEn', LIMITS.help, false);
      switch (f.type) {
        case 'text':
        case 'textarea':
          int(`${fp}.maxLength`, f.maxLength, 'maxLength', 1, LIMITS.maxLength[f.type]);
          break;
        case 'integer':
          if (f.min !== null && f.max !== null && f.min > f.max) add(`${fp}.min`, 'minOverMax', 'integerLimits');
          break;
        case 'money':
          if (f.maxYuan !== null && f.maxYuan < 0) add(`${fp}.max`, 'notNegative', 'moneyMax');
          break;
        case 'date':
          if (f.after && (f.after === f.key || !allKeys.has(f.after))) add(`${fp}.after`, 'afterUnknown', 'after', { key: f.after });
          break;
        case 'select': {
          count(`${fp}.options`, f.options.length, 'options', 1, LIMITS.options);
          const values = new Set<string>();
          f.options.forEach((o, oi) => {
            key(`${fp}.options.${oi}.value`, o.value, 'optionValue', values);
            text(`${fp}.options.${oi}.label`, o.label, 'optionLabelZh', 'optionLabelEn');
          });
          break;
        }
        case 'image':
          break;
      }
    });
  });

  count('attachments', draft.attachments.length, 'attachments', 0, LIMITS.attachments);
  const attachmentKeys = new Set<string>();
  draft.attachments.forEach((a, ai) => {
    const ap = `attachments.${ai}`;
    key(`${ap}.key`, a.key, 'attachmentKey', attachmentKeys);
    text(`${ap}.label`, a.label, 'attachmentLabelZh', 'attachmentLabelEn');
    if (!a.accept.length) add(`${ap}.accept`, 'atLeastOne', 'accept');
    int(`${ap}.maxMb`, a.maxMb, 'maxMb', 1, LIMITS.maxMb);
    text(`${ap}.help`, a.help, 'helpZh', 'helpEn', LIMITS.help, false);
  });

  int('experts.min', draft.experts.min, 'expertsMin', 0, LIMITS.experts.min);
  int('experts.max', draft.experts.max, 'expertsMax', 1, LIMITS.experts.max);
  const { min, max } = draft.experts;
  if (min !== null && max !== null && min > max) add('experts', 'minOverMax', 'experts');

  count('rubric', draft.rubric.length, 'rubric', 1, LIMITS.rubric);
  const rubricKeys = new Set<string>();
  draft.rubric.forEach((r, ri) => {
    const rp = `rubric.${ri}`;
    key(`${rp}.key`, r.key, 'rubricKey', rubricKeys);
    text(`${rp}.label`, r.label, 'rubricLabelZh', 'rubricLabelEn');
    int(`${rp}.max`, r.max, 'rubricMax', 1, LIMITS.rubricMax);
  });
  return problems;
}

// ---- where a problem shows ------------------------------------------------------------------------------

/**
 * The editor block a problem path belongs to: a field (`sections.1.fields.2`), a section (`sections.1`), an
 * attachment or rubric row, or a whole part (`attachments`, `experts`, `rubric`); `template` for the rest.
 */
export function ownerOf(path: string): string {
  const p = path.split('.');
  if (p[0] === 'sections' && p[1] !== undefined && /^\d+$/.test(p[1])) {
    if (p[2] === 'fields' && p[3] !== undefined && /^\d+$/.test(p[3])) return p.slice(0, 4).join('.');
    return p.slice(0, 2).join('.');
  }
  if ((p[0] === 'attachments' || p[0] === 'rubric') && p[1] !== undefined && /^\d+$/.test(p[1])) return p.slice(0, 2).join('.');
  if (p[0] === 'attachments' || p[0] === 'rubric' || p[0] === 'experts') return p[0];
  return 'template';
}

/** Messages grouped by the block that shows them. */
export function groupByOwner(problems: ReadonlyArray<{ path: string; message: string }>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) (out[ownerOf(p.path)] ??= []).push(p.message);
  return out;
}

/** The owners of field blocks with problems, by row id, so the screen can open them. */
export function fieldUidsWithProblems(draft: TemplateDraft, paths: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const path of paths) {
    const m = /^sections\.(\d+)\.fields\.(\d+)/.exec(path);
    const field = m ? draft.sections[Number(m[1])]?.fields[Number(m[2])] : undefined;
    if (field) out.add(field.uid);
  }
  return out;
}

/** How the problem list names a block: which section, field or row, by its name in the page language. */
export type Place =
  | { kind: 'field'; section: number; n: number; name: string }
  | { kind: 'section' | 'attachment' | 'rubricItem'; n: number; name: string }
  | { kind: 'attachments' | 'experts' | 'rubric' | 'template' };

export function placeOf(owner: string, draft: TemplateDraft, locale: keyof Localised): Place {
  const p = owner.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const named = (text: DraftText, key: string) => text[locale].trim() || key.trim();
  if (p[0] === 'sections' && typeof p[1] === 'number') {
    const section = draft.sections[p[1]];
    if (typeof p[3] === 'number') {
      const field = section?.fields[p[3]];
      return { kind: 'field', section: p[1] + 1, n: p[3] + 1, name: field ? named(field.label, field.key) : '' };
    }
    return { kind: 'section', n: p[1] + 1, name: section ? named(section.title, section.key) : '' };
  }
  if (p[0] === 'attachments' && typeof p[1] === 'number') {
    const row = draft.attachments[p[1]];
    return { kind: 'attachment', n: p[1] + 1, name: row ? named(row.label, row.key) : '' };
  }
  if (p[0] === 'rubric' && typeof p[1] === 'number') {
    const row = draft.rubric[p[1]];
    return { kind: 'rubricItem', n: p[1] + 1, name: row ? named(row.label, row.key) : '' };
  }
  if (p[0] === 'attachments' || p[0] === 'experts' || p[0] === 'rubric') return { kind: p[0] };
  return { kind: 'template' };
}
