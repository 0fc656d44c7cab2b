import { describe, expect, it } from 'vitest';
import type { TemplateDefinition } from '../pages/plan-types.ts';
import { fieldRules, formatsOf, rubricTotal } from './template-view.ts';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const definition: TemplateDefinition = {
  sections: [
    {
      key: 'basic',
      title: label('基本信息', 'Basics'),
      fields: [
        { key: 'name', type: 'text', label: label('名称', 'Name'), required: true, maxLength: 100 },
        { key: 'count', type: 'integer', label: label('人数', 'Headcount'), required: false, min: 0, max: 9 },
        { key: 'open', type: 'integer', label: label('次数', 'Times'), required: false },
        { key: 'funds', type: 'money', label: label('经费', 'Funds'), required: true, max: 5_000_000 },
        { key: 'start', type: 'date', label: label('开始日期', 'Start'), required: true },
        { key: 'end', type: 'date', label: label('结束日期', 'End'), required: true, after: 'start' },
        { key: 'level', type: 'select', label: label('级别', 'Level'), required: false, options: [{ value: 'a', label: label('国家级', 'National') }, { value: 'b', label: label('省级', 'Provincial') }] },
        { key: 'table', type: 'image', label: label('预算表', 'Budget'), required: true },
      ],
    },
  ],
  attachments: [],
  experts: { min: 1, max: 3 },
  rubric: [
    { key: 'a', label: label('必要性', 'Need'), max: 60 },
    { key: 'b', label: label('可行性', 'Feasibility'), max: 40 },
  ],
};
const fields = definition.sections[0]!.fields;

describe('a template read by a person', () => {
  it('says each field’s rules in the page language, money in yuan', () => {
    const rules = (i: number, locale: 'zh-CN' | 'en-US' = 'zh-CN') => fieldRules(fields[i]!, definition, locale);
    expect(rules(0)).toEqual([{ key: 'maxLength', vars: { n: 100 } }]);
    expect(rules(1)).toEqual([{ key: 'min', vars: { n: 0 } }, { key: 'max', vars: { n: 9 } }]);
    expect(rules(2)).toEqual([]);
    expect(rules(3)).toEqual([{ key: 'moneyMax', vars: { n: '50,000.00' } }]);
    expect(rules(4)).toEqual([]);
    expect(rules(5)).toEqual([{ key: 'after', vars: { field: '开始日期' } }]);
    expect(rules(5, 'en-US')).toEqual([{ key: 'after', vars: { field: 'Start' } }]);
    expect(rules(6)).toEqual([{ key: 'options', vars: { list: '国家级、省级' } }]);
    expect(rules(6, 'en-US')).toEqual([{ key: 'options', vars: { list: 'National, Provincial' } }]);
    expect(rules(7)).toEqual([{ key: 'image' }]);
  });

  it('names file formats as people know them and adds up the rubric', () => {
    expect(formatsOf(['pdf', 'jpeg', 'png'])).toBe('PDF / JPG / PNG');
    expect(rubricTotal(definition)).toBe(100);
  });
});
