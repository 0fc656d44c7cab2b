// The dev portal: an oidc-provider OpenID Provider plus the portal's own sign-in pages, 用户授权管理, the sync
// and a small dev-only JSON API, as routes of one Hono app; every other path is oidc-provider's.
// `createPortal` is what server.ts and tests use.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import Provider, { type Account as ProviderAccount, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { pino, type Logger } from 'pino';
import { AccountDirectory, type Account } from './accounts.ts';
import { sendSubjectLogout, type LogoutNotice } from './backchannel.ts';
import { CaptchaBook } from './captcha.ts';
import { createDevApiRoutes } from './dev-api.ts';
import { createGrantsRoutes } from './grants.ts';
import { HttpError, sendHtml, sendJson, type PortalEnv } from './http.ts';
import { createInteractionRoutes } from './interaction.ts';
import { fileKeyStore, memoryKeyStore, type PrivateJwks, type SigningKeyStore } from './keys.ts';
import { createMemoryStore } from './memory-store.ts';
import { errorPage, loggedOutPage, logoutPage } from './pages.ts';
import { createSyncRoutes } from './sync.ts';

export interface PortalClientSettings {
  clientId: string;
  clientSecret: string;
  clientName: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** '' registers no back-channel logout. */
  backchannelLogoutUri: string;
}

export interface PortalOptions {
  /** Issuer URL without a path. When absent, `http://localhost:<bound port>` once `listen` has run. */
  issuer?: string;
  client?: Partial<PortalClientSettings>;
  /** Show and check the captcha (default true; env CAPTCHA=off switches it off). */
  captcha?: boolean;
  cookieKeys?: string[];
  /** Keys persist under `<dataDir>/portal/jwks.json`; without dataDir (and keyStore) they live in memory. */
  dataDir?: string;
  keyStore?: SigningKeyStore;
  /** Trust X-Forwarded-* (behind a TLS-terminating proxy). */
  trustProxy?: boolean;
  accounts?: AccountDirectory;
  logger?: Logger;
}

export interface Portal {
  /** The current oidc-provider instance (replaced on key rotation). Throws before the issuer is known. */
  readonly provider: Provider;
  readonly issuer: string;
  readonly accounts: AccountDirectory;
  readonly client: Readonly<PortalClientSettings>;
  listen(port?: number, host?: string): Promise<Server>;
  /** Puts a new signing key first in the published set; returns its kid. */
  rotateKeys(): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_CLIENT: PortalClientSettings = {
  clientId: 'wgzjxm',
  clientSecret: 'dev-portal-secret',
  clientName: '外国专家项目管理信息系统',
  redirectUris: ['http://localhost:8080/auth/callback'],
  postLogoutRedirectUris: ['http://localhost:8080/'],
  backchannelLogoutUri: 'http://localhost:8080/auth/backchannel-logout',
};

const SCOPES = ['openid', 'profile', 'email', 'phone', 'wgzj'];

/** The portal's own claims; scope `wgzj` releases all of them so the gateway needs only that scope. */
const WGZJ_CLAIMS = [
  'preferred_username',
  'name',
  'account_kind',
  'realname_status',
  'id_number',
  'phone_number',
  'email',
  'unit',
  'wgzj_roles',
];

function originOf(uri: string): string | undefined {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
}

export async function createPortal(options: PortalOptions = {}): Promise<Portal> {
  const log = options.logger ?? pino({ name: 'dev-portal' });
  const client: PortalClientSettings = { ...DEFAULT_CLIENT, ...options.client };
  const accounts = options.accounts ?? new AccountDirectory();
  const keyStore = options.keyStore ?? (options.dataDir ? fileKeyStore(options.dataDir) : memoryKeyStore());
  const captchaOn = options.captcha ?? true;
  const captchas = new CaptchaBook();
  const adapter = createMemoryStore();
  const cookieKeys = options.cookieKeys?.length ? options.cookieKeys : ['dev-portal-cookie-key-not-secret-2026'];

  let jwks: PrivateJwks = await keyStore.load();
  let issuer = options.issuer;
  let current: { provider: Provider; callback: ReturnType<Provider['callback']> } | undefined;
  let server: Server | undefined;

  if (issuer !== undefined) {
    const { pathname } = new URL(issuer);
    if (pathname !== '/' && pathname !== '') throw new Error(`PORTAL_ISSUER must not have a path: ${issuer}`);
    issuer = issuer.replace(/\/$/, '');
  }

  // oidc-provider refuses outgoing requests to loopback and private addresses (SSRF protection). The only
  // request this portal makes is the back-channel logout to the client it was configured with, which in
  // development and in the compose network is exactly such an address; allow that origin and no other.
  const trustedOrigins = new Set(
    [client.backchannelLogoutUri].map(originOf).filter((o): o is string => o !== undefined),
  );
  const outgoingFetch: NonNullable<Configuration['fetch']> = (url, init) => {
    if (trustedOrigins.has(new URL(url).origin)) delete init.dispatcher;
    return globalThis.fetch(url, init);
  };

  function configuration(keys: PrivateJwks): Configuration {
    return {
      adapter,
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          client_name: client.clientName,
          redirect_uris: client.redirectUris,
          post_logout_redirect_uris: client.postLogoutRedirectUris,
          ...(client.backchannelLogoutUri
            ? { backchannel_logout_uri: client.backchannelLogoutUri, backchannel_logout_session_required: true }
            : {}),
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
          id_token_signed_response_alg: 'RS256',
          scope: SCOPES.join(' '),
        },
      ],
      jwks: { keys: keys.keys as unknown as Record<string, unknown>[] },
      cookies: {
        keys: cookieKeys,
        // The gateway runs on the same host: cookies ignore ports, so the names must not collide.
        names: { session: 'portal_session', interaction: 'portal_interaction', resume: 'portal_interaction_resume' },
      },
      scopes: SCOPES,
      claims: {
        acr: null,
        auth_time: null,
        iss: null,
        sid: null,
        openid: ['sub'],
        profile: ['name', 'preferred_username'],
        email: ['email'],
        phone: ['phone_number'],
        wgzj: WGZJ_CLAIMS,
      },
      // Put the scope-requested claims in the ID token as well as in userinfo.
      conformIdTokenClaims: false,
      responseTypes: ['code'],
      pkce: { required: () => true },
      features: {
        devInteractions: { enabled: false },
        userinfo: { enabled: true },
        backchannelLogout: { enabled: true },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource(ctx: KoaContextWithOIDC, form: string) {
            ctx.type = 'html';
            ctx.body = logoutPage(form, ctx.oidc.client?.clientName, ctx.oidc.client !== undefined);
          },
          postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
            ctx.type = 'html';
            ctx.body = loggedOutPage();
          },
        },
      },
      ttl: {
        AccessToken: 3600,
        AuthorizationCode: 60,
        IdToken: 3600,
        Interaction: 1800,
        Session: 8 * 3600,
        Grant: 8 * 3600,
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      async findAccount(_ctx, sub): Promise<ProviderAccount | undefined> {
        const account = accounts.findBySub(sub);
        if (!account) return undefined;
        // Read at claim time so a dev-API change shows in the next token without a new sign-in.
        return { accountId: sub, claims: () => ({ ...accounts.claimsOf(account) }) };
      },
      renderError(ctx, out) {
        ctx.type = 'html';
        ctx.body = errorPage(out.error, out.error_description);
      },
      clientBasedCORS: () => false,
      fetch: outgoingFetch,
    };
  }

  function build(): void {
    if (issuer === undefined) throw new Error('issuer is not known yet');
    const provider = new Provider(issuer, configuration(jwks));
    provider.proxy = options.trustProxy ?? false;
    provider.on('server_error', (_ctx: unknown, err: Error) => log.error({ err }, 'oidc server error'));
    provider.on('backchannel.success', (_ctx: unknown, c: { clientId: string }, sub: string) =>
      log.info({ event: 'backchannel_logout', clientId: c.clientId, sub }, 'back-channel logout delivered'));
    provider.on('backchannel.error', (_ctx: unknown, err: Error, c: { clientId: string }, sub: string) =>
      log.warn({ event: 'backchannel_logout_failed', clientId: c.clientId, sub, reason: err.message },
        'back-channel logout failed'));
    provider.on('end_session.success', () => log.info({ event: 'end_session' }, 'session ended'));
    provider.on('grant.success', (ctx: KoaContextWithOIDC) =>
      log.info({ event: 'token_issued', clientId: ctx.oidc.client?.clientId }, 'tokens issued'));
    current = { provider, callback: provider.callback() };
  }

  if (issuer !== undefined) build();

  // ---- 用户授权管理 and the sync from this system -------------------------------------------------------

  /** A person lost their last grant for this system: their sessions there end (back-channel logout). */
  function endRelyingPartySessions(account: Account): Promise<LogoutNotice> {
    return sendSubjectLogout(current!.provider, client.clientId, account.sub, log);
  }

  let rotation: Promise<unknown> = Promise.resolve();
  function rotateKeys(): Promise<string> {
    const next = rotation.then(async () => {
      jwks = await keyStore.rotate();
      if (issuer !== undefined) build();
      const kid = String(jwks.keys[0]?.kid);
      log.info({ event: 'keys_rotated', kid }, 'signing keys rotated');
      return kid;
    });
    rotation = next.catch(() => undefined);
    return next;
  }

  // ---- the app ---------------------------------------------------------------------------------------

  const app = new Hono<PortalEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    const res = c.env.outgoing;
    // Logged when the answer is written, also for the paths oidc-provider answers itself.
    res.on('finish', () => log.debug({
      method: c.req.method,
      path: (c.env.incoming.url ?? '').split('?')[0],
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
    }, 'request'));
    if (!current) return sendJson(c, 503, { code: 'NOT_READY', message: 'portal is starting' });
    await next();
  });

  // Browsers ask every site for its icon; the portal has none, and a 404 in the console of every page is noise.
  app.all('/favicon.ico', (c) => c.body(null, 204, { 'cache-control': 'public, max-age=86400' }));

  app.route('/', createInteractionRoutes({
    provider: () => current!.provider,
    accounts,
    captchas,
    captchaOn,
    clientName: client.clientName,
    log,
  }));
  app.route('/', createDevApiRoutes({
    accounts,
    client,
    log,
    rotateKeys: async () => ({ kid: await rotateKeys(), kids: jwks.keys.map((k) => k.kid) }),
    endRelyingPartySessions,
  }));
  app.route('/', createSyncRoutes({ accounts, client, log }));
  app.route('/', createGrantsRoutes({
    accounts,
    captchas,
    captchaOn,
    secureCookies: (issuer ?? '').startsWith('https:') || (options.trustProxy ?? false),
    log,
    onLastGrantRevoked: endRelyingPartySessions,
  }));

  // Everything else (discovery, keys, authorization, token, userinfo, logout) is oidc-provider's, on node's own
  // request and response.
  app.all('*', (c) => {
    current!.callback(c.env.incoming, c.env.outgoing);
    return RESPONSE_ALREADY_SENT;
  });

  app.onError((err, c) => {
    if (c.env.outgoing.headersSent) {
      log.error({ err }, 'error after response started');
      c.env.outgoing.destroy();
      return RESPONSE_ALREADY_SENT;
    }
    if (err instanceof HttpError) return sendHtml(c, err.status, errorPage(err.code.toLowerCase(), err.message));
    log.error({ err }, 'unhandled portal error');
    return sendHtml(c, 500, errorPage('server_error', undefined));
  });

  return {
    get provider() {
      if (!current) throw new Error('the portal has no issuer yet: call listen() first or pass options.issuer');
      return current.provider;
    },
    get issuer() {
      if (issuer === undefined) throw new Error('the portal has no issuer yet: call listen() first');
      return issuer;
    },
    accounts,
    client,
    async listen(port = 0, host?: string) {
      if (server) throw new Error('portal is already listening');
      const s = createAdaptorServer({ fetch: app.fetch }) as Server;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          resolve();
        });
      });
      server = s;
      if (issuer === undefined) {
        issuer = `http://localhost:${(s.address() as AddressInfo).port}`;
        build();
      }
      log.info({ issuer, clientId: client.clientId, captcha: captchaOn }, 'dev portal listening');
      return s;
    },
    rotateKeys,
    async close() {
      const s = server;
      server = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
}
