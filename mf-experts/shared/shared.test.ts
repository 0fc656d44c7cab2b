import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, countryName, countryOptions, isCountryCode } from './countries.ts';
import {
  DISCIPLINES,
  disciplineByName,
  disciplinePath,
  findDiscipline,
  isDisciplineCode,
} from './disciplines.ts';

describe('countries', () => {
  it('lists the 249 assigned alpha-2 codes, unique, uppercase and sorted', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    for (const code of ['CN', 'TW', 'HK', 'MO', 'SS', 'GB']) {
      expect(COUNTRY_CODES).toContain(code);
    }
  });

  it('has a real display name for every code in both UI locales', () => {
    // ICU echoes unknown regions back as the code, so this catches typos in the list.
    for (const code of COUNTRY_CODES) {
      expect(countryName(code, 'en-US')).not.toBe(code);
      expect(countryName(code, 'zh-CN')).not.toBe(code);
    }
  });

  it('names countries per locale', () => {
    expect(countryName('DE', 'zh-CN')).toBe('德国');
    expect(countryName('DE', 'en-US')).toBe('Germany');
  });

  it('falls back to the code instead of throwing', () => {
    expect(countryName('DEU', 'en-US')).toBe('DEU');
    expect(countryName('DE', 'not a locale!')).toBe('DE');
  });

  it('accepts only canonical codes', () => {
    expect(isCountryCode('DE')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('de')).toBe(false);
    expect(isCountryCode('DEU')).toBe(false);
    expect(isCountryCode('')).toBe(false);
  });

  it('sorts options by localised name', () => {
    const en = countryOptions('en-US');
    expect(en).toHaveLength(249);
    expect(en[0]?.name).toBe('Afghanistan');
    const zh = countryOptions('zh-CN');
    const names = zh.map((o) => o.name);
    // Pinyin order puts 阿 (a) ahead of 中 (zh), which a code-point sort would not guarantee.
    expect(names.indexOf('阿富汗')).toBeLessThan(names.indexOf('中国'));
    expect(names.indexOf('德国')).toBeLessThan(names.indexOf('法国'));
  });
});

describe('disciplines', () => {
  it('has the 14 categories with properly nested, unique codes', () => {
    expect(DISCIPLINES).toHaveLength(14);
    const seen = new Set<string>();
    for (const cat of DISCIPLINES) {
      expect(cat.code).toMatch(/^\d{2}$/);
      expect(cat.children?.length ?? 0).toBeGreaterThan(0);
      seen.add(cat.code);
      for (const child of cat.children ?? []) {
        expect(child.code).toMatch(/^\d{4}$/);
        expect(child.code.startsWith(cat.code)).toBe(true);
        expect(seen.has(child.code)).toBe(false);
        seen.add(child.code);
        expect(child['zh-CN']).not.toBe('');
        expect(child['en-US']).not.toBe('');
        expect(child.children).toBeUndefined();
      }
    }
    // 14 categories + the 117 first-level disciplines of the 2022 catalogue.
    expect(seen.size).toBe(14 + 117);
  });

  it('builds a readable path in either locale', () => {
    expect(disciplinePath('0812', 'zh-CN')).toBe('工学 / 计算机科学与技术');
    expect(disciplinePath('0812', 'en-US')).toBe('Engineering / Computer Science and Technology');
    expect(disciplinePath('0812', 'fr-FR')).toBe('工学 / 计算机科学与技术');
    expect(disciplinePath('07', 'en-US')).toBe('Science');
    expect(disciplinePath('9999', 'zh-CN')).toBe('9999');
  });

  it('validates and finds codes', () => {
    expect(isDisciplineCode('08')).toBe(true);
    expect(isDisciplineCode('1401')).toBe(true);
    expect(isDisciplineCode('9999')).toBe(false);
    expect(isDisciplineCode('0834')).toBe(false);
    expect(isDisciplineCode('081200')).toBe(false);
    expect(findDiscipline('0702')?.['en-US']).toBe('Physics');
    expect(findDiscipline('nope')).toBeUndefined();
  });

  it('resolves typed names from spreadsheets', () => {
    expect(disciplineByName('物理学')?.code).toBe('0702');
    expect(disciplineByName('  物理学 ')?.code).toBe('0702');
    expect(disciplineByName('computer science and technology')?.code).toBe('0812');
    expect(disciplineByName('工学')?.code).toBe('08');
    // Shared category/discipline names resolve to the more specific discipline.
    expect(disciplineByName('哲学')?.code).toBe('0101');
    expect(disciplineByName('Law')?.code).toBe('0301');
    expect(disciplineByName('不存在的学科')).toBeUndefined();
  });
});
