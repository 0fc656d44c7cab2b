import { describe, expect, it } from 'vitest';
import { expertPageNote, mergeRole, noteType } from './expert-page.ts';

const can = { edit: false, correct: false, reveal: false, merge: false, upload: false };
const base = { status: 'active' as const, mergedInto: null, pendingCorrection: null, can, editBlocked: null, likelyDuplicates: [] };
const duplicate = { flagId: 'f', id: 'x', name: 'X', chineseName: null, birthDate: null, nationality: 'GB', passportMasked: null };

describe('expert page note', () => {
  it('says a merged record is merged, before anything else', () => {
    expect(expertPageNote({ ...base, status: 'merged', mergedInto: { id: 'b', name: 'B' }, editBlocked: 'merged' })).toBe('merged');
  });

  it('points a locked record to a correction request when one may be made', () => {
    expect(expertPageNote({ ...base, editBlocked: 'approved_plan', can: { ...can, correct: true } })).toBe('lockedCorrect');
    expect(expertPageNote({ ...base, editBlocked: 'approved_plan' })).toBe('locked');
    expect(noteType('lockedCorrect')).toBe('warning');
  });

  it('says a correction is waiting', () => {
    expect(expertPageNote({ ...base, editBlocked: 'approved_plan', pendingCorrection: { id: 'c', createdAt: '2025-01-01' } })).toBe('correctionPending');
  });

  it('tells owners and the national level what they may do', () => {
    expect(expertPageNote({ ...base, can: { ...can, edit: true, upload: true } })).toBe('edit');
    expect(expertPageNote({ ...base, can: { ...can, edit: true, merge: true }, likelyDuplicates: [duplicate] })).toBe('editMerge');
    expect(expertPageNote({ ...base, can: { ...can, edit: true, merge: true } })).toBe('edit');
    expect(expertPageNote({ ...base, editBlocked: 'not_owner' })).toBe('notOwner');
    expect(expertPageNote(base)).toBe('read');
    expect(noteType('edit')).toBe('info');
  });

  it('tells the two sides of a merge apart', () => {
    expect(mergeRole({ survivorId: 'a' }, 'a')).toBe('absorbed');
    expect(mergeRole({ survivorId: 'a' }, 'b')).toBe('mergedAway');
  });
});
