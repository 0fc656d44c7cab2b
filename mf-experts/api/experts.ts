// Routes of expert records: search, read, create, edit, and the audited reveal of an identifier; whether the
// caller's unit may write yet (/unit-standing). Claims of another unit's record are in claims.ts. Each route
// parses, asks the expert service (services/experts.ts), and answers.
import {
  describeRoute,
  localeOf,
  type ModuleApp,
  type ModuleContext,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { ProbeGuard } from './library-probes.ts';
import { EXPERT_LABELS, expertChanges, expertInput } from './record.ts';
import { SEARCH_LABELS, searchQuery } from './search.ts';
import {
  addExpert,
  changeExpert,
  expertDetail,
  INVITING_ROLES,
  requireEditingStanding,
  requireEntering,
  REVEALING_ROLES,
  revealIdentifier,
  searchChoices,
  searchExperts,
} from './services/experts.ts';
import { unitStanding } from './unit-standing.ts';

export const patchRequest = expertChanges.extend({ version: z.number().int().min(0) });
export const revealRequest = z.object({ field: z.enum(['passport', 'phone']) });
const revealResponse = z.object({ field: z.enum(['passport', 'phone']), value: z.string().nullable() });
const choicesResponse = z.object({
  programs: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  years: z.array(z.number().int()),
});

export function registerExpertRoutes(app: ModuleApp, ctx: ModuleContext, guard: ProbeGuard): void {
  const { db } = ctx;

  /** Whether the caller's unit may write to the library yet, and what to do if not: the screens say it first. */
  app.get('/unit-standing', describeRoute({ summary: "Whether the caller's unit may add, edit and claim experts yet" }), async (c) =>
    c.json(await unitStanding(db, c.var.identity, localeOf(c))),
  );

  app.get('/experts', describeRoute({ summary: 'Search the experts the caller may see', query: searchQuery }), async (c) => {
    const query = parseQuery(c, searchQuery, SEARCH_LABELS);
    return c.json(await searchExperts(db, c.var.identity.scope, query, { limit: query.limit, offset: query.offset }));
  });

  app.get('/experts/filters', describeRoute({ summary: 'The programs and years the search form offers (those among visits)', response: choicesResponse }), async (c) =>
    c.json(await searchChoices(db, localeOf(c))),
  );

  app.get('/experts/:id', describeRoute({ summary: "An expert's detail page: record, units, files, likely duplicates, merges, permissions" }), async (c) => {
    const id = requireObjectId(c.req.param('id'));
    return c.json(await expertDetail(db, c.var.identity, id));
  });

  app.post('/experts', describeRoute({ summary: 'Enter a new expert invited by the caller’s unit', body: expertInput, roles: INVITING_ROLES }), async (c) => {
    const actor = c.var.identity;
    await requireEntering(db, actor);
    const input = await parseJson(c, expertInput, EXPERT_LABELS);
    return c.json(await addExpert(ctx, guard, actor, input, { locale: localeOf(c), ...requestMeta(c) }), 201);
  });

  app.patch('/experts/:id', describeRoute({ summary: 'Change an expert record (the version the person saw)', body: patchRequest }), async (c) => {
    const actor = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    await requireEditingStanding(db, actor);
    const { version, ...changes } = await parseJson(c, patchRequest, EXPERT_LABELS);
    return c.json(await changeExpert(ctx, guard, actor, id, version, changes, { locale: localeOf(c), ...requestMeta(c) }));
  });

  app.post(
    '/experts/:id/reveal',
    describeRoute({
      summary: 'Show one identifier (passport or phone) in clear; the reveal is audited',
      body: revealRequest,
      response: revealResponse,
      roles: REVEALING_ROLES,
    }),
    async (c) => {
      const id = requireObjectId(c.req.param('id'));
      const { field } = await parseJson(c, revealRequest, { field: { 'zh-CN': '查看内容', 'en-US': 'Field' } });
      const value = await revealIdentifier(ctx, c.var.identity, id, field, requestMeta(c));
      c.header('cache-control', 'no-store');
      return c.json({ field, value });
    },
  );
}
