// The shapes mf-experts/docs/api.md promises the screens: an expert as listed and as one page, a visit, the review
// lists. Only types: the server decides every value, the screens show them.

export type Gender = 'male' | 'female';

/** What a person types into the expert form (POST /experts, PATCH /experts/:id). */
export interface ExpertInput {
  name: string;
  chineseName?: string | null;
  gender: Gender;
  /** YYYY-MM-DD */
  birthDate: string;
  /** ISO 3166-1 alpha-2 */
  nationality: string;
  passportNumber: string;
  workPermitNo?: string | null;
  email?: string | null;
  phone?: string | null;
  employerAbroad?: string | null;
  position?: string | null;
  /** A discipline category (`07`) or first-level discipline (`0702`). */
  disciplineCode: string;
  keywords?: string[];
  education?: string | null;
  biography?: string | null;
}

export type ExpertField = keyof ExpertInput;

export interface ExpertSummary {
  id: string;
  name: string;
  chineseName: string | null;
  gender: Gender | null;
  nationality: string;
  disciplineCode: string | null;
  passportMasked: string | null;
  employerAbroad: string | null;
  /** 来华次数 and 最近来华: visits that happened (begun, and recorded in the library or of an approved plan). */
  visitCount: number;
  lastVisit: string | null;
  /** 计划来华: the nearest visit still to come, its plan's state (`recorded`: entered in the library), how many. */
  plannedVisit: { date: string; planState: PlanStateSeen; count: number } | null;
  status: 'active' | 'merged';
}

/** A plan's state as the library last heard it, or `recorded` for a visit entered in the library itself. */
export type PlanStateSeen = 'supervising_review' | 'national_review' | 'expert_review' | 'returned' | 'approved' | 'in_review' | 'recorded';

export interface FileMeta {
  filename: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export type FileKind = 'cv' | 'photo';

export interface LikelyDuplicate {
  flagId: string;
  id: string;
  name: string;
  chineseName: string | null;
  birthDate: string | null;
  nationality: string;
  passportMasked: string | null;
}

export interface MergeRecord {
  id: string;
  survivorId: string;
  mergedId: string;
  mergedName: string;
  /** Tells two records of one name apart. */
  mergedPassportMasked: string | null;
  mergedAt: string;
  undoneAt: string | null;
}

/** Why the record cannot be edited by this person: an approved plan froze it, another unit owns it, it was merged. */
export type EditBlocked = null | 'approved_plan' | 'not_owner' | 'merged';

export interface ExpertDetail extends ExpertSummary {
  birthDate: string | null;
  workPermitNo: string | null;
  email: string | null;
  phoneMasked: string | null;
  position: string | null;
  keywords: string[];
  education: string | null;
  biography: string | null;
  version: number;
  mergedInto: { id: string; name: string } | null;
  createdByUnit: { id: string; name: string | null };
  units: Array<{ id: string; name: string | null }>;
  files: Record<FileKind, FileMeta | null>;
  likelyDuplicates: LikelyDuplicate[];
  merges: MergeRecord[];
  pendingCorrection: { id: string; createdAt: string } | null;
  can: { edit: boolean; correct: boolean; reveal: boolean; merge: boolean; upload: boolean };
  editBlocked: EditBlocked;
}

export interface Visit {
  id: string;
  startDate: string;
  endDate: string;
  days: number;
  year: number;
  city: string | null;
  provinceCode: string | null;
  hostUnit: { id: string; name: string | null };
  purpose: string | null;
  program: string | null;
  programName: string | null;
  planId: string | null;
  planState: PlanStateSeen | null;
  status: 'happened' | 'planned';
}

/** Whether the caller's unit may write to the library yet (GET /unit-standing). */
export interface UnitStanding {
  state: 'draft' | 'supervising_review' | 'national_review' | 'returned' | 'approved';
  mayWrite: boolean;
  message: string | null;
  registrationPage: string | null;
}

export type ClaimState = 'pending' | 'accepted' | 'declined' | 'withdrawn';
export type ClaimAction = 'accept' | 'decline' | 'withdraw';

/** 认领申请 as the caller may see it: the claimant gets the record only once accepted. */
export interface ExpertClaim {
  id: string;
  side: 'claimant' | 'deciding';
  state: ClaimState;
  version: number;
  name: string;
  birthDate: string;
  nationality: string;
  passportMasked: string;
  note: string | null;
  requestedByName: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedByName: string | null;
  decisionReason: string | null;
  expert: { id: string; name: string; chineseName: string | null } | null;
  claimantUnit: { id: string; name: string | null };
  actions: ClaimAction[];
}

/** What a claim asks with: the four that must match, and a note. */
export interface ClaimInput {
  nationality: string;
  passportNumber: string;
  name: string;
  birthDate: string;
  note?: string | null;
}

export interface SearchOptions {
  programs: Array<{ code: string; name: string }>;
  years: number[];
}

export interface DuplicatePair {
  flagId: string;
  flaggedAt: string;
  expert: ExpertSummary;
  other: ExpertSummary;
}

export type CorrectionState = 'pending' | 'approved' | 'rejected';
export type CorrectionAction = 'approve' | 'reject';

/** The record as it stands: the list gives the masked identifiers, never the clear ones. */
export type CorrectionCurrent = Omit<ExpertDetail, 'mergedInto' | 'createdByUnit' | 'units' | 'files' | 'likelyDuplicates' | 'merges' | 'pendingCorrection' | 'can' | 'editBlocked'>;

export interface CorrectionRequest {
  id: string;
  expert: { id: string; name: string };
  unit: { id: string; name: string | null };
  changes: Partial<Record<ExpertField, unknown>>;
  /** Null when the record is no longer in the reader's scope. */
  current: CorrectionCurrent | null;
  reason: string;
  state: CorrectionState;
  version: number;
  requestedByName: string | null;
  createdAt: string;
  actions: CorrectionAction[];
}

export interface ImportRefusal {
  row: number;
  field: string;
  message: string;
}

export interface ImportReport {
  total: number;
  valid: number;
  imported: number;
  refused: ImportRefusal[];
}

export type ImportMode = 'check' | 'all' | 'valid_only';
