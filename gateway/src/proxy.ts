// Routes /api/<area>/* to the area's module API, in process or over HTTP, with a fresh identity assertion.
import type { Hono } from 'hono';
import { ASSERTION_HEADER, ExpiringCache, type Identity } from '@wgzj/gateway/kit';
import type { AssertionSigner } from './assertion/signer.ts';

/** Something that answers a module's requests: its Hono app in this process, or its own server. */
export interface ModuleTarget {
  area: string;
  mode: 'in-process' | 'remote';
  baseUrl: string;
  fetch(request: Request): Promise<Response>;
}

export function inProcessTarget(area: string, app: Hono<any>): ModuleTarget {
  return { area, mode: 'in-process', baseUrl: 'http://module.local', fetch: async (request) => app.fetch(request) };
}

export function remoteTarget(area: string, baseUrl: string, timeoutMs = 10_000): ModuleTarget {
  return {
    area,
    mode: 'remote',
    baseUrl,
    fetch: (request) => fetch(new Request(request, { signal: AbortSignal.timeout(timeoutMs) })),
  };
}

/** Only what a module needs; cookies and the caller's own headers stay at the gateway. */
const FORWARDED_HEADERS = ['accept', 'accept-language', 'content-type', 'content-length', 'if-match', 'idempotency-key'];

/**
 * One assertion per session and area serves for half its one-minute lifetime. Revocation is unaffected:
 * the session is looked up on every request before an assertion is used.
 */
export class AssertionIssuer {
  private readonly cache = new ExpiringCache<string>(20_000);

  constructor(private readonly signer: AssertionSigner) {}

  async issue(sessionKey: string, identity: Identity, area: string, requestId: string): Promise<string> {
    const key = `${sessionKey}:${area}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const token = await this.signer.sign(identity, area, requestId);
    this.cache.set(key, token, Date.now() + 30_000);
    return token;
  }
}

export async function forward(
  target: ModuleTarget,
  request: Request,
  subPath: string,
  assertion: string,
  requestId: string,
  clientIp?: string,
): Promise<Response> {
  const incoming = new URL(request.url);
  const url = new URL(`${target.baseUrl}${subPath}${incoming.search}`);
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set(ASSERTION_HEADER, assertion);
  headers.set('x-request-id', requestId);
  // Set by the gateway only: a caller's own x-client-ip never passes (see FORWARDED_HEADERS).
  if (clientIp) headers.set('x-client-ip', clientIp);
  const hasBody = !['GET', 'HEAD'].includes(request.method);
  const response = await target.fetch(
    new Request(url, { method: request.method, headers, ...(hasBody ? { body: await request.arrayBuffer() } : {}) }),
  );
  const out = new Headers(response.headers);
  out.delete('set-cookie');
  out.set('cache-control', 'no-store');
  return new Response(response.body, { status: response.status, headers: out });
}
