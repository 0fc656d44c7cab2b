// The admin area's module definition: schema `admin`, its migrations, demo data, routes and the portal sync.
import { fileURLToPath } from 'node:url';
import { defineModule } from '@wgzj/gateway/kit';
import { seedAdmin } from '../db/seed.ts';
import { createAdminApp } from './app.ts';
import { startPortalSync } from './portal-sync.ts';

export default defineModule({
  area: 'admin',
  schema: 'admin',
  migrationsDir: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  seed: seedAdmin,
  createApp: createAdminApp,
  // Supervising units and accounts created here go to the portal (问题三, 问题五), every 2 s on each replica.
  start: (ctx) => startPortalSync(ctx),
});
