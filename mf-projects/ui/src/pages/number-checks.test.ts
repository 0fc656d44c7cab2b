// A number typed out of range is named at once with its limit, and the value stays what was typed.
import { describe, expect, it } from 'vitest';
import { amountProblem, daysProblem, integerProblem, scoreProblem } from './number-checks.ts';

describe('numbers a person types', () => {
  it('refuses a negative amount, a fraction of a fen and an amount over the limit; nothing typed is no problem', () => {
    expect(amountProblem(-5000)).toEqual({ key: 'amountNegative' });
    expect(amountProblem(-1)).toEqual({ key: 'amountNegative' });
    expect(amountProblem(10.5)).toEqual({ key: 'amountCents' });
    expect(amountProblem(10_000_000_01)).toEqual({ key: 'amountTooLarge', vars: { max: '10,000,000' } });
    expect(amountProblem(30_000_00, 20_000_00)).toEqual({ key: 'amountTooLarge', vars: { max: '20,000' } });
    expect(amountProblem(0)).toBeNull();
    expect(amountProblem(null)).toBeNull();
    expect(amountProblem(undefined)).toBeNull();
  });

  it('refuses negative, fractional and too many days of a visit', () => {
    expect(daysProblem(-3)).toEqual({ key: 'daysNegative' });
    expect(daysProblem(2.5)).toEqual({ key: 'daysWhole' });
    expect(daysProblem(367)).toEqual({ key: 'daysTooMany', vars: { max: 366 } });
    expect(daysProblem(366)).toBeNull();
  });

  it('holds a template’s whole number to its own bounds', () => {
    expect(integerProblem(-50, { min: 0 })).toEqual({ key: 'below', vars: { min: 0 } });
    expect(integerProblem(11, { min: 1, max: 10 })).toEqual({ key: 'above', vars: { max: 10 } });
    expect(integerProblem(3.5, {})).toEqual({ key: 'whole' });
    expect(integerProblem(10, { min: 1, max: 10 })).toBeNull();
  });

  it('refuses a score over its item’s maximum, below 0 or a fraction, and an empty one only once sending was tried', () => {
    expect(scoreProblem(35, 30, false)).toEqual({ key: 'scoreAbove', vars: { max: 30 } });
    expect(scoreProblem(-1, 30, false)).toEqual({ key: 'scoreNegative' });
    expect(scoreProblem(12.5, 30, false)).toEqual({ key: 'scoreWhole' });
    expect(scoreProblem(null, 30, false)).toBeNull();
    expect(scoreProblem(null, 30, true)).toEqual({ key: 'scoreMissing', vars: { max: 30 } });
    expect(scoreProblem(30, 30, true)).toBeNull();
  });
});
