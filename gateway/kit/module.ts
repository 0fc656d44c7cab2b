// What a module API hands the gateway (or its own server): its schema, migrations, demo data and Hono app.
import { Hono } from 'hono';
import { bodyLimitsOf, limitBodies, limitFor } from './body-limits.ts';
import type { Db } from './db.ts';
import { createErrorHandler } from './errors.ts';
import type { FieldCipher } from './field-cipher.ts';
import { refuseUnstorableText } from './http.ts';
import { requireIdentity, requireService, type IdentityEnv, type KeySource } from './identity.ts';
import type { Logger } from './logger.ts';
import { describeRoute, openApiDocument } from './openapi.ts';

export {
  bodyLimitsOf,
  bodyTooLarge,
  declareBodyLimit,
  JSON_BODY_LIMIT,
  limitBodies,
  limitFor,
  sizeText,
  uploadTooLarge,
  type AppliedLimit,
  type BodyLimit,
  type BodyLimitTable,
  type FileSizeLimit,
} from './body-limits.ts';

export interface ModuleContext {
  db: Db;
  /** Where the gateway's assertion keys come from (a local JWKS in process, the gateway's URL otherwise). */
  keys: KeySource;
  logger: Logger;
  /** Encrypts personal identifiers at rest; one key for the whole system (FIELD_ENCRYPTION_KEY). */
  cipher: FieldCipher;
  /** The portal's sync endpoint and this system's client credentials; null where nothing is synced. */
  portalSync: PortalSyncTarget | null;
  /** What time it is for the area's dated rules (an actual visit cannot end after today); a test sets the day. */
  clock?: () => Date;
}

/** What demo data needs beyond the database: the cipher for the identifiers it stores. */
export interface SeedContext {
  cipher: FieldCipher;
}

/** Where units and accounts created here go to the portal (问题三, 问题五): `<url>/units`, `<url>/accounts`. */
export interface PortalSyncTarget {
  url: string;
  clientId: string;
  clientSecret: string;
}

export interface ToDoItem {
  title: string;
  link: string;
  createdAt: string;
}

export interface ModuleDefinition {
  /** URL segment under /api and /remotes, e.g. `projects`. */
  area: string;
  /** The Postgres schema this module owns. */
  schema: string;
  /** Folder of the module's numbered SQL migrations. */
  migrationsDir: string;
  /** Demo data, run once on first start (never in production unless asked). */
  seed?: (db: Db, ctx: SeedContext) => Promise<void>;
  createApp: (ctx: ModuleContext) => Hono<IdentityEnv>;
  /** Background work (an outbox dispatcher), started once per process after migrations; returns its stop. */
  start?: (ctx: ModuleContext) => () => void;
}

/** The Hono app every module API builds; route files take it as a parameter instead of importing their own app's type. */
export type ModuleApp = Hono<IdentityEnv>;

export function defineModule(definition: ModuleDefinition): ModuleDefinition {
  return definition;
}

/** A module's Hono app with the kit's error handling and the identity check already in front of every route. */
export function createModuleApp(area: string, ctx: ModuleContext): Hono<IdentityEnv> {
  const app = new Hono<IdentityEnv>();
  app.onError(createErrorHandler(ctx.logger));
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: '未找到请求的内容。' } }, 404));
  app.use('*', async (c, next) => (c.req.path === '/healthz' ? c.json({ status: 'ok', area }) : next()));
  // Bodies over the route's declared limit (declareBodyLimit; 1 MB for any other call) are refused unread.
  app.use('*', limitBodies((c) => limitFor(bodyLimitsOf(app), c.req.method, c.req.path)));
  // `/internal/*` is for the gateway itself (service assertion); everything else acts for a signed-in user.
  const user = requireIdentity(area, ctx.keys);
  const service = requireService(area, ctx.keys);
  app.use('*', (c, next) => (c.req.path.startsWith('/internal/') ? service(c, next) : user(c, next)));
  // Text the database cannot store (a NUL byte) is a 400 naming the field, never a 500 from SQL.
  app.use('*', refuseUnstorableText());
  // What the gateway reads to refuse large bodies at its door when this module runs in its own process.
  app.get('/internal/body-limits', (c) => c.json(bodyLimitsOf(app)));
  // The area's contract for teams that deploy alone, built from the routes registered by then (they all are at the first call).
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/openapi.json', describeRoute({ summary: 'This API’s OpenAPI 3.1 document' }), (c) =>
    c.json((document ??= openApiDocument(area, app))),
  );
  return app;
}
