// The shapes mf-projects/docs/api.md promises the plan screens. Only types: the server decides every value (what
// the page is, what may be done, what still blocks a submission); the screens show them.

import type { FundingField, PlanState } from '../../../shared/plan-shapes.ts';
import type { TemplateDefinition } from '../../../shared/template-shape.ts';

export { FUNDING_FIELDS, type FundingField, PLAN_STATES, type PlanState } from '../../../shared/plan-shapes.ts';

export type { Localised } from '../../../shared/template-shape.ts';


export type PlanFamily = 'talent' | 'platform';
export type PlanMode = 'edit' | 'review' | 'score' | 'read';
export type PlanAction = 'submit' | 'withdraw' | 'approve' | 'return' | 'reject' | 'assign_reviewers';

/** A row of GET /plans. */
export interface PlanListItem {
  id: string;
  title: string;
  projectType: string;
  projectTypeName: string;
  family: PlanFamily | null;
  year: number;
  status: PlanState;
  statusName: string;
  version: number;
  unitId: string;
  unitName: string | null;
  /** fen */
  requestedAmount: number;
  /** fen */
  approvedAmount: number | null;
  expertCount: number;
  submittedAt: string | null;
  updatedAt: string;
}

export interface ProjectType {
  code: string;
  family: PlanFamily;
  name: string;
  templateVersion: number | null;
}

/** An annual call (申报批次); `canApply` says this person may start a plan under it now. */
export interface PlanCall {
  id: string;
  projectType: string;
  projectTypeName: string;
  family: PlanFamily;
  year: number;
  opensOn: string;
  closesOn: string;
  unitKinds: string[];
  open: boolean;
  canApply: boolean;
}

// What a template holds is the shared shape the plans API checks a published definition against.
export type {
  FileType,
  RubricItem,
  TemplateAttachment,
  TemplateDefinition,
  TemplateField,
  TemplateSection,
} from '../../../shared/template-shape.ts';


/** Funding of one visit: money in fen, the two day counts in days. */
export type Funding = Record<FundingField, number>;

export interface PlanVisit {
  id: string;
  startDate: string | null;
  endDate: string | null;
  days: number | null;
  city: string | null;
  purpose: string | null;
  funding: Funding;
  /** fen */
  total: number;
  /** The contract file's id, or null. */
  contract: string | null;
}

export interface PlanExpert {
  expertId: string;
  name: string | null;
  chineseName: string | null;
  nationality: string | null;
  passportMasked: string | null;
  active: boolean;
  visits: PlanVisit[];
}

export interface PlanFile {
  id: string;
  slot: string;
  filename: string;
  size: number;
  contentType: string;
  createdAt: string;
}

export interface PlanProblem {
  path: string;
  section: string;
  message: string;
}

export interface PlanEvent {
  id: string;
  action: string;
  actionName: string;
  fromState: PlanState;
  toState: PlanState;
  actorName: string;
  actorUnitName: string;
  reason: string | null;
  sectionReasons: Record<string, string> | null;
  createdAt: string;
}

export interface PlanReview {
  reviewerId: string;
  reviewerName: string;
  scores: Record<string, number> | null;
  total: number | null;
  opinion: string | null;
  submittedAt: string | null;
}

export interface PlanChange {
  path: string;
  label: string;
  before: string;
  after: string;
}

/** GET /plans/:id: the one entry page. */
export interface PlanDetail {
  id: string;
  title: string;
  version: number;
  status: PlanState;
  statusName: string;
  mode: PlanMode;
  why: string;
  actions: PlanAction[];
  projectType: string;
  projectTypeName: string;
  family: PlanFamily;
  year: number;
  unit: { id: string; name: string | null; kind: string };
  supervisingUnit: { id: string; name: string | null } | null;
  template: { id: string; version: number; definition: TemplateDefinition };
  policy: { id: string; title: string; version: number; rules: unknown[] } | null;
  content: Record<string, unknown>;
  experts: PlanExpert[];
  files: PlanFile[];
  problems: PlanProblem[];
  requestedAmount: number;
  approvedAmount: number | null;
  approvalDocument: string | null;
  createdByName: string | null;
  submittedAt: string | null;
  submissionCount: number;
  decidedAt: string | null;
  updatedAt: string;
  events: PlanEvent[];
  reviews: PlanReview[];
  reviewProgress: { assigned: number; submitted: number };
  changes: PlanChange[];
}

/** PUT /plans/:id answers this. */
export interface SaveResult {
  version: number;
  requestedAmount: number;
  problems: PlanProblem[];
  experts: PlanExpert[];
}

/** An expert of the unit's library as GET /api/experts/experts lists it (only what the picker shows). */
export interface LibraryExpert {
  id: string;
  name: string;
  chineseName: string | null;
  nationality: string;
  passportMasked: string | null;
  birthDate: string | null;
  visitCount: number;
}

export interface Reviewer {
  userId: string;
  name: string;
  username: string;
}

export interface BulkResult {
  id: string;
  ok: boolean;
  status?: PlanState;
  version?: number;
  error?: { code: string; message: string };
}
