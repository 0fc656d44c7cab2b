// Routes of the expert library (专家库): records and search, files, visits, duplicates and merges, correction
// requests, import and export. Fixed paths (`/experts/export`) are registered before `/experts/:id`.
import { createModuleApp, type ModuleContext } from '@wgzj/gateway/kit';
import { registerCorrectionRoutes } from './corrections.ts';
import { registerDuplicateRoutes } from './duplicates.ts';
import { registerFileRoutes } from './expert-files.ts';
import { registerExpertRoutes } from './experts.ts';
import { registerImportExportRoutes } from './import-export.ts';
import { registerToDoRoutes } from './todo.ts';
import { registerVisitRoutes } from './visits.ts';

export function createExpertsApp(ctx: ModuleContext) {
  const app = createModuleApp('experts', ctx);
  registerImportExportRoutes(app, ctx);
  registerExpertRoutes(app, ctx);
  registerFileRoutes(app, ctx);
  registerVisitRoutes(app, ctx);
  registerDuplicateRoutes(app, ctx);
  registerCorrectionRoutes(app, ctx);
  registerToDoRoutes(app, ctx);
  return app;
}
