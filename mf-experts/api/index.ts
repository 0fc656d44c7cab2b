// The expert library's module definition: schema `experts`, its migrations, demo data and routes.
import { fileURLToPath } from 'node:url';
import { defineModule } from '@wgzj/gateway/kit';
import { seedExperts } from '../db/seed.ts';
import { createExpertsApp } from './app.ts';
import { startPlanFeed } from './plan-feed.ts';
import { startVisitClock } from './visit-clock.ts';

export default defineModule({
  area: 'experts',
  schema: 'experts',
  migrationsDir: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  seed: seedExperts,
  createApp: createExpertsApp,
  start: (ctx) => {
    const stops = [startPlanFeed(ctx), startVisitClock(ctx)];
    return () => stops.forEach((stop) => stop());
  },
});
