import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@wgzj/shell/kit/catalogue-parity';
import { planMessages } from './messages.ts';
import { FUNDING_FIELDS, PLAN_STATES } from './plan-types.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}
const lookup = (tree: Tree, path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);

describe('项目库 plan messages', () => {
  const zh = planMessages['zh-CN'] as unknown as Tree;
  const en = planMessages['en-US'] as unknown as Tree;

  it("have the same keys and placeholders in both languages (the kit's check every area runs)", () => {
    expect(catalogueProblems(planMessages)).toEqual([]);
  });

  it('say the same things in both languages, none empty', () => {
    expect(leaves(en).map(([k]) => k).sort()).toEqual(leaves(zh).map(([k]) => k).sort());
    for (const [key, text] of [...leaves(zh), ...leaves(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('are Chinese in zh-CN (no English-only text)', () => {
    for (const [key, text] of leaves(zh)) {
      if (/^[\s{}a-z0-9.,:/·~×=–-]*$/i.test(text) && !/[一-龥]/.test(text)) {
        // Only placeholders and punctuation, like `{year} · {type}`, may go without Chinese.
        expect(text.replace(/\{[a-z]+\}/gi, '').replace(/[\s·~×=–:/.,-]/g, ''), key).toBe('');
      }
    }
  });

  it('have a text for every key the screens build from data', () => {
    const built = [
      ...PLAN_STATES.map((s) => `state.${s}`),
      ...FUNDING_FIELDS.map((f) => `funding.${f}`),
      ...['talent', 'platform'].map((f) => `family.${f}`),
      ...['all', 'review', 'reviewEmployer', 'reviewReviewer', 'mine'].map((v) => `view.${v}`),
      ...['empty', 'tooLarge', 'badType'].map((p) => `files.problem.${p}`),
    ];
    for (const key of built) {
      expect(typeof lookup(zh, key), key).toBe('string');
      expect(typeof lookup(en, key), key).toBe('string');
    }
  });

  it('avoid vue-i18n’s special characters (| splits plurals, @ links messages)', () => {
    for (const [key, text] of [...leaves(zh), ...leaves(en)]) expect(text, key).not.toMatch(/[|@]/);
  });
});
