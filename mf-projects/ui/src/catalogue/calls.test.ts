import { describe, expect, it } from 'vitest';
import { callErrorsFrom, callFormOf, callRequest, callState, checkCallForm, emptyCallForm } from './calls.ts';

const call = {
  id: 'c1',
  projectType: 'young_foreign_talent',
  projectTypeName: '外国青年人才计划',
  family: 'talent' as const,
  year: 2026,
  opensOn: '2025-11-01',
  closesOn: '2026-03-31',
  unitKinds: ['ministry_university', 'employer'],
  open: false,
  canApply: false,
};

describe('the call form', () => {
  it('starts empty for a new call, open to both kinds of unit, and from the call for 编辑', () => {
    expect(emptyCallForm(2026)).toEqual({ projectType: '', year: '2026', opensOn: '', closesOn: '', unitKinds: ['employer', 'ministry_university'] });
    expect(callFormOf(call)).toEqual({ projectType: 'young_foreign_talent', year: '2026', opensOn: '2025-11-01', closesOn: '2026-03-31', unitKinds: ['employer', 'ministry_university'] });
  });

  it('asks for what is missing and for a closing date not before the opening date', () => {
    expect(checkCallForm({ ...emptyCallForm(2026), unitKinds: [] }, false)).toEqual({
      projectType: 'projectType',
      opensOn: 'opensOn',
      closesOn: 'closesOn',
      unitKinds: 'unitKinds',
    });
    expect(checkCallForm({ ...callFormOf(call), closesOn: '2025-10-31' }, true)).toEqual({ closesOn: 'dates' });
    expect(checkCallForm({ ...callFormOf(call), closesOn: '2025-11-01' }, true)).toEqual({});
    // Type and year are fixed once the call exists.
    expect(checkCallForm({ ...callFormOf(call), projectType: '', year: '' }, true)).toEqual({});
    expect(checkCallForm({ ...callFormOf(call), year: '' }, false)).toEqual({ year: 'year' });
  });

  it('creates with everything and changes only dates and unit kinds', () => {
    const form = callFormOf(call);
    expect(callRequest(form, false)).toEqual({
      projectType: 'young_foreign_talent',
      year: 2026,
      opensOn: '2025-11-01',
      closesOn: '2026-03-31',
      unitKinds: ['employer', 'ministry_university'],
    });
    expect(callRequest(form, true)).toEqual({ opensOn: '2025-11-01', closesOn: '2026-03-31', unitKinds: ['employer', 'ministry_university'] });
  });
});

describe('where a refusal shows', () => {
  it('puts field messages under their fields, the first per field', () => {
    const error = {
      code: 'VALIDATION_FAILED',
      message: '开始日期:须从日期选择器中选择日期',
      fields: [
        { field: 'opensOn', message: '开始日期:须从日期选择器中选择日期' },
        { field: 'opensOn', message: 'second' },
        { field: 'unitKinds.0', message: '可申报单位类型:无效选项' },
        { field: '(body)', message: '请求无效' },
      ],
    };
    expect(callErrorsFrom(error, error.message)).toEqual({
      opensOn: '开始日期:须从日期选择器中选择日期',
      unitKinds: '可申报单位类型:无效选项',
      general: '请求无效',
    });
  });

  it('puts a known refusal under the field it is about, any other in the dialog', () => {
    expect(callErrorsFrom({ code: 'CALL_EXISTS' }, '该项目类别本年度已有申报批次')).toEqual({ year: '该项目类别本年度已有申报批次' });
    expect(callErrorsFrom({ code: 'CALL_DATES' }, '截止日期不能早于开始日期')).toEqual({ closesOn: '截止日期不能早于开始日期' });
    expect(callErrorsFrom({ code: 'TYPE_UNKNOWN' }, '项目类别不存在')).toEqual({ projectType: '项目类别不存在' });
    expect(callErrorsFrom({ code: 'FORBIDDEN' }, '无权操作')).toEqual({ general: '无权操作' });
    expect(callErrorsFrom(new TypeError('x'), '网络连接失败')).toEqual({ general: '网络连接失败' });
  });
});

describe('a call’s state', () => {
  it('is open when the server says so, otherwise upcoming or closed by Beijing’s date', () => {
    expect(callState({ ...call, open: true }, '2026-01-01')).toBe('open');
    expect(callState(call, '2025-10-31')).toBe('upcoming');
    expect(callState(call, '2026-04-01')).toBe('closed');
  });
});
