// The dev portal: an oidc-provider OpenID Provider plus the portal's own sign-in pages and a small
// dev-only JSON API, served by one node:http handler. `createPortal` is what server.ts and tests use.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, {
  type Account as ProviderAccount,
  type Configuration,
  type Interaction,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { pino, type Logger } from 'pino';
import {
  AccountDirectory,
  DirectoryError,
  type Account,
  type AccountKind,
  type RealnameStatus,
  type WgzjRole,
} from './accounts.ts';
import { sendSubjectLogout, type LogoutNotice } from './backchannel.ts';
import { CaptchaBook } from './captcha.ts';
import { createGrantsRoute, grantsErrorPage } from './grants.ts';
import { fileKeyStore, memoryKeyStore, type PrivateJwks, type SigningKeyStore } from './keys.ts';
import { createMemoryStore } from './memory-store.ts';
import { HttpError, hasClientCredentials, readBody, sendHtml, sendJson } from './http.ts';
import { errorPage, loggedOutPage, logoutPage, signInPage } from './pages.ts';
import { checkSignIn } from './sign-in-check.ts';
import { createSyncRoute } from './sync.ts';

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

const MESSAGES = {
  interactionExpired: '登录会话已失效,请返回原系统重新登录',
} as const;

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

  // ---- sign-in interaction -------------------------------------------------------------------------

  async function showSignIn(
    res: ServerResponse,
    interaction: Interaction,
    view: { status: number; kind: AccountKind; username?: string; error?: string },
  ): Promise<void> {
    const base = `/interaction/${interaction.uid}`;
    const clientName = (await current!.provider.Client.find(String(interaction.params.client_id)))?.clientName
      ?? client.clientName;
    sendHtml(res, view.status, signInPage({
      action: `${base}/login`,
      refreshUrl: `${base}?kind=${view.kind}`,
      abortUrl: `${base}/abort`,
      clientName,
      kind: view.kind,
      ...(view.username !== undefined ? { username: view.username } : {}),
      ...(view.error !== undefined ? { error: view.error } : {}),
      ...(captchaOn ? { captchaSvg: captchas.issue(interaction.uid).svg } : {}),
    }));
  }

  /** First-party client: grant what it asked for without a consent screen. */
  async function autoConsent(req: IncomingMessage, res: ServerResponse, interaction: Interaction): Promise<void> {
    const provider = current!.provider;
    const accountId = interaction.session?.accountId;
    const clientId = interaction.params.client_id;
    if (!accountId || typeof clientId !== 'string') throw new HttpError(400, 'NO_SESSION', MESSAGES.interactionExpired);
    const grant = (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined)
      ?? new provider.Grant({ accountId, clientId });
    const details = interaction.prompt.details;
    const scopes = details.missingOIDCScope;
    if (Array.isArray(scopes)) grant.addOIDCScope(scopes.join(' '));
    const claims = details.missingOIDCClaims;
    if (Array.isArray(claims)) grant.addOIDCClaims(claims as string[]);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  async function interactionRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(url.pathname);
    if (!match) throw new HttpError(404, 'NOT_FOUND', '页面不存在');
    const [, uid, action] = match;
    const provider = current!.provider;
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch {
      throw new HttpError(400, 'INTERACTION_NOT_FOUND', MESSAGES.interactionExpired);
    }
    if (interaction.uid !== uid) throw new HttpError(400, 'INTERACTION_MISMATCH', MESSAGES.interactionExpired);

    if (action === '/abort' && req.method === 'GET') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: '用户取消登录' },
        { mergeWithLastSubmission: false });
      return;
    }

    if (action === undefined && req.method === 'GET') {
      if (interaction.prompt.name === 'consent') return autoConsent(req, res, interaction);
      if (interaction.prompt.name !== 'login') throw new HttpError(400, 'UNKNOWN_PROMPT', MESSAGES.interactionExpired);
      const kind: AccountKind = url.searchParams.get('kind') === 'legal' ? 'legal' : 'natural';
      const hint = interaction.params.login_hint;
      return showSignIn(res, interaction, {
        status: 200,
        kind,
        ...(typeof hint === 'string' ? { username: hint } : {}),
      });
    }

    if (action === '/login' && req.method === 'POST') {
      if (interaction.prompt.name !== 'login') throw new HttpError(400, 'UNKNOWN_PROMPT', MESSAGES.interactionExpired);
      const form = new URLSearchParams(await readBody(req));
      const kind: AccountKind = form.get('kind') === 'legal' ? 'legal' : 'natural';
      const username = (form.get('username') ?? '').trim();
      const password = form.get('password') ?? '';
      const outcome = checkSignIn(accounts, {
        username,
        password,
        kind,
        ...(captchaOn ? { captchaPassed: captchas.check(interaction.uid, form.get('captcha') ?? '') } : {}),
      });
      if (!outcome.ok) {
        log.info({ event: 'login_refused', reason: outcome.refusal,
          ...(accounts.findByUsername(username) ? { username } : {}) }, 'sign-in refused');
        return showSignIn(res, interaction, { status: 400, kind, username, error: outcome.message });
      }
      const { account } = outcome;
      log.info({ event: 'login', sub: account.sub, username: account.username, kind: account.kind }, 'signed in');
      await provider.interactionFinished(req, res, { login: { accountId: account.sub, amr: ['pwd'] } },
        { mergeWithLastSubmission: false });
      return;
    }

    throw new HttpError(405, 'METHOD_NOT_ALLOWED', '请求方法不被允许');
  }

  // ---- 用户授权管理 and the sync from this system -------------------------------------------------------

  /** A person lost their last grant for this system: their sessions there end (back-channel logout). */
  function endRelyingPartySessions(account: Account): Promise<LogoutNotice> {
    return sendSubjectLogout(current!.provider, client.clientId, account.sub, log);
  }

  const grantsRoute = createGrantsRoute({
    accounts,
    captchas,
    captchaOn,
    secureCookies: (issuer ?? '').startsWith('https:') || (options.trustProxy ?? false),
    log,
    onLastGrantRevoked: endRelyingPartySessions,
  });
  const syncRoute = createSyncRoute({ accounts, client, log });

  // ---- dev-only JSON API ---------------------------------------------------------------------------

  async function devRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!hasClientCredentials(req, client)) {
      res.setHeader('WWW-Authenticate', 'Basic realm="dev-portal"');
      return sendJson(res, 401, { code: 'UNAUTHORIZED', message: 'client credentials required' });
    }
    if (req.method !== 'POST') return sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'use POST' });

    if (url.pathname === '/dev/rotate-keys') {
      const kid = await rotateKeys();
      return sendJson(res, 200, { kid, kids: jwks.keys.map((k) => k.kid) });
    }

    const match = /^\/dev\/accounts\/([^/]+)\/(realname|roles)$/.exec(url.pathname);
    if (!match) return sendJson(res, 404, { code: 'NOT_FOUND', message: 'no such dev endpoint' });
    const username = decodeURIComponent(match[1]!);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { code: 'INVALID_JSON', message: 'body must be JSON' });
    }
    try {
      if (match[2] === 'realname') {
        const account = accounts.setRealnameStatus(username, body.status as RealnameStatus);
        log.info({ event: 'dev_realname', username, status: account.realnameStatus }, 'real-name status set');
        return sendJson(res, 200, { username, realname_status: account.realnameStatus });
      }
      if (!Array.isArray(body.roles)) return sendJson(res, 400, { code: 'INVALID_ROLE', message: 'roles must be an array' });
      const hadGrant = (accounts.findByUsername(username)?.roles.length ?? 0) > 0;
      const account = accounts.setRoles(username, body.roles as WgzjRole[]);
      log.info({ event: 'dev_roles', username, roles: account.roles }, 'roles set');
      const backchannel = hadGrant && account.roles.length === 0 ? await endRelyingPartySessions(account) : undefined;
      return sendJson(res, 200, { username, wgzj_roles: account.roles, ...(backchannel ? { backchannel } : {}) });
    } catch (err) {
      if (err instanceof DirectoryError) {
        return sendJson(res, err.code === 'ACCOUNT_NOT_FOUND' ? 404 : 400, { code: err.code, message: err.message });
      }
      throw err;
    }
  }

  // ---- wiring ----------------------------------------------------------------------------------------

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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    res.on('finish', () => log.debug({
      method: req.method,
      path: (req.url ?? '').split('?')[0],
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
    }, 'request'));
    if (!current) return sendJson(res, 503, { code: 'NOT_READY', message: 'portal is starting' });
    const url = new URL(req.url ?? '/', 'http://portal.invalid');
    try {
      // Browsers ask every site for its icon; the portal has none, and a 404 in the console of every page is noise.
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204, { 'cache-control': 'public, max-age=86400' });
        return void res.end();
      }
      if (url.pathname.startsWith('/interaction/')) return await interactionRoute(req, res, url);
      if (url.pathname.startsWith('/dev/')) return await devRoute(req, res, url);
      if (url.pathname.startsWith('/sync/')) return await syncRoute(req, res, url);
      if (url.pathname === '/grants' || url.pathname.startsWith('/grants/')) return await grantsRoute(req, res, url);
      current.callback(req, res);
    } catch (err) {
      if (res.headersSent) {
        log.error({ err }, 'error after response started');
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        if (url.pathname.startsWith('/dev/') || url.pathname.startsWith('/sync/')) {
          return sendJson(res, err.status, { code: err.code, message: err.message });
        }
        if (url.pathname.startsWith('/grants')) return sendHtml(res, err.status, grantsErrorPage(err));
        return sendHtml(res, err.status, errorPage(err.code.toLowerCase(), err.message));
      }
      log.error({ err }, 'unhandled portal error');
      sendHtml(res, 500, errorPage('server_error', undefined));
    }
  }

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
      const s = createServer((req, res) => void handle(req, res));
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
