// Money is stored and sent as integer fen (分); people read and type yuan (元) with two decimals.

/** Fen from a yuan amount typed or picked on screen; null for nothing typed. Rounds to the nearest fen. */
export function yuanToFen(yuan: number | null | undefined): number | null {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return null;
  // 0.1 + 0.2 style float noise: 19.99 * 100 = 1998.9999999999998, so round, never truncate.
  return Math.round(yuan * 100);
}

/** Yuan for an input showing a stored fen amount; null stays empty. */
export function fenToYuan(fen: number | null | undefined): number | null {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return null;
  return fen / 100;
}

const yuanFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `12,345.60` for 1234560 fen; empty for no amount. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  return yuanFormat.format(fen / 100);
}
