// The expert form (新增专家 / 编辑专家): its blank and loaded states, the required fields, and the bodies it sends.
// On edit the identifiers start empty (the page only ever had them masked): a filled box replaces the stored value,
// an empty one keeps it, so a save never sends back a masked value by mistake.
import type { ExpertDetail, ExpertField, ExpertInput, Gender } from '../expert-types.ts';

export interface ExpertForm {
  name: string;
  chineseName: string;
  gender: Gender | '';
  birthDate: string;
  nationality: string;
  passportNumber: string;
  workPermitNo: string;
  email: string;
  phone: string;
  employerAbroad: string;
  position: string;
  disciplineCode: string;
  keywords: string[];
  education: string;
  biography: string;
}

export function emptyExpertForm(): ExpertForm {
  return {
    name: '',
    chineseName: '',
    gender: '',
    birthDate: '',
    nationality: '',
    passportNumber: '',
    workPermitNo: '',
    email: '',
    phone: '',
    employerAbroad: '',
    position: '',
    disciplineCode: '',
    keywords: [],
    education: '',
    biography: '',
  };
}

/** The saved record in the form; identifiers left empty (see the file's note). */
export function expertFormOf(expert: ExpertDetail): ExpertForm {
  return {
    name: expert.name ?? '',
    chineseName: expert.chineseName ?? '',
    gender: expert.gender ?? '',
    birthDate: expert.birthDate ?? '',
    nationality: expert.nationality ?? '',
    passportNumber: '',
    workPermitNo: expert.workPermitNo ?? '',
    email: expert.email ?? '',
    phone: '',
    employerAbroad: expert.employerAbroad ?? '',
    position: expert.position ?? '',
    disciplineCode: expert.disciplineCode ?? '',
    keywords: [...(expert.keywords ?? [])],
    education: expert.education ?? '',
    biography: expert.biography ?? '',
  };
}

/** Required on the form (red `*`); the passport only when creating, since on edit an empty box keeps it. */
export function requiredFields(editing: boolean): ExpertField[] {
  const fields: ExpertField[] = ['name', 'gender', 'birthDate', 'nationality', 'disciplineCode'];
  return editing ? fields : [...fields, 'passportNumber'];
}

export function missingFields(form: ExpertForm, editing: boolean): ExpertField[] {
  return requiredFields(editing).filter((name) => {
    const value = form[name];
    return Array.isArray(value) ? !value.length : !String(value ?? '').trim();
  });
}

/** As people read it off a passport: capitals, no spaces or dashes (the server does the same). */
export function normalizePassport(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** Keywords typed as tags: trimmed, no blanks, no repeats, at most 10 (the server's limit). */
export function normalizeKeywords(list: readonly string[]): string[] {
  return [...new Set(list.map((k) => k.trim()).filter(Boolean))].slice(0, 10);
}

const TEXT_FIELDS = ['chineseName', 'workPermitNo', 'email', 'employerAbroad', 'position', 'education', 'biography'] as const;

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** POST /experts: every field, optional ones null when left empty. */
export function createBody(form: ExpertForm): ExpertInput {
  const body: ExpertInput = {
    name: form.name.trim(),
    gender: form.gender as Gender,
    birthDate: form.birthDate,
    nationality: form.nationality,
    passportNumber: normalizePassport(form.passportNumber),
    disciplineCode: form.disciplineCode,
    keywords: normalizeKeywords(form.keywords),
    phone: orNull(form.phone),
  };
  for (const key of TEXT_FIELDS) body[key] = orNull(form[key]);
  return body;
}

export type ExpertChanges = Partial<ExpertInput>;

/**
 * The fields that differ from the saved record; the identifiers only when typed. Shared by PATCH (with the
 * version) and the correction request, which asks for exactly these changes.
 */
export function changesOf(form: ExpertForm, saved: ExpertDetail): ExpertChanges {
  const next = createBody(form);
  const changes: ExpertChanges = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (!same(next.name, saved.name)) changes.name = next.name;
  if (!same(next.gender || null, saved.gender)) changes.gender = next.gender;
  if (!same(next.birthDate || null, saved.birthDate)) changes.birthDate = next.birthDate;
  if (!same(next.nationality, saved.nationality)) changes.nationality = next.nationality;
  if (!same(next.disciplineCode || null, saved.disciplineCode)) changes.disciplineCode = next.disciplineCode;
  if (!same(next.keywords, saved.keywords ?? [])) changes.keywords = next.keywords ?? [];
  for (const key of TEXT_FIELDS) if (!same(next[key], saved[key])) changes[key] = next[key] ?? null;
  if (next.passportNumber) changes.passportNumber = next.passportNumber;
  if (next.phone) changes.phone = next.phone;
  return changes;
}

/** PATCH /experts/:id, or null when nothing changed. */
export function patchBody(form: ExpertForm, saved: ExpertDetail): (ExpertChanges & { version: number }) | null {
  const changes = changesOf(form, saved);
  return Object.keys(changes).length ? { version: saved.version, ...changes } : null;
}
