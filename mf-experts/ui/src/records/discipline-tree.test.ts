import { describe, expect, it } from 'vitest';
import { disciplineTree } from './discipline-tree.ts';

describe('discipline tree', () => {
  it('offers categories with their first-level disciplines, labelled with the code', () => {
    const science = disciplineTree('zh-CN').find((o) => o.value === '07');
    expect(science?.label).toBe('理学(07)');
    expect(science?.children?.find((o) => o.value === '0702')).toEqual({ value: '0702', label: '物理学(0702)' });
  });

  it('names them in English for en-US', () => {
    expect(disciplineTree('en-US').find((o) => o.value === '07')?.children?.[0]?.label).toBe('Mathematics (0701)');
  });
});
