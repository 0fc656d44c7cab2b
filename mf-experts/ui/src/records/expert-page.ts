// The one line at the top of an expert's page: what this person may do with the record, and why not more. Decided
// from what the server says (`can`, `editBlocked`, merges, a pending correction), never re-derived from roles.
import type { ExpertDetail } from '../expert-types.ts';

export type ExpertPageNote =
  | 'merged'
  | 'correctionPending'
  | 'lockedCorrect'
  | 'locked'
  | 'notOwner'
  | 'editMerge'
  | 'edit'
  | 'read';

export function expertPageNote(
  expert: Pick<ExpertDetail, 'status' | 'mergedInto' | 'pendingCorrection' | 'can' | 'editBlocked' | 'likelyDuplicates'>,
): ExpertPageNote {
  if (expert.status === 'merged' || expert.mergedInto || expert.editBlocked === 'merged') return 'merged';
  if (expert.pendingCorrection) return 'correctionPending';
  if (expert.editBlocked === 'approved_plan') return expert.can.correct ? 'lockedCorrect' : 'locked';
  // Settling duplicates is mentioned only where there are some to settle.
  if (expert.can.edit) return expert.can.merge && expert.likelyDuplicates.length ? 'editMerge' : 'edit';
  if (expert.editBlocked === 'not_owner') return 'notOwner';
  return 'read';
}

/** The alert's colour: a hindrance is a warning, a permission is information. */
export function noteType(note: ExpertPageNote): 'info' | 'warning' | 'success' {
  return note === 'merged' || note === 'lockedCorrect' || note === 'locked' || note === 'correctionPending' ? 'warning' : 'info';
}

/** Merges this record took part in, as the history shows them: merged into it, or it merged into another. */
export function mergeRole(merge: { survivorId: string }, expertId: string): 'absorbed' | 'mergedAway' {
  return merge.survivorId === expertId ? 'absorbed' : 'mergedAway';
}
