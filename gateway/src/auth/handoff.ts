// The portal handoff: /auth/login → portal sign-in → /auth/callback → session; plus /auth/me and /auth/logout.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findAccount, pickLocale, sendError, type Db, type Logger } from '@wgzj/gateway/kit';
import { GatewayErrors } from '../errors.ts';
import { isUnsafe, sameOrigin, tokensMatch } from '../csrf.ts';
import type { SessionManager } from '../session/manager.ts';
import { looksLikeId } from '../session/store.ts';

import { newReference, refusalPage, type RefusalCode } from './pages.ts';
import { oidc, type PortalClient } from './portal-client.ts';

const LOGIN_COOKIE = 'wgzj_login';
const LOGIN_TTL_SECONDS = 600;
export const SCOPES = 'openid profile email phone wgzj';

export interface HandoffDeps {
  db: Db;
  portal: PortalClient;
  sessions: SessionManager;
  publicUrl: string;
  logger: Logger;
}

/** Only paths of this site: no scheme, no host, no `//` or `/\` that a browser would read as another host. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if (/[\u0000-\u001f\s]/.test(value) || value.startsWith('/auth/')) return '/';
  return value;
}

export function createHandoffRoutes(deps: HandoffDeps) {
  const app = new Hono();
  const { sessions, portal, logger } = deps;
  const secure = deps.publicUrl.startsWith('https:');
  const redirectUri = `${deps.publicUrl}/auth/callback`;

  const refuse = (c: Context, code: RefusalCode, status: 400 | 403 | 503, reference: string) =>
    c.html(refusalPage(code, reference, pickLocale(c.req.header('accept-language'))), status);

  app.get('/login', async (c) => {
    const reference = newReference();
    let config;
    try {
      config = await portal.configuration();
    } catch (error) {
      logger.warn({ event: 'handoff', reference, outcome: 'portal_unavailable', err: (error as Error).message }, 'portal discovery failed');
      return refuse(c, 'HANDOFF_PORTAL_UNAVAILABLE', 503, reference);
    }
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const loginId = await sessions.store.putLogin(
      { state, nonce, codeVerifier, returnTo: safeReturnTo(c.req.query('returnTo')), createdAt: Date.now() },
      LOGIN_TTL_SECONDS,
    );
    setCookie(c, LOGIN_COOKIE, loginId, { httpOnly: true, sameSite: 'Lax', secure, path: '/auth', maxAge: LOGIN_TTL_SECONDS });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return c.redirect(url.href, 302);
  });

  app.get('/callback', async (c) => {
    const reference = newReference();
    const started = performance.now();
    const loginId = getCookie(c, LOGIN_COOKIE);
    deleteCookie(c, LOGIN_COOKIE, { path: '/auth', secure });
    const transaction = looksLikeId(loginId) ? await sessions.store.takeLogin(loginId) : null;
    if (!transaction) {
      logger.info({ event: 'handoff', reference, outcome: 'refused', refusal: 'HANDOFF_STATE_MISSING' }, 'sign-in refused');
      return refuse(c, 'HANDOFF_STATE_MISSING', 400, reference);
    }
    let config;
    try {
      config = await portal.configuration();
    } catch {
      return refuse(c, 'HANDOFF_PORTAL_UNAVAILABLE', 503, reference);
    }
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = new URL(c.req.url).search;
    let tokens;
    let userinfo;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    } catch (error) {
      const detail = error as { code?: string; error?: string; message?: string };
      logger.warn(
        { event: 'handoff', reference, outcome: 'refused', refusal: 'HANDOFF_PORTAL_ERROR', reason: detail.code ?? detail.error, detail: detail.message },
        'sign-in refused',
      );
      return refuse(c, 'HANDOFF_PORTAL_ERROR', 400, reference);
    }
    const claims = tokens.claims()!;
    const username = String(userinfo.preferred_username ?? claims['preferred_username'] ?? '');
    const account = await findAccount(deps.db, { subject: claims.sub, username });
    if (!account || account.status !== 'active') {
      const refusal = account ? 'ADMISSION_ACCOUNT_DISABLED' : 'ADMISSION_ACCOUNT_UNKNOWN';
      logger.info({ event: 'handoff', reference, outcome: 'refused', refusal }, 'sign-in refused');
      return refuse(c, refusal, 403, reference);
    }
    const { status: _status, ...identity } = account;
    await sessions.start(c, {
      identity,
      ...(typeof claims['sid'] === 'string' ? { portalSid: claims['sid'] } : {}),
      portalSubject: claims.sub,
      ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
    });
    logger.info(
      { event: 'handoff', reference, outcome: 'admitted', userId: identity.userId, role: identity.role, ms: Math.round(performance.now() - started) },
      'signed in',
    );
    return c.redirect(transaction.returnTo, 302);
  });

  app.get('/me', async (c) => {
    const session = await sessions.current(c);
    if (!session) return c.json({ error: { code: 'AUTH_REQUIRED', message: '请先登录。' } }, 401);
    const { identity, csrfToken } = session.data;
    return c.json({
      user: { id: identity.userId, username: identity.username, displayName: identity.displayName, role: identity.role, unit: identity.unit },
      csrfToken,
    });
  });

  app.post('/logout', async (c) => {
    const session = await sessions.current(c);
    if (session) {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const presented = c.req.header('x-csrf-token') ?? (typeof form['_csrf'] === 'string' ? form['_csrf'] : undefined);
      if (isUnsafe(c.req.method) && (!sameOrigin(c, new URL(deps.publicUrl).origin) || !tokensMatch(session.data.csrfToken, presented))) {
        return sendError(c, GatewayErrors.CSRF_FAILED());
      }
    }
    await sessions.end(c, session);
    try {
      const config = await portal.configuration();
      const url = oidc.buildEndSessionUrl(config, {
        post_logout_redirect_uri: `${deps.publicUrl}/`,
        ...(session?.data.idToken ? { id_token_hint: session.data.idToken } : {}),
      });
      return c.redirect(url.href, 303);
    } catch {
      return c.redirect('/', 303);
    }
  });

  return app;
}
