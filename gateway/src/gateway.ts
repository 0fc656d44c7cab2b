// Assembles a gateway from its configuration: database, migrations, module APIs, session store, signer, app.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHmac } from 'node:crypto';
import { createLogger, dbRateLimiter, KIT_MIGRATIONS, loadFieldCipher, migrate, openDatabase, seedOnce, type Db, type Logger, type ModuleDefinition } from '@wgzj/gateway/kit';
import { portalGrantOf } from '@wgzj/gateway/kit/shared/roles';
import { LegacyCredentials } from './legacy/credentials.ts';
import { createRedisRateLimiter } from './rate-limit-redis.ts';
import { seedLegacyAccounts } from './legacy/seed.ts';
import { devSmsSender, SmsOutbox } from './sms/outbox.ts';
import { createGatewayApp } from './app.ts';
import { createAssertionSigner, loadPrivateJwk } from './assertion/signer.ts';
import { PortalClient } from './auth/portal-client.ts';
import type { GatewayConfig } from './config.ts';
import type { AccountLinker } from './auth/handoff.ts';
import { HandoffLog } from './diagnostics/handoff-log.ts';
import { createMetrics } from './metrics.ts';
import { forward, inProcessTarget, remoteTarget, type ModuleTarget } from './proxy.ts';
import { SessionManager } from './session/manager.ts';
import { createDbSessionStore } from './session/store-db.ts';
import { createRedisSessionStore } from './session/store-redis.ts';
import type { SessionStore } from './session/store.ts';

const GATEWAY_MIGRATIONS = fileURLToPath(new URL('../db/migrations', import.meta.url));

export interface GatewayOptions {
  /** An already open database (tests); otherwise opened from the configuration. */
  db?: Db;
  logger?: Logger;
  now?: () => number;
}

export async function loadModule(area: string): Promise<ModuleDefinition> {
  const imported = (await import(`@wgzj/mf-${area}/api`)) as { default: ModuleDefinition };
  return imported.default;
}

export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}) {
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  const db = options.db ?? (await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') }));
  await migrate(db, KIT_MIGRATIONS);
  await migrate(db, { module: 'gateway', dir: GATEWAY_MIGRATIONS });

  const privateJwk = await loadPrivateJwk({ inlineJwk: config.assertionPrivateJwk, keyFile: join(config.dataDir, 'gateway', 'assertion-key.json') });
  const signer = await createAssertionSigner(privateJwk);

  const cipher = loadFieldCipher({ inlineKey: config.fieldEncryptionKey, keyFile: join(config.dataDir, 'gateway', 'field-key') });
  const portalSync = { url: config.portalSyncUrl, clientId: config.portal.clientId, clientSecret: config.portal.clientSecret };
  const stopWork: Array<() => void> = [];
  const targets: ModuleTarget[] = [];
  for (const module of config.modules) {
    if (module.url) {
      targets.push(remoteTarget(module.area, module.url, { serviceAssertion: () => signer.signService(module.area, crypto.randomUUID()) }));
      continue;
    }
    const definition = await loadModule(module.area);
    await migrate(db, { module: definition.area, dir: definition.migrationsDir });
    if (config.seedDemo && definition.seed) await seedOnce(db, definition.area, (d) => definition.seed!(d, { cipher }));
    const ctx = { db, keys: { jwks: signer.jwks }, logger: logger.child({ area: module.area }), cipher, portalSync };
    const app = definition.createApp(ctx);
    if (definition.start) stopWork.push(definition.start(ctx));
    targets.push(inProcessTarget(module.area, app));
  }

  const outbox = new SmsOutbox(db, cipher, devSmsSender, logger.child({ part: 'sms' }));
  if (config.smsSender === 'dev') outbox.start();
  // The legacy door's limits live where the sessions do (Redis, shared by replicas; else the database); their keys
  // and the known-browser marks are keyed by a secret every replica derives alike.
  const redisLimiter = config.redisUrl ? await createRedisRateLimiter(config.redisUrl, options.now) : null;
  const limiter = redisLimiter ?? dbRateLimiter(db, options.now);
  const legacy = new LegacyCredentials(db, cipher, outbox, options.now, {
    limiter,
    secret: createHmac('sha256', String(privateJwk.d)).update('legacy-door').digest('base64url'),
  });
  if (config.seedDemo && targets.some((t) => t.area === 'admin')) await seedOnce(db, 'gateway-legacy', (d) => seedLegacyAccounts(d, legacy));

  const metrics = createMetrics();
  const store: SessionStore = metrics.timedStore(
    config.redisUrl ? await createRedisSessionStore(config.redisUrl) : createDbSessionStore(db, options.now),
  );
  const sessions = new SessionManager(
    store,
    { idleSeconds: config.session.idleSeconds, absoluteSeconds: config.session.absoluteSeconds, secure: config.publicUrl.startsWith('https:') },
    options.now,
    async (identity) => {
      const { rows } = await db.query<{ status: string }>('select status from admin.account_directory where user_id = $1', [identity.userId]);
      return rows[0]?.status === 'active';
    },
  );
  const portal = new PortalClient(config.portal, options.now);
  const admin = targets.find((t) => t.area === 'admin');
  const linkAccount: AccountLinker = async (profile, requestId) => {
    if (!admin) throw new Error('the admin module is not configured; accounts cannot be linked');
    const body = JSON.stringify({
      subject: profile.subject,
      username: profile.username,
      displayName: profile.name || profile.username,
      grant: portalGrantOf(profile.grants),
      unit: profile.unit?.creditCode ? profile.unit : null,
      phone: profile.phone ?? null,
      email: profile.email ?? null,
      idNumber: profile.idNumber ?? null,
    });
    const request = new Request('http://gateway.internal/', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const response = await forward(admin, request, '/internal/portal-accounts/link', await signer.signService('admin', requestId), requestId);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`linking the account failed: ${response.status}`);
    return (await response.json()) as { userId: string };
  };
  // The phone hash in diagnostics is keyed by the gateway's own secret, so it cannot be reversed by guessing.
  const handoffs = new HandoffLog(db, String(privateJwk.d));
  const app = createGatewayApp({ config, db, sessions, portal, signer, modules: targets, logger, metrics, handoffs, linkAccount, legacy, outbox });

  return {
    app,
    db,
    sessions,
    signer,
    logger,
    metrics,
    handoffs,
    outbox,
    legacy,
    async close() {
      outbox.stop();
      for (const stop of stopWork) stop();
      await store.close();
      await redisLimiter?.close();
      if (!options.db) await db.close();
    },
  };
}
