// The generated row types are the migrations' own: a migration that changes a table or a view and leaves the row
// types as they were fails here (run `npx tsx scripts/row-types.ts`).
import { describe, expect, it } from 'vitest';
import { generateRowTypes, staleRowTypes } from './row-types.ts';

describe('row types', () => {
  it('match what the migrations make today', async () => {
    const files = await generateRowTypes();
    expect(files.size).toBe(6);
    expect(files.get('mf-projects/db/rows.ts')).toContain('export interface PlansRow {');
    expect(staleRowTypes(files), 'run npx tsx scripts/row-types.ts').toEqual([]);
  });
});
