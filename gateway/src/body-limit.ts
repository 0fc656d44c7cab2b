// How large a body the gateway takes, by route class, decided before a byte of it is read (the kit's limitBodies
// applies it): sign-in forms a few KB, API calls 1 MB, and a module's upload routes what the module declares.
import type { Context } from 'hono';
import { JSON_BODY_LIMIT, limitFor, type AppliedLimit } from '@wgzj/gateway/kit';
import type { ModuleTarget } from './proxy.ts';

/** The sign-in forms (name, password, captcha answer, SMS code, a confirmation token) hold well under 1 KB. */
export const FORM_BODY_LIMIT = 8 * 1024;
/**
 * The portal's back-channel logout posts one logout_token (OpenID Connect Back-Channel Logout 1.0 §2.5): a signed
 * JWT of well under 2 KB, more with a long RSA signature or extra claims; 16 KB is ample.
 */
export const BACKCHANNEL_BODY_LIMIT = 16 * 1024;

export function gatewayBodyLimit(modules: ReadonlyMap<string, ModuleTarget>): (c: Context) => Promise<AppliedLimit> {
  return async (c) => {
    const path = c.req.path;
    if (path === '/auth/backchannel-logout') return { maxBytes: BACKCHANNEL_BODY_LIMIT };
    if (path === '/auth' || path.startsWith('/auth/')) return { maxBytes: FORM_BODY_LIMIT };
    const api = /^\/api\/([^/]+)(\/.*)?$/.exec(path);
    const target = api ? modules.get(api[1]!) : undefined;
    if (target) return limitFor(await target.bodyLimits(), c.req.method, api![2] || '/');
    return { maxBytes: JSON_BODY_LIMIT };
  };
}
