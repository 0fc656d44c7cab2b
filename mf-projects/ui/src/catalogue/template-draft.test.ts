import { describe, expect, it } from 'vitest';
import type { TemplateDefinition } from '../pages/plan-types.ts';
import {
  addAttachment,
  addField,
  addRubricItem,
  addSection,
  afterChoices,
  changedFrom,
  checkDraft,
  fieldKeysOf,
  fieldUidsWithProblems,
  freeKey,
  fromDraft,
  groupByOwner,
  moveField,
  moveItem,
  ownerOf,
  placeOf,
  removeField,
  removeSection,
  setFieldKey,
  setFieldType,
  starterDraft,
  toDraft,
  type TemplateDraft,
} from './template-draft.ts';

const zh = (s: string) => ({ 'zh-CN': s, 'en-US': `${s} (en)` });

/** A definition like the seeded talent template, with one field of every type. */
function definition(): TemplateDefinition {
  return {
    sections: [
      {
        key: 'basic',
        title: zh('基本信息'),
        fields: [
          { key: 'discipline', type: 'text', label: zh('学科领域'), required: true, maxLength: 100, help: zh('填写学科') },
          { key: 'startDate', type: 'date', label: zh('开始日期'), required: true },
          { key: 'endDate', type: 'date', label: zh('结束日期'), required: true, after: 'startDate' },
          { key: 'headcount', type: 'integer', label: zh('人数'), required: false, min: 1 },
        ],
      },
      {
        key: 'budget',
        title: zh('经费预算'),
        fields: [
          { key: 'selfFunding', type: 'money', label: zh('自筹经费'), required: true, max: 5_000_000 },
          { key: 'level', type: 'select', label: zh('级别'), required: false, options: [{ value: 'a', label: zh('甲') }] },
          { key: 'budgetTable', type: 'image', label: zh('预算表'), required: true },
          { key: 'notes', type: 'textarea', label: zh('备注'), required: false, maxLength: 2000 },
        ],
      },
    ],
    attachments: [{ key: 'application', label: zh('申报书'), required: true, accept: ['pdf', 'png'], maxMb: 10 }],
    experts: { min: 1, max: 30 },
    rubric: [
      { key: 'necessity', label: zh('必要性'), max: 60 },
      { key: 'feasibility', label: zh('可行性'), max: 40 },
    ],
  };
}

const keysOf = (d: TemplateDraft) => d.sections.map((s) => s.fields.map((f) => f.key));

describe('template draft: to and from a definition', () => {
  it('gives back exactly the definition it was made from', () => {
    const d = definition();
    expect(fromDraft(toDraft(d))).toEqual(d);
    expect(changedFrom(toDraft(d), d)).toBe(false);
  });

  it('edits money limits in yuan and publishes them in fen', () => {
    const draft = toDraft(definition());
    const money = draft.sections[1]!.fields[0]!;
    expect(money.maxYuan).toBe(50_000);
    money.maxYuan = 19.99;
    const out = fromDraft(draft).sections[1]!.fields[0]!;
    expect(out).toMatchObject({ type: 'money', max: 1999 });
    money.maxYuan = null;
    expect(fromDraft(draft).sections[1]!.fields[0]!).not.toHaveProperty('max');
  });

  it('sends only the settings of the field’s type, trimmed, and help only when there is some', () => {
    const draft = toDraft(definition());
    const field = draft.sections[0]!.fields[0]!;
    setFieldType(field, 'integer');
    field.min = 0;
    field.label['zh-CN'] = '  人员  ';
    field.help = { 'zh-CN': ' ', 'en-US': '' };
    expect(fromDraft(draft).sections[0]!.fields[0]).toEqual({ key: 'discipline', type: 'integer', label: { 'zh-CN': '人员', 'en-US': '学科领域 (en)' }, required: true, min: 0 });
    // Back to text: the length it had is still there.
    setFieldType(field, 'text');
    expect(fromDraft(draft).sections[0]!.fields[0]).toMatchObject({ type: 'text', maxLength: 100 });
    expect(changedFrom(draft, definition())).toBe(true);
  });

  it('gives a field switched to a type with settings what it needs', () => {
    const draft = toDraft(definition());
    const date = draft.sections[0]!.fields[1]!;
    setFieldType(date, 'select');
    expect(date.options).toHaveLength(1);
    setFieldType(date, 'textarea');
    expect(date.maxLength).toBe(2000);
    const long = draft.sections[1]!.fields[3]!;
    long.maxLength = 20_000;
    setFieldType(long, 'text');
    expect(long.maxLength).toBe(500);
  });
});

describe('template draft: edits', () => {
  it('adds fields, sections, attachments and rubric items under keys nobody uses yet', () => {
    const draft = toDraft(definition());
    const f1 = addField(draft, 0)!;
    const f2 = addField(draft, 1)!;
    expect([f1.key, f2.key]).toEqual(['field1', 'field2']);
    expect(draft.sections[0]!.fields.at(-1)).toBe(f1);
    expect(addField(draft, 9)).toBeNull();
    const section = addSection(draft);
    expect(section.key).toBe('section1');
    expect(section.fields.map((f) => f.key)).toEqual(['field3']);
    expect(addAttachment(draft)).toMatchObject({ key: 'attachment1', accept: ['pdf'], maxMb: 10, required: false });
    expect(addRubricItem(draft).key).toBe('item1');
    expect(freeKey('field', ['field1', 'field3'])).toBe('field2');
    // Every row has its own id.
    const uids = draft.sections.flatMap((s) => [s.uid, ...s.fields.map((f) => f.uid)]);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('moves a field within its section, and across into the neighbouring section at its ends', () => {
    const draft = toDraft(definition());
    expect(moveField(draft, 0, 0, 1)).toBe(true);
    expect(keysOf(draft)[0]).toEqual(['startDate', 'discipline', 'endDate', 'headcount']);
    expect(moveField(draft, 0, 0, -1)).toBe(false);
    expect(moveField(draft, 0, 3, 1)).toBe(true);
    expect(keysOf(draft)).toEqual([
      ['startDate', 'discipline', 'endDate'],
      ['headcount', 'selfFunding', 'level', 'budgetTable', 'notes'],
    ]);
    expect(moveField(draft, 1, 0, -1)).toBe(true);
    expect(keysOf(draft)[0]).toEqual(['startDate', 'discipline', 'endDate', 'headcount']);
    expect(moveField(draft, 1, 3, 1)).toBe(false);
    expect(moveField(draft, 5, 0, 1)).toBe(false);
  });

  it('moves rows of any list, refusing to go past an end', () => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, 2, -1)).toBe(true);
    expect(list).toEqual(['a', 'c', 'b']);
    expect(moveItem(list, 0, -1)).toBe(false);
    expect(moveItem(list, 2, 1)).toBe(false);
    expect(list).toEqual(['a', 'c', 'b']);
  });

  it('unties date fields from a field that is removed, or renamed', () => {
    const draft = toDraft(definition());
    const end = draft.sections[0]!.fields[2]!;
    setFieldKey(draft, draft.sections[0]!.fields[1]!, 'beginDate');
    expect(end.after).toBe('beginDate');
    expect(afterChoices(draft, end).map((f) => f.key)).toEqual(['beginDate']);
    removeField(draft, 0, 1);
    expect(end.after).toBe('');
    expect(fromDraft(draft).sections[0]!.fields[1]).not.toHaveProperty('after');
  });

  it('removes a section with its fields', () => {
    const draft = toDraft(definition());
    const end = draft.sections[1]!.fields[0]!;
    setFieldType(end, 'date');
    end.after = 'startDate';
    removeSection(draft, 0);
    expect(draft.sections.map((s) => s.key)).toEqual(['budget']);
    expect(end.after).toBe('');
    expect(fieldKeysOf(draft)).not.toContain('discipline');
  });

  it('starts a template that has no version yet from something publishable once it is named', () => {
    const draft = starterDraft();
    const problems = checkDraft(draft);
    expect(problems.map((p) => p.rule).every((r) => r === 'required')).toBe(true);
    draft.sections[0]!.title = zh('基本信息');
    draft.sections[0]!.fields[0]!.label = zh('名称');
    draft.rubric[0]!.label = zh('总体评价');
    expect(checkDraft(draft)).toEqual([]);
    expect(fromDraft(draft).rubric).toEqual([{ key: 'item1', label: zh('总体评价'), max: 100 }]);
  });
});

describe('template draft: checks before publishing', () => {
  const problemsOf = (edit: (d: TemplateDraft) => void) => {
    const draft = toDraft(definition());
    edit(draft);
    return checkDraft(draft).map((p) => `${p.path} ${p.rule} ${p.part}`);
  };

  it('finds nothing wrong with a valid definition', () => {
    expect(problemsOf(() => {})).toEqual([]);
  });

  it('names empty labels in either language, and texts that are too long', () => {
    expect(
      problemsOf((d) => {
        d.sections[0]!.fields[0]!.label['en-US'] = ' ';
        d.sections[1]!.title['zh-CN'] = 'x'.repeat(201);
        d.sections[0]!.fields[0]!.help['zh-CN'] = 'x'.repeat(501);
      }),
    ).toEqual([
      'sections.0.fields.0.label.en-US required fieldLabelEn',
      'sections.0.fields.0.help.zh-CN tooLong helpZh',
      'sections.1.title.zh-CN tooLong sectionTitleZh',
    ]);
  });

  it('refuses malformed and repeated keys: fields across sections, sections, options, attachments, rubric', () => {
    expect(
      problemsOf((d) => {
        d.sections[1]!.fields[0]!.key = 'headcount';
        d.sections[0]!.fields[0]!.key = '1st';
        d.sections[1]!.key = 'basic';
        const select = d.sections[1]!.fields[1]!;
        select.options.push({ ...select.options[0]!, uid: -1 });
        Object.assign(addAttachment(d), { key: 'application', label: zh('其他') });
        d.rubric[1]!.key = 'necessity';
      }),
    ).toEqual([
      'sections.0.fields.0.key keyFormat fieldKey',
      'sections.1.key keyRepeated sectionKey',
      'sections.1.fields.0.key keyRepeated fieldKey',
      'sections.1.fields.1.options.1.value keyRepeated optionValue',
      'attachments.1.key keyRepeated attachmentKey',
      'rubric.1.key keyRepeated rubricKey',
    ]);
  });

  it('checks each type’s settings', () => {
    expect(
      problemsOf((d) => {
        const [text, start, end, integer] = d.sections[0]!.fields;
        text!.maxLength = 501;
        start!.key = 'beginDate'; // not through setFieldKey: `after` now points nowhere
        integer!.max = 0;
        const [money, select, , textarea] = d.sections[1]!.fields;
        money!.maxYuan = -1;
        select!.options = [];
        textarea!.maxLength = null;
        void end;
      }),
    ).toEqual([
      'sections.0.fields.0.maxLength range maxLength',
      'sections.0.fields.2.after afterUnknown after',
      'sections.0.fields.3.min minOverMax integerLimits',
      'sections.1.fields.0.max notNegative moneyMax',
      'sections.1.fields.1.options atLeastOne options',
      'sections.1.fields.3.maxLength required maxLength',
    ]);
  });

  it('wants at least one section, field and rubric item, and experts within their limits', () => {
    expect(
      problemsOf((d) => {
        d.sections[1]!.fields = [];
        d.rubric = [];
        d.experts = { min: 5, max: 2 };
        d.attachments[0]!.accept = [];
        d.attachments[0]!.maxMb = 21;
      }),
    ).toEqual([
      'sections.1.fields atLeastOne fields',
      'attachments.0.accept atLeastOne accept',
      'attachments.0.maxMb range maxMb',
      'experts minOverMax experts',
      'rubric atLeastOne rubric',
    ]);
    expect(problemsOf((d) => (d.sections = []))).toEqual(['sections atLeastOne sections']);
    expect(problemsOf((d) => (d.experts = { min: null, max: 201 }))).toEqual(['experts.min required expertsMin', 'experts.max range expertsMax']);
  });
});

describe('template draft: where problems show', () => {
  it('puts each path on the block that shows it', () => {
    expect(ownerOf('sections.1.fields.2.label.zh-CN')).toBe('sections.1.fields.2');
    expect(ownerOf('sections.1.fields.2.options.0.value')).toBe('sections.1.fields.2');
    expect(ownerOf('sections.1.fields')).toBe('sections.1');
    expect(ownerOf('sections.1.title.en-US')).toBe('sections.1');
    expect(ownerOf('sections')).toBe('template');
    expect(ownerOf('attachments.0.accept')).toBe('attachments.0');
    expect(ownerOf('attachments')).toBe('attachments');
    expect(ownerOf('experts.min')).toBe('experts');
    expect(ownerOf('rubric.3.max')).toBe('rubric.3');
    expect(ownerOf('rubric')).toBe('rubric');
    expect(ownerOf('(body)')).toBe('template');
  });

  it('groups messages by block and finds the field rows to open', () => {
    const draft = toDraft(definition());
    const problems = [
      { path: 'sections.0.fields.1.key', message: 'a' },
      { path: 'sections.0.fields.1.label.zh-CN', message: 'b' },
      { path: 'experts', message: 'c' },
      { path: 'sections.7.fields.0.key', message: 'd' },
    ];
    expect(groupByOwner(problems)).toEqual({ 'sections.0.fields.1': ['a', 'b'], experts: ['c'], 'sections.7.fields.0': ['d'] });
    expect([...fieldUidsWithProblems(draft, problems.map((p) => p.path))]).toEqual([draft.sections[0]!.fields[1]!.uid]);
  });

  it('names the block in the page language, by key when it has no name yet', () => {
    const draft = toDraft(definition());
    draft.sections[1]!.fields[1]!.label['en-US'] = '';
    expect(placeOf('sections.1.fields.1', draft, 'zh-CN')).toEqual({ kind: 'field', section: 2, n: 2, name: '级别' });
    expect(placeOf('sections.1.fields.1', draft, 'en-US')).toEqual({ kind: 'field', section: 2, n: 2, name: 'level' });
    expect(placeOf('sections.0', draft, 'en-US')).toEqual({ kind: 'section', n: 1, name: '基本信息 (en)' });
    expect(placeOf('rubric.1', draft, 'zh-CN')).toEqual({ kind: 'rubricItem', n: 2, name: '可行性' });
    expect(placeOf('attachments.0', draft, 'zh-CN')).toEqual({ kind: 'attachment', n: 1, name: '申报书' });
    expect(placeOf('experts', draft, 'zh-CN')).toEqual({ kind: 'experts' });
    expect(placeOf('template', draft, 'zh-CN')).toEqual({ kind: 'template' });
  });
});
