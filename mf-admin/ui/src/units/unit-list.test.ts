// A unit's registration speaks its own words: 审核通过 / 已通过, never 已批复 (that is a plan's approval).
import { describe, expect, it } from 'vitest';
import { messages } from '../messages.ts';
import { REGISTRATION_STATES, registrationStateKey } from './unit-list.ts';

const lookup = (locale: 'zh-CN' | 'en-US', key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages[locale]);

describe('registration state names', () => {
  it.each(['zh-CN', 'en-US'] as const)('names every state in %s', (locale) => {
    for (const state of REGISTRATION_STATES) {
      const name = lookup(locale, registrationStateKey(state)!);
      expect(typeof name, state).toBe('string');
      expect(name).not.toBe(state);
    }
  });

  it('calls an approved registration 审核通过, not 已批复', () => {
    expect(lookup('zh-CN', registrationStateKey('approved')!)).toBe('审核通过');
    for (const state of REGISTRATION_STATES) expect(lookup('zh-CN', registrationStateKey(state)!)).not.toMatch(/批复/);
    expect(lookup('en-US', registrationStateKey('approved')!)).toBe('Registration approved');
  });

  it('leaves a state it does not know to the caller', () => {
    expect(registrationStateKey('frozen')).toBeNull();
  });
});
