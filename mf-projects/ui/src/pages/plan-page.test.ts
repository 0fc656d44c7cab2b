import { describe, expect, it } from 'vitest';
import { beijingClock, countryName, displayValue, filesOf, initialScores, latestReturn, pick, reasonSections, scoresToSend, sectionReasonsToSend } from './plan-page.ts';
import type { PlanEvent, PlanFile, RubricItem, TemplateDefinition, TemplateField } from './plan-types.ts';

const rubric: RubricItem[] = [
  { key: 'necessity', label: { 'zh-CN': '必要性', 'en-US': 'Necessity' }, max: 30 },
  { key: 'feasibility', label: { 'zh-CN': '可行性', 'en-US': 'Feasibility' }, max: 20 },
];

function event(id: string, action: string, extra: Partial<PlanEvent> = {}): PlanEvent {
  return { id, action, actionName: action, fromState: 'supervising_review', toState: 'returned', actorName: 'x', actorUnitName: 'y', reason: null, sectionReasons: null, createdAt: '2027-01-01T00:00:00Z', ...extra };
}

describe('the entry page', () => {
  it('names an expert\'s nationality in the page language, not by its ISO code', () => {
    expect(countryName('DE', 'zh-CN')).toBe('德国');
    expect(countryName('DE', 'en-US')).toBe('Germany');
    expect(countryName(null, 'zh-CN')).toBe('—');
    expect(countryName('Deutschland', 'zh-CN')).toBe('Deutschland');
  });

  it('reads template texts in the page language', () => {
    expect(pick({ 'zh-CN': '基本信息', 'en-US': 'Basics' }, 'en-US')).toBe('Basics');
    expect(pick(undefined, 'zh-CN')).toBe('');
  });

  it('offers the template sections, then 专家及经费 and 附件, for reasons per section', () => {
    const template = { sections: [{ key: 'basic', title: { 'zh-CN': '基本信息', 'en-US': 'Basics' }, fields: [] }] } as unknown as TemplateDefinition;
    expect(reasonSections(template, 'zh-CN', { experts: '专家及经费', attachments: '附件' })).toEqual([
      { key: 'basic', title: '基本信息' },
      { key: 'experts', title: '专家及经费' },
      { key: 'attachments', title: '附件' },
    ]);
  });

  it('finds the return the plan stands in (the newest), and none once it moved on', () => {
    const events = [event('3', 'national_return', { reason: '经费过高' }), event('2', 'supervising_approve'), event('1', 'supervising_return')];
    expect(latestReturn(events, 'returned')?.id).toBe('3');
    expect(latestReturn(events, 'supervising_review')).toBeNull();
    expect(latestReturn([event('1', 'submit')], 'returned')).toBeNull();
  });

  it('reads stored values as people do: yuan, option labels, nothing for empty', () => {
    const money = { key: 'm', type: 'money', label: { 'zh-CN': '', 'en-US': '' }, required: true } as TemplateField;
    const select = { key: 's', type: 'select', label: { 'zh-CN': '', 'en-US': '' }, required: true, options: [{ value: 'a', label: { 'zh-CN': '甲', 'en-US': 'A' } }] } as TemplateField;
    expect(displayValue(money, 20_000_000, 'zh-CN')).toBe('200,000.00');
    expect(displayValue(select, 'a', 'zh-CN')).toBe('甲');
    expect(displayValue(select, 'z', 'en-US')).toBe('z');
    expect(displayValue(money, undefined, 'zh-CN')).toBe('');
  });

  it('lists the files of a slot, oldest first', () => {
    const f = (id: string, slot: string, createdAt: string) => ({ id, slot, filename: id, size: 1, contentType: 'application/pdf', createdAt }) as PlanFile;
    const files = [f('b', 'attachment:x', '2027-01-02'), f('a', 'attachment:x', '2027-01-01'), f('c', 'image:y', '2027-01-01')];
    expect(filesOf(files, 'attachment:x').map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('shows the autosave time in Beijing, whatever the browser’s zone', () => {
    expect(beijingClock(new Date('2027-05-10T06:05:09Z'))).toBe('14:05:09');
    expect(beijingClock(new Date('2027-05-10T16:00:00Z'))).toBe('00:00:00');
  });
});

describe('reviews', () => {
  it('starts the score form from the reviewer’s earlier scores', () => {
    expect(initialScores(rubric, { necessity: 25 })).toEqual({ necessity: 25, feasibility: null });
    expect(initialScores(rubric, null)).toEqual({ necessity: null, feasibility: null });
  });

  it('sends scores only when every item is a whole number within its maximum, and names every item that is not', () => {
    expect(scoresToSend(rubric, { necessity: 25, feasibility: 18 })).toEqual({ ok: true, scores: { necessity: 25, feasibility: 18 }, total: 43 });
    expect(scoresToSend(rubric, { necessity: null, feasibility: undefined })).toEqual({
      ok: false,
      problems: { necessity: { key: 'scoreMissing', vars: { max: 30 } }, feasibility: { key: 'scoreMissing', vars: { max: 20 } } },
    });
    expect(scoresToSend(rubric, { necessity: 35, feasibility: -1 })).toEqual({
      ok: false,
      problems: { necessity: { key: 'scoreAbove', vars: { max: 30 } }, feasibility: { key: 'scoreNegative' } },
    });
    expect(scoresToSend(rubric, { necessity: 2.5, feasibility: 1 })).toEqual({ ok: false, problems: { necessity: { key: 'scoreWhole' } } });
  });

  it('sends only the section reasons that say something', () => {
    expect(sectionReasonsToSend({ basic: ' 请补充 ', experts: '  ', attachments: '' })).toEqual({ basic: '请补充' });
    expect(sectionReasonsToSend({ basic: '' })).toBeUndefined();
  });
});
