// The editor's working copy of a plan (计划名称, template content, experts with their visits and funding), how it is
// built from the entry page's data and how it goes back as the autosave's body (PUT /plans/:id).
import { FUNDING_FIELDS, type Funding, type PlanDetail, type PlanExpert, type TemplateDefinition } from './plan-types.ts';

export interface DraftVisit {
  /** A client uuid for a new visit; the server keeps it. */
  id: string;
  startDate: string | null;
  endDate: string | null;
  city: string;
  purpose: string;
  /** Money in fen, days in days. */
  funding: Funding;
}

export interface DraftExpert {
  expertId: string;
  name: string | null;
  chineseName: string | null;
  nationality: string | null;
  passportMasked: string | null;
  active: boolean;
  visits: DraftVisit[];
}

export interface PlanDraft {
  title: string;
  content: Record<string, unknown>;
  experts: DraftExpert[];
}

export interface SaveBody {
  version: number;
  title: string;
  content: Record<string, unknown>;
  experts: Array<{
    expertId: string;
    visits: Array<{
      id: string;
      startDate: string | null;
      endDate: string | null;
      city: string | null;
      purpose: string | null;
      funding: Funding;
    }>;
  }>;
}

export function emptyFunding(): Funding {
  return Object.fromEntries(FUNDING_FIELDS.map((f) => [f, 0])) as Funding;
}

/** A new visit under an expert: no dates yet, nothing claimed. */
export function newVisit(id: string): DraftVisit {
  return { id, startDate: null, endDate: null, city: '', purpose: '', funding: emptyFunding() };
}

/** What one visit claims, in fen: the same sum the server stores as the plan's requested amount. */
export function visitTotal(funding: Funding): number {
  return (
    funding.internationalTravel +
    funding.livingPerDay * funding.livingDays +
    funding.pocketPerDay * funding.pocketDays +
    funding.intercityTransport +
    funding.salary +
    funding.other
  );
}

export function expertTotal(expert: Pick<DraftExpert, 'visits'>): number {
  return expert.visits.reduce((sum, v) => sum + visitTotal(v.funding), 0);
}

export function planTotal(experts: ReadonlyArray<Pick<DraftExpert, 'visits'>>): number {
  return experts.reduce((sum, e) => sum + expertTotal(e), 0);
}

/** Whole days of a visit, both ends counted (10 to 23 May is 14 days); null without both dates or out of order. */
export function visitDays(startDate: string | null, endDate: string | null): number | null {
  if (!startDate || !endDate) return null;
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const end = Date.parse(`${endDate}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return null;
  return Math.round((end - start) / 86_400_000) + 1;
}

function toFunding(value: Partial<Funding> | null | undefined): Funding {
  const funding = emptyFunding();
  for (const field of FUNDING_FIELDS) {
    const v = value?.[field];
    funding[field] = typeof v === 'number' && Number.isFinite(v) ? v : 0;
  }
  return funding;
}

export function draftExpertOf(expert: PlanExpert): DraftExpert {
  return {
    expertId: expert.expertId,
    name: expert.name,
    chineseName: expert.chineseName,
    nationality: expert.nationality,
    passportMasked: expert.passportMasked,
    active: expert.active,
    visits: expert.visits.map((v) => ({
      id: v.id,
      startDate: v.startDate,
      endDate: v.endDate,
      city: v.city ?? '',
      purpose: v.purpose ?? '',
      funding: toFunding(v.funding),
    })),
  };
}

/** The working copy of a plan as the entry page gave it. */
export function draftOf(plan: Pick<PlanDetail, 'title' | 'content' | 'experts'>): PlanDraft {
  return {
    title: plan.title,
    content: structuredClone(plan.content ?? {}),
    experts: plan.experts.map(draftExpertOf),
  };
}

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = (value ?? '').trim();
  return trimmed ? trimmed : null;
};

/**
 * The autosave's body: content limited to the template's own fields (images are files, not content) with empty
 * values left out, and each visit's amounts as typed (a cleared input counts as 0). A negative amount or a
 * fraction of a day goes as it is, for the server to refuse beside its field: never quietly sent as something else.
 */
export function saveBody(draft: PlanDraft, version: number, template: TemplateDefinition): SaveBody {
  const content: Record<string, unknown> = {};
  for (const field of template.sections.flatMap((s) => s.fields)) {
    if (field.type === 'image') continue;
    const value = draft.content[field.key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && !value.trim()) continue;
    content[field.key] = value;
  }
  return {
    version,
    title: draft.title.trim(),
    content,
    experts: draft.experts.map((e) => ({
      expertId: e.expertId,
      visits: e.visits.map((v) => ({
        id: v.id,
        startDate: v.startDate || null,
        endDate: v.endDate || null,
        city: blankToNull(v.city),
        purpose: blankToNull(v.purpose),
        funding: Object.fromEntries(
          FUNDING_FIELDS.map((f) => [f, Number.isFinite(v.funding[f]) ? v.funding[f] : 0]),
        ) as Funding,
      })),
    })),
  };
}

/** The part of the body that says whether anything changed since the last save (the version does not). */
export function saveFingerprint(body: SaveBody): string {
  const { version: _version, ...rest } = body;
  return JSON.stringify(rest);
}
