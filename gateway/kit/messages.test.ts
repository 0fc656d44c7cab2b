// The message catalogue: interpolation as written, and the wrong calls refused — by the types (checked by
// `npm run typecheck`, the @ts-expect-error lines fail it if a wrong call starts to compile) and when the module loads.
import { describe, expect, it } from 'vitest';
import { defineMessages, inlineLanguagePicks, mismatchedPlaceholders, placeholdersIn } from './messages.ts';

const messages = defineMessages('test', {
  plain: { 'zh-CN': '帐号正常使用中。', 'en-US': 'The account is in use.' },
  user: { 'zh-CN': '用户审核:{unit} {name}', 'en-US': 'User review: {name} ({unit})' },
  rows: { 'zh-CN': '一次最多导入 {max} 名专家', 'en-US': 'At most {max} experts at a time' },
  twice: { 'zh-CN': '{name}、{name}', 'en-US': '{name}, {name}' },
});
const { t } = messages;

describe('defineMessages', () => {
  it('gives the text of the locale asked for', () => {
    expect(t('zh-CN', 'plain')).toBe('帐号正常使用中。');
    expect(t('en-US', 'plain')).toBe('The account is in use.');
  });

  it('fills each placeholder by name, in the order each language writes them', () => {
    expect(t('zh-CN', 'user', { name: '张三', unit: '清华大学' })).toBe('用户审核:清华大学 张三');
    expect(t('en-US', 'user', { name: 'Zhang San', unit: 'Tsinghua' })).toBe('User review: Zhang San (Tsinghua)');
    expect(t('en-US', 'twice', { name: 'A' })).toBe('A, A');
  });

  it('writes numbers as given, never grouped or localised', () => {
    expect(t('zh-CN', 'rows', { max: 10000 })).toBe('一次最多导入 10000 名专家');
    expect(t('en-US', 'rows', { max: 0.5 })).toBe('At most 0.5 experts at a time');
  });

  it('writes a value holding braces as it is, without reading it as a placeholder', () => {
    expect(t('en-US', 'user', { name: '{unit}', unit: 'U' })).toBe('User review: {unit} (U)');
    expect(t('zh-CN', 'user', { name: '$&', unit: '$1' })).toBe('用户审核:$1 $&');
  });

  it('refuses an unknown key and a missing variable (types first; at run time as well)', () => {
    // @ts-expect-error an unknown key does not compile
    expect(() => t('zh-CN', 'nope')).toThrow(/no message nope/);
    // @ts-expect-error a message with placeholders needs its variables
    expect(() => t('zh-CN', 'user')).toThrow(/user needs \{(unit|name)\}/);
    // @ts-expect-error every placeholder must be given
    expect(() => t('zh-CN', 'user', { name: '张三' })).toThrow(/user needs \{unit\}/);
    // @ts-expect-error a message without placeholders takes no variables
    expect(t('zh-CN', 'plain', { name: 'x' })).toBe('帐号正常使用中。');
    // @ts-expect-error a value is a string or a number
    expect(t('zh-CN', 'rows', { max: true })).toBe('一次最多导入 true 名专家');
  });

  it('requires both languages of every message (types, and when the catalogue is declared)', () => {
    // @ts-expect-error en-US is missing
    expect(() => defineMessages('test', { only: { 'zh-CN': '只有中文' } })).toThrow('test messages: both zh-CN and en-US are required in only');
    // @ts-expect-error a locale is not a free string
    expect(() => t('fr-FR', 'plain')).toThrow();
  });

  it('refuses, when the catalogue is declared, two languages that name different placeholders', () => {
    expect(() =>
      defineMessages('area', {
        fine: { 'zh-CN': '{a}', 'en-US': '{a}' },
        dropped: { 'zh-CN': '第 {row} 行:{name}', 'en-US': 'Row {row}' },
        renamed: { 'zh-CN': '{name}', 'en-US': '{who}' },
      }),
    ).toThrow('area messages: zh-CN and en-US name different placeholders in dropped, renamed');
  });
});

describe('placeholders', () => {
  it('lists the distinct names, sorted, and ignores braces that are not a name', () => {
    expect(placeholdersIn('{b} {a} {b} { x } {} {1a}')).toEqual(['a', 'b']);
    expect(placeholdersIn('没有占位符')).toEqual([]);
  });

  it('finds nothing to report in a catalogue whose languages agree', () => {
    expect(mismatchedPlaceholders(messages.catalogue)).toEqual([]);
  });
});

describe('inlineLanguagePicks', () => {
  it('finds a language picked in code, on one line or across a line break', () => {
    const source = [
      "const zh = locale === 'zh-CN';",
      'const a = zh ? `甲` : `A`;',
      "const b = locale === 'en-US' ? 'B' : '乙';",
      'const c = ok',
      "  ? locale === 'zh-CN'",
      "    ? '丙'",
      "    : 'C'",
      "  : '';",
      "const d = WORDS.yuan[locale].replace('{n}', '1');",
      "const english = localeOf(c) === 'en-US';",
    ].join('\n');
    expect(inlineLanguagePicks(source).map((p) => p.line)).toEqual([1, 2, 3, 5, 9, 10]);
    expect(inlineLanguagePicks(source)[3]!.text).toBe("? locale === 'zh-CN'");
  });

  it('lets through what only names a locale or reads the catalogue', () => {
    const source = [
      "const zhName = row.name_zh;",
      "if (locale === 'zh-CN') return;",
      "t(locale, 'todo.userReview', { name });",
      "const spec = { 'zh-CN': '内容', 'en-US': 'Content' };",
    ].join('\n');
    expect(inlineLanguagePicks(source)).toEqual([]);
  });
});
