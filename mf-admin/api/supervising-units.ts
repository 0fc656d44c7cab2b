// 归口管理单位 over HTTP: the national administrator creates a supervising unit with its accounts (问题三), adds an
// account to one (问题五) and retries its portal sync. Each route parses, asks services/supervising-units.ts, answers.
import { describeRoute, localeOf, type ModuleApp, type ModuleContext, parseJson, requestMeta } from '@wgzj/gateway/kit';
import { PERSON_LABELS } from './people.ts';
import {
  addSupervisingAccount,
  createSupervisingUnit,
  listSupervisingUnits,
  requireNational,
  requireSupervisingUnit,
  retrySupervisingUnitSync,
  SUPERVISING_LABELS,
  SUPERVISING_READERS,
  SUPERVISING_WRITERS,
  supervisingAccountInput,
  supervisingUnitDetail,
  supervisingUnitInput,
} from './services/supervising-units.ts';

export { overallSyncState, SupervisingUnitErrors } from './services/supervising-units.ts';

export function registerSupervisingUnitRoutes(app: ModuleApp, ctx: ModuleContext): void {
  app.get('/supervising-units', describeRoute({ summary: 'List the supervising units with their portal sync state', roles: SUPERVISING_READERS }), async (c) =>
    c.json(await listSupervisingUnits(ctx.db, c.var.identity, localeOf(c))),
  );

  app.get(
    '/supervising-units/:id',
    describeRoute({ summary: 'A supervising unit with its accounts and portal sync rows', roles: SUPERVISING_READERS }),
    async (c) => c.json(await supervisingUnitDetail(ctx.db, c.var.identity, c.req.param('id'), localeOf(c))),
  );

  app.post(
    '/supervising-units',
    describeRoute({ summary: 'Create a supervising unit with its accounts (synced to the portal)', body: supervisingUnitInput, roles: SUPERVISING_WRITERS }),
    async (c) => {
      const actor = c.var.identity;
      requireNational(actor);
      const input = await parseJson(c, supervisingUnitInput, SUPERVISING_LABELS);
      const unitId = await createSupervisingUnit(ctx, actor, input, requestMeta(c), localeOf(c));
      return c.json(await supervisingUnitDetail(ctx.db, actor, unitId, localeOf(c)), 201);
    },
  );

  app.post(
    '/supervising-units/:id/accounts',
    describeRoute({ summary: 'Add an account to a supervising unit (synced to the portal)', body: supervisingAccountInput, roles: SUPERVISING_WRITERS }),
    async (c) => {
      const actor = c.var.identity;
      requireNational(actor);
      const unit = await requireSupervisingUnit(ctx.db, c.req.param('id'));
      const input = await parseJson(c, supervisingAccountInput, PERSON_LABELS);
      await addSupervisingAccount(ctx, actor, unit.id, input, requestMeta(c), localeOf(c));
      return c.json(await supervisingUnitDetail(ctx.db, actor, unit.id, localeOf(c)), 201);
    },
  );

  app.post(
    '/supervising-units/:id/sync/retry',
    describeRoute({ summary: "Retry a supervising unit's failed portal sync now", roles: SUPERVISING_WRITERS }),
    async (c) => c.json(await retrySupervisingUnitSync(ctx, c.var.identity, c.req.param('id'), requestMeta(c))),
  );
}
