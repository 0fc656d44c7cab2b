// The admin area's texts live in its catalogue: no route file picks a language with a ternary again, and every
// message names the same placeholders in both languages.
import { fileURLToPath } from 'node:url';
import { languagePicksInFolder, mismatchedPlaceholders } from '@wgzj/gateway/kit';
import { describe, expect, it } from 'vitest';
import { adminMessages, t } from './messages.ts';

const API = fileURLToPath(new URL('.', import.meta.url));
/** Lines that pick which stored name to read (a project type published in both languages), not a text of ours. */
const PICKS_STORED_NAME = [/summary\['nameEn'\]/, /coalesce\(name_en, name_zh\)/];

describe('admin messages', () => {
  it('no source file of the api picks a language inline (the catalogue holds the texts)', () => {
    expect(languagePicksInFolder(API, PICKS_STORED_NAME)).toEqual([]);
  });

  it('names the same placeholders in both languages of every message', () => {
    expect(mismatchedPlaceholders(adminMessages.catalogue)).toEqual([]);
  });

  it('writes the texts as the screens have always shown them', () => {
    expect(t('zh-CN', 'todo.userReview', { name: '张三', unit: '清华大学' })).toBe('用户审核:清华大学 张三');
    expect(t('en-US', 'unit.edit.returnedWithReason', { reason: 'x' })).toBe('The registration was returned (reason: x); correct it and submit again.');
    expect(t('zh-CN', 'unit.state.approved') + t('zh-CN', 'unit.canWithdraw')).toBe('单位注册已审核通过。您可以撤回。');
    expect(t('en-US', 'user.inUse') + t('en-US', 'user.canResubmit')).toBe('The account is in use. You can correct it and submit it again.');
    expect(t('en-US', 'audit.yuan', { amount: '1,234.50' })).toBe('¥1,234.50');
  });
});
