// /auth/legacy: the second door to the same session, for legacy accounts (老人老办法), and password reset by SMS.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findAccountById, pickLocale, type Db, type Locale, type Logger } from '@wgzj/gateway/kit';
import { captchaMatches, captchaPng, newCaptchaText } from '../auth/captcha.ts';
import { unavailablePage } from '../auth/pages.ts';
import { clientIp } from '../client-ip.ts';
import { sameOrigin, tokensMatch } from '../csrf.ts';
import { RateLimitUnavailable } from '../rate-limit-redis.ts';
import type { SessionManager } from '../session/manager.ts';
import { looksLikeId, newOpaqueId } from '../session/store.ts';
import { CAPTCHA_DRAWS_PER_FORM, type LegacyCredentials, type ResetForm } from './credentials.ts';
import {
  LEGACY_SCRIPT,
  LEGACY_TEXT,
  legacySignInPage,
  resetCodePage,
  resetRequestPage,
  type LegacyMessage,
  type RequiredField,
} from './pages.ts';

const FORM_COOKIE = 'wgzj_form';
const minutesOf = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));
const FORM_TTL_SECONDS = 600;
/** Marks this browser as one that signed in to (or reset) a legacy name: see `signInPerKnownBrowser`. */
export const KNOWN_BROWSER_COOKIE = 'wgzj_known';
const KNOWN_BROWSER_DAYS = 180;

/** What a shown form expects back: its token, the captcha answer, and for the code step the reset id. */
export interface FormRecord {
  kind: 'signin' | 'reset' | 'code';
  formToken: string;
  /** The answer of the picture last drawn for this form; none until a picture is drawn. */
  captcha?: string;
  /** Pictures drawn for this form (the first and each 换一张). */
  draws?: number;
  /** The code step: the reset, the name it was asked for, when, and the codes entered since. */
  reset?: ResetForm;
}

export interface LegacyDeps {
  db: Db;
  sessions: SessionManager;
  credentials: LegacyCredentials;
  captcha: boolean;
  publicUrl: string;
  logger: Logger;
}

export function createLegacyRoutes(deps: LegacyDeps) {
  const app = new Hono();
  const { sessions, credentials } = deps;
  const secure = deps.publicUrl.startsWith('https:');
  const publicOrigin = new URL(deps.publicUrl).origin;
  const localeOf = (c: Context): Locale => pickLocale(c.req.header('accept-language'));
  const message = (c: Context, code: LegacyMessage, minutes?: number) =>
    LEGACY_TEXT[localeOf(c)][code].replace('{minutes}', String(minutes ?? ''));
  const formCookie = { httpOnly: true, sameSite: 'Lax', secure, path: '/auth/legacy', maxAge: FORM_TTL_SECONDS } as const;

  async function remember(c: Context, record: FormRecord) {
    setCookie(c, FORM_COOKIE, await sessions.store.putOnce(record, FORM_TTL_SECONDS), formCookie);
  }

  /** Issues a form: a token remembered server-side for ten minutes; its captcha answer comes with the first picture. */
  async function issue(c: Context, kind: FormRecord['kind'], extra: Partial<FormRecord> = {}) {
    const record: FormRecord = { kind, formToken: newOpaqueId(), ...extra };
    await remember(c, record);
    c.header('cache-control', 'no-store');
    return { formToken: record.formToken, captcha: deps.captcha && kind !== 'code' };
  }

  /** The form this post answers, used up; null when it is missing, of another kind, or not from this site. */
  async function take(c: Context, kind: FormRecord['kind'], body: Record<string, unknown>): Promise<FormRecord | null> {
    const id = getCookie(c, FORM_COOKIE);
    deleteCookie(c, FORM_COOKIE, { path: '/auth/legacy', secure });
    const record = looksLikeId(id) ? await sessions.store.takeOnce<FormRecord>(id) : null;
    const token = typeof body['token'] === 'string' ? body['token'] : undefined;
    if (!record || record.kind !== kind || !sameOrigin(c, publicOrigin) || !tokensMatch(record.formToken, token)) return null;
    return record;
  }

  const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const captchaOk = (record: FormRecord, body: Record<string, unknown>) => !deps.captcha || captchaMatches(field(body, 'captcha'), record.captcha);
  const empty = (body: Record<string, unknown>, fields: ReadonlyArray<readonly [RequiredField, string]>) =>
    fields.filter(([, name]) => !field(body, name).trim()).map(([required]) => required);

  /** The rate-limit store did not answer: refuse the attempt (fail closed) on the retry page, never let it through. */
  const unavailable = (c: Context) => {
    const locale = localeOf(c);
    c.header('cache-control', 'no-store');
    return c.html(unavailablePage(LEGACY_TEXT[locale].LEGACY_UNAVAILABLE, locale), 503, { 'retry-after': '5' });
  };
  app.onError((error, c) => {
    if (!(error instanceof RateLimitUnavailable)) throw error;
    deps.logger.warn({ err: error.message, path: c.req.path }, 'rate-limit store unavailable: legacy door refused');
    return unavailable(c);
  });

  app.get('/assets/legacy.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'no-cache');
    return c.body(LEGACY_SCRIPT);
  });

  /**
   * The captcha picture of the form in this browser. Every picture has a new answer (the first one and each
   * 换一张), so an answer read once is never drawn twice and an older picture's answer no longer passes.
   */
  app.get('/legacy/captcha', async (c) => {
    c.header('cache-control', 'no-store');
    if (!deps.captcha) return c.body(null, 404);
    // Counted before the form is taken, so a store that does not answer leaves the form as it was.
    const verdict = await credentials.hit('captchaDrawsPerAddress', clientIp(c) ?? 'unknown');
    const id = getCookie(c, FORM_COOKIE);
    const record = looksLikeId(id) ? await sessions.store.takeOnce<FormRecord>(id) : null;
    if (!record || record.kind === 'code') return c.body(null, 410);
    const draws = (record.draws ?? 0) + 1;
    if (!verdict.allowed || draws > CAPTCHA_DRAWS_PER_FORM) {
      // The form stays usable with the picture already shown; only a new one is refused.
      await remember(c, record);
      return c.body(null, 429, { 'retry-after': String(verdict.allowed ? FORM_TTL_SECONDS : verdict.retryAfterSeconds) });
    }
    const answer = newCaptchaText();
    await remember(c, { ...record, captcha: answer, draws });
    return c.body(captchaPng(answer), 200, { 'content-type': 'image/png' });
  });

  app.get('/legacy', async (c) => c.html(legacySignInPage(await issue(c, 'signin'), localeOf(c))));

  app.post('/legacy', async (c) => {
    const body = await c.req.parseBody();
    const username = field(body, 'username').trim();
    const again = async (status: 400 | 401 | 429, state: { error: string; missing?: RequiredField[] }) =>
      c.html(legacySignInPage({ ...(await issue(c, 'signin')), username, ...state }, localeOf(c)), status);
    const record = await take(c, 'signin', body);
    if (!record) return again(400, { error: message(c, 'LEGACY_FORM_EXPIRED') });
    const missing = empty(body, [['username', 'username'], ['password', 'password'], ...(deps.captcha ? ([['captcha', 'captcha']] as const) : [])]);
    if (missing.length) return again(400, { error: message(c, 'LEGACY_FIELDS_MISSING'), missing });
    const knownBrowser = getCookie(c, KNOWN_BROWSER_COOKIE);
    const ip = clientIp(c);
    const result = await credentials.signIn({
      username,
      password: field(body, 'password'),
      captchaPassed: captchaOk(record, body),
      ...(ip ? { clientIp: ip } : {}),
      ...(knownBrowser ? { knownBrowser } : {}),
    });
    if (!result.ok) {
      // The reason is logged as the page shows it: nothing that tells an unknown name from a locked one.
      deps.logger.info({ event: 'legacy_signin', outcome: 'refused', reason: result.reason }, 'legacy sign-in refused');
      if (result.reason === 'LEGACY_TOO_MANY_ATTEMPTS') {
        c.header('retry-after', String(result.retryAfterSeconds));
        return again(429, { error: message(c, result.reason, minutesOf(result.retryAfterSeconds)) });
      }
      if (result.reason === 'LEGACY_CAPTCHA_WRONG') return again(400, { error: message(c, result.reason), missing: [] });
      return again(401, { error: message(c, result.reason) });
    }
    const account = await findAccountById(deps.db, result.userId);
    // signIn admitted an active account a moment ago; one disabled since answers like every other failure.
    if (!account || account.status !== 'active') return again(401, { error: message(c, 'LEGACY_SIGN_IN_FAILED') });
    const { status: _status, ...identity } = account;
    await sessions.start(c, { identity });
    rememberBrowser(c, result.knownBrowser);
    deps.logger.info({ event: 'legacy_signin', outcome: 'admitted', userId: identity.userId }, 'signed in through the legacy door');
    return c.redirect('/', 303);
  });

  function rememberBrowser(c: Context, value: string) {
    setCookie(c, KNOWN_BROWSER_COOKIE, value, { httpOnly: true, sameSite: 'Lax', secure, path: '/auth/legacy', maxAge: KNOWN_BROWSER_DAYS * 86_400 });
  }

  app.get('/legacy/reset', async (c) => c.html(resetRequestPage(await issue(c, 'reset'), localeOf(c))));

  app.post('/legacy/reset', async (c) => {
    const body = await c.req.parseBody();
    const username = field(body, 'username').trim();
    const again = async (status: 400 | 429, state: { error: string; missing?: RequiredField[] }) =>
      c.html(resetRequestPage({ ...(await issue(c, 'reset')), username, ...state }, localeOf(c)), status);
    const record = await take(c, 'reset', body);
    if (!record) return again(400, { error: message(c, 'LEGACY_FORM_EXPIRED') });
    const missing = empty(body, [['username', 'username'], ...(deps.captcha ? ([['captcha', 'captcha']] as const) : [])]);
    if (missing.length) return again(400, { error: message(c, 'LEGACY_FIELDS_MISSING'), missing });
    if (!captchaOk(record, body)) return again(400, { error: message(c, 'LEGACY_CAPTCHA_WRONG') });
    const requested = await credentials.requestReset(username, clientIp(c));
    const state = await issue(c, 'code', { reset: requested.form });
    if (requested.limitedFor !== undefined) {
      c.header('retry-after', String(requested.limitedFor));
      return c.html(resetCodePage({ ...state, error: message(c, 'LEGACY_RESET_TOO_OFTEN', minutesOf(requested.limitedFor)) }, localeOf(c)), 429);
    }
    return c.html(resetCodePage({ ...state, notice: LEGACY_TEXT[localeOf(c)].codeSent }, localeOf(c)));
  });

  app.post('/legacy/reset/confirm', async (c) => {
    const body = await c.req.parseBody();
    const record = await take(c, 'code', body);
    if (!record?.reset) {
      return c.html(resetRequestPage({ ...(await issue(c, 'reset')), error: message(c, 'LEGACY_FORM_EXPIRED') }, localeOf(c)), 400);
    }
    const form = record.reset;
    const again = async (state: { error: string; missing?: RequiredField[] }, attempts = form.attempts) =>
      c.html(resetCodePage({ ...(await issue(c, 'code', { reset: { ...form, attempts } })), ...state }, localeOf(c)), 400);
    const missing = empty(body, [['code', 'code'], ['newPassword', 'password'], ['repeat', 'repeat']]);
    if (missing.length) return again({ error: message(c, 'LEGACY_FIELDS_MISSING'), missing });
    const knownBrowser = getCookie(c, KNOWN_BROWSER_COOKIE);
    const done = await credentials.completeReset(form, field(body, 'code'), field(body, 'password'), field(body, 'repeat'), knownBrowser);
    if (done.result === 'LEGACY_RESET_CODE_WRONG') return again({ error: message(c, done.result) }, form.attempts + 1);
    if (done.result !== 'ok') return again({ error: message(c, done.result) });
    rememberBrowser(c, done.knownBrowser);
    return c.html(legacySignInPage({ ...(await issue(c, 'signin')), notice: LEGACY_TEXT[localeOf(c)].resetDone }, localeOf(c)));
  });

  return app;
}
