import { describe, expect, it } from 'vitest';
import type { ExpertDetail } from '../expert-types.ts';
import { changesOf, createBody, emptyExpertForm, expertFormOf, missingFields, normalizeKeywords, normalizePassport, patchBody } from './expert-form.ts';

const saved: ExpertDetail = {
  id: 'e1',
  name: 'John Smith',
  chineseName: '史密斯',
  gender: 'male',
  nationality: 'US',
  disciplineCode: '0805',
  passportMasked: 'E1****89',
  employerAbroad: 'MIT',
  visitCount: 2,
  lastVisit: '2024-05-01',
  plannedVisit: null,
  status: 'active',
  birthDate: '1970-01-02',
  workPermitNo: null,
  email: 'js@example.org',
  phoneMasked: '+1 ****4567',
  position: null,
  keywords: ['材料'],
  education: null,
  biography: null,
  version: 4,
  mergedInto: null,
  createdByUnit: { id: 'u1', name: '某大学' },
  units: [],
  files: { cv: null, photo: null },
  likelyDuplicates: [],
  merges: [],
  pendingCorrection: null,
  can: { edit: true, correct: false, reveal: true, merge: false, upload: true },
  editBlocked: null,
};

describe('expert form', () => {
  it('requires the passport only when creating', () => {
    expect(missingFields(emptyExpertForm(), false).sort()).toEqual(['birthDate', 'disciplineCode', 'gender', 'name', 'nationality', 'passportNumber']);
    expect(missingFields(expertFormOf(saved), true)).toEqual([]);
    expect(missingFields({ ...expertFormOf(saved), name: '  ' }, true)).toEqual(['name']);
  });

  it('loads a record with its identifiers empty, never the masked values', () => {
    const form = expertFormOf(saved);
    expect(form.passportNumber).toBe('');
    expect(form.phone).toBe('');
    expect(form.keywords).toEqual(['材料']);
    form.keywords.push('x');
    expect(saved.keywords).toEqual(['材料']);
  });

  it('creates with trimmed text, empty optional fields as null and the passport as written in it', () => {
    const body = createBody({
      ...emptyExpertForm(),
      name: ' Anna Müller ',
      gender: 'female',
      birthDate: '1980-05-17',
      nationality: 'DE',
      passportNumber: 'c01x 00-t47',
      disciplineCode: '0710',
      keywords: [' 生物 ', '', '生物', '医药'],
    });
    expect(body).toMatchObject({ name: 'Anna Müller', passportNumber: 'C01X00T47', keywords: ['生物', '医药'], chineseName: null, phone: null, email: null });
  });

  it('patches only what changed, with the version; identifiers only when typed', () => {
    expect(patchBody(expertFormOf(saved), saved)).toBeNull();
    const form = { ...expertFormOf(saved), position: '教授', email: '', phone: '+1 555 1234567' };
    expect(patchBody(form, saved)).toEqual({ version: 4, position: '教授', email: null, phone: '+1 555 1234567' });
    expect(changesOf({ ...expertFormOf(saved), passportNumber: 'e1234589' }, saved)).toEqual({ passportNumber: 'E1234589' });
    expect(changesOf({ ...expertFormOf(saved), keywords: ['材料', '催化'] }, saved)).toEqual({ keywords: ['材料', '催化'] });
  });

  it('normalizes passports and keywords', () => {
    expect(normalizePassport(' ab 12-34 ')).toBe('AB1234');
    expect(normalizeKeywords(Array.from({ length: 12 }, (_, i) => `k${i}`))).toHaveLength(10);
  });
});
