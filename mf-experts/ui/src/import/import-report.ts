// 批量导入's report: what the check found and which of the two imports it allows.
import type { ImportRefusal, ImportReport } from '../expert-types.ts';

export interface ImportSummary {
  total: number;
  valid: number;
  /** Rows with at least one refusal (a row may be refused for several fields). */
  refusedRows: number;
  /** 导入: everything, only when nothing is refused. */
  canImportAll: boolean;
  /** 仅导入有效行: some rows are refused but others are fine. */
  canImportValid: boolean;
}

export function summarizeImport(report: ImportReport): ImportSummary {
  const refusedRows = new Set(report.refused.map((r) => r.row)).size;
  return {
    total: report.total,
    valid: report.valid,
    refusedRows,
    canImportAll: report.valid > 0 && report.refused.length === 0,
    canImportValid: report.valid > 0 && report.refused.length > 0,
  };
}

/** Refusals by row, then in the order the server gave them for that row. */
export function sortedRefusals(refused: readonly ImportRefusal[]): ImportRefusal[] {
  return refused.map((r, i) => ({ r, i })).sort((a, b) => a.r.row - b.r.row || a.i - b.i).map(({ r }) => r);
}
