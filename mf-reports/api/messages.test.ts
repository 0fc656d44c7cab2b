// The annual reports area's texts live in its catalogue: no api file picks a language inline again, and every
// message names the same placeholders in both languages.
import { fileURLToPath } from 'node:url';
import { languagePicksInFolder, mismatchedPlaceholders } from '@wgzj/gateway/kit';
import { describe, expect, it } from 'vitest';
import { reportMessages, t } from './messages.ts';

const API = fileURLToPath(new URL('.', import.meta.url));

describe('report messages', () => {
  it('no source file of the api picks a language inline (the catalogue holds the texts)', () => {
    expect(languagePicksInFolder(API)).toEqual([]);
  });

  it('names the same placeholders in both languages of every message', () => {
    expect(mismatchedPlaceholders(reportMessages.catalogue)).toEqual([]);
  });

  it('writes the texts as the screens have always shown them', () => {
    expect(t('zh-CN', 'todo.annualReportReview', { year: 2025, unit: '清华大学' })).toBe('2025年度报告待审核:清华大学');
    expect(t('en-US', 'todo.annualReportReview', { year: 2025, unit: 'Tsinghua' })).toBe('Annual report 2025 to review: Tsinghua');
  });
});
