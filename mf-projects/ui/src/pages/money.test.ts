import { describe, expect, it } from 'vitest';
import { fenToYuan, formatYuan, yuanToFen } from './money.ts';

describe('fen and yuan', () => {
  it('turns typed yuan into whole fen, rounding float noise instead of truncating it', () => {
    expect(yuanToFen(16000)).toBe(1_600_000);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(1234.565)).toBe(123_457);
    expect(yuanToFen(0)).toBe(0);
  });

  it('keeps an empty input empty', () => {
    expect(yuanToFen(null)).toBeNull();
    expect(yuanToFen(undefined)).toBeNull();
    expect(yuanToFen(Number.NaN)).toBeNull();
    expect(fenToYuan(null)).toBeNull();
  });

  it('shows stored fen as yuan, two decimals and thousands separated', () => {
    expect(fenToYuan(1999)).toBe(19.99);
    expect(formatYuan(1_234_560)).toBe('12,345.60');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(null)).toBe('');
  });

  it('survives the round trip for every cent of a typical amount', () => {
    for (let fen = 0; fen < 20_000; fen += 7) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
});
