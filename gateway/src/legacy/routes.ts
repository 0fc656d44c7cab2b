// /auth/legacy: the second door to the same session, for legacy accounts (老人老办法), and password reset by SMS.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findAccountById, pickLocale, type Db, type Locale, type Logger } from '@wgzj/gateway/kit';
import { captchaMatches, newCaptcha } from '../auth/captcha.ts';
import { sameOrigin, tokensMatch } from '../csrf.ts';
import type { SessionManager } from '../session/manager.ts';
import { looksLikeId, newOpaqueId } from '../session/store.ts';
import type { LegacyCredentials } from './credentials.ts';
import { LEGACY_TEXT, legacySignInPage, resetCodePage, resetRequestPage, type LegacyMessage } from './pages.ts';

const FORM_COOKIE = 'wgzj_form';
const FORM_TTL_SECONDS = 600;

/** What a shown form expects back: its token, the captcha answer, and for the code step the reset id. */
interface FormRecord {
  kind: 'signin' | 'reset' | 'code';
  formToken: string;
  captcha?: string;
  resetId?: string;
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

  /** Issues a form: a token and (unless switched off) a captcha, remembered server-side for ten minutes. */
  async function issue(c: Context, kind: FormRecord['kind'], extra: Partial<FormRecord> = {}) {
    const captcha = deps.captcha ? newCaptcha() : null;
    const record: FormRecord = { kind, formToken: newOpaqueId(), ...(captcha ? { captcha: captcha.text } : {}), ...extra };
    setCookie(c, FORM_COOKIE, await sessions.store.putOnce(record, FORM_TTL_SECONDS), {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/auth/legacy',
      maxAge: FORM_TTL_SECONDS,
    });
    c.header('cache-control', 'no-store');
    return { formToken: record.formToken, ...(captcha ? { captchaSvg: captcha.svg } : {}) };
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

  app.get('/legacy', async (c) => c.html(legacySignInPage(await issue(c, 'signin'), localeOf(c))));

  app.post('/legacy', async (c) => {
    const body = await c.req.parseBody();
    const username = field(body, 'username').trim();
    const again = async (error: string, status: 400 | 401 | 403 | 423) =>
      c.html(legacySignInPage({ ...(await issue(c, 'signin')), error, username }, localeOf(c)), status);
    const record = await take(c, 'signin', body);
    if (!record) return again(message(c, 'LEGACY_FORM_EXPIRED'), 400);
    if (!captchaOk(record, body)) return again(message(c, 'LEGACY_CAPTCHA_WRONG'), 400);
    const result = await credentials.signIn(username, field(body, 'password'));
    if (!result.ok) {
      deps.logger.info({ event: 'legacy_signin', outcome: 'refused', reason: result.reason }, 'legacy sign-in refused');
      return result.reason === 'LEGACY_LOCKED' ? again(message(c, result.reason, result.minutesLeft), 423) : again(message(c, result.reason), 401);
    }
    const account = await findAccountById(deps.db, result.userId);
    if (!account || account.status !== 'active') return again(message(c, 'LEGACY_ACCOUNT_DISABLED'), 403);
    const { status: _status, ...identity } = account;
    await sessions.start(c, { identity });
    deps.logger.info({ event: 'legacy_signin', outcome: 'admitted', userId: identity.userId }, 'signed in through the legacy door');
    return c.redirect('/', 303);
  });

  app.get('/legacy/reset', async (c) => c.html(resetRequestPage(await issue(c, 'reset'), localeOf(c))));

  app.post('/legacy/reset', async (c) => {
    const body = await c.req.parseBody();
    const username = field(body, 'username').trim();
    const record = await take(c, 'reset', body);
    if (!record || !captchaOk(record, body)) {
      const error = message(c, record ? 'LEGACY_CAPTCHA_WRONG' : 'LEGACY_FORM_EXPIRED');
      return c.html(resetRequestPage({ ...(await issue(c, 'reset')), error, username }, localeOf(c)), 400);
    }
    const resetId = await credentials.requestReset(username);
    return c.html(resetCodePage({ ...(await issue(c, 'code', { resetId })), notice: LEGACY_TEXT[localeOf(c)].codeSent }, localeOf(c)));
  });

  app.post('/legacy/reset/confirm', async (c) => {
    const body = await c.req.parseBody();
    const record = await take(c, 'code', body);
    if (!record?.resetId) {
      return c.html(resetRequestPage({ ...(await issue(c, 'reset')), error: message(c, 'LEGACY_FORM_EXPIRED') }, localeOf(c)), 400);
    }
    const result = await credentials.completeReset(record.resetId, field(body, 'code'), field(body, 'password'), field(body, 'repeat'));
    if (result !== 'ok') {
      return c.html(resetCodePage({ ...(await issue(c, 'code', { resetId: record.resetId })), error: message(c, result) }, localeOf(c)), 400);
    }
    return c.html(legacySignInPage({ ...(await issue(c, 'signin')), notice: LEGACY_TEXT[localeOf(c)].resetDone }, localeOf(c)));
  });

  return app;
}
