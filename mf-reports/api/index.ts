// The annual report library's module definition: schema `reports`, its migrations, demo data and routes.
import { fileURLToPath } from 'node:url';
import { defineModule } from '@wgzj/gateway/kit';
import { seedReports } from '../db/seed.ts';
import { createReportsApp } from './app.ts';

export default defineModule({
  area: 'reports',
  schema: 'reports',
  migrationsDir: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  seed: seedReports,
  createApp: createReportsApp,
});
