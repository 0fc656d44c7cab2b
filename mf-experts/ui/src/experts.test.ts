import { describe, expect, it } from 'vitest';
import { countryName, emptyExpertFilter, filterExperts, type ExpertRow } from './experts.ts';

const rows: ExpertRow[] = [
  { id: '1', name: 'John Smith', chineseName: '史密斯', nationality: 'US', discipline: '材料科学', visitCount: 3 },
  { id: '2', name: 'Anna Müller', chineseName: '安娜', nationality: 'de', discipline: '生物医药', visitCount: 1 },
];

describe('experts', () => {
  it('names countries in the UI language', () => {
    expect(countryName('US', 'zh-CN')).toBe('美国');
    expect(countryName('de', 'zh-CN')).toBe('德国');
    expect(countryName('JP', 'en-US')).toBe('Japan');
    expect(countryName('', 'zh-CN')).toBe('');
  });

  it('filters by either name, nationality and visits', () => {
    expect(filterExperts(rows, { ...emptyExpertFilter(), name: '安娜' }).map((r) => r.id)).toEqual(['2']);
    expect(filterExperts(rows, { ...emptyExpertFilter(), nationality: 'DE' }).map((r) => r.id)).toEqual(['2']);
    expect(filterExperts(rows, { ...emptyExpertFilter(), minVisits: 2 }).map((r) => r.id)).toEqual(['1']);
  });
});
