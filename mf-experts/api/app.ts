// Routes of the expert library (专家库): records and search, claims, files, visits, duplicates and merges,
// correction requests, import and export. Fixed paths (`/experts/export`) are registered before `/experts/:id`.
import { createModuleApp, type ModuleContext } from '@wgzj/gateway/kit';
import { registerClaimRoutes } from './claims.ts';
import { registerCorrectionRoutes } from './corrections.ts';
import { registerDuplicateRoutes } from './duplicates.ts';
import { registerFileRoutes } from './expert-files.ts';
import { registerExpertRoutes } from './experts.ts';
import { registerImportExportRoutes } from './import-export.ts';
import { probeGuard } from './library-probes.ts';
import { registerToDoRoutes } from './todo.ts';
import { registerVisitRoutes } from './visits.ts';

export function createExpertsApp(ctx: ModuleContext) {
  const app = createModuleApp('experts', ctx);
  // One budget for every answer that tells whether a passport is in the library (claims, creates, edits, imports).
  const guard = probeGuard(ctx.db);
  registerImportExportRoutes(app, ctx, guard);
  registerExpertRoutes(app, ctx, guard);
  registerClaimRoutes(app, ctx, guard);
  registerFileRoutes(app, ctx);
  registerVisitRoutes(app, ctx);
  registerDuplicateRoutes(app, ctx);
  registerCorrectionRoutes(app, ctx);
  registerToDoRoutes(app, ctx);
  return app;
}
