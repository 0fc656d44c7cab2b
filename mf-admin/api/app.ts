// The admin area's API: each concern registers its routes from its own file; this file only assembles them.
import { createModuleApp, type ModuleApp, type ModuleContext, parseJson } from '@wgzj/gateway/kit';
import { registerAccountRoutes } from './accounts.ts';
import { registerAuditRoutes } from './audit.ts';
import { registerNoticeRoutes } from './notices.ts';
import { linkPortalAccount, portalLinkRequest } from './portal-accounts.ts';
import { registerSupervisingUnitRoutes } from './supervising-units.ts';
import { registerToDoRoutes } from './todo.ts';
import { registerUnitRoutes } from './units.ts';
import { registerUserRoutes } from './users.ts';

/** Kept for callers that name it; route files register on the kit's ModuleApp. */
export type AdminApp = ModuleApp;

export function createAdminApp(ctx: ModuleContext): AdminApp {
  const app = createModuleApp('admin', ctx);
  registerUnitRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerSupervisingUnitRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerNoticeRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerToDoRoutes(app, ctx);

  app.post('/internal/portal-accounts/link', async (c) => {
    const request = await parseJson(c, portalLinkRequest);
    return c.json(await ctx.db.transaction((tx) => linkPortalAccount(tx, request, ctx.cipher)));
  });

  return app;
}
