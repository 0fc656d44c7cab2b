// A plan as the 项目库 list shows it, and the search form's client-side filter.
export interface PlanRow {
  id: string;
  title: string;
  projectType: string;
  unitName: string;
  status: string;
  year: number;
  updatedAt: string;
}

export interface PlanFilter {
  title: string;
  status: string;
  projectType: string;
  unitName: string;
  /** A year picked from the picker (`YYYY`), or empty. */
  year: string;
}

export function emptyPlanFilter(): PlanFilter {
  return { title: '', status: '', projectType: '', unitName: '', year: '' };
}

function contains(haystack: string, needle: string): boolean {
  return !needle.trim() || haystack.toLowerCase().includes(needle.trim().toLowerCase());
}

export function filterPlans(rows: readonly PlanRow[], filter: PlanFilter): PlanRow[] {
  return rows.filter(
    (row) =>
      contains(row.title, filter.title) &&
      contains(row.unitName, filter.unitName) &&
      (!filter.status || row.status === filter.status) &&
      (!filter.projectType || row.projectType === filter.projectType) &&
      (!filter.year || String(row.year) === filter.year),
  );
}
