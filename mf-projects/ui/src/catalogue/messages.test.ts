import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@wgzj/shell/kit/catalogue-parity';
import { catalogueMessages } from './messages.ts';

// That every rule, field type, state and place the screens name has a text is checked by the compiler
// (`TextsFor` in messages.ts); these are the checks it cannot make.
type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}
const placeholders = (text: string) => [...text.matchAll(/\{([a-z]+)\}/gi)].map((m) => m[1]).sort();

describe('项目库 catalogue messages', () => {
  const zh = new Map(leaves(catalogueMessages['zh-CN'] as unknown as Tree));
  const en = new Map(leaves(catalogueMessages['en-US'] as unknown as Tree));

  it("have the same keys and placeholders in both languages (the kit's check every area runs)", () => {
    expect(catalogueProblems(catalogueMessages)).toEqual([]);
  });

  it('say the same things in both languages, none empty, with the same placeholders', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      expect(en.get(key)!.trim(), key).not.toBe('');
      expect(placeholders(en.get(key)!), key).toEqual(placeholders(text));
    }
  });

  it('are Chinese in zh-CN, apart from placeholders, units and punctuation', () => {
    for (const [key, text] of zh) {
      if (!/[一-龥]/.test(text)) expect(text.replace(/\{[a-z]+\}/gi, '').replace(/\bMB\b/g, '').replace(/[\s·—–:/.,()（）-]/g, ''), key).toBe('');
    }
  });

  it('avoid vue-i18n’s special characters (| splits plurals, @ links messages)', () => {
    for (const [key, text] of [...zh, ...en]) expect(text, key).not.toMatch(/[|@]/);
  });
});
