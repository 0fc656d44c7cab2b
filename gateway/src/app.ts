// The gateway's HTTP surface: sign-in handoff, API routing with identity assertions, shell and remotes, health.
import { Hono, type Context } from 'hono';
import {
  AppError,
  CommonErrors,
  createErrorHandler,
  limitBodies,
  pickLocale,
  refuseUnstorableText,
  sendError,
  type Db,
  type Identity,
  type Logger,
} from '@wgzj/gateway/kit';
import { accountMobileFromAdmin } from './accounts/account-mobile.ts';
import { createAccountRoutes } from './accounts/routes.ts';
import { devSmsPage, unavailablePage } from './auth/pages.ts';
import type { AssertionSigner } from './assertion/signer.ts';
import { createBackchannelRoute } from './auth/backchannel.ts';
import { createHandoffRoutes, type AccountLinker } from './auth/handoff.ts';
import { canonicalHost } from './auth/canonical-host.ts';
import type { HandoffLog } from './diagnostics/handoff-log.ts';
import { createDiagnosticsRoutes } from './diagnostics/routes.ts';
import { operatorAccess, OperatorErrors, type Metrics } from './metrics.ts';
import type { LegacyCredentials } from './legacy/credentials.ts';
import { createLegacyRoutes } from './legacy/routes.ts';
import type { SmsOutbox } from './sms/outbox.ts';
import type { PortalClient } from './auth/portal-client.ts';
import type { GatewayConfig } from './config.ts';
import { CSRF_HEADER, csrfPasses } from './csrf.ts';
import { GatewayErrors } from './errors.ts';
import { readiness } from './health.ts';
import { gatewayBodyLimit } from './body-limit.ts';
import { clientIp, rememberClientIp, TrustedProxies } from './client-ip.ts';
import { compressAnswers } from './compression.ts';
import { AssertionIssuer, forward, type ModuleTarget } from './proxy.ts';
import { readRegistry } from './remotes/registry.ts';
import type { ActiveSession, SessionManager } from './session/manager.ts';
import { SessionStoreUnavailable } from './session/store-redis.ts';
import { fileResponse, isHashedName, resolveInside } from './static.ts';

export interface GatewayDeps {
  config: GatewayConfig;
  db: Db;
  sessions: SessionManager;
  portal: PortalClient;
  signer: AssertionSigner;
  modules: ModuleTarget[];
  logger: Logger;
  metrics: Metrics;
  handoffs: HandoffLog;
  linkAccount: AccountLinker;
  legacy: LegacyCredentials;
  outbox: SmsOutbox;
}

type Env = { Variables: { requestId: string; identity: Identity } };

/**
 * The policy of every page the gateway renders (sign-in, refusal, unavailable, dev inbox) and of the shell: scripts
 * and styles from this origin only (inline styles allowed: the pages and Element Plus use them; inline scripts
 * not), never inside a frame, and forms posting here or to the portal (logout and sign-in redirect there).
 * `extraOrigins` are where published remotes live when a CDN serves them (REMOTES_BASE_URL).
 */
export function pageSecurityPolicy(portalOrigin: string, extraOrigins: readonly string[] = []): string {
  const self = ["'self'", ...extraOrigins].join(' ');
  return [
    "default-src 'self'",
    `script-src ${self}`,
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data:`,
    `font-src ${self} data:`,
    `connect-src ${self}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action 'self' ${portalOrigin}`,
  ].join('; ');
}

/** A browser loading a page (as opposed to fetch/XHR), which should be redirected rather than answered in JSON. */
export function isDocumentNavigation(c: Context): boolean {
  const dest = c.req.header('sec-fetch-dest');
  if (dest) return dest === 'document';
  return c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html');
}

export function createGatewayApp(deps: GatewayDeps): Hono<Env> {
  const { sessions, signer, logger, config } = deps;
  const publicOrigin = new URL(config.publicUrl).origin;
  const portalOrigin = new URL(config.portal.issuer).origin;
  const pagePolicy = pageSecurityPolicy(portalOrigin);
  const https = config.publicUrl.startsWith('https:');
  const trustedProxies = new TrustedProxies(config.trustedProxies);
  const operators = operatorAccess({ token: config.metricsToken, open: config.metricsPublic });
  const modules = new Map(deps.modules.map((m) => [m.area, m]));
  const assertions = new AssertionIssuer(signer);
  const app = new Hono<Env>();
  const handleError = createErrorHandler(logger);

  app.onError((err, c) => {
    if (err instanceof SessionStoreUnavailable) {
      logger.warn({ err: err.message, path: c.req.path }, 'session store unavailable');
      // The cookie is left alone: once the store is back, the same session carries on.
      if (isDocumentNavigation(c)) {
        const locale = pickLocale(c.req.header('accept-language'));
        return c.html(unavailablePage(GatewayErrors.SESSION_STORE_UNAVAILABLE().messageFor(locale), locale), 503, { 'retry-after': '5' });
      }
      return sendError(c, GatewayErrors.SESSION_STORE_UNAVAILABLE());
    }
    return handleError(err, c);
  });

  app.use('*', async (c, next) => {
    const requestId = crypto.randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('x-request-id', requestId);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
    if (https) c.header('strict-transport-security', 'max-age=31536000');
    if (/^text\/html\b/i.test(c.res.headers.get('content-type') ?? '')) {
      // Every page, whichever route drew it: a page is never framed, and runs no script it did not load from here.
      if (!c.res.headers.has('content-security-policy')) c.header('content-security-policy', pagePolicy);
      c.header('x-frame-options', 'DENY');
    }
  });
  // JSON over a few KB leaves compressed when the caller accepts it (built files carry their own copies).
  app.use('*', compressAnswers());
  // The client's address, believing X-Forwarded-For only as far as our own proxies wrote it (TRUSTED_PROXIES).
  app.use('*', async (c, next) => {
    rememberClientIp(c, trustedProxies);
    await next();
  });
  // Bodies over their route's limit are refused before they are read, and counted as they stream when they do not
  // say their length: sign-in forms a few KB, API calls 1 MB, uploads what their module declares.
  app.use('*', limitBodies(gatewayBodyLimit(modules)));
  // A NUL byte in a query or a form is a 400 naming the field here, before it can reach SQL (kit/http.ts).
  app.use('*', refuseUnstorableText());
  // A page opened on another name of this server goes to PUBLIC_URL first, or its sign-in would lose its cookies.
  app.use('*', canonicalHost({ publicUrl: config.publicUrl, isDocumentNavigation }));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  const readinessDeps = {
    db: deps.db,
    store: sessions.store,
    portalIssuer: config.portal.issuer,
    remotesDir: config.remotesDir,
    areas: deps.modules.map((m) => m.area),
    modules: deps.modules,
  };
  // The bare status is for load balancers; which dependency failed, and how, only for operators (METRICS_TOKEN).
  app.get('/readyz', async (c) => {
    const result = await readiness(readinessDeps);
    const status = result.ready ? 'ready' : 'not_ready';
    c.header('cache-control', 'no-store');
    return c.json(operators.allows(c.req.header('authorization')) ? { status, ...result } : { status }, result.ready ? 200 : 503);
  });
  app.get('/.well-known/jwks.json', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(signer.jwks);
  });

  app.get('/metrics', async (c) => {
    if (!operators.offered) throw CommonErrors.NOT_FOUND();
    if (!operators.allows(c.req.header('authorization'))) {
      c.header('www-authenticate', 'Bearer realm="metrics"');
      throw OperatorErrors.OPERATOR_TOKEN_REQUIRED();
    }
    c.header('cache-control', 'no-store');
    c.header('content-type', deps.metrics.registry.contentType);
    return c.body(await deps.metrics.registry.metrics());
  });

  app.route('/auth', createHandoffRoutes({ ...deps, publicUrl: config.publicUrl, metrics: deps.metrics.handoffs, clientId: config.portal.clientId }));
  app.route(
    '/auth',
    createBackchannelRoute({ portal: deps.portal, clientId: config.portal.clientId, store: sessions.store, logger }),
  );

  app.route(
    '/auth',
    createLegacyRoutes({ db: deps.db, sessions, credentials: deps.legacy, captcha: config.captcha, publicUrl: config.publicUrl, logger }),
  );
  // The dev SMS inbox: only with SMS_SENDER=dev set explicitly (npm start does, for the demo); it shows reset codes
  // to anyone, so no guess from the address turns it on.
  if (config.smsSender === 'dev') {
    app.get('/dev/sms', async (c) => {
      const items = await deps.outbox.inbox(c.req.query('phone') || undefined);
      return isDocumentNavigation(c) ? c.html(devSmsPage(items)) : c.json({ items });
    });
  }

  app.get('/remotes.json', (c) => {
    c.header('cache-control', 'no-cache');
    return c.json(readRegistry(config.remotesDir));
  });
  app.on(['GET', 'HEAD'], '/remotes/*', (c) => {
    const file = resolveInside(config.remotesDir, c.req.path.slice('/remotes'.length));
    // Published builds live in versioned folders and never change.
    return file
      ? fileResponse(file, 'immutable', { method: c.req.method, acceptEncoding: c.req.header('accept-encoding') })
      : sendError(c, CommonErrors.NOT_FOUND());
  });

  /** Every API call: a live session (JSON 401 otherwise), the caller allowed, and CSRF for unsafe methods. */
  async function apiSession(c: Context, allowed: (session: ActiveSession) => boolean = () => true): Promise<ActiveSession> {
    const session = await sessions.current(c);
    if (!session) throw CommonErrors.AUTH_REQUIRED();
    if (!allowed(session)) throw CommonErrors.FORBIDDEN();
    if (!csrfPasses(c, publicOrigin, session.data.csrfToken, c.req.header(CSRF_HEADER))) throw GatewayErrors.CSRF_FAILED();
    return session;
  }

  // The gateway's own API: the same session and CSRF rules as every API call. Diagnostics are for technical
  // support only; the account routes are for administrators, each route deciding whom they reach.
  const diagnostics = createDiagnosticsRoutes({ db: deps.db, sessions, handoffs: deps.handoffs, readiness: readinessDeps, config });
  const isAccountRoute = (c: Context) => c.req.path.startsWith('/api/gateway/accounts/');
  app.use('/api/gateway/*', async (c, next) => {
    const session = await apiSession(c, (s) => isAccountRoute(c) || s.data.identity.role === 'support');
    c.set('identity', session.data.identity);
    await next();
    c.header('cache-control', 'no-store');
  });
  app.route('/api/gateway/diagnostics', diagnostics);
  app.route(
    '/api/gateway/accounts',
    createAccountRoutes({
      db: deps.db,
      credentials: deps.legacy,
      outbox: deps.outbox,
      publicUrl: config.publicUrl,
      logger,
      accountMobile: accountMobileFromAdmin(modules.get('admin'), signer, logger),
    }),
  );

  app.all('/api/:area/*', async (c) => {
    const target = modules.get(c.req.param('area'));
    if (!target) throw GatewayErrors.AREA_UNKNOWN();
    const session = await apiSession(c);
    const subPath = c.req.path.slice(`/api/${target.area}`.length) || '/';
    try {
      const started = performance.now();
      const assertion = await assertions.issue(session.id, session.data.identity, target.area, c.var.requestId);
      const response = await forward(target, c.req.raw, subPath, assertion, c.var.requestId, clientIp(c));
      deps.metrics.observeProxy(target.area, response.status, (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      // A body cut off at its limit on the way (the door's refusal) is the caller's fault, not the module's.
      if (error instanceof AppError) throw error;
      if (error instanceof Error && error.cause instanceof AppError) throw error.cause;
      logger.error({ err: error, area: target.area, requestId: c.var.requestId }, 'module unreachable');
      throw GatewayErrors.MODULE_UNAVAILABLE();
    }
  });
  app.all('/api/*', () => {
    throw GatewayErrors.AREA_UNKNOWN();
  });

  // The shell: its built files, and its index.html for every page route of a signed-in user.
  app.on(['GET', 'HEAD'], '*', async (c) => {
    const file = c.req.path !== '/' && resolveInside(config.shellDir, c.req.path);
    const encoded = { method: c.req.method, acceptEncoding: c.req.header('accept-encoding') };
    if (file) return fileResponse(file, isHashedName(file) ? 'immutable' : 'revalidate', encoded);
    if (!isDocumentNavigation(c)) return sendError(c, CommonErrors.NOT_FOUND());
    const session = await sessions.current(c);
    if (!session) return c.redirect(`/auth/login?returnTo=${encodeURIComponent(c.req.path)}`, 302);
    const index = resolveInside(config.shellDir, '/index.html');
    if (!index) return c.text('The shell is not built: run `npm run build`.', 503);
    const response = fileResponse(index, 'no-store', encoded);
    // Remotes a CDN serves (published with REMOTES_BASE_URL) load from its origin.
    const remoteOrigins = remoteOriginsOf(readRegistry(config.remotesDir), publicOrigin);
    if (remoteOrigins.length) response.headers.set('content-security-policy', pageSecurityPolicy(portalOrigin, remoteOrigins));
    return response;
  });

  return app;
}

/** The origins of remotes published elsewhere than this site. */
function remoteOriginsOf(registry: ReturnType<typeof readRegistry>, publicOrigin: string): string[] {
  const origins = new Set<string>();
  for (const entry of Object.values(registry.areas)) {
    try {
      const origin = new URL(entry.manifest, publicOrigin).origin;
      if (origin !== publicOrigin) origins.add(origin);
    } catch {
      // A manifest address the shell could not load either.
    }
  }
  return [...origins];
}
