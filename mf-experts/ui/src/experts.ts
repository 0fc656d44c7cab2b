// An expert as the 专家库 list shows it, country names, and the search form's client-side filter.
export interface ExpertRow {
  id: string;
  name: string;
  chineseName: string;
  /** ISO 3166-1 alpha-2. */
  nationality: string;
  discipline: string;
  visitCount: number;
}

export interface ExpertFilter {
  name: string;
  nationality: string;
  discipline: string;
  minVisits: number | undefined;
}

export function emptyExpertFilter(): ExpertFilter {
  return { name: '', nationality: '', discipline: '', minVisits: undefined };
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** The country's name in the UI language (`US` → 美国); the code itself when the runtime does not know it. */
export function countryName(code: string, locale: string): string {
  if (!/^[A-Za-z]{2}$/.test(code ?? '')) return code ?? '';
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    displayNames.set(locale, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

function contains(haystack: string | undefined, needle: string): boolean {
  return !needle.trim() || (haystack ?? '').toLowerCase().includes(needle.trim().toLowerCase());
}

export function filterExperts(rows: readonly ExpertRow[], filter: ExpertFilter): ExpertRow[] {
  return rows.filter(
    (row) =>
      (contains(row.name, filter.name) || contains(row.chineseName, filter.name)) &&
      contains(row.discipline, filter.discipline) &&
      (!filter.nationality || row.nationality?.toUpperCase() === filter.nationality) &&
      (filter.minVisits === undefined || row.visitCount >= filter.minVisits),
  );
}
