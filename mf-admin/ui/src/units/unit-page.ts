// One unit's page as GET /api/admin/units/:id answers (edit, review or read, decided by the server), and what
// the page derives from it: the form, its required fields and client-side checks, the buttons each action gets.
import type { HistoryEntry } from '../components/review-history.ts';
import { emptyFields, isBlank } from '../components/form-feedback.ts';
import { isValidEmail, isValidPhone } from '../users/validators.ts';
import type { UnitListItem } from './unit-list.ts';

/** The unit registration flow's actions (admin/api/flows.ts); the page offers only those in `actions`. */
export type UnitAction =
  | 'submit'
  | 'submit_to_national'
  | 'withdraw'
  | 'withdraw_from_national'
  | 'supervising_approve'
  | 'supervising_return'
  | 'recall'
  | 'national_approve'
  | 'national_return';

export type PageMode = 'edit' | 'review' | 'read';

export interface UnitPage extends UnitListItem {
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  version: number;
  submittedAt: string | null;
  updatedAt: string;
  mode: PageMode;
  /** One localized line: why the page is an editor, a review or a read. */
  why: string;
  editable: boolean;
  actions: UnitAction[];
  /** Form fields a submission still needs. */
  missing: string[];
  history: HistoryEntry[];
}

export interface Region {
  code: string;
  name: string;
}

export interface SupervisingOption {
  id: string;
  name: string;
  province: string | null;
}

/** The supervising units of the unit's own province first (the usual choice), then the others (ministries...). */
export function supervisingOptionsFor(options: readonly SupervisingOption[], province: string): SupervisingOption[] {
  const local = options.filter((o) => province && o.province === province);
  return [...local, ...options.filter((o) => !local.includes(o))];
}

export interface UnitForm {
  province: string;
  address: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  supervisingUnitId: string;
}

export type UnitFormField = keyof UnitForm;

/** Only employer units choose a supervising unit; ministry universities go to the national level directly. */
export function choosesSupervisingUnit(kind: string): boolean {
  return kind === 'employer';
}

export function unitFormOf(page: UnitPage): UnitForm {
  return {
    province: page.province ?? '',
    address: page.address ?? '',
    contactName: page.contactName ?? '',
    contactPhone: page.contactPhone ?? '',
    contactEmail: page.contactEmail ?? '',
    supervisingUnitId: page.supervisingUnit?.id ?? '',
  };
}

/** Every field the form shows is required for a submission (as the server's `missing` says). */
export function requiredUnitFields(kind: string): UnitFormField[] {
  const fields: UnitFormField[] = ['province', 'address', 'contactName', 'contactPhone', 'contactEmail'];
  if (choosesSupervisingUnit(kind)) fields.push('supervisingUnitId');
  return fields;
}

export function emptyUnitFields(form: UnitForm, kind: string): UnitFormField[] {
  return emptyFields(form, requiredUnitFields(kind));
}

/** Filled-in fields the server would refuse, mirroring its rules (message keys under `admin.units.rule`). */
export function invalidUnitFields(form: UnitForm): Partial<Record<UnitFormField, string>> {
  const out: Partial<Record<UnitFormField, string>> = {};
  if (!isBlank(form.address) && form.address.trim().length < 4) out.address = 'address';
  if (!isBlank(form.contactName) && form.contactName.trim().length < 2) out.contactName = 'contactName';
  if (!isBlank(form.contactPhone) && !isValidPhone(form.contactPhone.trim())) out.contactPhone = 'contactPhone';
  if (!isBlank(form.contactEmail) && !isValidEmail(form.contactEmail.trim())) out.contactEmail = 'contactEmail';
  return out;
}

/** PUT /api/admin/units/:id's body. The server wants every field for a save as for a submission. */
export function unitUpdateBody(form: UnitForm, page: Pick<UnitPage, 'version' | 'kind'>) {
  return {
    version: page.version,
    province: form.province,
    address: form.address.trim(),
    contactName: form.contactName.trim(),
    contactPhone: form.contactPhone.trim(),
    contactEmail: form.contactEmail.trim(),
    supervisingUnitId: choosesSupervisingUnit(page.kind) ? form.supervisingUnitId || null : null,
  };
}

/** The submission the server offers this unit: to its supervising unit, or (部属高校) to the national level. */
export function submitActionOf(actions: readonly UnitAction[]): 'submit' | 'submit_to_national' | null {
  if (actions.includes('submit')) return 'submit';
  if (actions.includes('submit_to_national')) return 'submit_to_national';
  return null;
}

/** 撤回 (the submitter's) and 撤回审核意见 (the supervising unit's), in the order the page shows them. */
export function withdrawActionsOf(actions: readonly UnitAction[]): Array<'withdraw' | 'withdraw_from_national' | 'recall'> {
  return (['withdraw', 'withdraw_from_national', 'recall'] as const).filter((a) => actions.includes(a));
}

/** The review box's two buttons at whichever level this person reviews. */
export function reviewActionsOf(actions: readonly UnitAction[]): { approve: UnitAction | null; return: UnitAction | null } {
  const approve = (['supervising_approve', 'national_approve'] as const).find((a) => actions.includes(a)) ?? null;
  const back = (['supervising_return', 'national_return'] as const).find((a) => actions.includes(a)) ?? null;
  return { approve, return: back };
}

/** The `why` line's colour: something to do (edit, review) warns; a read informs. */
export function whyAlertType(mode: PageMode): 'warning' | 'info' {
  return mode === 'read' ? 'info' : 'warning';
}
