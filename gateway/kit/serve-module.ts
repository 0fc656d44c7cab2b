// Runs one module API as its own process (distributed deployment): its schema's migrations, then its routes,
// trusting only assertions that verify against the gateway's published JWKS.
import { serve } from '@hono/node-server';
import { openDatabase } from './db.ts';
import { createLogger } from './logger.ts';
import { KIT_MIGRATIONS, migrate } from './migrate.ts';
import { seedOnce } from './seed.ts';
import type { ModuleDefinition } from './module.ts';

export async function serveModule(definition: ModuleDefinition, env: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger(`mf-${definition.area}`, env['LOG_LEVEL'] ?? 'info');
  const databaseUrl = env['DATABASE_URL'];
  const jwksUrl = env['GATEWAY_JWKS_URL'];
  if (!databaseUrl || !jwksUrl) throw new Error('DATABASE_URL and GATEWAY_JWKS_URL are required for a module server');
  const db = await openDatabase({ url: databaseUrl });
  await migrate(db, KIT_MIGRATIONS);
  await migrate(db, { module: definition.area, dir: definition.migrationsDir });
  if (env['SEED_DEMO'] === 'true' && definition.seed) await seedOnce(db, definition.area, definition.seed);
  const app = definition.createApp({ db, keys: { jwksUrl }, logger });
  const port = Number(env['PORT'] ?? 3000);
  const server = serve({ fetch: app.fetch, port, hostname: env['HOST'] ?? '0.0.0.0' }, () =>
    logger.info({ port, area: definition.area }, 'module API listening'),
  );
  const stop = () => server.close(() => void db.close().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return { app, server, db };
}
