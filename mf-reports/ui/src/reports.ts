// An annual report as the 年度报告库 list shows it, and the search form's client-side filter.
export interface AnnualReportRow {
  id: string;
  year: number;
  unitName: string;
  status: string;
  submittedAt: string | null;
}

export interface AnnualReportFilter {
  /** A year picked from the picker (`YYYY`), or empty. */
  year: string;
  status: string;
  unitName: string;
}

export function emptyAnnualReportFilter(): AnnualReportFilter {
  return { year: '', status: '', unitName: '' };
}

export function filterAnnualReports(rows: readonly AnnualReportRow[], filter: AnnualReportFilter): AnnualReportRow[] {
  const unit = filter.unitName.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (!filter.year || String(row.year) === filter.year) &&
      (!filter.status || row.status === filter.status) &&
      (!unit || (row.unitName ?? '').toLowerCase().includes(unit)),
  );
}
