// Likely duplicates and merges (national level only). A merge moves the merged record's visits, plan links and
// inviting units to the survivor and writes down exactly what it moved, so undoing it puts back those records
// and nothing else.
import {
  CommonErrors,
  type Db,
  defineErrors,
  type Identity,
  listPage,
  type ModuleContext,
  paging,
  PAGING_LABELS,
  parseJson,
  parseQuery,
  type Queryable,
  requestMeta,
  requireObjectId,
  requireRole,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { ExpertsApp } from './experts.ts';
import { type ExpertSummaryRow, SUMMARY_SELECT, toSummary } from './search.ts';

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

const NATIONAL: Identity['role'][] = ['national_admin'];

const mergeRequest = z.object({ mergedId: z.uuid() });
const MERGE_LABELS = { mergedId: { 'zh-CN': '被合并的专家', 'en-US': 'Record to merge' }, ...PAGING_LABELS };

/** Both records, locked in a fixed order so two merges of the same pair cannot deadlock. */
async function lockPair(tx: Queryable, a: string, b: string): Promise<Map<string, { status: string; name: string }>> {
  const { rows } = await tx.query<{ id: string; status: string; name: string }>(
    'select id, status, name from experts.experts where id = any($1::uuid[]) order by id for update',
    [[a, b]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function mergeExperts(db: Db, actor: Identity, survivorId: string, mergedId: string, meta: { requestId?: string; clientIp?: string }) {
  if (survivorId === mergedId) throw MergeErrors.MERGE_SAME_RECORD();
  return db.transaction(async (tx) => {
    const pair = await lockPair(tx, survivorId, mergedId);
    if (pair.size !== 2) throw CommonErrors.NOT_FOUND();
    if ([...pair.values()].some((r) => r.status !== 'active')) throw MergeErrors.MERGE_NOT_ACTIVE();
    const visits = await tx.query<{ id: string }>('update experts.visits set expert_id = $1, updated_at = now() where expert_id = $2 returning id', [survivorId, mergedId]);
    // A plan that already names the survivor keeps its own link; the merged record's link to it stays behind.
    const plans = await tx.query<{ plan_id: string }>(
      `update experts.plan_links set expert_id = $1, updated_at = now() where expert_id = $2
         and plan_id not in (select plan_id from experts.plan_links where expert_id = $1) returning plan_id`,
      [survivorId, mergedId],
    );
    const units = await tx.query<{ unit_id: string }>(
      `insert into experts.expert_units (expert_id, unit_id, supervising_unit_id)
       select $1, unit_id, supervising_unit_id from experts.expert_units where expert_id = $2
       on conflict do nothing returning unit_id`,
      [survivorId, mergedId],
    );
    await tx.query(`update experts.experts set status = 'merged', merged_into = $1, version = version + 1, updated_at = now() where id = $2`, [survivorId, mergedId]);
    await tx.query(
      `update experts.duplicate_flags set resolved_at = now(), resolution = 'merged'
       where resolved_at is null and ((expert_id = $1 and other_id = $2) or (expert_id = $2 and other_id = $1))`,
      [survivorId, mergedId],
    );
    const { rows } = await tx.query<{ id: string }>(
      `insert into experts.merges (survivor_id, merged_id, moved_visit_ids, moved_plan_ids, added_unit_ids, merged_by)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [survivorId, mergedId, visits.rows.map((r) => r.id), plans.rows.map((r) => r.plan_id), units.rows.map((r) => r.unit_id), actor.userId],
    );
    const mergeId = rows[0]!.id;
    await writeAudit(tx, {
      actor,
      action: 'expert.merge',
      objectType: 'expert',
      objectId: survivorId,
      after: { mergeId, mergedId, mergedName: pair.get(mergedId)!.name, visits: visits.rows.length, plans: plans.rows.length, units: units.rows.length },
      ...meta,
    });
    return { mergeId, survivorId };
  });
}

export function registerDuplicateRoutes(app: ExpertsApp, ctx: ModuleContext): void {
  const { db } = ctx;

  app.get('/duplicates', async (c) => {
    requireRole(c.var.identity, NATIONAL);
    const query = parseQuery(c, paging, MERGE_LABELS);
    const { rows, total } = await listPage<{ flag_id: string; flagged_at: Date; expert_id: string; other_id: string }>(db, {
      select: `select f.id as flag_id, f.flagged_at, f.expert_id, f.other_id
               from experts.duplicate_flags f join experts.experts a on a.id = f.expert_id join experts.experts b on b.id = f.other_id`,
      where: ['f.resolved_at is null', `a.status = 'active'`, `b.status = 'active'`],
      params: [],
      orderBy: 'x.flagged_at desc, x.flag_id',
      limit: query.limit,
      offset: query.offset,
    });
    const summaries = await db.query<ExpertSummaryRow>(`${SUMMARY_SELECT} where e.id = any($1::uuid[])`, [rows.flatMap((r) => [r.expert_id, r.other_id])]);
    const byId = new Map(summaries.rows.map((r) => [r.id, toSummary(r)]));
    return c.json({
      items: rows.map((r) => ({ flagId: r.flag_id, flaggedAt: new Date(r.flagged_at).toISOString(), expert: byId.get(r.expert_id), other: byId.get(r.other_id) })),
      total,
    });
  });

  app.post('/duplicates/:flagId/distinct', async (c) => {
    const actor = c.var.identity;
    requireRole(actor, NATIONAL);
    const flagId = requireObjectId(c.req.param('flagId'));
    await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ expert_id: string; other_id: string }>(
        `update experts.duplicate_flags set resolved_at = now(), resolution = 'distinct' where id = $1 and resolved_at is null returning expert_id, other_id`,
        [flagId],
      );
      if (!rows[0]) throw CommonErrors.NOT_FOUND();
      await writeAudit(tx, { actor, action: 'expert.mark_distinct', objectType: 'expert', objectId: rows[0].expert_id, after: { otherId: rows[0].other_id }, ...requestMeta(c) });
    });
    return c.json({ resolved: true });
  });

  app.post('/experts/:id/merge', async (c) => {
    const actor = c.var.identity;
    requireRole(actor, NATIONAL);
    const survivorId = requireObjectId(c.req.param('id'));
    const { mergedId } = await parseJson(c, mergeRequest, MERGE_LABELS);
    return c.json(await mergeExperts(db, actor, survivorId, mergedId, requestMeta(c)));
  });

  app.post('/merges/:id/undo', async (c) => {
    const actor = c.var.identity;
    requireRole(actor, NATIONAL);
    const mergeId = requireObjectId(c.req.param('id'));
    await db.transaction(async (tx) => {
      const { rows } = await tx.query<{
        survivor_id: string;
        merged_id: string;
        moved_visit_ids: string[];
        moved_plan_ids: string[];
        added_unit_ids: string[];
        undone_at: Date | null;
      }>('select survivor_id, merged_id, moved_visit_ids, moved_plan_ids, added_unit_ids, undone_at from experts.merges where id = $1 for update', [mergeId]);
      const merge = rows[0];
      if (!merge) throw CommonErrors.NOT_FOUND();
      if (merge.undone_at) throw MergeErrors.MERGE_ALREADY_UNDONE();
      const pair = await lockPair(tx, merge.survivor_id, merge.merged_id);
      if (pair.get(merge.survivor_id)?.status !== 'active') throw MergeErrors.MERGE_LATER_MERGE();
      const taken = await tx.query(
        `select 1 from experts.experts m join experts.experts o on o.passport_hash = m.passport_hash and o.id <> m.id and o.status = 'active'
         where m.id = $1`,
        [merge.merged_id],
      );
      if (taken.rows.length) throw MergeErrors.MERGE_PASSPORT_TAKEN();
      await tx.query(`update experts.experts set status = 'active', merged_into = null, version = version + 1, updated_at = now() where id = $1`, [merge.merged_id]);
      // Only what this merge moved goes back, and only if it is still where the merge put it.
      const visits = await tx.query('update experts.visits set expert_id = $1, updated_at = now() where id = any($2::uuid[]) and expert_id = $3 returning id', [
        merge.merged_id,
        merge.moved_visit_ids,
        merge.survivor_id,
      ]);
      await tx.query('update experts.plan_links set expert_id = $1, updated_at = now() where plan_id = any($2::uuid[]) and expert_id = $3', [
        merge.merged_id,
        merge.moved_plan_ids,
        merge.survivor_id,
      ]);
      // A unit the survivor gained only through the merge leaves it, unless a plan of that unit now names it.
      await tx.query(
        `delete from experts.expert_units eu using experts.experts s
         where eu.expert_id = $1 and s.id = $1 and eu.unit_id = any($2::uuid[]) and eu.unit_id <> s.created_by_unit_id
           and not exists (select 1 from experts.plan_links l where l.expert_id = $1 and l.unit_id = eu.unit_id)`,
        [merge.survivor_id, merge.added_unit_ids],
      );
      await tx.query(
        `update experts.duplicate_flags set resolved_at = null, resolution = null
         where resolution = 'merged' and ((expert_id = $1 and other_id = $2) or (expert_id = $2 and other_id = $1))`,
        [merge.survivor_id, merge.merged_id],
      );
      await tx.query('update experts.merges set undone_at = now(), undone_by = $2 where id = $1', [mergeId, actor.userId]);
      await writeAudit(tx, {
        actor,
        action: 'expert.unmerge',
        objectType: 'expert',
        objectId: merge.survivor_id,
        after: { mergeId, restoredId: merge.merged_id, visits: visits.rows.length, plans: merge.moved_plan_ids.length },
        ...requestMeta(c),
      });
    });
    return c.json({ undone: true });
  });
}
