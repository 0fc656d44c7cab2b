import { describe, expect, it } from 'vitest';
import { checkTypeForm, emptyTypeForm, typeErrorsFrom, typeFormOf, typeRequest } from './project-types.ts';

const type = {
  code: 'young_foreign_talent',
  family: 'talent' as const,
  name: '外国青年人才计划',
  nameZh: '外国青年人才计划',
  nameEn: 'Foreign Young Talent Program',
  active: true,
  templateVersion: 1,
};

describe('the project type form', () => {
  it('asks for code, family and both names when new, and only the names when editing', () => {
    expect(checkTypeForm(emptyTypeForm(), false)).toEqual({ code: 'code', family: 'family', nameZh: 'nameZh', nameEn: 'nameEn' });
    expect(checkTypeForm({ ...typeFormOf(type), code: 'Young' }, false)).toEqual({ code: 'codeFormat' });
    expect(checkTypeForm({ ...typeFormOf(type), code: 'Young', nameEn: ' ' }, true)).toEqual({ nameEn: 'nameEn' });
  });

  it('creates with code and family and changes only names and 启用/停用', () => {
    const form = { ...typeFormOf(type), nameZh: ' 外国青年人才计划 ', active: false };
    expect(typeRequest(form, false)).toEqual({ code: 'young_foreign_talent', family: 'talent', nameZh: '外国青年人才计划', nameEn: 'Foreign Young Talent Program' });
    expect(typeRequest(form, true)).toEqual({ nameZh: '外国青年人才计划', nameEn: 'Foreign Young Talent Program', active: false });
  });

  it('puts the server’s messages beside their fields', () => {
    expect(typeErrorsFrom({ code: 'VALIDATION_FAILED', fields: [{ field: 'code', message: '类别代码:须以小写字母开头' }] }, '类别代码:须以小写字母开头')).toEqual({
      code: '类别代码:须以小写字母开头',
    });
    expect(typeErrorsFrom({ code: 'PROJECT_TYPE_EXISTS' }, '该类别代码已被使用,请换一个。')).toEqual({ code: '该类别代码已被使用,请换一个。' });
    expect(typeErrorsFrom({ code: 'FORBIDDEN' }, '无权操作')).toEqual({ general: '无权操作' });
  });
});
