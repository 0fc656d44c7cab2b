// Form fields every area validates the same way on the server as on the screen: identifiers with their check
// characters, phone numbers, e-mail, provinces. A refused rule reads in the caller's language (see http.ts).
import { z } from 'zod';
import {
  EMAIL_MAX_LENGTH,
  EMAIL_PATTERN,
  isValidCreditCode,
  isValidIdNumber,
  isValidMobile,
  isValidPhone,
  USERNAME_PATTERN,
} from './shared/identifiers.ts';
import { isProvinceCode } from './regions.ts';

export const RULE_MESSAGES = {
  credit_code: {
    'zh-CN': '须为 18 位统一社会信用代码,且末位校验码正确(GB 32100)',
    'en-US': 'must be an 18-character unified social credit code with a valid check character (GB 32100)',
  },
  id_number: {
    'zh-CN': '须为 18 位居民身份证号码,且末位校验码正确(GB 11643)',
    'en-US': 'must be an 18-character resident ID number with a valid check digit (GB 11643)',
  },
  mobile: { 'zh-CN': '须为 11 位大陆手机号码', 'en-US': 'must be an 11-digit mainland mobile number' },
  phone: {
    'zh-CN': '须为固定电话(如 010-12345678)或 11 位手机号码',
    'en-US': 'must be a landline (e.g. 010-12345678) or an 11-digit mobile number',
  },
  email: { 'zh-CN': '电子邮箱格式不正确', 'en-US': 'is not a valid e-mail address' },
  province: { 'zh-CN': '须从列表中选择省份(GB/T 2260)', 'en-US': 'must be a province from the list (GB/T 2260)' },
  required: { 'zh-CN': '不能为空', 'en-US': 'is required' },
  username: {
    'zh-CN': '须为 3 至 64 位字母、数字或 _ . @ -',
    'en-US': 'must be 3 to 64 letters, digits or _ . @ -',
  },
  storable_text: {
    'zh-CN': '不能包含空字符(U+0000)或不成对的 Unicode 代理字符',
    'en-US': 'must not contain the NUL character (U+0000) or unpaired Unicode surrogates',
  },
  filename: {
    'zh-CN': '不能包含路径分隔符(/ \\)、控制字符或改变文字方向的字符(如 U+202E)',
    'en-US': 'must not contain path separators (/ \\), control characters or characters that change the text direction (such as U+202E)',
  },
} as const;
export type RuleName = keyof typeof RULE_MESSAGES;

const areaRules = new Map<string, { 'zh-CN': string; 'en-US': string }>();

/**
 * An area's own rule texts (a passport number, a discipline code), translated like the kit's: returns for each
 * rule the `{ message }` a zod check carries, e.g. `.regex(PASSPORT, rules.passport)`.
 */
export function defineRuleMessages<K extends string>(
  area: string,
  messages: Record<K, { 'zh-CN': string; 'en-US': string }>,
): Record<K, { message: string }> {
  const carried = {} as Record<K, { message: string }>;
  for (const key of Object.keys(messages) as K[]) {
    areaRules.set(`${area}.${key}`, messages[key]);
    carried[key] = { message: `rule:${area}.${key}` };
  }
  return carried;
}

/** A rule's text in the caller's language, the kit's own or an area's; undefined for an unknown name. */
export function ruleMessage(name: string, locale: 'zh-CN' | 'en-US'): string | undefined {
  return (RULE_MESSAGES[name as RuleName] ?? areaRules.get(name))?.[locale];
}

/** The message a refine carries: the kit translates it when it builds the refusal. */
const rule = (name: RuleName) => ({ message: `rule:${name}` });

/** Required text, trimmed; an empty string is "required", not "too short". */
const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(1, rule('required'))
    .min(min)
    .max(max);

export const field = {
  text,
  optionalText: (max: number) => z.string().trim().max(max).optional().default(''),
  creditCode: () => z.string().trim().toUpperCase().min(1, rule('required')).refine(isValidCreditCode, rule('credit_code')),
  idNumber: () => z.string().trim().toUpperCase().min(1, rule('required')).refine(isValidIdNumber, rule('id_number')),
  mobile: () => z.string().trim().min(1, rule('required')).refine(isValidMobile, rule('mobile')),
  /** An office number: a landline with area code, or a mobile. */
  phone: () =>
    z
      .string()
      .trim()
      .min(1, rule('required'))
      .refine(isValidPhone, rule('phone')),
  email: () =>
    z
      .string()
      .trim()
      .min(1, rule('required'))
      .max(EMAIL_MAX_LENGTH)
      .pipe(z.email({ pattern: EMAIL_PATTERN, ...rule('email') })),
  province: () => z.string().trim().min(1, rule('required')).refine(isProvinceCode, rule('province')),
  username: () => z.string().trim().regex(USERNAME_PATTERN, rule('username')),
  uuid: () => z.uuid(),
  version: () => z.number().int().min(0),
};
