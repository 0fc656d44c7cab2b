// Search forms pick whole days in Beijing time (YYYY-MM-DD); the database stores UTC instants. A day's bounds come
// from the kit's Beijing-time rules (gateway/kit/shared/dates.ts).
import { AppError, type Locale } from '@wgzj/gateway/kit';
import { endOfShanghaiDay, startOfShanghaiDay } from '@wgzj/gateway/kit/shared/dates';
import { z } from 'zod';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** An optional `YYYY-MM-DD` query parameter naming a real calendar day. */
export const day = () =>
  z
    .string()
    .trim()
    .refine(isCalendarDay)
    .optional()
    .or(z.literal('').transform(() => undefined));


/** `from`/`to` days as the UTC range `[from, to)`; either may be open. */
export function shanghaiDayRange(range: { from?: string | undefined; to?: string | undefined }): { from?: Date; to?: Date } {
  return {
    ...(range.from ? { from: startOfShanghaiDay(range.from) } : {}),
    ...(range.to ? { to: endOfShanghaiDay(range.to) } : {}),
  };
}

const RANGE_INVERTED = {
  'zh-CN': '结束日期:不能早于开始日期',
  'en-US': 'To: must not be before From',
} as const;

/** Refuses a `to` before its `from` (a picker can still send them swapped), naming the field. */
export function checkDayOrder(v: { from?: string | undefined; to?: string | undefined }, locale: Locale): void {
  if (!v.from || !v.to || v.from <= v.to) return;
  throw new AppError('VALIDATION_FAILED', { status: 400, ...RANGE_INVERTED }).onField('to', locale);
}
