// The call form (申报批次): what it starts from, what it checks before sending, and where a refusal's messages go.
// The server checks the same again and has the last word; this only saves a round trip for an empty field.
import { type FormErrors, formErrorsFrom } from './form-errors.ts';
import type { PlanCall } from './catalogue-api.ts';

/** The unit kinds a call may be opened to (部属高校 are reviewed by the national level directly). */
export const APPLYING_UNIT_KINDS = ['employer', 'ministry_university'] as const;
export type ApplyingUnitKind = (typeof APPLYING_UNIT_KINDS)[number];

export const CALL_FIELDS = ['projectType', 'year', 'opensOn', 'closesOn', 'unitKinds'] as const;
export type CallField = (typeof CALL_FIELDS)[number];

export interface CallForm {
  projectType: string;
  /** `YYYY`, as the year picker gives it. */
  year: string;
  /** `YYYY-MM-DD`, as the date pickers give them; '' for nothing picked. */
  opensOn: string;
  closesOn: string;
  unitKinds: ApplyingUnitKind[];
}

export function emptyCallForm(year: number): CallForm {
  return { projectType: '', year: String(year), opensOn: '', closesOn: '', unitKinds: ['employer', 'ministry_university'] };
}

/** The form of an existing call, for 编辑 (only the dates and unit kinds change). */
export function callFormOf(call: PlanCall): CallForm {
  return {
    projectType: call.projectType,
    year: String(call.year),
    opensOn: call.opensOn,
    closesOn: call.closesOn,
    unitKinds: APPLYING_UNIT_KINDS.filter((k) => call.unitKinds.includes(k)),
  };
}

/** Why a field is not ready yet: a key under `projects.catalogue.calls.rule.`. */
export type CallRule = 'projectType' | 'year' | 'opensOn' | 'closesOn' | 'unitKinds' | 'dates';

export function checkCallForm(form: CallForm, editing: boolean): Partial<Record<CallField, CallRule>> {
  const out: Partial<Record<CallField, CallRule>> = {};
  if (!editing && !form.projectType) out.projectType = 'projectType';
  if (!editing && !/^\d{4}$/.test(form.year)) out.year = 'year';
  if (!form.opensOn) out.opensOn = 'opensOn';
  if (!form.closesOn) out.closesOn = 'closesOn';
  // Same-format day strings compare as dates.
  else if (form.opensOn && form.closesOn < form.opensOn) out.closesOn = 'dates';
  if (!form.unitKinds.length) out.unitKinds = 'unitKinds';
  return out;
}

/** POST /calls creates with everything; PUT /calls/:id changes only the dates and who may apply. */
export function callRequest(form: CallForm, editing: boolean) {
  const changeable = { opensOn: form.opensOn, closesOn: form.closesOn, unitKinds: [...form.unitKinds] };
  return editing ? changeable : { projectType: form.projectType, year: Number(form.year), ...changeable };
}

export type CallErrors = FormErrors<CallField>;

/** The refusal codes that are about one field of the form. */
const CODE_FIELDS: Record<string, CallField> = {
  CALL_EXISTS: 'year',
  CALL_DATES: 'closesOn',
  TYPE_UNKNOWN: 'projectType',
};

/** The server's messages placed on the form (see form-errors.ts). */
export const callErrorsFrom = (error: unknown, message: string): CallErrors => formErrorsFrom(error, message, CALL_FIELDS, CODE_FIELDS);

export type CallState = 'open' | 'upcoming' | 'closed';

/** 开放中 as the server says; otherwise whether it is yet to open or already closed, by Beijing's `today`. */
export function callState(call: Pick<PlanCall, 'open' | 'opensOn'>, today: string): CallState {
  if (call.open) return 'open';
  return today < call.opensOn ? 'upcoming' : 'closed';
}
