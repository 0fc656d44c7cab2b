// Beijing time, once, for the servers and the screens alike (`@wgzj/gateway/kit/shared/dates`; no imports, so a
// browser can load it): dates are stored as UTC instants and always shown, and whole days always cut, in
// Asia/Shanghai whatever the machine's or the browser's zone. China has kept UTC+8 without daylight saving since
// 1991, so a day's bounds and a picked wall-clock time are a fixed offset away.

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';
/** The zone's offset, all year. */
export const SHANGHAI_OFFSET = '+08:00';
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type DateInput = string | number | Date | null | undefined;

const dateTimeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function partsOf(value: DateInput): Record<string, string> | null {
  const date = toDate(value);
  if (!date) return null;
  const out: Record<string, string> = {};
  for (const part of dateTimeParts.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** `2026-11-28` in Beijing time; empty string for a missing or invalid value. */
export function formatShanghaiDate(value: DateInput): string {
  const p = partsOf(value);
  return p ? `${p['year']}-${p['month']}-${p['day']}` : '';
}

/** `2026-11-28 09:30` in Beijing time; empty string for a missing or invalid value. */
export function formatShanghaiDateTime(value: DateInput): string {
  const p = partsOf(value);
  return p ? `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}` : '';
}

/** `2026-11-28 09:30:05` in Beijing time, to the second; empty string for a missing or invalid value. */
export function formatShanghaiDateTimeSeconds(value: DateInput): string {
  const p = partsOf(value);
  return p ? `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']}` : '';
}

/** `14:05:09` in Beijing time (已自动保存 14:05:09); empty string for a missing or invalid value. */
export function formatShanghaiClock(value: DateInput): string {
  const p = partsOf(value);
  return p ? `${p['hour']}:${p['minute']}:${p['second']}` : '';
}

/** Today's date in Beijing (`YYYY-MM-DD`): what a call's opening day or a deadline is compared with. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of a Beijing day (`YYYY-MM-DD`), in UTC. */
export function startOfShanghaiDay(day: string): Date {
  return new Date(`${day}T00:00:00${SHANGHAI_OFFSET}`);
}

/** The first instant after a Beijing day (an exclusive upper bound), in UTC. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(startOfShanghaiDay(day).getTime() + DAY_MS);
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2}))?$/;

/** A picked wall-clock time (`2026-11-28 09:30`, seconds optional) read as Beijing time, as an ISO instant; null when it is none. */
export function shanghaiWallClockToIso(wall: string): string | null {
  const match = WALL_CLOCK.exec(wall.trim());
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}:${match[3] ?? '00'}${SHANGHAI_OFFSET}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
