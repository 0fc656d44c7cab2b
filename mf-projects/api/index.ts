// The project library's module definition: schema `projects`, its migrations, demo data and routes.
import { fileURLToPath } from 'node:url';
import { defineModule } from '@wgzj/gateway/kit';
import { seedProjects } from '../db/seed.ts';
import { createProjectsApp } from './app.ts';

export default defineModule({
  area: 'projects',
  schema: 'projects',
  migrationsDir: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  seed: seedProjects,
  createApp: createProjectsApp,
});
