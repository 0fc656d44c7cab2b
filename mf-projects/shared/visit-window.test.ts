// The visit date pickers offer only days inside the plan's execution period (the plan year until it is filled in).
import { describe, expect, it } from 'vitest';
import { outsideWindow, visitWindowOf } from './visit-window.ts';

describe('visitWindowOf', () => {
  it('is the execution period once both of its dates are filled in and in order', () => {
    expect(visitWindowOf(2027, { startDate: '2027-03-01', endDate: '2027-10-31' })).toEqual({ from: '2027-03-01', to: '2027-10-31', fromPeriod: true });
  });

  it('is the plan year while the period is missing, half filled in, malformed or reversed', () => {
    const year = { from: '2027-01-01', to: '2027-12-31', fromPeriod: false };
    expect(visitWindowOf(2027, {})).toEqual(year);
    expect(visitWindowOf(2027, { startDate: '2027-03-01' })).toEqual(year);
    expect(visitWindowOf(2027, { startDate: '2027-02-30', endDate: '2027-10-31' })).toEqual(year);
    expect(visitWindowOf(2027, { startDate: '2027-10-31', endDate: '2027-03-01' })).toEqual(year);
  });

  it('greys out the days before and after the window in a picker, its first and last day stay open', () => {
    const window = visitWindowOf(2027, { startDate: '2027-03-01', endDate: '2027-10-31' });
    expect(outsideWindow(window, new Date(2027, 1, 28))).toBe(true);
    expect(outsideWindow(window, new Date(2027, 2, 1))).toBe(false);
    expect(outsideWindow(window, new Date(2027, 9, 31))).toBe(false);
    expect(outsideWindow(window, new Date(2027, 10, 1))).toBe(true);
    expect(outsideWindow(window, new Date(2028, 5, 1))).toBe(true);
  });
});
