import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@wgzj/shell/kit/catalogue-parity';
import { messages } from '../messages.ts';
import { ADMISSION_CHECKS, DURATION_STEPS, HANDOFF_OUTCOMES, REFUSAL_CODES, USER_KINDS } from './handoffs.ts';
import { ACCOUNT_STATUSES } from './sessions.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`),
  );
}

function lookup(tree: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);
}

describe('系统管理 messages', () => {
  const zh = messages['zh-CN'] as unknown as Tree;
  const en = messages['en-US'] as unknown as Tree;

  it("have the same keys and placeholders in both languages (the kit's check every area runs)", () => {
    expect(catalogueProblems(messages)).toEqual([]);
  });

  it('has the same keys in both languages', () => {
    expect(leaves(en).sort()).toEqual(leaves(zh).sort());
  });

  it('labels every outcome, refusal code, check, user kind, step and account state in both languages', () => {
    const keys = [
      ...HANDOFF_OUTCOMES.map((o) => `admin.diagnostics.outcome.${o}`),
      ...REFUSAL_CODES.map((c) => `admin.diagnostics.refusal.${c}`),
      ...ADMISSION_CHECKS.map((c) => `admin.diagnostics.check.${c}`),
      ...USER_KINDS.map((k) => `admin.diagnostics.userKind.${k}`),
      ...DURATION_STEPS.map((s) => `admin.diagnostics.duration.${s}`),
      ...ACCOUNT_STATUSES.map((s) => `admin.diagnostics.accountStatus.${s}`),
    ];
    for (const key of keys) {
      expect(typeof lookup(zh, key), key).toBe('string');
      expect(typeof lookup(en, key), key).toBe('string');
    }
  });

  it('gives the refusal labels support reads on the phone', () => {
    expect(lookup(zh, 'admin.diagnostics.refusal.ADMISSION_ROLE_MISSING')).toBe('未获“外国专家项目”授权');
    expect(lookup(zh, 'admin.diagnostics.refusal.ADMISSION_IDENTITY_KIND')).toBe('非自然人帐号(法人登录)');
    expect(lookup(zh, 'admin.diagnostics.check.credit_code')).toBe('统一社会信用代码');
    expect(lookup(zh, 'admin.diagnostics.duration.token')).toBe('换取令牌');
  });

  it('keeps the zh-CN texts Chinese (no English left in the default language)', () => {
    // Words that may stay Latin in Chinese text: codes, units, product names, placeholders' examples.
    const allowed = /^(ms|MB|PDF|JPEG|PNG|DOCX|XLSX|Excel|GB|T|IP|HTTP|PGlite|PostgreSQL|Redis|H\d{8}|ABCDEF|n|area|username|reference|names|time|version|dir|url)$/;
    for (const key of leaves(zh)) {
      const text = String(lookup(zh, key));
      // Named placeholders ({username}) are filled in, never shown.
      const words = text.replace(/\{[A-Za-z_]+\}/g, '').match(/[A-Za-z]+\d*/g) ?? [];
      for (const word of words) expect(allowed.test(word), `${key}: ${text}`).toBe(true);
    }
  });
});
