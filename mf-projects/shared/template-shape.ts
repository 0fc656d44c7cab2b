// The one copy of what a template (申报模板) may hold and how much of it: the shapes the plans API checks a published
// definition against (api/template.ts builds its schema from these limits) and the template editor and plan form
// read. Plain data and types: the screens do not bundle zod.
import type { FileType } from '@wgzj/gateway/kit/shared/file-types';

export type { FileType };

export type Localised = { 'zh-CN': string; 'en-US': string };

export const TEMPLATE_FIELD_TYPES = ['text', 'textarea', 'integer', 'money', 'date', 'select', 'image'] as const;
export type TemplateFieldType = (typeof TEMPLATE_FIELD_TYPES)[number];

/** A key (section, field, option, attachment, rubric item): a letter, then up to 39 letters or digits. */
export const TEMPLATE_KEY = /^[a-zA-Z][a-zA-Z0-9]{0,39}$/;

/** The most a template may hold; a definition outside them is refused when it is published. */
export const TEMPLATE_LIMITS = {
  sections: 20,
  fields: 60,
  options: 100,
  attachments: 20,
  rubric: 20,
  /** characters of a label or title, per language */
  text: 200,
  /** characters of a help text, per language */
  help: 500,
  maxLength: { text: 500, textarea: 20_000 },
  maxMb: 20,
  /** the highest the least and the most experts of a plan may be set to */
  experts: { min: 100, max: 200 },
  rubricMax: 100,
} as const;

interface FieldCommon {
  key: string;
  label: Localised;
  required: boolean;
  help?: Localised | undefined;
}

/** `image` is a table uploaded as a picture (表格类内容以图片上传); money limits are fen. */
export type TemplateField =
  | (FieldCommon & { type: 'text' | 'textarea'; maxLength: number })
  | (FieldCommon & { type: 'integer'; min?: number | undefined; max?: number | undefined })
  | (FieldCommon & { type: 'money'; max?: number | undefined })
  | (FieldCommon & { type: 'date'; after?: string | undefined })
  | (FieldCommon & { type: 'select'; options: Array<{ value: string; label: Localised }> })
  | (FieldCommon & { type: 'image' });

export interface TemplateSection {
  key: string;
  title: Localised;
  fields: TemplateField[];
}

export interface TemplateAttachment {
  key: string;
  label: Localised;
  required: boolean;
  accept: FileType[];
  maxMb: number;
  help?: Localised | undefined;
}

export interface RubricItem {
  key: string;
  label: Localised;
  max: number;
}

export interface TemplateDefinition {
  sections: TemplateSection[];
  attachments: TemplateAttachment[];
  experts: { min: number; max: number };
  rubric: RubricItem[];
}
