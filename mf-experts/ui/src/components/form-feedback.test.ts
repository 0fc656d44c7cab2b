import { describe, expect, it } from 'vitest';
import { errorCode, isStale, serverFieldErrors } from './form-feedback.ts';

describe('form feedback', () => {
  it("maps a refusal's fields to messages, first per field, nested names to their item", () => {
    const error = {
      fields: [
        { field: 'passportNumber', message: '护照号码:格式不正确' },
        { field: 'passportNumber', message: '第二条' },
        { field: 'keywords.3', message: '关键词过长' },
        { field: 7, message: 'x' },
        null,
      ],
    };
    expect(serverFieldErrors(error)).toEqual({ passportNumber: '护照号码:格式不正确', keywords: '关键词过长' });
  });

  it('strips the wrapper a request put around the fields', () => {
    const error = { fields: [{ field: 'changes.birthDate', message: 'a' }, { field: 'reason', message: 'b' }] };
    expect(serverFieldErrors(error, 'changes')).toEqual({ birthDate: 'a', reason: 'b' });
  });

  it('finds nothing in errors without fields', () => {
    expect(serverFieldErrors(new Error('x'))).toEqual({});
    expect(serverFieldErrors(null)).toEqual({});
  });

  it('reads codes and knows a stale version', () => {
    expect(errorCode({ code: 'EXPERT_LOCKED' })).toBe('EXPERT_LOCKED');
    expect(errorCode(undefined)).toBe('');
    expect(isStale({ status: 409, code: 'FLOW_STALE_VERSION' })).toBe(true);
    expect(isStale({ status: 409, code: 'EXPERT_LOCKED' })).toBe(false);
  });
});
