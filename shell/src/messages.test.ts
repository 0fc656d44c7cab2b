import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@wgzj/shell/kit/catalogue-parity';
import { shellEnUS, shellZhCN } from './messages.ts';

describe('shell messages', () => {
  it('have the same keys and placeholders in both languages', () => {
    expect(catalogueProblems({ 'zh-CN': shellZhCN, 'en-US': shellEnUS })).toEqual([]);
  });
});
