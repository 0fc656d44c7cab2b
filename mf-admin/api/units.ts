// 单位管理 over HTTP: the unit tree in the caller's scope, one unit's page, its information saved by its own people and
// the registration review. Each route parses, asks the unit service (services/units.ts) and answers.
import { describeRoute, localeOf, type ModuleApp, type ModuleContext, parseJson, parseQuery, PROVINCES, requestMeta, requireRole } from '@wgzj/gateway/kit';
import { EMPLOYER_ROLES } from '@wgzj/gateway/kit/shared/roles';
import {
  listUnits,
  requireUnitInScope,
  supervisingOptions,
  transitionUnit,
  UNIT_LABELS,
  unitFilter,
  unitPage,
  unitPageById,
  unitTransition,
  unitUpdate,
  updateUnit,
} from './services/units.ts';

export { UNIT_CONTACT_LABELS, UNIT_LABELS, UnitErrors } from './services/units.ts';

const OPTION_READERS = [...EMPLOYER_ROLES, 'national_admin', 'support'] as const;

export function registerUnitRoutes(app: ModuleApp, ctx: ModuleContext): void {
  const { db } = ctx;

  app.get('/regions', describeRoute({ summary: 'List the provinces a unit can be in' }), (c) => {
    const locale = localeOf(c);
    return c.json({ items: PROVINCES.map((p) => ({ code: p.code, name: p[locale] })) });
  });

  app.get(
    '/units/supervising-options',
    describeRoute({ summary: 'List the active supervising units an employer unit may choose', roles: OPTION_READERS }),
    async (c) => {
      requireRole(c.var.identity, OPTION_READERS);
      return c.json({ items: await supervisingOptions(db) });
    },
  );

  app.get('/units', describeRoute({ summary: 'List the units the caller may see', query: unitFilter }), async (c) => {
    const q = parseQuery(c, unitFilter, UNIT_LABELS);
    return c.json(await listUnits(db, c.var.identity, q, localeOf(c)));
  });

  app.get('/units/:id', describeRoute({ summary: "A unit's page: its information, what the caller may do, its history" }), async (c) =>
    c.json(await unitPageById(db, c.var.identity, c.req.param('id'), localeOf(c))),
  );

  app.put(
    '/units/:id',
    describeRoute({ summary: "Save a unit's information (its own people, while a draft or returned)", body: unitUpdate, roles: EMPLOYER_ROLES }),
    async (c) => {
      const actor = c.var.identity;
      const row = await requireUnitInScope(db, actor, c.req.param('id'));
      const input = await parseJson(c, unitUpdate, UNIT_LABELS);
      await updateUnit(ctx, actor, row, input, requestMeta(c), localeOf(c));
      return c.json(await unitPageById(db, actor, row.id, localeOf(c)));
    },
  );

  app.post(
    '/units/:id/transitions',
    describeRoute({ summary: "Move a unit's registration on (submit, withdraw, approve, return, recall)", body: unitTransition }),
    async (c) => {
      const actor = c.var.identity;
      const row = await requireUnitInScope(db, actor, c.req.param('id'));
      const request = await parseJson(c, unitTransition, UNIT_LABELS);
      await transitionUnit(ctx, actor, row, request, requestMeta(c), localeOf(c));
      return c.json(await unitPage(db, actor, await requireUnitInScope(db, actor, row.id), localeOf(c)));
    },
  );
}
