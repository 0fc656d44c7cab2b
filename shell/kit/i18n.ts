// The one vue-i18n instance of the page: the shell creates it, every remote adds its messages to it.
import { computed, type ComputedRef } from 'vue';
import { createI18n } from 'vue-i18n';
import { kitEnUS, kitZhCN } from './messages.ts';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'wgzj.locale';

/** A remote's messages: both locales, so an area is never English-only nor Chinese-only by accident. */
export type AreaMessages = Record<Locale, Record<string, unknown>>;

/** Every text's dotted key in a catalogue's type (`shell.home.todo`). */
type TextKeys<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${TextKeys<T[K]>}` }[keyof T & string];
type KeysOfOneOnly<Zh, En> = Exclude<TextKeys<Zh>, TextKeys<En>> | Exclude<TextKeys<En>, TextKeys<Zh>>;

/**
 * The type an area gives its en-US catalogue (a JSON file) so that it compiles only with exactly the zh-CN one's
 * keys: `const enUS: SameKeysAs<typeof zhJson, typeof enJson> = enJson`. It is the zh-CN type when the keys match,
 * else a type naming the keys only one locale has, which the assignment then fails on. Placeholders are strings to
 * the compiler; the kit's catalogue-parity check compares them.
 */
export type SameKeysAs<Zh, En> = [KeysOfOneOnly<Zh, En>] extends [never] ? Zh : { keysInOneLocaleOnly: KeysOfOneOnly<Zh, En> };

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function createKitI18n(locale: Locale = readStoredLocale()) {
  return createI18n({
    legacy: false,
    globalInjection: true,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': kitZhCN, 'en-US': kitEnUS },
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type KitI18n = ReturnType<typeof createKitI18n>;

let instance: KitI18n | null = null;

/** The page's i18n instance, created on first use. */
export function getI18n(): KitI18n {
  instance ??= createKitI18n();
  return instance;
}

/** Deep-merges an area's messages into the shared instance (idempotent; later keys win). */
export function addMessages(messages: AreaMessages): void {
  const { global } = getI18n();
  for (const locale of LOCALES) global.mergeLocaleMessage(locale, messages[locale] as never);
}

export function currentLocale(): Locale {
  const value = getI18n().global.locale.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export function setLocale(locale: Locale): void {
  getI18n().global.locale.value = locale;
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Reactive current locale, for components that format by locale (dates, country names). */
export function useLocale(): ComputedRef<Locale> {
  return computed(() => {
    const value = getI18n().global.locale.value;
    return isLocale(value) ? value : DEFAULT_LOCALE;
  });
}

/** Translate outside components (API errors, the failure panel's plain-DOM fallback). */
export function translate(key: string, named?: Record<string, unknown>): string {
  return named ? getI18n().global.t(key, named) : getI18n().global.t(key);
}
