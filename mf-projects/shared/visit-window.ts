// When a plan's visits may take place, for the server's check and the editor's date pickers alike: its execution
// period (the template's 执行开始日期 / 执行结束日期, `content.startDate` / `content.endDate`); until both are filled in
// (and in order), the plan year.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: unknown): v is string => typeof v === 'string' && DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

export interface VisitWindow {
  from: string;
  to: string;
  /** True when the window is the execution period, false when it is the plan year. */
  fromPeriod: boolean;
}

export function visitWindowOf(year: number, content: Readonly<Record<string, unknown>>): VisitWindow {
  const start = content['startDate'];
  const end = content['endDate'];
  if (isDay(start) && isDay(end) && start <= end) return { from: start, to: end, fromPeriod: true };
  return { from: `${year}-01-01`, to: `${year}-12-31`, fromPeriod: false };
}

/** `YYYY-MM-DD` of a picker's day (a local date: the picker's cells are local midnights). */
export const dayOf = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** A picker day outside the window is greyed out. */
export const outsideWindow = (window: VisitWindow, date: Date) => {
  const day = dayOf(date);
  return day < window.from || day > window.to;
};
