import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format.ts';

describe('formatting in Asia/Shanghai', () => {
  it('shows UTC instants in Beijing time, crossing midnight', () => {
    expect(formatDateTime('2026-11-27T16:30:00Z')).toBe('2026-11-28 00:30');
    expect(formatDate('2026-11-27T16:30:00Z')).toBe('2026-11-28');
    expect(formatDateTime('2026-01-01T00:00:00+08:00')).toBe('2026-01-01 00:00');
  });

  it('returns an empty string for missing or invalid values', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('not a date')).toBe('');
  });
});
