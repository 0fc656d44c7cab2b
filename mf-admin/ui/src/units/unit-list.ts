// The 单位管理 list: a unit as the API lists it, the search form, and the note an employer sees about its own unit.
import type { UnitKind } from '@wgzj/shell/kit';

/**
 * 用人单位审核流程's states (admin/api/flows.ts). They are kit review states (StatusTag colours them), but a unit's
 * registration is named in its own words: 审核通过, never a plan's 已批复.
 */
export const REGISTRATION_STATES = ['draft', 'supervising_review', 'national_review', 'returned', 'approved'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

/** The i18n key of a registration state's name (admin.units.registrationState.*); null for a state this screen does not know. */
export function registrationStateKey(state: string): string | null {
  return (REGISTRATION_STATES as readonly string[]).includes(state) ? `admin.units.registrationState.${state}` : null;
}

export interface UnitListItem {
  id: string;
  name: string;
  kind: UnitKind;
  creditCode: string | null;
  /** GB/T 2260 province code, and its name in the request's language. */
  province: string | null;
  provinceName: string | null;
  status: string;
  registrationState: RegistrationState;
  supervisingUnit: { id: string; name: string } | null;
}

export interface UnitFilter {
  name: string;
  kind: string;
  creditCode: string;
  province: string;
  registrationState: string;
}

export function emptyUnitFilter(): UnitFilter {
  return { name: '', kind: '', creditCode: '', province: '', registrationState: '' };
}

/** Units that register and pass 用人单位审核 themselves; the others are created approved. */
export function registersItself(kind: string | undefined): boolean {
  return kind === 'employer' || kind === 'ministry_university';
}

/**
 * What the list says to an employer about its own unit while it is not approved: complete and submit it (draft,
 * returned), or follow the review (submitted). Null once approved.
 */
export function ownUnitNotice(state: RegistrationState | undefined): 'complete' | 'inReview' | null {
  if (!state || state === 'approved') return null;
  return state === 'draft' || state === 'returned' ? 'complete' : 'inReview';
}
