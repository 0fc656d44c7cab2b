// 用户授权管理 (在线办事-用户授权管理-授权操作): a unit's legal-person account signs in here and grants or
// revokes this system's roles for the natural persons of its unit. The page keeps its own small session
// (cookie `portal_grants`, opaque id, in memory), separate from the OpenID sessions.
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Logger } from 'pino';
import {
  DirectoryError,
  type Account,
  type AccountDirectory,
  type DirectoryErrorCode,
  type WgzjRole,
} from './accounts.ts';
import type { LogoutNotice } from './backchannel.ts';
import type { CaptchaBook } from './captcha.ts';
import { HttpError, readBody, readCookie, sameSecret, seeOther, sendHtml, setCookie, type PortalEnv } from './http.ts';
import { grantsPage, grantsRefusalPage, ROLE_LABELS, signInPage } from './pages.ts';
import { checkSignIn } from './sign-in-check.ts';

export const GRANTS_COOKIE = 'portal_grants';
const PATH = '/grants';
/** A visitor who has not signed in yet keeps the sign-in form's session this long. */
const ANONYMOUS_TTL_MS = 15 * 60_000;
/** Signed in: idle timeout. */
const SIGNED_IN_TTL_MS = 30 * 60_000;
/** Anonymous sessions are made on every first visit; past this many the oldest go first. */
const MAX_SESSIONS = 10_000;

const MESSAGES = {
  notice: '用户授权管理:请使用本单位的法人帐号登录',
  naturalPersonRefused: '该帐号为自然人帐号。用户授权管理仅限单位法人帐号登录,请使用本单位的法人帐号,选择“法人登录”。',
  legalWithoutUnit: '该法人帐号未关联单位信息,无法进行用户授权管理',
  staleForm: '页面已失效,请刷新页面后重试',
  signedOut: '登录已失效,请重新登录',
} as const;

/** What the legal person reads when the directory refuses a change, and the status it answers with. */
const DIRECTORY_REFUSALS: Record<DirectoryErrorCode, { status: number; text: string }> = {
  UNIT_MISMATCH: { status: 403, text: '只能为本单位的自然人授权或取消授权,该用户不属于本单位' },
  NOT_NATURAL_PERSON: { status: 403, text: '只能为自然人帐号授权或取消授权' },
  NOT_LEGAL_PERSON: { status: 403, text: '仅单位法人帐号可进行用户授权管理' },
  ACCOUNT_NOT_FOUND: { status: 404, text: '用户不存在' },
  INVALID_ROLE: { status: 400, text: '授权事项无效' },
  INVALID_REALNAME_STATUS: { status: 400, text: '实名认证状态无效' },
  USERNAME_TAKEN: { status: 409, text: '用户名已被占用' },
  ALREADY_REGISTERED: { status: 409, text: '该用户已经被注册' },
  UNIT_CONFLICT: { status: 409, text: '单位信息不一致' },
};

interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

interface PageSession {
  id: string;
  /** The token every form of the page carries (synchroniser token). */
  csrf: string;
  /** The signed-in legal-person account; absent before sign-in. */
  username?: string;
  expiresAt: number;
  flash?: Flash;
}

const token = (): string => randomBytes(32).toString('base64url');

class PageSessions {
  readonly #byId = new Map<string, PageSession>();

  create(): PageSession {
    this.#sweep();
    const session: PageSession = { id: token(), csrf: token(), expiresAt: Date.now() + ANONYMOUS_TTL_MS };
    this.#byId.set(session.id, session);
    return session;
  }

  /** A live session; a signed-in one is kept alive by use. */
  find(id: string | undefined): PageSession | undefined {
    if (!id) return undefined;
    const session = this.#byId.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= Date.now()) {
      this.#byId.delete(id);
      return undefined;
    }
    if (session.username) session.expiresAt = Date.now() + SIGNED_IN_TTL_MS;
    return session;
  }

  /** Signing in gets a new id and token, so an id planted before sign-in is worth nothing after it. */
  signIn(session: PageSession, username: string): PageSession {
    this.#byId.delete(session.id);
    const next: PageSession = { id: token(), csrf: token(), username, expiresAt: Date.now() + SIGNED_IN_TTL_MS };
    this.#byId.set(next.id, next);
    return next;
  }

  delete(id: string): void {
    this.#byId.delete(id);
  }

  #sweep(): void {
    const now = Date.now();
    for (const [id, s] of this.#byId) if (s.expiresAt <= now) this.#byId.delete(id);
    // Maps iterate in insertion order: the first keys are the oldest sessions.
    for (const id of this.#byId.keys()) {
      if (this.#byId.size < MAX_SESSIONS) break;
      this.#byId.delete(id);
    }
  }
}

export interface GrantsRouteDeps {
  accounts: AccountDirectory;
  captchas: CaptchaBook;
  captchaOn: boolean;
  /** Mark the cookie Secure (an https issuer). */
  secureCookies: boolean;
  log: Logger;
  /** Runs when a revocation leaves the person without any grant for this system. */
  onLastGrantRevoked(account: Account): Promise<LogoutNotice>;
}

/** The page at `/grants` (GET or HEAD) and its forms, each posted to its own path. */
export function createGrantsRoutes(deps: GrantsRouteDeps) {
  const { accounts, captchas, captchaOn, log } = deps;
  const sessions = new PageSessions();
  const captchaKey = (session: PageSession) => `grants:${session.id}`;

  const keepCookie = (c: Context, session: PageSession) =>
    setCookie(c, GRANTS_COOKIE, session.id, { path: PATH, secure: deps.secureCookies });
  const dropCookie = (c: Context) =>
    setCookie(c, GRANTS_COOKIE, '', { path: PATH, secure: deps.secureCookies, maxAge: 0 });
  const sessionOf = (c: Context) => sessions.find(readCookie(c, GRANTS_COOKIE));

  function showSignIn(c: Context, session: PageSession, status: number, view: { username?: string; error?: string } = {}) {
    return sendHtml(c, status, signInPage({
      action: `${PATH}/login`,
      refreshUrl: PATH,
      clientName: '用户授权管理',
      notice: MESSAGES.notice,
      heading: '用户授权管理',
      kind: 'legal',
      kinds: ['legal'],
      hidden: { csrf: session.csrf },
      ...(view.username !== undefined ? { username: view.username } : {}),
      ...(view.error !== undefined ? { error: view.error } : {}),
      ...(captchaOn ? { captchaSvg: captchas.issue(captchaKey(session)).svg } : {}),
    }));
  }

  /** The signed-in legal-person account and its unit, or undefined when the session has none. */
  function signedIn(session: PageSession): { legal: Account; unit: NonNullable<Account['unit']> } | undefined {
    const legal = session.username ? accounts.findByUsername(session.username) : undefined;
    if (!legal || legal.kind !== 'legal' || !legal.unit) return undefined;
    return { legal, unit: legal.unit };
  }

  function showGrants(c: Context, session: PageSession, status: number, flash?: Flash) {
    const who = signedIn(session)!;
    return sendHtml(c, status, grantsPage({
      legal: who.legal,
      unit: who.unit,
      members: accounts.membersOf(who.legal.username),
      csrf: session.csrf,
      ...(flash ? { flash } : {}),
    }));
  }

  async function postedForm(c: Context, session: PageSession | undefined): Promise<URLSearchParams> {
    const form = new URLSearchParams(await readBody(c));
    if (!session || !sameSecret(form.get('csrf') ?? '', session.csrf)) {
      throw new HttpError(403, 'CSRF_TOKEN_INVALID', MESSAGES.staleForm);
    }
    return form;
  }

  async function login(c: Context, session: PageSession | undefined) {
    const form = await postedForm(c, session);
    const current = session!;
    const username = (form.get('username') ?? '').trim();
    const outcome = checkSignIn(accounts, {
      username,
      password: form.get('password') ?? '',
      kind: 'legal',
      ...(captchaOn ? { captchaPassed: captchas.check(captchaKey(current), form.get('captcha') ?? '') } : {}),
    });
    if (!outcome.ok) {
      log.info({ event: 'grants_login_refused', reason: outcome.refusal,
        ...(accounts.findByUsername(username) ? { username } : {}) }, 'grants sign-in refused');
      const error = outcome.refusal === 'account_kind' ? MESSAGES.naturalPersonRefused : outcome.message;
      return showSignIn(c, current, 400, { username, error });
    }
    if (!outcome.account.unit) return showSignIn(c, current, 403, { username, error: MESSAGES.legalWithoutUnit });
    const next = sessions.signIn(current, outcome.account.username);
    keepCookie(c, next);
    log.info({ event: 'grants_login', username: next.username }, 'legal person signed in to 用户授权管理');
    return seeOther(c, PATH);
  }

  async function change(c: Context, session: PageSession | undefined, action: 'grant' | 'revoke') {
    const form = await postedForm(c, session);
    const current = session!;
    const who = signedIn(current);
    if (!who) throw new HttpError(401, 'NOT_SIGNED_IN', MESSAGES.signedOut);
    const username = form.get('username') ?? '';
    const role = (form.get('role') ?? '') as WgzjRole;
    let person: Account;
    let hadRole: boolean;
    try {
      hadRole = accounts.findByUsername(username)?.roles.includes(role) ?? false;
      person = action === 'grant'
        ? accounts.grantRole(who.legal.username, username, role)
        : accounts.revokeRole(who.legal.username, username, role);
    } catch (err) {
      if (!(err instanceof DirectoryError)) throw err;
      const refusal = DIRECTORY_REFUSALS[err.code];
      log.info({ event: 'grant_refused', action, by: who.legal.username, code: err.code }, 'grant change refused');
      return showGrants(c, current, refusal.status, { kind: 'error', text: refusal.text });
    }
    const label = ROLE_LABELS[role];
    log.info({ event: action === 'grant' ? 'role_granted' : 'role_revoked', by: who.legal.username, username, role },
      action === 'grant' ? 'role granted' : 'role revoked');
    let text = action === 'grant'
      ? `已为 ${person.name}(${person.username})授权“${label}”`
      : `已取消 ${person.name}(${person.username})的“${label}”授权`;
    if (action === 'revoke' && hadRole && person.roles.length === 0) {
      const notice = await deps.onLastGrantRevoked(person);
      if (notice === 'delivered') text += ',其在外国专家项目管理信息系统的登录会话已结束';
      if (notice === 'failed') text += ';通知外国专家项目管理信息系统结束其登录会话失败,已记录日志';
    }
    current.flash = { kind: 'ok', text };
    return seeOther(c, PATH);
  }

  const app = new Hono<PortalEnv>();

  // GET and HEAD (Hono answers HEAD with the GET route, without the body).
  const page = (c: Context) => {
    const session = sessionOf(c);
    if (session && signedIn(session)) {
      const flash = session.flash;
      delete session.flash;
      return showGrants(c, session, 200, flash);
    }
    const visitor = session ?? sessions.create();
    if (!session) keepCookie(c, visitor);
    return showSignIn(c, visitor, 200);
  };
  app.get(PATH, page);
  app.get(`${PATH}/`, page);

  app.post(`${PATH}/login`, (c) => login(c, sessionOf(c)));
  app.post(`${PATH}/grant`, (c) => change(c, sessionOf(c), 'grant'));
  app.post(`${PATH}/revoke`, (c) => change(c, sessionOf(c), 'revoke'));
  app.post(`${PATH}/logout`, async (c) => {
    const session = sessionOf(c);
    await postedForm(c, session);
    sessions.delete(session!.id);
    dropCookie(c);
    if (session!.username) log.info({ event: 'grants_logout', username: session!.username }, 'signed out of 用户授权管理');
    return seeOther(c, PATH);
  });

  // The page takes GET and HEAD, every action POST; a posted action the page does not have is not found.
  const refuse = (c: Context) => {
    // Like every request to the page, a refused one keeps a signed-in session alive.
    sessionOf(c);
    if (c.req.method !== 'POST' || c.req.path === PATH || c.req.path === `${PATH}/`) {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', '请求方法不被允许');
    }
    throw new HttpError(404, 'NOT_FOUND', '页面不存在');
  };
  app.all(PATH, refuse);
  app.all(`${PATH}/:rest{.*}`, refuse);

  app.onError((err, c) => {
    if (err instanceof HttpError) return sendHtml(c, err.status, grantsErrorPage(err));
    throw err;
  });

  return app;
}

/** The refusal page for the errors the route throws (stale form, signed out, unknown page). */
export function grantsErrorPage(err: HttpError): string {
  const title = err.status === 403 ? '请求已失效' : err.status === 401 ? '登录已失效' : '请求处理失败';
  return grantsRefusalPage(title, err.message);
}
