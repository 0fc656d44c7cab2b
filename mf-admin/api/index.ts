// The admin area's module definition: schema `admin`, its migrations, demo data and routes.
import { fileURLToPath } from 'node:url';
import { defineModule } from '@wgzj/gateway/kit';
import { seedAdmin } from '../db/seed.ts';
import { createAdminApp } from './app.ts';

export default defineModule({
  area: 'admin',
  schema: 'admin',
  migrationsDir: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  seed: seedAdmin,
  createApp: createAdminApp,
});
