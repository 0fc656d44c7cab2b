// The portal handoff: /auth/login → portal sign-in → /auth/callback → admission checks → /auth/confirm →
// session; plus /auth/me and /auth/logout. Every attempt leaves a diagnostics record under its reference.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { CommonErrors, findAccount, maskCreditCode, maskPhone, pickLocale, sendError, type Db, type Identity, type Logger } from '@wgzj/gateway/kit';
import { GRANT_ROLES, portalGrantOf } from '@wgzj/gateway/kit/shared/roles';
import { clientIp } from '../client-ip.ts';
import { csrfPasses, sameOrigin, tokensMatch } from '../csrf.ts';
import type { HandoffEntry, HandoffLog } from '../diagnostics/handoff-log.ts';
import { GatewayErrors } from '../errors.ts';
import type { HandoffMetrics } from '../metrics.ts';
import type { SessionManager } from '../session/manager.ts';
import { looksLikeId, newOpaqueId, type LoginTransaction } from '../session/store.ts';
import { admit, profileFromClaims, type PortalProfile } from './admission.ts';
import { canonicalUrl } from './canonical-host.ts';
import { confirmationPage, isRefusalCode, newReference, refusalPage, refusalStatus, ROLE_NAMES, unknownRefusalPage, type RefusalCode } from './pages.ts';
import { oidc, type PortalClient } from './portal-client.ts';

const LOGIN_COOKIE = 'wgzj_login';
const CONFIRM_COOKIE = 'wgzj_confirm';
/** Marks of the refusals this browser met, so their pages open again here (and only here): see HandoffLog.refusalMark. */
const REFUSAL_COOKIE = 'wgzj_refusal';
const REFUSAL_MARKS = 5;
const REFUSAL_TTL_SECONDS = 24 * 3600;
const STEP_TTL_SECONDS = 600;
/** The references newReference() makes; anything else is not looked up. */
const REFERENCE = /^H\d{8}-[A-HJ-NP-Z2-9]{6}$/;
export const SCOPES = 'openid profile email phone wgzj';

/** Between the checks and 确定: everything needed to open the session, kept server-side. */
interface PendingConfirmation {
  reference: string;
  startedAt: string;
  profile: PortalProfile;
  /** The role the confirmation page names (in the reader's language). */
  role: string;
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

/** The role 确定 shows: the account's, or for a first sign-in the one its portal grant will give the new account. */
function roleOf(profile: PortalProfile, account: Identity | null): string {
  if (account) return account.role;
  return GRANT_ROLES[portalGrantOf(profile.grants) ?? 'handler'];
}

export function createHandoffRoutes(deps: HandoffDeps) {
  const app = new Hono();
  const { sessions, portal, logger, handoffs, metrics } = deps;
  const secure = deps.publicUrl.startsWith('https:');
  const publicOrigin = new URL(deps.publicUrl).origin;
  const redirectUri = `${deps.publicUrl}/auth/callback`;
  /**
   * Ends an attempt on its refusal page, with the diagnostics record and the metric written first. The page has
   * an address of its own (by reference), so reloading it shows the same reason, not a new 登录已过期; only a
   * sign-in that never started (`here`: /auth/login, where reloading is the retry) answers in place.
   */
  async function refuse(c: Context, code: RefusalCode, entry: Omit<HandoffEntry, 'outcome' | 'refusal'>, options: { here?: boolean } = {}) {
    await handoffs.record({ ...entry, outcome: 'refused', refusal: code, ...(clientIp(c) ? { clientIp: clientIp(c)! } : {}) });
    metrics.outcome(code);
    logger.info({ event: 'handoff', reference: entry.reference, outcome: 'refused', refusal: code }, 'sign-in refused');
    if (options.here) return c.html(refusalPage(code, entry.reference, pickLocale(c.req.header('accept-language'))), refusalStatus(code));
    const kept = (getCookie(c, REFUSAL_COOKIE) ?? '').split('~').filter((m) => /^[A-Za-z0-9_-]{32}$/.test(m));
    const marks = [handoffs.refusalMark(entry.reference), ...kept].slice(0, REFUSAL_MARKS).join('~');
    setCookie(c, REFUSAL_COOKIE, marks, { httpOnly: true, sameSite: 'Lax', secure, path: '/auth/refused', maxAge: REFUSAL_TTL_SECONDS });
    return c.redirect(`/auth/refused/${entry.reference}`, 303);
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
      return refuse(c, 'HANDOFF_PORTAL_UNAVAILABLE', { reference, startedAt: new Date() }, { here: true });
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
    if (!transaction) return refuse(c, 'HANDOFF_STATE_MISSING', base);
    let config;
    try {
      config = await portal.configuration();
    } catch {
      return refuse(c, 'HANDOFF_PORTAL_UNAVAILABLE', base);
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
      return refuse(c, 'HANDOFF_PORTAL_ERROR', base);
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
      return refuse(c, admission.refusal, about);
    }

    const pending: PendingConfirmation = {
      reference,
      startedAt: startedAt.toISOString(),
      profile,
      role: roleOf(profile, found),
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
    const locale = pickLocale(c.req.header('accept-language'));
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
          roleLabel: ROLE_NAMES[locale][pending.role] ?? pending.role,
          formToken: pending.formToken,
        },
        locale,
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
      return refuse(c, 'ADMISSION_ACCOUNT_UNKNOWN', entry);
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

  // The refusal page again, for the browser that met it: the same reason and reference at every reload. Anyone
  // else (a reference read out over the phone, a made-up one) gets a page that says nothing about the attempt.
  app.get('/refused/:reference', async (c) => {
    const locale = pickLocale(c.req.header('accept-language'));
    c.header('cache-control', 'no-store');
    const reference = c.req.param('reference').toUpperCase();
    const marks = (getCookie(c, REFUSAL_COOKIE) ?? '').split('~');
    const code = REFERENCE.test(reference) && marks.includes(handoffs.refusalMark(reference)) ? await handoffs.refusalOf(reference) : null;
    if (!isRefusalCode(code)) return c.html(unknownRefusalPage(locale), 404);
    return c.html(refusalPage(code, reference, locale), refusalStatus(code));
  });

  /**
   * 换个帐号登录: the portal session lives on after a refusal, so 重新登录 alone would bring the same person back to
   * the same refusal. This ends it too (RP-initiated logout) and comes back to a fresh sign-in at the portal.
   * Same-origin posts only: a page elsewhere cannot sign a visitor out of the portal.
   */
  app.post('/switch-account', async (c) => {
    if (!sameOrigin(c, publicOrigin)) return sendError(c, GatewayErrors.CSRF_FAILED());
    await sessions.end(c, await sessions.current(c));
    logger.info({ event: 'handoff', outcome: 'switch_account' }, 'switching account: signing out at the portal');
    return portalLogout(c);
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
