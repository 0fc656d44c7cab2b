// Routes /api/<area>/* to the area's module API, in process or over HTTP, with a fresh identity assertion. Bodies
// are streamed through, never held whole in the gateway.
import type { Hono } from 'hono';
import { z } from 'zod';
import { ASSERTION_HEADER, bodyLimitsOf, ExpiringCache, JSON_BODY_LIMIT, type BodyLimitTable, type Identity } from '@wgzj/gateway/kit';
import type { AssertionSigner } from './assertion/signer.ts';

/** Something that answers a module's requests: its Hono app in this process, or its own server. */
export interface ModuleTarget {
  area: string;
  mode: 'in-process' | 'remote';
  baseUrl: string;
  fetch(request: Request): Promise<Response>;
  /** The module's declared body limits (the kit's declareBodyLimit), for the gateway's door. */
  bodyLimits(): Promise<BodyLimitTable>;
}

export function inProcessTarget(area: string, app: Hono<any>): ModuleTarget {
  return {
    area,
    mode: 'in-process',
    baseUrl: 'http://module.local',
    fetch: async (request) => app.fetch(request),
    bodyLimits: async () => bodyLimitsOf(app),
  };
}

export interface RemoteTargetOptions {
  /** A service assertion for this area, to read the module's `/internal/body-limits`. */
  serviceAssertion: () => Promise<string>;
  /** How long the module may take to answer once the request is sent (an upload's own time not counted). */
  timeoutMs?: number;
}

export function remoteTarget(area: string, baseUrl: string, options: RemoteTargetOptions): ModuleTarget {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const limits = new RemoteBodyLimits(async () => {
    const response = await fetch(`${baseUrl}/internal/body-limits`, {
      headers: { accept: 'application/json', [ASSERTION_HEADER]: await options.serviceAssertion() },
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) throw new Error(`${area}: /internal/body-limits answered ${response.status}`);
    return bodyLimitTable.parse(await response.json());
  });
  return {
    area,
    mode: 'remote',
    baseUrl,
    fetch: (request) => {
      // The clock starts once the body is sent: a large upload from a slow connection is not the module being slow.
      const controller = new AbortController();
      const startClock = () => {
        setTimeout(() => controller.abort(new DOMException('the module did not answer in time', 'TimeoutError')), timeoutMs).unref();
      };
      let body: ReadableStream<Uint8Array> | null = request.body;
      if (body) body = body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ flush: startClock }));
      else startClock();
      return fetch(request.url, {
        method: request.method,
        headers: request.headers,
        signal: controller.signal,
        ...(body ? { body, duplex: 'half' } : {}),
      } as RequestInit);
    },
    bodyLimits: () => limits.current(),
  };
}

const bodyLimitTable = z.object({
  defaultBytes: z.number().int().positive(),
  routes: z.array(
    z.object({
      method: z.enum(['POST', 'PUT', 'PATCH']),
      path: z.string().startsWith('/'),
      maxBytes: z.number().int().positive(),
      refusal: z.object({ code: z.string(), 'zh-CN': z.string(), 'en-US': z.string() }).optional(),
    }),
  ),
}) satisfies z.ZodType<BodyLimitTable>;

/**
 * A remote module's declared limits, read from it once and then every few minutes. Until the first answer a
 * request waits for it (one round trip, once); while the module cannot say, the JSON limit applies.
 */
export class RemoteBodyLimits {
  static readonly FRESH_MS = 5 * 60_000;
  static readonly RETRY_MS = 10_000;
  private known: { table: BodyLimitTable; at: number } | null = null;
  private loading: Promise<BodyLimitTable> | null = null;
  private failedAt = -Infinity;

  constructor(
    private readonly load: () => Promise<BodyLimitTable>,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<BodyLimitTable> {
    const known = this.known;
    if (known) {
      // An old table still answers; the next one is read beside the request, not before it.
      const stale = this.now() - known.at > RemoteBodyLimits.FRESH_MS;
      if (stale && this.now() - this.failedAt >= RemoteBodyLimits.RETRY_MS) this.refresh().catch(() => undefined);
      return known.table;
    }
    if (this.now() - this.failedAt < RemoteBodyLimits.RETRY_MS) return DEFAULT_LIMITS;
    return this.refresh().catch(() => DEFAULT_LIMITS);
  }

  private refresh(): Promise<BodyLimitTable> {
    this.loading ??= this.load()
      .then(
        (table) => {
          this.known = { table, at: this.now() };
          return table;
        },
        (error: unknown) => {
          this.failedAt = this.now();
          throw error;
        },
      )
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}

const DEFAULT_LIMITS: BodyLimitTable = { defaultBytes: JSON_BODY_LIMIT, routes: [] };

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
  // The body is passed on as a stream (counted by the gateway's door on its way), never read whole here.
  const body = ['GET', 'HEAD'].includes(request.method) ? null : request.body;
  const response = await target.fetch(
    new Request(url, { method: request.method, headers, ...(body ? { body, duplex: 'half' } : {}) } as RequestInit),
  );
  const out = new Headers(response.headers);
  out.delete('set-cookie');
  // How the module's connection framed the answer is not how the gateway's does.
  for (const hop of ['connection', 'keep-alive', 'transfer-encoding']) out.delete(hop);
  out.set('cache-control', 'no-store');
  return new Response(response.body, { status: response.status, headers: out });
}
