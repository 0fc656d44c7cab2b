import { describe, expect, it } from 'vitest';
import { emptyExpertFilter, expertQuery, exportUrl } from './expert-search.ts';

describe('expert search', () => {
  it('leaves a blank form out of the query, and the default sort to the server', () => {
    expect(expertQuery(emptyExpertFilter())).toEqual({});
    expect(exportUrl(emptyExpertFilter())).toBe('/api/experts/experts/export');
  });

  it('sends trimmed filters, the year as a number and a chosen sort', () => {
    const filter = { ...emptyExpertFilter(), name: '  史密斯 ', nationality: 'DE', discipline: '07', province: '110000', year: 2024, sort: 'visitCount' as const };
    expect(expertQuery(filter)).toEqual({ name: '史密斯', nationality: 'DE', discipline: '07', province: '110000', year: '2024', sort: 'visitCount' });
  });

  it('exports exactly the applied search', () => {
    const filter = { ...emptyExpertFilter(), hostUnit: '清华 大学', program: 'HF' };
    expect(exportUrl(filter)).toBe('/api/experts/experts/export?hostUnit=%E6%B8%85%E5%8D%8E+%E5%A4%A7%E5%AD%A6&program=HF');
  });
});
