// Dates are stored in UTC and always shown in Beijing time, whatever the browser's zone (the rules live once, in
// gateway/kit/shared/dates.ts, which the servers use too).
import { formatShanghaiDate, formatShanghaiDateTime, SHANGHAI_TIME_ZONE, type DateInput } from '@wgzj/gateway/kit/shared/dates';

export const DISPLAY_TIME_ZONE = SHANGHAI_TIME_ZONE;

/** `2026-11-28 09:30` in Asia/Shanghai; empty string for a missing or invalid value. */
export function formatDateTime(value: DateInput): string {
  return formatShanghaiDateTime(value);
}

/** `2026-11-28` in Asia/Shanghai; empty string for a missing or invalid value. */
export function formatDate(value: DateInput): string {
  return formatShanghaiDate(value);
}
