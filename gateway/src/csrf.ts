// Cross-site request checks for unsafe methods: the Origin must be ours and the session's token must match.
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isUnsafe = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

export function sameOrigin(c: Context, publicOrigin: string): boolean {
  const origin = c.req.header('origin');
  return origin !== undefined && origin === publicOrigin;
}

export function tokensMatch(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Safe methods pass; an unsafe one needs this site's Origin and the token bound to the session or form. */
export function csrfPasses(c: Context, publicOrigin: string, expected: string, presented: string | undefined): boolean {
  return !isUnsafe(c.req.method) || (sameOrigin(c, publicOrigin) && tokensMatch(expected, presented));
}
