// A new plan opens without every required field in red: an empty field's problem shows once the person has been in
// it or has tried to submit; a value that breaks a rule shows at once; a change on its way hides the old answer.
import { describe, expect, it } from 'vitest';
import { changedPaths, createFieldVisibility, fieldValues } from './field-visibility.ts';
import { draftOf, newVisit } from './plan-draft.ts';
import type { TemplateDefinition } from './plan-types.ts';

const template: TemplateDefinition = {
  sections: [
    {
      key: 'basic',
      title: { 'zh-CN': '基本信息', 'en-US': 'Basics' },
      fields: [
        { key: 'leader', type: 'text', label: { 'zh-CN': '项目负责人', 'en-US': 'Leader' }, required: true, maxLength: 50 },
        { key: 'budgetTable', type: 'image', label: { 'zh-CN': '经费预算表', 'en-US': 'Budget table' }, required: true },
      ],
    },
  ],
  attachments: [],
  experts: { min: 1, max: 3 },
  rubric: [],
};

function editor(showAll = false) {
  const draft = draftOf({ title: '新计划', content: {}, experts: [] });
  let values = fieldValues(draft, template);
  const visibility = createFieldVisibility({ showAll, values: () => values });
  /** What the editor's watcher does after each change to the draft. */
  const changed = () => {
    const now = fieldValues(draft, template);
    visibility.edited(changedPaths(values, now));
    values = now;
  };
  return { draft, visibility, changed };
}

describe('which problems a new plan shows', () => {
  it('shows no "required" beside empty fields before anything is done, every one after a submit attempt', () => {
    const { visibility } = editor();
    for (const path of ['content.leader', 'content.budgetTable', 'experts', 'attachments.application']) {
      expect(visibility.shows(path), path).toBe(false);
    }
    visibility.attempt();
    for (const path of ['content.leader', 'content.budgetTable', 'experts', 'attachments.application']) expect(visibility.shows(path), path).toBe(true);
  });

  it('shows an empty field’s problem once the person has left it', () => {
    const { visibility } = editor();
    visibility.touch('content.leader');
    expect(visibility.shows('content.leader')).toBe(true);
    expect(visibility.shows('experts')).toBe(false);
  });

  it('holds a field’s old answer back while its change is on its way, and shows the new one when it comes', () => {
    const { draft, visibility, changed } = editor();
    draft.content['leader'] = '张';
    changed();
    expect(visibility.shows('content.leader')).toBe(false);
    const answered = visibility.sending();
    draft.content['leader'] = '张伟';
    changed();
    answered();
    // Typed again after the save went out: that save's answer does not speak for it yet.
    expect(visibility.shows('content.leader')).toBe(false);
    visibility.sending()();
    expect(visibility.shows('content.leader')).toBe(true);
  });

  it('shows at once a rule a typed value breaks, but not the empty fields of a visit just added', () => {
    const { draft, visibility, changed } = editor();
    draft.experts.push({ expertId: 'e1', name: 'A', chineseName: null, nationality: 'DE', passportMasked: null, active: true, visits: [newVisit('v1')] });
    changed();
    visibility.sending()();
    for (const field of ['startDate', 'endDate', 'city', 'livingPerDay']) expect(visibility.shows(`visits.v1.${field}`), field).toBe(false);
    expect(visibility.shows('experts.e1')).toBe(true);
    draft.experts[0]!.visits[0]!.funding.internationalTravel = 1_600_000;
    draft.experts[0]!.visits[0]!.funding.livingDays = 40;
    changed();
    visibility.sending()();
    expect(visibility.shows('visits.v1.internationalTravel')).toBe(true);
    expect(visibility.shows('visits.v1.livingDays')).toBe(true);
    expect(visibility.shows('visits.v1.city')).toBe(false);
  });

  it('shows everything at once for a plan submitted before (returned, or withdrawn)', () => {
    const { visibility } = editor(true);
    expect(visibility.shows('content.leader')).toBe(true);
    expect(visibility.shows('attachments.application')).toBe(true);
  });
});
