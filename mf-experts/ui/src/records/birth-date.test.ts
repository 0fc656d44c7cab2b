// The birth-date picker opens in 1980, offers no future day and nothing before 1900.
import { describe, expect, it } from 'vitest';
import { BIRTH_DATE_OPENS_AT, notABirthDate } from './birth-date.ts';

describe('the birth-date picker', () => {
  it('opens in January 1980, not on today', () => {
    const opens = BIRTH_DATE_OPENS_AT();
    expect([opens.getFullYear(), opens.getMonth(), opens.getDate()]).toEqual([1980, 0, 1]);
  });

  it('offers no day after today and none before 1900; today and 1900-01-01 can be picked', () => {
    const today = new Date(2026, 11, 7, 9, 30);
    expect(notABirthDate(new Date(2026, 11, 8), today)).toBe(true);
    expect(notABirthDate(new Date(2030, 0, 1), today)).toBe(true);
    expect(notABirthDate(new Date(1899, 11, 31), today)).toBe(true);
    expect(notABirthDate(new Date(2026, 11, 7), today)).toBe(false);
    expect(notABirthDate(new Date(1900, 0, 1), today)).toBe(false);
    expect(notABirthDate(new Date(1975, 5, 15), today)).toBe(false);
  });
});
