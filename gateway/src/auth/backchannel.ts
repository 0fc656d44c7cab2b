// OpenID Connect Back-Channel Logout 1.0: the portal tells us a portal session ended; we end ours.
import { Hono } from 'hono';
import { jwtVerify } from 'jose';
import { ExpiringCache, type Logger } from '@wgzj/gateway/kit';
import type { SessionStore } from '../session/store.ts';
import type { PortalClient } from './portal-client.ts';

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Why a logout token was refused; each answers 400 and leaves every session as it was. */
export type LogoutTokenRefusal =
  | 'LOGOUT_TOKEN_MISSING'
  | 'LOGOUT_TOKEN_INVALID' // signature, issuer, audience, typ, age
  | 'LOGOUT_TOKEN_NO_EVENT'
  | 'LOGOUT_TOKEN_HAS_NONCE'
  | 'LOGOUT_TOKEN_NO_SUBJECT'
  | 'LOGOUT_TOKEN_REPLAYED';

export interface BackchannelDeps {
  portal: PortalClient;
  clientId: string;
  store: SessionStore;
  logger: Logger;
}

export function createBackchannelRoute(deps: BackchannelDeps) {
  const app = new Hono();
  const seen = new ExpiringCache<true>(50_000);

  app.post('/backchannel-logout', async (c) => {
    const refuse = (refusal: LogoutTokenRefusal, detail?: string) => {
      deps.logger.warn({ event: 'backchannel_logout', outcome: 'refused', refusal, detail }, 'logout token refused');
      c.header('cache-control', 'no-store');
      return c.json({ error: 'invalid_request', error_description: refusal }, 400);
    };
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = form['logout_token'];
    if (typeof token !== 'string' || !token) return refuse('LOGOUT_TOKEN_MISSING');

    let payload;
    try {
      const { issuer } = (await deps.portal.configuration()).serverMetadata();
      ({ payload } = await jwtVerify(token, deps.portal.keys.getKey, {
        issuer,
        audience: deps.clientId,
        typ: 'logout+jwt',
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        maxTokenAge: '5m',
        requiredClaims: ['iat', 'jti'],
      }));
    } catch (error) {
      return refuse('LOGOUT_TOKEN_INVALID', error instanceof Error ? error.message : String(error));
    }
    const events = payload['events'] as Record<string, unknown> | undefined;
    if (!events || typeof events[LOGOUT_EVENT] !== 'object') return refuse('LOGOUT_TOKEN_NO_EVENT');
    if ('nonce' in payload) return refuse('LOGOUT_TOKEN_HAS_NONCE');
    const sid = typeof payload['sid'] === 'string' ? payload['sid'] : undefined;
    if (!sid && !payload.sub) return refuse('LOGOUT_TOKEN_NO_SUBJECT');
    if (seen.get(payload.jti!)) return refuse('LOGOUT_TOKEN_REPLAYED');
    seen.set(payload.jti!, true, (payload.iat! + 600) * 1000);

    const ended = await deps.store.deleteWhere(sid ? { portalSid: sid } : { portalSubject: payload.sub! });
    deps.logger.info({ event: 'backchannel_logout', outcome: 'ended', sessions: ended }, 'portal ended sessions');
    c.header('cache-control', 'no-store');
    return c.body(null, 200);
  });

  return app;
}
