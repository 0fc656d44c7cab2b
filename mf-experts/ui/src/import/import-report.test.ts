import { describe, expect, it } from 'vitest';
import { sortedRefusals, summarizeImport } from './import-report.ts';

describe('import report', () => {
  it('allows importing everything only when nothing was refused', () => {
    expect(summarizeImport({ total: 3, valid: 3, imported: 0, refused: [] })).toEqual({
      total: 3,
      valid: 3,
      refusedRows: 0,
      canImportAll: true,
      canImportValid: false,
    });
  });

  it('offers the valid rows when some are refused, counting a row once', () => {
    const report = {
      total: 4,
      valid: 2,
      imported: 0,
      refused: [
        { row: 5, field: 'birthDate', message: 'x' },
        { row: 3, field: 'name', message: 'y' },
        { row: 5, field: 'nationality', message: 'z' },
      ],
    };
    expect(summarizeImport(report)).toMatchObject({ refusedRows: 2, canImportAll: false, canImportValid: true });
    expect(sortedRefusals(report.refused).map((r) => `${r.row}:${r.field}`)).toEqual(['3:name', '5:birthDate', '5:nationality']);
  });

  it('offers nothing when no row is valid', () => {
    expect(summarizeImport({ total: 1, valid: 0, imported: 0, refused: [{ row: 2, field: 'name', message: 'x' }] })).toMatchObject({
      canImportAll: false,
      canImportValid: false,
    });
  });
});
