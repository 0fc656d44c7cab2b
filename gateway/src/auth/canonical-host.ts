// One host for the whole sign-in: a page opened on another name of this server (http://127.0.0.1:8080 for
// http://localhost:8080) is sent to the same path on PUBLIC_URL first, because the login cookies are set on the
// host the browser used and the portal sends it back to PUBLIC_URL's callback, where they would be missing.
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Where this request should have gone, or null when it came to PUBLIC_URL's host already. Hostnames only: a
 * proxy in front (nginx's `Host $host`) drops the port, and cookies ignore ports anyway. The target is PUBLIC_URL's
 * origin joined with the path and query as strings, never a host taken from the request (and never `new URL(path,
 * base)`, which reads a path like `//evil.example` as another host).
 */
export function canonicalUrl(c: Context, publicUrl: string): string | null {
  const site = new URL(publicUrl);
  const asked = new URL(c.req.url);
  if (asked.hostname === site.hostname) return null;
  return `${site.origin}${asked.pathname}${asked.search}`;
}

/** Pages (document navigations, GET or HEAD) on another host go to PUBLIC_URL; API calls and probes are left alone. */
export function canonicalHost(options: { publicUrl: string; isDocumentNavigation: (c: Context) => boolean }): MiddlewareHandler {
  return async (c, next) => {
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && !c.req.path.startsWith('/api/') && options.isDocumentNavigation(c)) {
      const target = canonicalUrl(c, options.publicUrl);
      if (target) return c.redirect(target, 302);
    }
    await next();
  };
}
