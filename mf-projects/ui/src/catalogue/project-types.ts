// The project type form (项目类别): what it starts from, what it checks before sending, and where a refusal's
// messages go. The server checks the same again and has the last word.
import { type FormErrors, formErrorsFrom } from './form-errors.ts';
import type { ProjectTypeEntry } from './catalogue-api.ts';
import type { PlanFamily } from '../pages/plan-types.ts';

export const PROJECT_FAMILIES = ['talent', 'platform'] as const satisfies readonly PlanFamily[];

export const TYPE_FIELDS = ['code', 'family', 'nameZh', 'nameEn', 'active'] as const;
export type TypeField = (typeof TYPE_FIELDS)[number];

/** Plans, calls and templates name a type by its code, so it is fixed once created. */
export const TYPE_CODE = /^[a-z][a-z0-9_]{2,39}$/;

export interface TypeForm {
  code: string;
  family: PlanFamily | '';
  nameZh: string;
  nameEn: string;
  active: boolean;
}

export function emptyTypeForm(): TypeForm {
  return { code: '', family: '', nameZh: '', nameEn: '', active: true };
}

/** The form of an existing type, for 编辑 (names and 启用/停用 change; code and family do not). */
export function typeFormOf(type: ProjectTypeEntry): TypeForm {
  return { code: type.code, family: type.family, nameZh: type.nameZh, nameEn: type.nameEn, active: type.active };
}

/** Why a field is not ready yet: a key under `projects.catalogue.typeRule.`. */
export type TypeRule = 'code' | 'codeFormat' | 'family' | 'nameZh' | 'nameEn';

export function checkTypeForm(form: TypeForm, editing: boolean): Partial<Record<TypeField, TypeRule>> {
  const out: Partial<Record<TypeField, TypeRule>> = {};
  if (!editing) {
    if (!form.code.trim()) out.code = 'code';
    else if (!TYPE_CODE.test(form.code.trim())) out.code = 'codeFormat';
    if (!form.family) out.family = 'family';
  }
  if (!form.nameZh.trim()) out.nameZh = 'nameZh';
  if (!form.nameEn.trim()) out.nameEn = 'nameEn';
  return out;
}

/** POST /project-types creates with code and family; PUT /project-types/:code changes names and `active`. */
export function typeRequest(form: TypeForm, editing: boolean) {
  const names = { nameZh: form.nameZh.trim(), nameEn: form.nameEn.trim() };
  return editing ? { ...names, active: form.active } : { code: form.code.trim(), family: form.family, ...names };
}

export type TypeErrors = FormErrors<TypeField>;

/** The refusal codes that are about one field of the form. */
const CODE_FIELDS: Record<string, TypeField> = { PROJECT_TYPE_EXISTS: 'code' };

/** The server's messages placed on the form (see form-errors.ts). */
export const typeErrorsFrom = (error: unknown, message: string): TypeErrors => formErrorsFrom(error, message, TYPE_FIELDS, CODE_FIELDS);
