// Small Hono helpers shared by the portal's routes: body reading, answers, cookies, client credentials.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';

/** What every portal route sees: the node request and response stay reachable for oidc-provider. */
export interface PortalEnv {
  Bindings: HttpBindings;
}

export type PortalContext = Context<PortalEnv>;

/** A refusal with a stable code; each part of the portal answers it in its own format (JSON, a page). */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const BODY_LIMIT = 16 * 1024;

/** The body as text, refused once it grows past the limit (counted as it streams, whatever Content-Length says). */
export async function readBody(c: Context): Promise<string> {
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > BODY_LIMIT) {
      void reader.cancel();
      throw new HttpError(413, 'BODY_TOO_LARGE', 'request body too large');
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// The content types are spelled as the portal always sent them (Hono's own helpers write `charset=UTF-8`).
function send(c: Context, status: number, type: string, body: string): Response {
  c.header('Content-Type', type);
  c.header('Cache-Control', 'no-store');
  return c.body(body, status as 200);
}

export function sendHtml(c: Context, status: number, html: string): Response {
  c.header('X-Frame-Options', 'DENY');
  return send(c, status, 'text/html; charset=utf-8', html);
}

export function sendJson(c: Context, status: number, value: unknown): Response {
  return send(c, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** 303 See Other: the answer to a posted form, so a reload does not post it again. */
export function seeOther(c: Context, location: string): Response {
  c.header('Location', location);
  c.header('Cache-Control', 'no-store');
  return c.body(null, 303);
}

export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** HTTP Basic with the client's id and secret (RFC 6749 §2.3.1: both form-urlencoded). */
export function hasClientCredentials(authorization: string | undefined, client: { clientId: string; clientSecret: string }): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  try {
    const id = decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' '));
    const secret = decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' '));
    return sameSecret(id, client.clientId) && sameSecret(secret, client.clientSecret);
  } catch {
    return false;
  }
}

/** Refuses a call without the client's credentials (401, in `message`'s words) before its route looks at it. */
export function requireClientCredentials(client: { clientId: string; clientSecret: string }, message: string): MiddlewareHandler {
  return async (c, next) => {
    if (!hasClientCredentials(c.req.header('authorization'), client)) {
      c.header('WWW-Authenticate', 'Basic realm="dev-portal"');
      return sendJson(c, 401, { code: 'UNAUTHORIZED', message });
    }
    await next();
  };
}

/** The value of one request cookie, or undefined. */
export function readCookie(c: Context, name: string): string | undefined {
  for (const part of (c.req.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  path: string;
  secure: boolean;
  /** Seconds; 0 deletes the cookie; absent: until the browser closes. */
  maxAge?: number;
}

/** Always HttpOnly and SameSite=Lax. */
export function setCookie(c: Context, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${value}`, `Path=${options.path}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push('Secure');
  c.header('Set-Cookie', parts.join('; '), { append: true });
}
