// Beijing time whatever the machine's zone: formatting instants, cutting days, reading a picked wall-clock time.
import { describe, expect, it } from 'vitest';
import {
  endOfShanghaiDay,
  formatShanghaiClock,
  formatShanghaiDate,
  formatShanghaiDateTime,
  formatShanghaiDateTimeSeconds,
  shanghaiToday,
  shanghaiWallClockToIso,
  startOfShanghaiDay,
} from './dates.ts';

describe('Beijing time', () => {
  // 2026-11-27 16:30:05 UTC is already the 28th in Beijing.
  const instant = '2026-11-27T16:30:05.000Z';

  it('formats an instant as a Beijing date, date and time, to the second, and a clock', () => {
    expect(formatShanghaiDate(instant)).toBe('2026-11-28');
    expect(formatShanghaiDateTime(instant)).toBe('2026-11-28 00:30');
    expect(formatShanghaiDateTimeSeconds(new Date(instant))).toBe('2026-11-28 00:30:05');
    expect(formatShanghaiClock(Date.parse(instant))).toBe('00:30:05');
  });

  it('writes midnight as 00, never 24', () => {
    expect(formatShanghaiDateTimeSeconds('2026-11-27T16:00:00Z')).toBe('2026-11-28 00:00:00');
  });

  it('gives an empty string for a missing or invalid value instead of throwing', () => {
    for (const value of [null, undefined, '', 'not a date', Number.NaN]) {
      expect(formatShanghaiDate(value)).toBe('');
      expect(formatShanghaiDateTime(value)).toBe('');
      expect(formatShanghaiDateTimeSeconds(value)).toBe('');
      expect(formatShanghaiClock(value)).toBe('');
    }
  });

  it('says which day it is in Beijing, which is the next one from 16:00 UTC', () => {
    expect(shanghaiToday(new Date('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(shanghaiToday(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
    expect(shanghaiToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(shanghaiToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('cuts a Beijing day as the UTC range [16:00 the day before, 16:00 that day)', () => {
    expect(startOfShanghaiDay('2026-11-28').toISOString()).toBe('2026-11-27T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-11-28').toISOString()).toBe('2026-11-28T16:00:00.000Z');
    // No daylight saving: every day is 24 hours, in summer too.
    expect(endOfShanghaiDay('2026-07-01').getTime() - startOfShanghaiDay('2026-07-01').getTime()).toBe(86_400_000);
  });

  it('reads a picked wall-clock time as Beijing time, with or without seconds, and refuses anything else', () => {
    expect(shanghaiWallClockToIso('2026-11-28 09:30')).toBe('2026-11-28T01:30:00.000Z');
    expect(shanghaiWallClockToIso(' 2026-11-28T09:30:15 ')).toBe('2026-11-28T01:30:15.000Z');
    for (const wall of ['', '2026-11-28', '09:30', '2026-11-28 9:30', '2026-13-01 09:30', 'yesterday']) expect(shanghaiWallClockToIso(wall), wall).toBeNull();
  });

  it('round-trips: a picked time formats back to what was picked', () => {
    expect(formatShanghaiDateTimeSeconds(shanghaiWallClockToIso('2026-02-03 23:59:59'))).toBe('2026-02-03 23:59:59');
  });
});
