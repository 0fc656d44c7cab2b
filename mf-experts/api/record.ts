// An expert record's fields as people fill them in (form, import, correction request): one schema, one set of
// labels, and the one place identifiers are encrypted, hashed and masked before they reach the database.
import { defineRuleMessages, type FieldCipher, type FieldLabels, isValidEmail, maskPhone, PAGING_LABELS } from '@wgzj/gateway/kit';
import { z } from 'zod';
import { isCountryCode } from '../shared/countries.ts';
import { isDisciplineCode } from '../shared/disciplines.ts';

export const EXPERT_LABELS: FieldLabels = {
  name: { 'zh-CN': '姓名(护照)', 'en-US': 'Name (as in passport)' },
  chineseName: { 'zh-CN': '中文名', 'en-US': 'Chinese name' },
  gender: { 'zh-CN': '性别', 'en-US': 'Gender' },
  birthDate: { 'zh-CN': '出生日期', 'en-US': 'Date of birth' },
  nationality: { 'zh-CN': '国籍', 'en-US': 'Nationality' },
  passportNumber: { 'zh-CN': '护照号码', 'en-US': 'Passport number' },
  workPermitNo: { 'zh-CN': '外国人工作许可证号', 'en-US': 'Work permit number' },
  email: { 'zh-CN': '电子邮箱', 'en-US': 'E-mail' },
  phone: { 'zh-CN': '联系电话', 'en-US': 'Phone' },
  employerAbroad: { 'zh-CN': '境外工作单位', 'en-US': 'Current employer abroad' },
  position: { 'zh-CN': '职务/职称', 'en-US': 'Title / position' },
  disciplineCode: { 'zh-CN': '学科领域', 'en-US': 'Discipline' },
  keywords: { 'zh-CN': '专业特长关键词', 'en-US': 'Expertise keywords' },
  education: { 'zh-CN': '教育背景', 'en-US': 'Education' },
  biography: { 'zh-CN': '个人简介', 'en-US': 'Short biography' },
  version: { 'zh-CN': '版本', 'en-US': 'Version' },
  reason: { 'zh-CN': '更正理由', 'en-US': 'Reason' },
  changes: { 'zh-CN': '更正内容', 'en-US': 'Changes' },
  ...PAGING_LABELS,
};

/** Rule texts this area adds to the kit's. */
const rules = defineRuleMessages('experts', {
  passport: { 'zh-CN': '须为 5 至 20 位字母或数字(按护照原样填写)', 'en-US': 'must be 5 to 20 letters or digits, as in the passport' },
  nationality: { 'zh-CN': '须从列表中选择国家或地区(ISO 3166-1)', 'en-US': 'must be a country or region from the list (ISO 3166-1)' },
  discipline: { 'zh-CN': '须从学科目录中选择', 'en-US': 'must be chosen from the discipline classification' },
  birthDate: {
    'zh-CN': '须为有效日期(YYYY-MM-DD),且不晚于今天、不早于 1900 年',
    'en-US': 'must be a real date (YYYY-MM-DD), not in the future nor before 1900',
  },
  phone: {
    'zh-CN': '须为电话号码(可含国际区号,如 +49 30 1234567)',
    'en-US': 'must be a phone number (international code allowed, e.g. +49 30 1234567)',
  },
  email: { 'zh-CN': '电子邮箱格式不正确', 'en-US': 'is not a valid e-mail address' },
});

/** The kit's own "required" text. */
const REQUIRED = { message: 'rule:required' };
const required = (max: number) => z.string().trim().min(1, REQUIRED).max(max);
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

function isPastDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value && Number(m[1]) >= 1900 && date.getTime() <= Date.now();
}

/** Passport numbers are written without spaces and in capitals, whatever was typed. */
const passport = () =>
  z
    .string()
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().min(1, REQUIRED).regex(/^[A-Z0-9]{5,20}$/, rules.passport));

const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;

export const expertFields = {
  name: required(100),
  chineseName: optional(50),
  gender: z.enum(['male', 'female']),
  birthDate: z.string().trim().refine(isPastDay, rules.birthDate),
  nationality: z.string().trim().toUpperCase().refine(isCountryCode, rules.nationality),
  passportNumber: passport(),
  workPermitNo: optional(30),
  email: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => v || null)
    .refine((v) => v === null || isValidEmail(v), rules.email),
  phone: z
    .string()
    .trim()
    .nullish()
    .transform((v) => v || null)
    .refine((v) => v === null || PHONE.test(v), rules.phone),
  employerAbroad: optional(200),
  position: optional(100),
  disciplineCode: z.string().trim().refine(isDisciplineCode, rules.discipline),
  keywords: z
    .array(z.string().trim().min(1).max(30))
    .max(10)
    .transform((list) => [...new Set(list)]),
  education: optional(1000),
  biography: optional(2000),
};

export const expertInput = z.object({ ...expertFields, keywords: expertFields.keywords.optional().transform((list) => list ?? []) });
export type ExpertInput = z.output<typeof expertInput>;

/** A change: any of the fields; identifiers only when typed again (an empty box keeps the stored one). */
export const expertChanges = z.object(expertFields).partial().strict();
export type ExpertChanges = z.output<typeof expertChanges>;

/** The record's columns for the fields a write sets, identifiers already encrypted, hashed and masked. */
export function columnsOf(input: ExpertChanges, cipher: FieldCipher, current?: { nationality: string }): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  const plain: Array<[keyof ExpertChanges, string]> = [
    ['name', 'name'],
    ['chineseName', 'chinese_name'],
    ['gender', 'gender'],
    ['birthDate', 'birth_date'],
    ['nationality', 'nationality'],
    ['workPermitNo', 'work_permit_no'],
    ['email', 'email'],
    ['employerAbroad', 'employer_abroad'],
    ['position', 'position'],
    ['disciplineCode', 'discipline_code'],
    ['keywords', 'keywords'],
    ['education', 'education'],
    ['biography', 'biography'],
  ];
  for (const [key, column] of plain) if (input[key] !== undefined) columns[column] = input[key];
  if (input.passportNumber !== undefined) {
    columns['passport_encrypted'] = cipher.encrypt(input.passportNumber);
    columns['passport_masked'] = maskPassport(input.passportNumber);
  }
  // The identity hash covers nationality too, so a change of either is a change of identity.
  const nationality = input.nationality ?? current?.nationality;
  if (input.passportNumber !== undefined && nationality) columns['passport_hash'] = passportHash(cipher, nationality, input.passportNumber);
  if (input.phone !== undefined) {
    columns['phone_encrypted'] = input.phone === null ? null : cipher.encrypt(input.phone);
    columns['phone_masked'] = input.phone === null ? null : maskPhone(input.phone.replace(/\s+/g, ''));
  }
  return columns;
}

/** One expert per nationality and passport number: the lookup key without either in clear. */
export function passportHash(cipher: FieldCipher, nationality: string, passportNumber: string): string {
  return cipher.lookupHash(`passport:${nationality}:${passportNumber}`);
}

/** The first two and last two characters: enough to tell two records apart on a screen. */
export function maskPassport(passportNumber: string): string {
  return passportNumber.length <= 4 ? '*'.repeat(passportNumber.length) : `${passportNumber.slice(0, 2)}${'*'.repeat(passportNumber.length - 4)}${passportNumber.slice(-2)}`;
}
