// Session lifetime rules: cookie, idle timeout, absolute lifetime, and the CSRF token bound to each session.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Identity } from '@wgzj/gateway/kit';
import { looksLikeId, type SessionData, type SessionStore } from './store.ts';

export interface SessionPolicy {
  idleSeconds: number;
  absoluteSeconds: number;
  /** https deployments get `Secure` and the `__Host-` prefix. */
  secure: boolean;
}

export interface ActiveSession {
  id: string;
  data: SessionData;
}

/** Writing lastSeenAt on every request would turn each read into a write; once a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;

export class SessionManager {
  readonly cookieName: string;

  constructor(
    readonly store: SessionStore,
    readonly policy: SessionPolicy,
    private readonly now: () => number = Date.now,
    /**
     * Asked on every request: is this person still allowed in (account active)? Answered from the shared
     * database, so a disabled account is refused at its next request on every replica.
     */
    private readonly stillAllowed: (identity: Identity) => Promise<boolean> = async () => true,
  ) {
    this.cookieName = policy.secure ? '__Host-wgzj_sid' : 'wgzj_sid';
  }

  async start(c: Context, init: { identity: Identity; portalSid?: string; portalSubject?: string }): Promise<ActiveSession> {
    // Whatever cookie came in is discarded: a new id at every sign-in (no session fixation).
    const previous = getCookie(c, this.cookieName);
    if (looksLikeId(previous)) await this.store.delete(previous);
    const at = this.now();
    const data: SessionData = {
      identity: init.identity,
      csrfToken: randomBytes(24).toString('base64url'),
      ...(init.portalSid ? { portalSid: init.portalSid } : {}),
      ...(init.portalSubject ? { portalSubject: init.portalSubject } : {}),
      createdAt: at,
      lastSeenAt: at,
    };
    const id = await this.store.create(data, this.ttlFor(data));
    setCookie(c, this.cookieName, id, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: this.policy.secure,
      path: '/',
    });
    return { id, data };
  }

  /** The caller's live session, or null. Expired sessions are removed as they are found. */
  async current(c: Context): Promise<ActiveSession | null> {
    const id = getCookie(c, this.cookieName);
    if (!looksLikeId(id)) return null;
    const data = await this.store.get(id);
    if (!data) return null;
    const at = this.now();
    if (
      at - data.lastSeenAt > this.policy.idleSeconds * 1000 ||
      at - data.createdAt > this.policy.absoluteSeconds * 1000 ||
      !(await this.stillAllowed(data.identity))
    ) {
      await this.store.delete(id);
      return null;
    }
    if (at - data.lastSeenAt >= TOUCH_INTERVAL_MS) {
      data.lastSeenAt = at;
      await this.store.update(id, data, this.ttlFor(data));
    }
    return { id, data };
  }

  async end(c: Context, session: ActiveSession | null): Promise<void> {
    if (session) await this.store.delete(session.id);
    deleteCookie(c, this.cookieName, { path: '/', secure: this.policy.secure });
  }

  /** The store keeps a record until whichever timeout comes first. */
  private ttlFor(data: SessionData): number {
    const absoluteLeft = Math.ceil((data.createdAt + this.policy.absoluteSeconds * 1000 - this.now()) / 1000);
    return Math.max(1, Math.min(this.policy.idleSeconds, absoluteLeft));
  }
}
