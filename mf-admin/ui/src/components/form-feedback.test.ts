import { describe, expect, it } from 'vitest';
import { emptyFields, isBlank, isStaleError, serverFieldErrors } from './form-feedback.ts';

describe('form feedback', () => {
  it("maps a refusal's fields to messages, first message per form item, nested names to their item", () => {
    const error = {
      status: 400,
      fields: [
        { field: 'contactPhone', message: '联系电话:格式不正确' },
        { field: 'contactPhone', message: '第二条' },
        { field: 'accounts.0.mobile', message: '手机号:格式不正确' },
        { field: 7, message: 'x' },
        null,
      ],
    };
    expect(serverFieldErrors(error)).toEqual({ contactPhone: '联系电话:格式不正确', accounts: '手机号:格式不正确' });
  });

  it('finds nothing in errors without fields', () => {
    expect(serverFieldErrors(new Error('x'))).toEqual({});
    expect(serverFieldErrors(null)).toEqual({});
    expect(serverFieldErrors({ fields: 'nope' })).toEqual({});
  });

  it('knows a 409 means someone acted first', () => {
    expect(isStaleError({ status: 409, code: 'FLOW_STALE_VERSION' })).toBe(true);
    expect(isStaleError({ status: 400 })).toBe(false);
    expect(isStaleError(undefined)).toBe(false);
  });

  it('counts blanks and whitespace as empty, in the order asked', () => {
    expect(isBlank('  ')).toBe(true);
    expect(isBlank(null)).toBe(true);
    expect(isBlank('a')).toBe(false);
    expect(emptyFields({ a: '', b: 'x', c: ' ' }, ['c', 'b', 'a'])).toEqual(['c', 'a']);
  });
});
