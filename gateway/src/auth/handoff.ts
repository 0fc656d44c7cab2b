// The portal handoff: /auth/login → portal sign-in → /auth/callback → admission checks → /auth/confirm →
// session; plus /auth/me and /auth/logout. Every attempt leaves a diagnostics record under its reference.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { CommonErrors, findAccount, maskCreditCode, maskPhone, pickLocale, sendError, type Db, type Identity, type Logger } from '@wgzj/gateway/kit';
import { clientIp } from '../client-ip.ts';
import { csrfPasses, sameOrigin, tokensMatch } from '../csrf.ts';
import type { HandoffEntry, HandoffLog } from '../diagnostics/handoff-log.ts';
import { GatewayErrors } from '../errors.ts';
import type { HandoffMetrics } from '../metrics.ts';
import type { SessionManager } from '../session/manager.ts';
import { looksLikeId, newOpaqueId, type LoginTransaction } from '../session/store.ts';
import { admit, profileFromClaims, type PortalProfile } from './admission.ts';
import { canonicalUrl } from './canonical-host.ts';
import { confirmationPage, newReference, refusalPage, type RefusalCode } from './pages.ts';
import { oidc, type PortalClient } from './portal-client.ts';

const LOGIN_COOKIE = 'wgzj_login';
const CONFIRM_COOKIE = 'wgzj_confirm';
const STEP_TTL_SECONDS = 600;
export const SCOPES = 'openid profile email phone wgzj';

/** Between the checks and 确定: everything needed to open the session, kept server-side. */
interface PendingConfirmation {
  reference: string;
  startedAt: string;
  profile: PortalProfile;
  roleLabel: string;
  returnTo: string;
  formToken: string;
}

/** Links (or provisions) the local account on the first confirmed jump; null when there is none to be had. */
export type AccountLinker = (profile: PortalProfile, requestId: string) => Promise<{ userId: string } | null>;

export interface HandoffDeps {
  db: Db;
  portal: PortalClient;
  sessions: SessionManager;
  publicUrl: string;
  logger: Logger;
  handoffs: HandoffLog;
  metrics: HandoffMetrics;
  linkAccount: AccountLinker;
  /** This system's client id at the portal (sent with logout). */
  clientId: string;
}

/** Only paths of this site: no scheme, no host, no `//` or `/\` that a browser would read as another host. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if (/[\u0000-\u001f\s]/.test(value) || value.startsWith('/auth/')) return '/';
  return value;
}

const ROLE_LABELS: Record<string, string> = {
  employer_handler: '外国专家项目-事项办理员',
  employer_admin: '外国专家项目-事项管理员',
  supervising_user: '归口管理单位用户',
  national_admin: '国家管理员',
  support: '技术支持',
  expert_reviewer: '评审专家',
};

function roleLabelOf(profile: PortalProfile, account: Identity | null): string {
  if (account) return ROLE_LABELS[account.role] ?? account.role;
  return profile.grants.includes('admin') ? ROLE_LABELS['employer_admin']! : ROLE_LABELS['employer_handler']!;
}

export function createHandoffRoutes(deps: HandoffDeps) {
  const app = new Hono();
  const { sessions, portal, logger, handoffs, metrics } = deps;
  const secure = deps.publicUrl.startsWith('https:');
  const publicOrigin = new URL(deps.publicUrl).origin;
  const redirectUri = `${deps.publicUrl}/auth/callback`;
  /** Ends an attempt on its refusal page, with the diagnostics record and the metric written first. */
  async function refuse(c: Context, code: RefusalCode, status: 400 | 403 | 503, entry: Omit<HandoffEntry, 'outcome' | 'refusal'>) {
    await handoffs.record({ ...entry, outcome: 'refused', refusal: code, ...(clientIp(c) ? { clientIp: clientIp(c)! } : {}) });
    metrics.outcome(code);
    logger.info({ event: 'handoff', reference: entry.reference, outcome: 'refused', refusal: code }, 'sign-in refused');
    return c.html(refusalPage(code, entry.reference, pickLocale(c.req.header('accept-language'))), status);
  }

  app.get('/login', async (c) => {
    // Before anything is stored: the login cookie must be set on the host the portal will send the browser back to.
    const canonical = canonicalUrl(c, deps.publicUrl);
    if (canonical) return c.redirect(canonical, 302);
    const reference = newReference();
    let config;
    try {
      config = await portal.reachableConfiguration();
    } catch (error) {
      logger.warn({ reference, err: (error as Error).message }, 'portal discovery failed');
      return refuse(c, 'HANDOFF_PORTAL_UNAVAILABLE', 503, { reference, startedAt: new Date() });
    }
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const loginId = await sessions.store.putOnce<LoginTransaction>(
      { state, nonce, codeVerifier, returnTo: safeReturnTo(c.req.query('returnTo')), createdAt: Date.now() },
      STEP_TTL_SECONDS,
    );
    setCookie(c, LOGIN_COOKIE, loginId, { httpOnly: true, sameSite: 'Lax', secure, path: '/auth', maxAge: STEP_TTL_SECONDS });
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
    const startedAt = new Date();
    const started = performance.now();
    const durations: Record<string, number> = {};
    const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
      const at = performance.now();
      try {
        return await work();
      } finally {
        durations[step] = Math.round(performance.now() - at);
      }
    };
    const base = { reference, startedAt, durations };

    const loginId = getCookie(c, LOGIN_COOKIE);
    deleteCookie(c, LOGIN_COOKIE, { path: '/auth', secure });
    const transaction = looksLikeId(loginId) ? await sessions.store.takeOnce<LoginTransaction>(loginId) : null;
    if (!transaction) return refuse(c, 'HANDOFF_STATE_MISSING', 400, base);
    let config;
    try {
      config = await portal.configuration();
    } catch {
      return refuse(c, 'HANDOFF_PORTAL_UNAVAILABLE', 503, base);
    }
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = new URL(c.req.url).search;
    let tokens;
    let profile: PortalProfile;
    try {
      tokens = await timed('token', () =>
        oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: transaction.codeVerifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        }),
      );
      await timed('signature', () => portal.verifyIdTokenSignature(tokens!.id_token!));
      const claims = tokens.claims()!;
      const userinfo = await timed('userinfo', () => oidc.fetchUserInfo(config, tokens!.access_token, claims.sub));
      // Userinfo is the portal's current word; the ID token fills in what it leaves out (sid).
      profile = profileFromClaims({ ...claims, ...userinfo, sid: claims['sid'] });
    } catch (error) {
      const detail = error as { code?: string; error?: string; message?: string };
      logger.warn({ reference, reason: detail.code ?? detail.error, detail: detail.message }, 'portal exchange failed');
      return refuse(c, 'HANDOFF_PORTAL_ERROR', 400, base);
    }

    const checksAt = performance.now();
    const found = await findAccount(deps.db, { subject: profile.subject, username: profile.username });
    const admission = admit(profile, found);
    durations['checks'] = Math.round(performance.now() - checksAt);
    const about = {
      ...base,
      username: profile.username,
      subject: profile.subject,
      ...(profile.phone ? { phone: profile.phone } : {}),
      userKind: admission.userKind,
      checks: admission.results,
    };
    if (admission.refusal) {
      durations['total'] = Math.round(performance.now() - started);
      return refuse(c, admission.refusal, 403, about);
    }

    const pending: PendingConfirmation = {
      reference,
      startedAt: startedAt.toISOString(),
      profile,
      roleLabel: roleLabelOf(profile, found),
      returnTo: transaction.returnTo,
      formToken: newOpaqueId(),
    };
    const pendingId = await sessions.store.putOnce(pending, STEP_TTL_SECONDS);
    durations['total'] = Math.round(performance.now() - started);
    await handoffs.record({ ...about, outcome: 'awaiting_confirmation', ...(clientIp(c) ? { clientIp: clientIp(c)! } : {}) });
    setCookie(c, CONFIRM_COOKIE, pendingId, { httpOnly: true, sameSite: 'Lax', secure, path: '/auth', maxAge: STEP_TTL_SECONDS });
    return c.redirect('/auth/confirm', 302);
  });

  // 帐户信息确认: the person checks what the portal said before anything is created here.
  app.get('/confirm', async (c) => {
    const pendingId = getCookie(c, CONFIRM_COOKIE);
    const pending = looksLikeId(pendingId) ? await sessions.store.peekOnce<PendingConfirmation>(pendingId) : null;
    if (!pending) return c.redirect('/auth/login', 302);
    const { profile } = pending;
    c.header('cache-control', 'no-store');
    return c.html(
      confirmationPage(
        {
          username: profile.username,
          realName: profile.name,
          phoneMasked: profile.phone ? maskPhone(profile.phone) : '',
          email: profile.email ?? '',
          unitName: profile.unit?.name ?? '',
          creditCode: profile.unit?.creditCode ? maskCreditCode(profile.unit.creditCode) : '',
          roleLabel: pending.roleLabel,
          formToken: pending.formToken,
        },
        pickLocale(c.req.header('accept-language')),
      ),
    );
  });

  app.post('/confirm', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const pendingId = getCookie(c, CONFIRM_COOKIE);
    const peeked = looksLikeId(pendingId) ? await sessions.store.peekOnce<PendingConfirmation>(pendingId) : null;
    if (!peeked || !sameOrigin(c, publicOrigin) || !tokensMatch(peeked.formToken, typeof form['token'] === 'string' ? form['token'] : undefined)) {
      return sendError(c, GatewayErrors.CSRF_FAILED());
    }
    const pending = await sessions.store.takeOnce<PendingConfirmation>(pendingId!);
    deleteCookie(c, CONFIRM_COOKIE, { path: '/auth', secure });
    if (!pending) return c.redirect('/auth/login', 302);
    const entry = { reference: pending.reference, startedAt: new Date(pending.startedAt) };

    if (form['action'] !== 'confirm') {
      await handoffs.record({ ...entry, outcome: 'cancelled' });
      metrics.outcome('cancelled');
      return portalLogout(c);
    }
    const linked = await deps.linkAccount(pending.profile, pending.reference);
    const account = linked && (await findAccount(deps.db, { subject: pending.profile.subject, username: pending.profile.username }));
    if (!linked || !account || account.userId !== linked.userId || account.status !== 'active') {
      return refuse(c, 'ADMISSION_ACCOUNT_UNKNOWN', 403, entry);
    }
    const { status: _status, ...identity } = account;
    await sessions.start(c, {
      identity,
      portalSubject: pending.profile.subject,
      ...(pending.profile.sid ? { portalSid: pending.profile.sid } : {}),
    });
    await handoffs.record({ ...entry, outcome: 'admitted' });
    metrics.outcome('admitted');
    logger.info({ event: 'handoff', reference: pending.reference, outcome: 'admitted', userId: identity.userId, role: identity.role }, 'signed in');
    return c.redirect(pending.returnTo, 303);
  });

  app.get('/me', async (c) => {
    // Who is signed in and their CSRF token: no browser or proxy cache may keep it for the next person.
    c.header('cache-control', 'no-store');
    const session = await sessions.current(c);
    if (!session) return sendError(c, CommonErrors.AUTH_REQUIRED());
    const { identity, csrfToken } = session.data;
    return c.json({
      user: { id: identity.userId, username: identity.username, displayName: identity.displayName, role: identity.role, unit: identity.unit },
      csrfToken,
    });
  });

  /**
   * Signs out at the portal too (RP-Initiated Logout 1.0). The request names this client rather than carrying
   * an id_token_hint, which the spec allows, so no token ever appears in a URL (history, proxy and portal logs).
   */
  async function portalLogout(c: Context): Promise<Response> {
    try {
      const url = oidc.buildEndSessionUrl(await portal.configuration(), {
        client_id: deps.clientId,
        post_logout_redirect_uri: `${deps.publicUrl}/`,
      });
      return c.redirect(url.href, 303);
    } catch {
      return c.redirect('/', 303);
    }
  }

  app.post('/logout', async (c) => {
    const session = await sessions.current(c);
    if (session) {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const presented = c.req.header('x-csrf-token') ?? (typeof form['_csrf'] === 'string' ? form['_csrf'] : undefined);
      if (!csrfPasses(c, publicOrigin, session.data.csrfToken, presented)) {
        return sendError(c, GatewayErrors.CSRF_FAILED());
      }
    }
    await sessions.end(c, session);
    return portalLogout(c);
  });

  return app;
}
