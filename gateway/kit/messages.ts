// An area's server texts in one catalogue: each message in both languages with `{name}` placeholders, read through a
// typed `t(locale, key, vars)` so a misspelt key or a forgotten variable fails to compile.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from './errors.ts';

/** One message: the same text in both languages, with the same `{name}` placeholders. */
export type MessageText = Record<Locale, string>;

/** The placeholder names in a text literal: `'第 {row} 行:{name}'` gives `'row' | 'name'`. */
export type PlaceholdersOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;

type VarsOf<M extends MessageText> = PlaceholdersOf<M['zh-CN']> | PlaceholdersOf<M['en-US']>;

/** Values are written as given: a number is `String(n)`, never grouped or localised. */
export type MessageVars<Name extends string> = { readonly [K in Name]: string | number };

/** A message without placeholders takes no vars; one with placeholders requires every one of them. */
type VarsArg<M extends MessageText> = [VarsOf<M>] extends [never] ? [] : [vars: MessageVars<VarsOf<M>>];

export interface Messages<C extends Record<string, MessageText>> {
  /** The area the catalogue belongs to, for error reports. */
  readonly area: string;
  /** The catalogue itself, for tests and for screens that list every text. */
  readonly catalogue: C;
  t<K extends keyof C & string>(locale: Locale, key: K, ...vars: VarsArg<C[K]>): string;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The distinct placeholder names in a text, sorted. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** Keys whose two languages name different placeholders (a translation that would drop or invent a value). */
export function mismatchedPlaceholders(catalogue: Record<string, MessageText>): string[] {
  return Object.entries(catalogue)
    .filter(([, text]) => placeholdersIn(text['zh-CN']).join(',') !== placeholdersIn(text['en-US']).join(','))
    .map(([key]) => key);
}

/**
 * Declares an area's messages once. Refuses, when the module loads, a message without both languages or whose two
 * languages name different placeholders; the types refuse an unknown key and a missing variable at the call site.
 */
export function defineMessages<const C extends Record<string, MessageText>>(area: string, catalogue: C): Messages<C> {
  const untranslated = Object.entries(catalogue)
    .filter(([, text]) => typeof text['zh-CN'] !== 'string' || typeof text['en-US'] !== 'string')
    .map(([key]) => key);
  if (untranslated.length) throw new Error(`${area} messages: both zh-CN and en-US are required in ${untranslated.join(', ')}`);
  const mismatched = mismatchedPlaceholders(catalogue);
  if (mismatched.length) {
    throw new Error(`${area} messages: zh-CN and en-US name different placeholders in ${mismatched.join(', ')}`);
  }
  return {
    area,
    catalogue,
    t(locale, key, ...rest) {
      const text = catalogue[key]?.[locale];
      if (text === undefined) throw new Error(`${area} messages: no message ${key}`);
      const vars = (rest[0] ?? {}) as Record<string, string | number | undefined>;
      // One pass, so a value that itself holds `{x}` is written as it is and never read as a placeholder.
      return text.replace(PLACEHOLDER, (_placeholder, name: string) => {
        const value = vars[name];
        if (value === undefined) throw new Error(`${area} messages: ${key} needs {${name}}`);
        return String(value);
      });
    },
  };
}

/** A language picked in code instead of the catalogue: `zh ? …`, a flag such as `const english = locale === 'en-US'`,
 * `locale === 'zh-CN' ? …` (across a line break too), or a placeholder filled by hand with `.replace('{…'`. */
const INLINE_LANGUAGE =
  /\bzh\s*\?|\b(?:const|let)\s+\w+\s*=[^;\n]*===\s*'(?:zh-CN|en-US)'|===\s*'(?:zh-CN|en-US)'\s*\?|\.replace\(\s*'\{/g;

/** Where a source file picks a language inline (1-based line and the line's text), for an area's catalogue test. */
export function inlineLanguagePicks(source: string): Array<{ line: number; text: string }> {
  const lines = source.split('\n');
  return [...source.matchAll(INLINE_LANGUAGE)].map((m) => {
    const line = source.slice(0, m.index).split('\n').length;
    return { line, text: lines[line - 1]!.trim() };
  });
}

/**
 * Every inline language pick in an area's api folder (`file:line: text`), its catalogue (`messages.ts`) and tests
 * aside; `allowed` lines are picks of a stored name (a project type published in both languages), not our texts.
 */
export function languagePicksInFolder(dir: string, allowed: readonly RegExp[] = []): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name === 'messages.ts') continue;
    for (const pick of inlineLanguagePicks(readFileSync(join(dir, name), 'utf8'))) {
      if (!allowed.some((p) => p.test(pick.text))) found.push(`${name}:${pick.line}: ${pick.text}`);
    }
  }
  return found;
}
