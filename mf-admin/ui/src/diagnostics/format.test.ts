import { describe, expect, it } from 'vitest';
import { formatDateTimeSeconds } from './format.ts';

describe('formatDateTimeSeconds', () => {
  it('shows an instant in Beijing time to the second', () => {
    expect(formatDateTimeSeconds('2026-02-28T16:00:05.000Z')).toBe('2026-03-01 00:00:05');
    expect(formatDateTimeSeconds(new Date('2026-03-01T01:30:00Z'))).toBe('2026-03-01 09:30:00');
  });

  it('shows nothing for a missing or unreadable value', () => {
    expect(formatDateTimeSeconds(null)).toBe('');
    expect(formatDateTimeSeconds('')).toBe('');
    expect(formatDateTimeSeconds('not a date')).toBe('');
  });
});
