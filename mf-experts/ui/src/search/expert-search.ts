// 专家库查询's form: the filters as the API's query (one function, shared by the table and the Excel export, so the
// workbook holds exactly what the table shows) and the sort orders offered.

export const EXPERTS_API = '/api/experts/experts';

export const SEARCH_SORTS = ['name', 'latestVisit', 'visitCount'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface ExpertFilter {
  /** 姓名 or 中文名, any part. */
  name: string;
  nationality: string;
  /** A category (two digits, with its children) or a first-level discipline (four digits). */
  discipline: string;
  /** Part of a host unit's name (来华单位). */
  hostUnit: string;
  /** GB/T 2260 province code. */
  province: string;
  year: number | null;
  program: string;
  sort: SearchSort;
}

export function emptyExpertFilter(): ExpertFilter {
  return { name: '', nationality: '', discipline: '', hostUnit: '', province: '', year: null, program: '', sort: 'name' };
}

/** The filter as query parameters: trimmed, empty ones left out; the default sort is left to the server. */
export function expertQuery(filter: ExpertFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['name', 'nationality', 'discipline', 'hostUnit', 'province', 'program'] as const) {
    const value = (filter[key] ?? '').trim();
    if (value) out[key] = value;
  }
  if (typeof filter.year === 'number' && Number.isInteger(filter.year)) out['year'] = String(filter.year);
  if (filter.sort && filter.sort !== 'name') out['sort'] = filter.sort;
  return out;
}

/** The export link for the applied search: a plain GET the browser downloads with the session cookie. */
export function exportUrl(filter: ExpertFilter): string {
  const qs = new URLSearchParams(expertQuery(filter)).toString();
  return `${EXPERTS_API}/export${qs ? `?${qs}` : ''}`;
}

