// A unit as the 单位管理 list shows it, and the search form's client-side filter.
import type { UnitKind } from '@wgzj/shell/kit';

export interface UnitRow {
  id: string;
  name: string;
  kind: UnitKind;
  creditCode: string;
  province: string;
}

export interface UnitFilter {
  name: string;
  kind: string;
  creditCode: string;
  province: string;
}

export function emptyUnitFilter(): UnitFilter {
  return { name: '', kind: '', creditCode: '', province: '' };
}

function contains(haystack: string | undefined, needle: string): boolean {
  return !needle.trim() || (haystack ?? '').toLowerCase().includes(needle.trim().toLowerCase());
}

export function filterUnits(rows: readonly UnitRow[], filter: UnitFilter): UnitRow[] {
  return rows.filter(
    (row) =>
      contains(row.name, filter.name) &&
      contains(row.creditCode, filter.creditCode) &&
      contains(row.province, filter.province) &&
      (!filter.kind || row.kind === filter.kind),
  );
}
