import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@wgzj/shell/kit/catalogue-parity';
import { messages } from './messages.ts';
import { EXPERT_FIELDS } from './records/expert-fields.ts';
import { SEARCH_SORTS } from './search/expert-search.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`)));
}

function lookup(tree: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);
}

describe('专家库 messages', () => {
  const zh = messages['zh-CN'] as unknown as Tree;
  const en = messages['en-US'] as unknown as Tree;

  it("have the same keys and placeholders in both languages (the kit's check every area runs)", () => {
    expect(catalogueProblems(messages)).toEqual([]);
  });

  it('say the same things in both languages', () => {
    expect(leaves(en).sort()).toEqual(leaves(zh).sort());
  });

  it('have a text for every key the screens build from data', () => {
    const built = [
      ...EXPERT_FIELDS.map((f) => `experts.field.${f}`),
      ...SEARCH_SORTS.map((s) => `experts.search.sortBy.${s}`),
      ...['male', 'female'].map((g) => `experts.gender.${g}`),
      ...['cv', 'photo', 'import'].map((k) => `experts.files.rule.${k}`),
      ...['cv', 'photo'].map((k) => `experts.files.${k}`),
      ...['empty', 'tooLarge', 'badType', 'unreadable'].map((p) => `experts.files.problem.${p}`),
      ...['merged', 'correctionPending', 'lockedCorrect', 'locked', 'notOwner', 'editMerge', 'edit', 'read'].map((n) => `experts.detail.note.${n}`),
      ...['pending', 'approved', 'rejected'].map((s) => `experts.correction.tabs.${s}`),
      ...['absorbed', 'mergedAway'].map((r) => `experts.merges.${r}`),
      ...['expert', 'other'].map((s) => `experts.duplicates.${s}`),
    ];
    for (const key of built) {
      expect(typeof lookup(zh, key), key).toBe('string');
      expect(typeof lookup(en, key), key).toBe('string');
    }
  });

  it("use none of vue-i18n's special characters by accident", () => {
    for (const tree of [zh, en]) {
      for (const key of leaves(tree)) expect(String(lookup(tree, key)), key).not.toMatch(/[@|$]/);
    }
  });
});
