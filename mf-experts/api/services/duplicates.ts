// Likely duplicates and merges (national level only): the one door for the routes. A merge moves the merged
// record's visits, plan links and inviting units to the survivor and writes down exactly what it moved, so undoing
// it puts back those records and nothing else. The statements are in duplicate-repository.ts.
import { CommonErrors, type Db, defineErrors, type Identity, type Queryable, type Role, writeAudit } from '@wgzj/gateway/kit';
import { toSummary } from '../search.ts';
import {
  lockMerge,
  lockPair,
  moveToSurvivor,
  openFlagPage,
  passportRetaken,
  recordMerge,
  settleDistinct,
  summaryRows,
  undoMergeRows,
} from './duplicate-repository.ts';
import type { WriteMeta } from './experts.ts';

const MergeErrors = defineErrors({
  MERGE_SAME_RECORD: { status: 400, 'zh-CN': '不能把专家合并到其自身。', 'en-US': 'A record cannot be merged into itself.' },
  MERGE_NOT_ACTIVE: {
    status: 409,
    'zh-CN': '参与合并的专家记录中有已被合并的记录,请刷新后重试。',
    'en-US': 'One of the records was already merged; reload and try again.',
  },
  MERGE_ALREADY_UNDONE: { status: 409, 'zh-CN': '该合并已被撤销。', 'en-US': 'This merge was already undone.' },
  MERGE_LATER_MERGE: {
    status: 409,
    'zh-CN': '保留的记录之后又被合并到其他记录,请先撤销后来的合并。',
    'en-US': 'The surviving record was later merged into another; undo that merge first.',
  },
  MERGE_PASSPORT_TAKEN: {
    status: 409,
    'zh-CN': '撤销后被合并记录的护照号码将与库中另一位专家重复,不能撤销。',
    'en-US': 'Undoing would give the merged record the same passport as another expert in the library.',
  },
});

/** Who settles duplicates and merges. */
export const MERGING_ROLES: readonly Role[] = ['national_admin'];

/** Open flags, each with both records as the list shows them. */
export async function listDuplicates(db: Queryable, page: { limit: number; offset: number }) {
  const { rows, total } = await openFlagPage(db, page);
  const summaries = await summaryRows(
    db,
    rows.flatMap((r) => [r.expert_id, r.other_id]),
  );
  const byId = new Map(summaries.map((r) => [r.id, toSummary(r)]));
  return {
    items: rows.map((r) => ({ flagId: r.flag_id, flaggedAt: new Date(r.flagged_at).toISOString(), expert: byId.get(r.expert_id), other: byId.get(r.other_id) })),
    total,
  };
}

/** The flag settled as two different people. */
export async function markDistinct(db: Db, actor: Identity, flagId: string, meta: WriteMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const flag = await settleDistinct(tx, flagId);
    if (!flag) throw CommonErrors.NOT_FOUND();
    await writeAudit(tx, { actor, action: 'expert.mark_distinct', objectType: 'expert', objectId: flag.expert_id, after: { otherId: flag.other_id }, ...meta });
  });
}

export async function mergeExperts(db: Db, actor: Identity, survivorId: string, mergedId: string, meta: WriteMeta) {
  if (survivorId === mergedId) throw MergeErrors.MERGE_SAME_RECORD();
  return db.transaction(async (tx) => {
    const pair = await lockPair(tx, survivorId, mergedId);
    if (pair.size !== 2) throw CommonErrors.NOT_FOUND();
    if ([...pair.values()].some((r) => r.status !== 'active')) throw MergeErrors.MERGE_NOT_ACTIVE();
    const moved = await moveToSurvivor(tx, survivorId, mergedId);
    const mergeId = await recordMerge(tx, survivorId, mergedId, moved, actor.userId);
    await writeAudit(tx, {
      actor,
      action: 'expert.merge',
      objectType: 'expert',
      objectId: survivorId,
      after: { mergeId, mergedId, mergedName: pair.get(mergedId)!.name, visits: moved.visitIds.length, plans: moved.planIds.length, units: moved.unitIds.length },
      ...meta,
    });
    return { mergeId, survivorId };
  });
}

/** Puts back what the merge moved; refused once undone, when the survivor was merged again, or its passport is taken. */
export async function undoMerge(db: Db, actor: Identity, mergeId: string, meta: WriteMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const merge = await lockMerge(tx, mergeId);
    if (!merge) throw CommonErrors.NOT_FOUND();
    if (merge.undone_at) throw MergeErrors.MERGE_ALREADY_UNDONE();
    const pair = await lockPair(tx, merge.survivor_id, merge.merged_id);
    if (pair.get(merge.survivor_id)?.status !== 'active') throw MergeErrors.MERGE_LATER_MERGE();
    if (await passportRetaken(tx, merge.merged_id)) throw MergeErrors.MERGE_PASSPORT_TAKEN();
    const visits = await undoMergeRows(tx, mergeId, merge, actor.userId);
    await writeAudit(tx, {
      actor,
      action: 'expert.unmerge',
      objectType: 'expert',
      objectId: merge.survivor_id,
      after: { mergeId, restoredId: merge.merged_id, visits, plans: merge.moved_plan_ids.length },
      ...meta,
    });
  });
}
