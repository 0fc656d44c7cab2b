import { describe, expect, it } from 'vitest';
import type { CorrectionCurrent } from '../expert-types.ts';
import { correctionDiff } from './correction-diff.ts';

const current = {
  id: 'e1',
  name: 'John Smith',
  birthDate: '1970-01-02',
  passportMasked: 'E1****89',
  phoneMasked: '138****0000',
  keywords: ['材料'],
  email: null,
} as unknown as CorrectionCurrent;

describe('correction diff', () => {
  it('lists the asked fields in form order beside the record', () => {
    const rows = correctionDiff({ keywords: ['催化'], birthDate: '1970-01-03', name: 'Jon Smith' }, current);
    expect(rows).toEqual([
      { field: 'name', current: 'John Smith', requested: 'Jon Smith' },
      { field: 'birthDate', current: '1970-01-02', requested: '1970-01-03' },
      { field: 'keywords', current: ['材料'], requested: ['催化'] },
    ]);
  });

  it('shows identifiers masked on both sides, as the server lists them', () => {
    const rows = correctionDiff({ passportNumber: 'E9****11', phone: '(已更改)' }, current);
    expect(rows).toEqual([
      { field: 'passportNumber', current: 'E1****89', requested: 'E9****11' },
      { field: 'phone', current: '138****0000', requested: '(已更改)' },
    ]);
  });

  it('copes with a record out of sight and with unknown names', () => {
    expect(correctionDiff({ email: 'a@b.c', bogus: 1 }, null)).toEqual([{ field: 'email', current: null, requested: 'a@b.c' }]);
  });
});
