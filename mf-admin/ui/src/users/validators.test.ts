import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
// The server's own checks: the form must refuse exactly what the server refuses.
import * as server from '@wgzj/gateway/kit/shared/identifiers';
import {
  emptyNewUser,
  idNumberCheckChar,
  isValidEmail,
  isValidIdNumber,
  isValidMobile,
  isValidPhone,
  isValidUsername,
  newUserBody,
  newUserProblems,
} from './validators.ts';

const VALID_ID = '11010519491231002X'; // GB 11643's own example

describe('resident ID number (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('accepts a number with its check character, x read as X', () => {
    expect(isValidIdNumber(VALID_ID)).toBe(true);
    expect(isValidIdNumber(VALID_ID.toLowerCase())).toBe(true);
    expect(idNumberCheckChar(VALID_ID.slice(0, 17))).toBe('X');
  });

  it('refuses a wrong check character, a wrong length, letters, and an impossible birth date', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('11010519491231002XX')).toBe(false);
    expect(isValidIdNumber('1101051949123100AX')).toBe(false);
    const feb30 = '11010519490230002';
    expect(isValidIdNumber(feb30 + idNumberCheckChar(feb30))).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
  });

  it('agrees with the server on any 18 characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), fc.constantFrom(...'0123456789X'), (first17, last) => {
        const id = first17 + last;
        expect(isValidIdNumber(id)).toBe(server.isValidIdNumber(id));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        expect(idNumberCheckChar(first17)).toBe(server.idNumberCheckChar(first17));
      }),
    );
  });
});

describe('mobile and office phone', () => {
  it('takes 11 digits starting with 1[3-9] as a mobile', () => {
    expect(isValidMobile('13800138000')).toBe(true);
    expect(isValidMobile('19912345678')).toBe(true);
    for (const bad of ['12800138000', '1380013800', '138001380000', '23800138000', '1380013800a', ' 13800138000']) {
      expect(isValidMobile(bad), bad).toBe(false);
      expect(server.isValidMobile(bad), bad).toBe(false);
    }
  });

  it('takes a landline with area code, or a mobile, as an office phone', () => {
    for (const ok of ['010-12345678', '01012345678', '0755-1234567', '010-12345678-123', '13800138000']) expect(isValidPhone(ok), ok).toBe(true);
    for (const bad of ['12345678', '010-123', '10-12345678', 'tel 010-12345678', '']) expect(isValidPhone(bad), bad).toBe(false);
  });
});

describe('e-mail', () => {
  const samples = [
    'a@b.cn',
    'zhang.san@example.edu.cn',
    "o'brien+x@mail.example.com",
    'plain',
    'a@b',
    '.a@b.cn',
    'a..b@c.cn',
    'a.@b.cn',
    'a@-b.cn',
    'a@b.c',
    '张三@example.cn',
    'a b@c.cn',
  ];
  it('agrees with the server (zod z.email())', () => {
    for (const s of samples) expect(isValidEmail(s), s).toBe(z.email().safeParse(s).success);
  });
  it('takes up to 200 characters', () => {
    expect(isValidEmail(`${'a'.repeat(195)}@b.cn`)).toBe(true);
    expect(isValidEmail(`${'a'.repeat(196)}@b.cn`)).toBe(false);
  });
});

describe('username', () => {
  it('takes 3 to 64 letters, digits or _ . @ -', () => {
    for (const ok of ['abc', 'zhang_san', 'a.b@c-d', 'x'.repeat(64)]) expect(isValidUsername(ok), ok).toBe(true);
    for (const bad of ['ab', 'x'.repeat(65), 'zhang san', '张三', 'a/b', '']) expect(isValidUsername(bad), bad).toBe(false);
  });
});

describe('the 新增用户 form', () => {
  const filled = () => ({
    username: 'wang_wu',
    displayName: '王五',
    role: 'employer_handler' as const,
    mobile: '13800138000',
    email: 'wangwu@example.cn',
    idNumber: '11010519491231002x',
  });

  it('finds every field required in a blank form', () => {
    expect(newUserProblems(emptyNewUser())).toEqual({
      username: 'required',
      displayName: 'required',
      role: 'required',
      mobile: 'required',
      email: 'required',
      idNumber: 'required',
    });
    expect(newUserProblems({ ...filled(), displayName: '   ' })).toEqual({ displayName: 'required' });
  });

  it('names the rule a filled-in field breaks', () => {
    expect(newUserProblems(filled())).toEqual({});
    expect(
      newUserProblems({ ...filled(), username: 'a b', displayName: '王', mobile: '1380013800', email: 'x@', idNumber: '110105194912310021' }),
    ).toEqual({ username: 'username', displayName: 'displayName', mobile: 'mobile', email: 'email', idNumber: 'idNumber' });
  });

  it('sends trimmed values and an upper-case check character', () => {
    expect(newUserBody({ ...filled(), username: ' wang_wu ', email: ' wangwu@example.cn ' })).toEqual({
      username: 'wang_wu',
      displayName: '王五',
      role: 'employer_handler',
      mobile: '13800138000',
      email: 'wangwu@example.cn',
      idNumber: '11010519491231002X',
    });
  });
});
