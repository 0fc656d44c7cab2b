// Likely duplicates and merges over HTTP (national level only). Each route parses, asks the duplicates service
// (services/duplicates.ts), and answers.
import {
  describeRoute,
  type ModuleApp,
  type ModuleContext,
  paging,
  PAGING_LABELS,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
  requireRole,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { listDuplicates, markDistinct, mergeExperts, MERGING_ROLES, undoMerge } from './services/duplicates.ts';

export const mergeRequest = z.object({ mergedId: z.uuid() });
const mergeResponse = z.object({ mergeId: z.uuid(), survivorId: z.uuid() });
const MERGE_LABELS = { mergedId: { 'zh-CN': '被合并的专家', 'en-US': 'Record to merge' }, ...PAGING_LABELS };

export function registerDuplicateRoutes(app: ModuleApp, ctx: ModuleContext): void {
  const { db } = ctx;

  app.get('/duplicates', describeRoute({ summary: 'Likely duplicates not yet settled, both records of each', query: paging, roles: MERGING_ROLES }), async (c) => {
    requireRole(c.var.identity, MERGING_ROLES);
    const query = parseQuery(c, paging, MERGE_LABELS);
    return c.json(await listDuplicates(db, { limit: query.limit, offset: query.offset }));
  });

  app.post('/duplicates/:flagId/distinct', describeRoute({ summary: 'Settle a likely duplicate as two different people', response: z.object({ resolved: z.literal(true) }), roles: MERGING_ROLES }), async (c) => {
    const actor = c.var.identity;
    requireRole(actor, MERGING_ROLES);
    const flagId = requireObjectId(c.req.param('flagId'));
    await markDistinct(db, actor, flagId, requestMeta(c));
    return c.json({ resolved: true });
  });

  app.post(
    '/experts/:id/merge',
    describeRoute({ summary: 'Merge another record into this one (visits, plan links and units move to it)', body: mergeRequest, response: mergeResponse, roles: MERGING_ROLES }),
    async (c) => {
      const actor = c.var.identity;
      requireRole(actor, MERGING_ROLES);
      const survivorId = requireObjectId(c.req.param('id'));
      const { mergedId } = await parseJson(c, mergeRequest, MERGE_LABELS);
      return c.json(await mergeExperts(db, actor, survivorId, mergedId, requestMeta(c)));
    },
  );

  app.post('/merges/:id/undo', describeRoute({ summary: 'Undo a merge: put back exactly what it moved', response: z.object({ undone: z.literal(true) }), roles: MERGING_ROLES }), async (c) => {
    const actor = c.var.identity;
    requireRole(actor, MERGING_ROLES);
    const mergeId = requireObjectId(c.req.param('id'));
    await undoMerge(db, actor, mergeId, requestMeta(c));
    return c.json({ undone: true });
  });
}
