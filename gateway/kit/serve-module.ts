// Runs one module API as its own process (distributed deployment): its schema's migrations, then its routes,
// trusting only assertions that verify against the gateway's published JWKS.
import { serve } from '@hono/node-server';
import { openDatabase } from './db.ts';
import { createLogger } from './logger.ts';
import { KIT_MIGRATIONS, migrate } from './migrate.ts';
import { seedOnce } from './seed.ts';
import type { ModuleContext, ModuleDefinition } from './module.ts';
import { FieldCipher } from './field-cipher.ts';

export async function serveModule(definition: ModuleDefinition, env: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger(`mf-${definition.area}`, env['LOG_LEVEL'] ?? 'info');
  const databaseUrl = env['DATABASE_URL'];
  const jwksUrl = env['GATEWAY_JWKS_URL'];
  if (!databaseUrl || !jwksUrl) throw new Error('DATABASE_URL and GATEWAY_JWKS_URL are required for a module server');
  const db = await openDatabase({ url: databaseUrl });
  await migrate(db, KIT_MIGRATIONS);
  await migrate(db, { module: definition.area, dir: definition.migrationsDir });
    const fieldKey = env['FIELD_ENCRYPTION_KEY'];
  if (!fieldKey) throw new Error('FIELD_ENCRYPTION_KEY is required for a module server (the same key as the gateway)');
  const syncUrl = env['PORTAL_SYNC_URL'];
  const ctx: ModuleContext = {
    db,
    keys: { jwksUrl },
    logger,
    cipher: new FieldCipher(Buffer.from(fieldKey, 'base64')),
    portalSync: syncUrl
      ? { url: syncUrl, clientId: env['PORTAL_CLIENT_ID'] ?? '', clientSecret: env['PORTAL_CLIENT_SECRET'] ?? '' }
      : null,
  };
  if (env['SEED_DEMO'] === 'true' && definition.seed) await seedOnce(db, definition.area, (d) => definition.seed!(d, ctx));
  const app = definition.createApp(ctx);
  const stopWork = definition.start?.(ctx);
  const port = Number(env['PORT'] ?? 3000);
  const server = serve({ fetch: app.fetch, port, hostname: env['HOST'] ?? '0.0.0.0' }, () =>
    logger.info({ port, area: definition.area }, 'module API listening'),
  );
  const stop = () => {
    stopWork?.();
    server.close(() => void db.close().finally(() => process.exit(0)));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return { app, server, db };
}
