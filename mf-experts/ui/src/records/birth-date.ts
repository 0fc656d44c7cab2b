// The birth-date picker of an expert (新增专家, 更正, 认领): it opens in January 1980, the decade most foreign experts
// are born around, not on today; only days from 1900 to today can be picked. The year in its header opens the
// year table, so another decade is two clicks away.

/** Where the picker opens when no date is chosen yet. */
export const BIRTH_DATE_OPENS_AT = () => new Date(1980, 0, 1);

const FIRST_YEAR = 1900;

/** A picker day that cannot be a living expert's birth date: in the future, or before 1900. */
export function notABirthDate(day: Date, today: Date = new Date()): boolean {
  const end = new Date(today.getFullYear(), today.getMonth(), today.getDate(), 23, 59, 59, 999);
  return day > end || day.getFullYear() < FIRST_YEAR;
}
