// The check every area's tests run on its UI catalogues: the two locales have the same keys, every text is a
// non-empty string, and each key names the same placeholders in both, so a translation can neither drop a key
// (vue-i18n would show the key path) nor lose or invent a value the screen fills in.
import type { AreaMessages } from './i18n.ts';

type Tree = { [key: string]: unknown };

/** Each text of a catalogue by its dotted key, in file order. */
export function catalogueTexts(tree: Tree, prefix = ''): Map<string, unknown> {
  const texts = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [path, text] of catalogueTexts(value as Tree, `${prefix}${key}.`)) texts.set(path, text);
    } else {
      texts.set(`${prefix}${key}`, value);
    }
  }
  return texts;
}

/**
 * The `{…}` parts of a text, each once, sorted: named (`{n}`) and list (`{0}`) placeholders, and literal escapes
 * such as `{'@'}`, which must survive translation as they are for vue-i18n to print the character.
 */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*([^{}]*?)\s*\}/g)].map((match) => `{${match[1]}}`))].sort();
}

/** What differs between the two locales of a catalogue; empty when they match. */
export function catalogueProblems(messages: AreaMessages): string[] {
  const zh = catalogueTexts(messages['zh-CN']);
  const en = catalogueTexts(messages['en-US']);
  const problems: string[] = [];
  for (const key of zh.keys()) if (!en.has(key)) problems.push(`en-US lacks ${key}`);
  for (const key of en.keys()) if (!zh.has(key)) problems.push(`zh-CN lacks ${key}`);
  for (const [locale, texts] of [['zh-CN', zh], ['en-US', en]] as const) {
    for (const [key, text] of texts) {
      if (typeof text !== 'string') problems.push(`${locale} ${key} is not a text`);
      else if (text.trim() === '') problems.push(`${locale} ${key} is empty`);
    }
  }
  for (const [key, text] of zh) {
    const other = en.get(key);
    if (typeof text !== 'string' || typeof other !== 'string') continue;
    const [ours, theirs] = [placeholdersOf(text), placeholdersOf(other)];
    if (ours.join() !== theirs.join()) problems.push(`${key}: zh-CN has ${ours.join(' ') || 'no placeholder'}, en-US ${theirs.join(' ') || 'none'}`);
  }
  return problems;
}
