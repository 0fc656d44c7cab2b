// Check characters of GB 32100 and GB 11643, checked against published examples and an independent formulation;
// the phone, e-mail and username rules the screens and the API share.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  creditCodeCheckChar,
  EMAIL_PATTERN,
  hasIdNumberShape,
  idNumberCheckChar,
  isValidCreditCode,
  isValidEmail,
  isValidIdNumber,
  isValidMobile,
  isValidPhone,
  isValidUsername,
  maskIdNumber,
  maskPhone,
} from './identifiers.ts';

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 §5 written the other way round: weight i is 3^i mod 31, check = 31 - (sum mod 31), 31 → 0. */
function referenceCreditCheck(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += CREDIT_ALPHABET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** ISO 7064 MOD 11-2 in its recursive form (not the weight table the code uses). */
function referenceIdCheck(first17: string): string {
  let p = 0;
  for (const ch of first17) p = ((p + Number(ch)) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

const creditChar = fc.constantFrom(...CREDIT_ALPHABET.split(''));
const digit = fc.constantFrom(...'0123456789'.split(''));
const creditPrefix = fc
  .tuple(fc.array(creditChar, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 6, maxLength: 6 }), fc.array(creditChar, { minLength: 9, maxLength: 9 }))
  .map(([a, b, c]) => [...a, ...b, ...c].join(''));
const idPrefix = fc
  .tuple(
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.array(digit, { minLength: 3, maxLength: 3 }),
  )
  .map(([region, birth, seq]) => `${region.join('')}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${seq.join('')}`);

/** The two standards with a check character, each with its published examples, its refusals and its reference. */
const CHECKED_STANDARDS = [
  {
    standard: 'unified social credit code (GB 32100-2015)',
    isValid: isValidCreditCode,
    accepted: [
      '91350100M000100Y43', // the example printed on sample business licences
      '11100000000014023J',
      '11110000000021231Y',
      '121100004000018622',
      '91110108MA0000001D',
    ],
    refused: [
      ['wrong check character', '91350100M000100Y44'],
      ['check character outside the alphabet (I)', '91110108MA0000001I'],
      ['O in the body, which the standard excludes', '91110108MO0000001D'],
      ['letters in the division code', '9111A108MA0000001D'],
      ['17 characters', '91110108MA0000001'],
      ['19 characters', '91110108MA0000001D0'],
      ['lower case', '91110108ma0000001d'],
      ['empty', ''],
    ],
    computes: 'computes the check character GB 32100 defines',
    checkChar: creditCodeCheckChar,
    reference: referenceCreditCheck,
    prefix: creditPrefix,
    acceptsPrefix: 'accepts a valid prefix with its check character and refuses it with any other',
    otherChars: `${CREDIT_ALPHABET}IOSVZ`,
  },
  {
    standard: 'resident identity number (GB 11643-1999)',
    isValid: isValidIdNumber,
    accepted: [
      '11010519491231002X', // the standard's own example
      '440524188001010014', // the standard's own example
      '11010119900307803X',
      '110101200002290018', // 29 February of a leap year
    ],
    refused: [
      ['wrong check digit', '110105194912310021'],
      ['not a date (30 February)', '110101199002300014'],
      ['29 February of a common year', '110101190002290011'],
      ['month 13', '110101199013010012'],
      ['15-digit old number', '110105491231002'],
      ['letter other than a final X', '11010519491231002A'],
      ['X before the end', '1101051949123100X2'],
      ['empty', ''],
    ],
    computes: 'computes the ISO 7064 MOD 11-2 check digit',
    checkChar: idNumberCheckChar,
    reference: referenceIdCheck,
    prefix: idPrefix,
    acceptsPrefix: 'accepts a valid prefix with its check digit and refuses it with any other',
    otherChars: '0123456789X',
  },
] satisfies Array<{ refused: Array<[why: string, value: string]> } & Record<string, unknown>>;

for (const { standard, isValid, accepted, refused, computes, checkChar, reference, prefix, acceptsPrefix, otherChars } of CHECKED_STANDARDS) {
  describe(standard, () => {
    it.each(accepted)('accepts %s', (value) => {
      expect(isValid(value)).toBe(true);
    });

    it.each(refused)('refuses %s', (_why, value) => {
      expect(isValid(value)).toBe(false);
    });

    it(computes, () => {
      fc.assert(
        fc.property(prefix, (p) => {
          expect(checkChar(p)).toBe(reference(p));
        }),
      );
    });

    it(acceptsPrefix, () => {
      const otherChar = fc.constantFrom(...otherChars.split(''));
      fc.assert(
        fc.property(prefix, otherChar, (p, other) => {
          const check = reference(p);
          expect(isValid(p + check)).toBe(true);
          fc.pre(other !== check);
          expect(isValid(p + other)).toBe(false);
        }),
      );
    });
  });
}

describe('mainland mobile number', () => {
  it.each(['13800138000', '19912345678'])('accepts %s', (phone) => {
    expect(isValidMobile(phone)).toBe(true);
  });
  it.each(['12800138000', '1380013800', '138001380000', '+8613800138000', '1380013800a'])('refuses %s', (phone) => {
    expect(isValidMobile(phone)).toBe(false);
  });
});

describe('values as stored: upper-case letters only (callers upper-case what people type)', () => {
  it('refuses a lower-case x in an ID number and lower-case letters in a credit code', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
  });

  it('reads the shape of an ID number without its date or check digit', () => {
    expect(hasIdNumberShape('110105194912310021')).toBe(true); // wrong check digit, right shape
    expect(hasIdNumberShape('11010519491231002X')).toBe(true);
    for (const bad of ['11010519491231002x', '1101051949123100X2', '11010519491231002', '']) expect(hasIdNumberShape(bad), bad).toBe(false);
  });
});

describe('office phone', () => {
  it.each(['010-12345678', '01012345678', '0755-1234567', '010-12345678-123', '13800138000'])('accepts %s', (phone) => {
    expect(isValidPhone(phone)).toBe(true);
  });
  it.each(['12345678', '010-123', '10-12345678', 'tel 010-12345678', '010-12345678-1234567', ''])('refuses %s', (phone) => {
    expect(isValidPhone(phone)).toBe(false);
  });
});

describe('e-mail', () => {
  it.each(['a@b.cn', 'zhang.san@example.edu.cn', "o'brien+x@mail.example.com", 'li_4-x@sub-domain.example.org'])('accepts %s', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each([
    ['no @', 'plain'],
    ['no top-level name', 'a@b'],
    ['a one-letter top-level name', 'a@b.c'],
    ['a leading dot', '.a@b.cn'],
    ['two dots', 'a..b@c.cn'],
    ['a dot before the @', 'a.@b.cn'],
    ["an apostrophe before the @", "a'@b.cn"],
    ['a label starting with -', 'a@-b.cn'],
    ['Chinese characters', '张三@example.cn'],
    ['a space', 'a b@c.cn'],
    ['two @', 'a@b@c.cn'],
    ['empty', ''],
  ])('refuses %s', (_why, email) => {
    expect(isValidEmail(email)).toBe(false);
  });

  it('takes up to 200 characters', () => {
    expect(isValidEmail(`${'a'.repeat(195)}@b.cn`)).toBe(true);
    expect(isValidEmail(`${'a'.repeat(196)}@b.cn`)).toBe(false);
  });

  it("is the rule the server applied before it was pinned here (zod's z.email())", () => {
    const local = fc.string({ unit: fc.constantFrom(..."ab9_'+-.@ ".split('')), maxLength: 8 });
    const domain = fc.string({ unit: fc.constantFrom(...'ab9-.'.split('')), maxLength: 10 });
    fc.assert(
      fc.property(local, domain, (l, d) => {
        const email = `${l}@${d}`;
        expect(isValidEmail(email), email).toBe(z.email().safeParse(email).success);
        expect(z.email({ pattern: EMAIL_PATTERN }).safeParse(email).success, email).toBe(isValidEmail(email));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('username', () => {
  it.each(['abc', 'zhang_san', 'a.b@c-d', 'x'.repeat(64)])('accepts %s', (name) => {
    expect(isValidUsername(name)).toBe(true);
  });
  it.each(['ab', 'x'.repeat(65), 'zhang san', '张三', 'a/b', ''])('refuses %s', (name) => {
    expect(isValidUsername(name)).toBe(false);
  });
});

describe('masks', () => {
  /** What a reader of the mask learns: the characters that are not '*', as a prefix and a suffix of the original. */
  function revealed(masked: string) {
    const match = /^([^*]*)\*+([^*]*)$/.exec(masked);
    return match ? { head: match[1]!, tail: match[2]!, hidesSomething: true } : { head: masked, tail: '', hidesSomething: false };
  }

  it('shows an 18-digit ID number and an 11-digit mobile as the first 3 and last 4', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });

  it.each([
    ['ID number', maskIdNumber],
    ['phone', maskPhone],
  ])('a masked %s never reveals more than its first 3 and last 4 characters, and always hides some', (_kind, mask) => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789X'.split('')), maxLength: 24 }), (value) => {
        const masked = mask(value);
        const shown = revealed(masked);
        if (value.length === 0) return;
        expect(shown.hidesSomething).toBe(true);
        expect(shown.head.length).toBeLessThanOrEqual(3);
        expect(shown.tail.length).toBeLessThanOrEqual(4);
        expect(value.startsWith(shown.head)).toBe(true);
        expect(value.endsWith(shown.tail)).toBe(true);
        // Together the visible parts must leave at least one original character unknown.
        expect(shown.head.length + shown.tail.length).toBeLessThan(value.length);
      }),
    );
  });
});
