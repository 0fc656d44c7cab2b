// The form's identifier checks agree with the server's (gateway/kit) on valid, mistyped and random input.
import { creditCodeCheckChar, idNumberCheckChar, isValidCreditCode, isValidIdNumber, isValidMobile } from '@wgzj/gateway/kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCreditCode, isIdNumber, isMobile, isPhone, isUsername } from './checks.ts';

describe('supervising-unit form checks', () => {
  it('accepts codes with the right check character and refuses a changed one', () => {
    expect(isCreditCode('11110000000021231Y')).toBe(true);
    expect(isCreditCode('11110000000021231X')).toBe(false);
    expect(isIdNumber('110105198503122413')).toBe(true);
    expect(isIdNumber('110105198503122410')).toBe(false);
    expect(isIdNumber(`11010519901301001${idNumberCheckChar('11010519901301001')}`)).toBe(false);
  });

  it('agrees with the server on any input', () => {
    const chars = fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXYZIOSV');
    fc.assert(
      fc.property(fc.string({ unit: chars, minLength: 17, maxLength: 17 }), fc.boolean(), (first17, fix) => {
        const code = first17 + (fix ? creditCodeCheckChar(first17) || '0' : 'A');
        expect(isCreditCode(code)).toBe(isValidCreditCode(code));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 17, maxLength: 17 }), fc.boolean(), (first17, fix) => {
        const id = first17 + (fix ? idNumberCheckChar(first17) : 'X');
        expect(isIdNumber(id)).toBe(isValidIdNumber(id));
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => isMobile(s) === isValidMobile(s)));
  });

  it('takes landlines and mobiles as office numbers, and the server’s username characters', () => {
    expect(isPhone('010-12345678')).toBe(true);
    expect(isPhone('13800138000')).toBe(true);
    expect(isPhone('12345')).toBe(false);
    expect(isUsername('zj_kjt.li@x-1')).toBe(true);
    expect(isUsername('a b')).toBe(false);
  });
});
