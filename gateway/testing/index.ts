// Test support for every area's tests (`@wgzj/gateway/testing`; production code never imports this folder). Test databases: an in-memory PGlite by default, a fresh throwaway database on the server when DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../kit/db.ts';

export interface TestDatabase {
  db: Db;
  url?: string;
  drop(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const db = await openDatabase({});
    return { db, drop: () => db.close() };
  }
  const name = `wgzj_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 12 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** A throwaway ES256 key for tests that sign assertions the way the gateway does. */
export async function testAssertionKey() {
  const { exportJWK, generateKeyPair } = await import('jose');
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return exportJWK(privateKey);
}

/**
 * Module APIs as the gateway mounts them, on a test database with the demo data, so a test can call any
 * area as any demo user: `await h.call('projects', '/plans', 'employer_handler')`.
 */
export async function moduleHarness(
  areas: string[],
  options: { portalSync?: import('../kit/module.ts').PortalSyncTarget; clock?: () => Date } = {},
) {
  const { migrate, KIT_MIGRATIONS } = await import('../kit/migrate.ts');
  const { seedOnce } = await import('../kit/seed.ts');
  const { createAssertionSigner } = await import('../kit/identity.ts');
  const { findAccount } = await import('../kit/accounts.ts');
  const { createLogger } = await import('../kit/logger.ts');
  const database = await openTestDatabase();
  const signer = await createAssertionSigner(await testAssertionKey());
  const logger = createLogger('test', 'silent');
  const { FieldCipher } = await import('../kit/field-cipher.ts');
  const cipher = new FieldCipher(randomBytes(32));
  const contexts = new Map<string, import('../kit/module.ts').ModuleContext>();
  const apps = new Map<string, { fetch(request: Request): Response | Promise<Response> }>();
  await migrate(database.db, KIT_MIGRATIONS);
  for (const area of ['admin', ...areas.filter((a) => a !== 'admin')]) {
    const definition = ((await import(`@wgzj/mf-${area}/api`)) as { default: import('../kit/module.ts').ModuleDefinition }).default;
    await migrate(database.db, { module: area, dir: definition.migrationsDir });
    if (definition.seed) await seedOnce(database.db, area, (d) => definition.seed!(d, { cipher }));
    const ctx = { db: database.db, keys: { jwks: signer.jwks }, logger, cipher, portalSync: options.portalSync ?? null, ...(options.clock ? { clock: options.clock } : {}) };
    contexts.set(area, ctx);
    apps.set(area, definition.createApp(ctx));
  }
  async function identityOf(username: string) {
    const account = await findAccount(database.db, { subject: `test:${username}`, username });
    if (!account) throw new Error(`no demo account ${username}`);
    const { status: _status, ...identity } = account;
    return identity;
  }
  /** The units a demo user may see, worked out from the unit directory by the data-scope rule itself. */
  async function unitsVisibleTo(username: string): Promise<Set<string>> {
    const me = await identityOf(username);
    const { rows } = await database.db.query<{ unit_id: string; supervising_unit_id: string | null }>(
      'select unit_id, supervising_unit_id from admin.unit_directory',
    );
    switch (me.scope.level) {
      case 'all':
        return new Set(rows.map((r) => r.unit_id));
      case 'supervised':
        return new Set(rows.filter((r) => r.unit_id === me.unit.id || r.supervising_unit_id === me.unit.id).map((r) => r.unit_id));
      case 'unit':
        return new Set([me.unit.id]);
      case 'none':
        return new Set();
    }
  }
  return {
    db: database.db,
    signer,
    cipher,
    /** What each area's app was created with (e.g. to run its outbox dispatcher by hand). */
    contextOf: (area: string) => contexts.get(area)!,
    identityOf,
    unitsVisibleTo,
    async call(area: string, path: string, as: string | null, init: RequestInit & { locale?: string } = {}) {
      const headers = new Headers(init.headers);
      headers.set('accept-language', init.locale ?? 'zh-CN');
      const requestId = randomBytes(8).toString('hex');
      if (as) headers.set('x-identity-assertion', await signer.sign(await identityOf(as), area, requestId));
      // What the gateway adds to every forwarded call.
      if (!headers.has('x-request-id')) headers.set('x-request-id', requestId);
      if (!headers.has('x-client-ip')) headers.set('x-client-ip', '203.0.113.7');
      return apps.get(area)!.fetch(new Request(`http://module.local${path}`, { ...init, headers }));
    },
    close: () => database.drop(),
  };
}

// ---- shapes and helpers shared by the module API tests ----------------------------------------------

export type Harness = Awaited<ReturnType<typeof moduleHarness>>;

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Array<{ field: string; message: string }> };
}

export interface ToDo {
  count: number;
  items: Array<{ title: string; link: string; createdAt: string }>;
}

/** Every seeded demo account of the admin module. */
export const DEMO_USERS = ['employer_handler', 'employer_admin', 'ministry_univ', 'supervisor_bj', 'national_admin', 'support'] as const;

/** Any Chinese character: a message meant for a zh-CN reader has some. */
export const CJK = /[\u4e00-\u9fff]/;

export async function json<T>(response: Response | Promise<Response>): Promise<T> {
  return (await response).json() as Promise<T>;
}
