// Times on the diagnostics screens: Beijing time like everywhere else, but to the second, since attempts a few
// seconds apart must be told apart when support matches them against what a user reports.
// The kit's DISPLAY_TIME_ZONE; repeated here because importing the kit's index pulls in its components,
// which plain unit tests cannot load.
const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const withSeconds = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `2026-11-28 09:30:05` in Asia/Shanghai; empty string for a missing or invalid value. */
export function formatDateTimeSeconds(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const p: Record<string, string> = {};
  for (const part of withSeconds.formatToParts(date)) p[part.type] = part.value;
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']}`;
}
