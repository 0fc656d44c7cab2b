import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@wgzj/shell/kit/catalogue-parity';
import { messages } from './messages.ts';

describe('年度报告库 messages', () => {
  it('have the same keys and placeholders in both languages', () => {
    expect(catalogueProblems(messages)).toEqual([]);
  });
});
