// The expert library's texts live in its catalogue: no api file picks a language with a ternary again, and every
// message names the same placeholders in both languages.
import { fileURLToPath } from 'node:url';
import { languagePicksInFolder, mismatchedPlaceholders } from '@wgzj/gateway/kit';
import { describe, expect, it } from 'vitest';
import { expertMessages, t } from './messages.ts';

const API = fileURLToPath(new URL('.', import.meta.url));
/** Lines that pick which stored name to read (a project type published in both languages), not a text of ours. */
const PICKS_STORED_NAME = [/coalesce\(nullif\(name_en, ''\), name_zh\)/];

describe('expert messages', () => {
  it('no source file of the api picks a language inline (the catalogue holds the texts)', () => {
    expect(languagePicksInFolder(API, PICKS_STORED_NAME)).toEqual([]);
  });

  it('names the same placeholders in both languages of every message', () => {
    expect(mismatchedPlaceholders(expertMessages.catalogue)).toEqual([]);
  });

  it('writes the texts as the screens have always shown them', () => {
    expect(t('zh-CN', 'import.samePassportAsRow', { row: 12 })).toBe('护照号码:与第 12 行为同一国籍、同一护照号码');
    expect(t('en-US', 'todo.claimOverdue', { name: 'Anna Schmidt' })).toBe('Expert claim waiting over a week: Anna Schmidt');
    expect(t('zh-CN', 'correction.phoneChanged')).toBe('(已更改)');
  });
});
