// A sign-in attempt (登录记录) as the diagnostics API returns it: its search query and the labels support reads.
import { shanghaiWallClockToIso } from '@wgzj/gateway/kit/shared/dates';
import { ADMISSION_CHECKS, SIGN_IN_REFUSAL_CODES as REFUSAL_CODES } from '@wgzj/gateway/kit/shared/errors';
import { USER_KINDS } from '@wgzj/gateway/kit/shared/roles';
import type { TagType } from '@wgzj/shell/kit';

export const HANDOFF_OUTCOMES = ['refused', 'awaiting_confirmation', 'admitted', 'cancelled'] as const;
export type HandoffOutcome = (typeof HANDOFF_OUTCOMES)[number];

// The gateway's checks in the order it runs them, every code a sign-in can be refused with, and the user kinds: the
// gateway's own lists (the shared contract).
export { ADMISSION_CHECKS, REFUSAL_CODES, USER_KINDS };

/** The steps of a handoff the gateway times, in the order they happen, then the whole. */
export const DURATION_STEPS = ['token', 'userinfo', 'checks', 'total'] as const;
export type DurationStep = (typeof DURATION_STEPS)[number];

export interface HandoffCheck {
  check: string;
  passed: boolean;
  code?: string;
}

export interface HandoffRecord {
  reference: string;
  startedAt: string;
  outcome: string;
  refusal: string | null;
  username: string | null;
  subjectMasked: string | null;
  phoneMasked: string | null;
  userKind: string | null;
  checks: HandoffCheck[];
  durations: Partial<Record<string, number>>;
  clientIp: string | null;
}

export interface HandoffFilter {
  reference: string;
  username: string;
  phone: string;
  /** Wall-clock times picked from the range picker (`YYYY-MM-DD HH:mm:ss`), meant as Beijing time; or null. */
  range: [string, string] | null;
}

export function emptyHandoffFilter(): HandoffFilter {
  return { reference: '', username: '', phone: '', range: null };
}

/** How many attempts one search brings back (the API allows up to 200). */
export const HANDOFF_SEARCH_LIMIT = 100;

/** A picked wall-clock time read as Beijing time, whatever the browser's zone, as an ISO instant. */
export const beijingWallClockToIso = shanghaiWallClockToIso;

/** Mainland mobile number, as the API matches it (exactly, by its keyed hash). */
const MOBILE = /^1\d{10}$/;

export type HandoffQueryProblem = 'phone' | 'range';
export type HandoffQuery = Record<string, string | number>;

/** The terms of a search (posted as JSON, so a phone number stays out of URLs), or the field that stops it from being sent. */
export function handoffQuery(
  filter: HandoffFilter,
  limit = HANDOFF_SEARCH_LIMIT,
): { ok: true; query: HandoffQuery } | { ok: false; problem: HandoffQueryProblem } {
  const query: HandoffQuery = { limit };
  // References are read out over the phone and typed in any case; the gateway stores them upper-case.
  const reference = filter.reference.trim().toUpperCase();
  if (reference) query['reference'] = reference;
  const username = filter.username.trim();
  if (username) query['username'] = username;
  const phone = filter.phone.replace(/[\s-]/g, '');
  if (phone) {
    if (!MOBILE.test(phone)) return { ok: false, problem: 'phone' };
    query['phone'] = phone;
  }
  if (filter.range) {
    const from = beijingWallClockToIso(filter.range[0]);
    const to = beijingWallClockToIso(filter.range[1]);
    if (!from || !to || from > to) return { ok: false, problem: 'range' };
    query['from'] = from;
    query['to'] = to;
  }
  return { ok: true, query };
}

const OUTCOME_TAGS: Record<HandoffOutcome, TagType> = {
  refused: 'danger',
  awaiting_confirmation: 'warning',
  admitted: 'success',
  cancelled: 'info',
};

const isOneOf = <T extends string>(list: readonly T[], value: string | null | undefined): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

export function outcomeTagType(outcome: string): TagType {
  return isOneOf(HANDOFF_OUTCOMES, outcome) ? OUTCOME_TAGS[outcome] : 'info';
}

/** i18n keys of the labels; null for a value this screen does not know yet (shown raw). */
export function outcomeLabelKey(outcome: string): string | null {
  return isOneOf(HANDOFF_OUTCOMES, outcome) ? `admin.diagnostics.outcome.${outcome}` : null;
}

export function refusalLabelKey(code: string | null | undefined): string | null {
  return isOneOf(REFUSAL_CODES, code) ? `admin.diagnostics.refusal.${code}` : null;
}

export function checkLabelKey(check: string): string | null {
  return isOneOf(ADMISSION_CHECKS, check) ? `admin.diagnostics.check.${check}` : null;
}

export function userKindLabelKey(kind: string | null | undefined): string | null {
  return isOneOf(USER_KINDS, kind) ? `admin.diagnostics.userKind.${kind}` : null;
}

/** Each timed step with its milliseconds, or null when the attempt stopped before that step. */
export function durationRows(durations: HandoffRecord['durations'] | null | undefined): { step: DurationStep; ms: number | null }[] {
  return DURATION_STEPS.map((step) => {
    const ms = durations?.[step];
    return { step, ms: typeof ms === 'number' && Number.isFinite(ms) ? ms : null };
  });
}

/** The first failed check, the one the user's refusal page names. */
export function failedCheck(record: Pick<HandoffRecord, 'checks'>): HandoffCheck | null {
  return record.checks?.find((c) => !c.passed) ?? null;
}
