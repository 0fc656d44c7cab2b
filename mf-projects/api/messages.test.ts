// The project library's texts live in its catalogue: no api file picks a language with a ternary again, and every
// message names the same placeholders in both languages.
import { fileURLToPath } from 'node:url';
import { languagePicksInFolder, mismatchedPlaceholders } from '@wgzj/gateway/kit';
import { describe, expect, it } from 'vitest';
import { projectMessages, t } from './messages.ts';

const API = fileURLToPath(new URL('.', import.meta.url));
/** Lines that pick which stored name to read (a project type, a news line: stored in both languages), not a text of ours. */
const PICKS_STORED_NAME = [/row\.name_zh : row\.name_en/, /plan\.type_name_zh : plan\.type_name_en/, /n\.title_en : n\.title_zh/];

describe('project messages', () => {
  it('no source file of the api picks a language inline (the catalogue holds the texts)', () => {
    expect(languagePicksInFolder(API, PICKS_STORED_NAME)).toEqual([]);
  });

  it('names the same placeholders in both languages of every message', () => {
    expect(mismatchedPlaceholders(projectMessages.catalogue)).toEqual([]);
  });

  it('writes the texts as the screens have always shown them', () => {
    expect(t('zh-CN', 'content.problem', { label: '项目名称', text: t('zh-CN', 'content.tooLong', { n: 50 }) })).toBe('项目名称不能超过 50 个字');
    expect(t('en-US', 'content.problem', { label: 'Title', text: t('en-US', 'content.required') })).toBe('Title is required');
    expect(t('zh-CN', 'score.tooHigh', { item: '创新性', max: 30 })).toBe('「创新性」的评分不能超过 30 分');
    expect(t('en-US', 'approval.tooMuch', { amount: '1,234.00' })).toBe('The approved amount cannot exceed the 1,234.00 yuan of expert funding applied for');
    expect(t('zh-CN', 'notice.returned', { title: '计划甲' })).toBe('计划已退回:计划甲');
    expect(t('zh-CN', 'file.tooMany', { noun: '附件', max: 5 })).toBe('附件最多上传 5 个文件。');
  });
});
