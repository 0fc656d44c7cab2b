import { describe, expect, it } from 'vitest';
import { displayValue, fieldLabelKey, isExpertField } from './expert-fields.ts';

const t = (key: string) => `<${key}>`;

describe('expert fields', () => {
  it('labels the fields the server names and nothing else', () => {
    expect(fieldLabelKey('passportNumber')).toBe('experts.field.passportNumber');
    expect(fieldLabelKey('file')).toBeNull();
    expect(isExpertField('keywords')).toBe(true);
    expect(isExpertField('version')).toBe(false);
  });

  it('shows values as a reader reads them', () => {
    expect(displayValue('nationality', 'DE', 'zh-CN', t)).toBe('德国');
    expect(displayValue('nationality', 'DE', 'en-US', t)).toBe('Germany');
    expect(displayValue('disciplineCode', '0702', 'zh-CN', t)).toBe('理学 / 物理学');
    expect(displayValue('gender', 'female', 'zh-CN', t)).toBe('<experts.gender.female>');
    expect(displayValue('keywords', ['材料', '催化'], 'zh-CN', t)).toBe('材料、催化');
    expect(displayValue('keywords', ['a', 'b'], 'en-US', t)).toBe('a; b');
    expect(displayValue('passportNumber', 'E1****89', 'zh-CN', t)).toBe('E1****89');
  });

  it('shows a dash for nothing', () => {
    for (const v of [null, undefined, '', '  ', []]) expect(displayValue('email', v, 'zh-CN', t)).toBe('—');
  });
});
