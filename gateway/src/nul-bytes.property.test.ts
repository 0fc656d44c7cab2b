// Text the database cannot store — a NUL byte (PostgreSQL: 22021, or 22P05 inside jsonb), a lone surrogate — and
// other hostile text (control characters, overlong or broken UTF-8 in a URL, direction overrides) sent to every
// route every module app and the gateway register: never a 5xx, and for unstorable text a 400 naming the field.
// Routes come from the apps themselves (Hono's `app.routes`), so a new route is covered without touching this file;
// which query parameters and body fields a route reads is learned by watching it read them (HonoRequest patched
// below), with path parameters filled from the rows of the table the path names.
import { randomUUID } from 'node:crypto';
import { type ModuleDefinition } from '@wgzj/gateway/kit';
import { type ErrorBody, type Harness, moduleHarness } from '@wgzj/gateway/testing';
import fc from 'fast-check';
import { HonoRequest } from 'hono/request';
import { getQueryParam } from 'hono/utils/url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '@wgzj/gateway/testing/stack';

// ---- watching what a route reads -------------------------------------------------------------------------------

interface Reads {
  query: Set<string>;
  body: Set<string>;
  bodyRead: boolean;
}
let watching: Reads | null = null;

/** An object whose property reads (at any depth) are recorded as dotted paths. */
function recording<T>(value: T, prefix: string, into: Set<string>): T {
  if (!value || typeof value !== 'object') return value;
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const item = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string' || (Array.isArray(target) && key === 'length')) return item;
      if (typeof item === 'function') return item;
      const path = prefix ? `${prefix}.${key}` : key;
      into.add(path);
      return recording(item, path, into);
    },
  }) as T;
}

const proto = HonoRequest.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
const originalQuery = proto['query']!;
const originalJson = proto['json']!;
const originalParseBody = proto['parseBody']!;
proto['query'] = function (this: unknown, ...args: unknown[]) {
  const result = originalQuery.apply(this, args);
  if (!watching) return result;
  if (typeof args[0] === 'string') {
    watching.query.add(args[0]);
    return result;
  }
  return recording(result, '', watching.query);
};
proto['json'] = async function (this: unknown, ...args: unknown[]) {
  const body = await originalJson.apply(this, args);
  if (!watching) return body;
  watching.bodyRead = true;
  return recording(body, '', watching.body);
};
proto['parseBody'] = async function (this: unknown, ...args: unknown[]) {
  const body = await originalParseBody.apply(this, args);
  if (!watching) return body;
  watching.bodyRead = true;
  return recording(body, '', watching.body);
};

/**
 * A read that names a field of the request: not a promise's `then` check, not a `length`, and not an index alone
 * (the kit's own walk over a list reads every index; the list itself is the field).
 */
const isField = (path: string) => {
  const segments = path.split('.');
  return !segments.some((s) => s === 'then' || s === 'length') && !/^\d+$/.test(segments.at(-1)!);
};

async function watched<T>(work: () => Promise<T>): Promise<{ result: T; reads: Reads }> {
  const reads: Reads = { query: new Set(), body: new Set(), bodyRead: false };
  watching = reads;
  try {
    return { result: await work(), reads };
  } finally {
    watching = null;
  }
}

// ---- what is sent ----------------------------------------------------------------------------------------------

const HAS_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `a.0.b` → `{ a: [{ b: value }] }`. */
function bodyWith(path: string, value: unknown): unknown {
  const keys = path.split('.');
  const build = (i: number): unknown => {
    if (i === keys.length) return value;
    const key = keys[i]!;
    return /^\d+$/.test(key) ? [build(i + 1)] : { [key]: build(i + 1) };
  };
  return build(0);
}

/** Text made of hostile pieces: NUL, C0 and C1 controls, direction overrides, lone surrogates, BOM, newlines. */
const hostileText = fc
  .array(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u202e', '\u2066', '\ud800', '\udfff', '\ufeff', '\r\n', '\t', '%', '\\', '"', "'")), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/** The same as it would arrive in a URL, plus what only a URL can carry: overlong and broken UTF-8, bad escapes. */
const hostileQueryValue = fc
  .oneof(
    hostileText.map((text) => [...text].map((ch) => (/^[\ud800-\udfff]$/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('')),
    fc
      .array(fc.constantFrom('%00', '%ED%A0%80', '%ED%BF%BF', '%C0%80', '%E0%80%80', '%F8%80%80%80%80', '%FF', '%C2', '%', '%zz', '%01', '%7F', '%C2%85', '%E2%80%AE', 'a', '+'), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.join('')),
  )
  // Whether the route receives a NUL, decoded as Hono decodes it: a run of escapes that is no valid UTF-8 stays as sent.
  // The URL is read as a request carries it (WHATWG URL: a ' becomes %27 and may join a run of broken escapes).
  .map((raw) => ({ raw, nul: (getQueryParam(new URL(`http://x/?v=${raw}`).href, 'v') as string | undefined)?.includes('\u0000') ?? false }));

const unstorable = (text: string) => /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

interface Call {
  status: number;
  body: ErrorBody | null;
  reads: Reads;
}

async function answer(response: Response, reads: Reads): Promise<Call> {
  const text = await response.text();
  let body: ErrorBody | null = null;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    body = null;
  }
  return { status: response.status, body, reads };
}

const fieldsOf = (call: Call) => call.body?.error?.fields?.map((f) => f.field) ?? [];

/** What a refusal of unstorable text in `field` must look like. */
function expectNamed(call: Call, field: string, where: string) {
  expect(call.status, `${where}: ${JSON.stringify(call.body)}`).toBe(400);
  expect(call.body?.error.code, where).toBe('VALIDATION_FAILED');
  expect(fieldsOf(call), where).toContain(field);
  expect(call.body?.error.fields?.find((f) => f.field === field)?.message, where).toMatch(/U\+0000/);
}

// ---- the module APIs -------------------------------------------------------------------------------------------

const AREAS = ['admin', 'experts', 'projects', 'reports'];
const USERS = ['employer_handler', 'employer_admin', 'ministry_univ', 'supervisor_bj', 'national_admin', 'support', 'reviewer'];

interface RouteCase {
  area: string;
  method: string;
  path: string;
}

interface Learned {
  /** The user and the concrete path under which the route read the most. */
  as: string;
  url: string;
  query: string[];
  body: string[];
  bodyRead: boolean;
}

describe('text the database cannot store, sent to every route of every module API', () => {
  let h: Harness;
  const routes: RouteCase[] = [];
  /** Values for a path parameter, from the table its path names (`/plans/:id` → projects.plans). */
  let tables: Array<{ schema: string; table: string; columns: string[]; key: string | null }> = [];

  beforeAll(async () => {
    h = await moduleHarness(AREAS);
    for (const area of AREAS) {
      const definition = ((await import(`@wgzj/mf-${area}/api`)) as { default: ModuleDefinition }).default;
      const seen = new Set<string>();
      for (const route of definition.createApp(h.contextOf(area)).routes) {
        const key = `${route.method} ${route.path}`;
        // Middleware registered for every path is not a route of its own.
        if (route.method === 'ALL' && /^\/?\*$/.test(route.path)) continue;
        if (seen.has(key)) continue;
        seen.add(key);
        routes.push({ area, method: route.method, path: route.path });
      }
    }
    const { rows } = await h.db.query<{ schema: string; table: string; columns: string[]; key: string | null }>(
      `select t.table_schema as schema, t.table_name as table,
         array(select column_name::text from information_schema.columns c where c.table_schema = t.table_schema and c.table_name = t.table_name) as columns,
         (select k.column_name::text from information_schema.table_constraints tc join information_schema.key_column_usage k
            on k.constraint_name = tc.constraint_name and k.table_schema = tc.table_schema
          where tc.table_schema = t.table_schema and tc.table_name = t.table_name and tc.constraint_type = 'PRIMARY KEY' limit 1) as key
       from information_schema.tables t where t.table_schema = any($1) and t.table_type = 'BASE TABLE'`,
      [AREAS],
    );
    tables = rows;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const snake = (s: string) => s.replace(/-/g, '_').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

  /** Up to three values for each `:param` of a path, or a fresh uuid when no table names them. */
  async function paramValues(route: RouteCase): Promise<string[]> {
    const segments = route.path.split('/');
    let urls = [''];
    for (const [i, segment] of segments.entries()) {
      if (i === 0) continue;
      if (!segment.startsWith(':')) {
        urls = urls.map((u) => `${u}/${segment === '*' ? 'x' : segment}`);
        continue;
      }
      const param = snake(segment.slice(1));
      const owner = snake(segments[i - 1] ?? '');
      const candidates = [...tables].sort((a, b) => Number(b.schema === route.area) - Number(a.schema === route.area));
      const table =
        candidates.find((t) => t.table === owner) ??
        candidates.find((t) => t.table.endsWith(`_${owner}`)) ??
        candidates.find((t) => owner.endsWith(`_${t.table}`)) ??
        candidates.find((t) => `${t.table}s` === owner);
      const column = table && (table.columns.includes(param) ? param : table.key);
      let values: string[] = [randomUUID()];
      if (table && column) {
        const { rows } = await h.db.query<{ v: string }>(`select distinct ${column}::text as v from ${table.schema}.${table.table} where ${column} is not null order by 1 limit 3`);
        if (rows.length) values = rows.map((r) => r.v);
      }
      urls = urls.flatMap((u) => values.map((v) => `${u}/${encodeURIComponent(v)}`));
    }
    return urls.slice(0, 6);
  }

  function send(route: RouteCase, as: string, url: string, body?: unknown, rawBody?: string) {
    return watched(async () => {
      const withBody = HAS_BODY.has(route.method);
      // `/internal/*` is the gateway's own door into a module: it carries a service assertion, not a person's.
      const internal = route.path.startsWith('/internal/');
      const response = await h.call(route.area, url, internal ? null : as, {
        method: route.method,
        headers: {
          'content-type': 'application/json',
          ...(internal ? { 'x-identity-assertion': await h.signer.signService(route.area, randomUUID()) } : {}),
        },
        ...(withBody ? { body: rawBody ?? JSON.stringify(body ?? {}) } : {}),
      });
      return response;
    }).then(({ result, reads }) => answer(result, reads));
  }

  /** Tries the route as each user at each filled-in path; keeps what read the most, and then what its body holds. */
  async function learn(route: RouteCase): Promise<Learned> {
    let best: Learned | null = null;
    for (const url of await paramValues(route)) {
      for (const as of USERS) {
        // A DELETE reads no body; learning must not delete what the other routes need.
        if (route.method === 'DELETE') return { as, url, query: [], body: [], bodyRead: false };
        const call = await send(route, as, url);
        expect(call.status, `${route.method} ${url} as ${as}`).toBeLessThan(500);
        const score = call.reads.query.size + call.reads.body.size + (call.reads.bodyRead ? 1 : 0);
        if (!best || score > best.query.length + best.body.length + (best.bodyRead ? 1 : 0)) {
          best = { as, url, query: [...call.reads.query], body: [...call.reads.body], bodyRead: call.reads.bodyRead };
        }
        if (call.reads.bodyRead || (!HAS_BODY.has(route.method) && call.reads.query.size)) break;
      }
      if (best?.bodyRead) break;
    }
    const learned = best!;
    learned.body = learned.body.filter(isField);
    if (!learned.bodyRead) return learned;
    // Deeper: a field read as an object or a list, sent as one, shows what it holds (three levels are enough).
    const known = new Set(learned.body);
    let frontier = [...learned.body];
    for (let depth = 0; depth < 3 && frontier.length; depth++) {
      const next: string[] = [];
      for (const path of frontier.slice(0, 25)) {
        for (const shape of [{}, [{}]]) {
          const call = await send(route, learned.as, learned.url, bodyWith(path, shape));
          expect(call.status, `${route.method} ${learned.url}`).toBeLessThan(500);
          for (const read of call.reads.body) {
            if (isField(read) && !known.has(read)) {
              known.add(read);
              next.push(read);
            }
          }
        }
      }
      frontier = next;
    }
    learned.body = [...known].filter(isField);
    return learned;
  }

  it('finds the routes of every area in the apps themselves', () => {
    for (const area of AREAS) expect(routes.filter((r) => r.area === area).length, area).toBeGreaterThan(2);
    expect(routes.length).toBeGreaterThan(60);
  });

  it('answers NUL in any query parameter or body field of every route with a 400 naming it, and hostile text never with a 5xx', async () => {
    const covered = { routes: 0, queryFields: 0, bodyFields: 0, bodiesRead: 0 };
    for (const route of routes) {
      const learned = await learn(route);
      covered.routes++;
      const where = (what: string) => `${route.method} ${route.area}${route.path} (${what}) as ${learned.as}`;
      const join = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

      // Every parameter the route reads, and one it does not.
      for (const key of [...new Set([...learned.query.map((k) => k.split('.')[0]!), 'q'])]) {
        covered.queryFields++;
        expectNamed(await send(route, learned.as, join(learned.url, `${encodeURIComponent(key)}=a%00b`)), key, where(`query ${key}`));
      }
      // Every field of the body the route reads (strings, numbers and lists alike: NUL is refused wherever it is).
      if (learned.bodyRead) {
        covered.bodiesRead++;
        for (const path of learned.body) {
          covered.bodyFields++;
          const call = await send(route, learned.as, learned.url, bodyWith(path, 'a\u0000b'));
          if (call.reads.bodyRead) expectNamed(call, path, where(`body ${path}`));
          else expect(call.status, where(`body ${path}`)).toBeLessThan(500);
        }
        // A key of its own holding NUL, and a lone surrogate.
        expectNamed(await send(route, learned.as, learned.url, { 'x\u0000y': 1 }), 'x\\u0000y', where('body key'));
        const surrogate = await send(route, learned.as, learned.url, undefined, `{"${learned.body[0] ?? 'title'}":"a\\ud800b"}`);
        expectNamed(surrogate, learned.body[0] ?? 'title', where('lone surrogate'));
      }
      // A path parameter holding NUL or broken UTF-8 names nothing.
      if (route.path.includes(':')) {
        for (const bad of ['a%00b', '%ED%A0%80', '%C0%80', '%']) {
          const url = route.path.replace(/:[A-Za-z]+/g, bad);
          const call = await send(route, learned.as, url);
          expect(call.status, where(`path ${url}`)).toBeLessThan(500);
        }
      }

      const queryKeys = [...new Set([...learned.query.map((k) => k.split('.')[0]!), 'q'])];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...queryKeys), hostileQueryValue, async (key, value) => {
          const call = await send(route, learned.as, join(learned.url, `${encodeURIComponent(key)}=${value.raw}`));
          expect(call.status, where(`query ${key}=${value.raw}`)).toBeLessThan(500);
          if (value.nul) expectNamed(call, key, where(`query ${key}=${value.raw}`));
        }),
        { numRuns: 6 },
      );
      if (learned.bodyRead && learned.body.length) {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...learned.body), hostileText, async (path, text) => {
            const call = await send(route, learned.as, learned.url, bodyWith(path, text));
            expect(call.status, where(`body ${path}=${JSON.stringify(text)}`)).toBeLessThan(500);
            if (unstorable(text) && call.reads.bodyRead) expectNamed(call, path, where(`body ${path}=${JSON.stringify(text)}`));
          }),
          { numRuns: 8 },
        );
      }
    }
    // The walk reached the bodies of most routes that take one, and read real fields.
    const withBodies = routes.filter((r) => HAS_BODY.has(r.method) && r.method !== 'DELETE').length;
    expect(covered.bodiesRead).toBeGreaterThan(withBodies * 0.6);
    expect(covered.bodyFields).toBeGreaterThan(80);
  }, 900_000);
});

// ---- the gateway's own routes ----------------------------------------------------------------------------------

describe('text the database cannot store, sent to every route of the gateway', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ env: { CAPTCHA: 'off', SMS_SENDER: 'dev' } });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  async function send(method: string, path: string, init: { form?: Record<string, string>; json?: unknown } = {}): Promise<Call> {
    return watched(async () => {
      const headers: Record<string, string> = { 'accept-language': 'zh-CN', accept: 'application/json' };
      let body: string | undefined;
      if (init.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = Object.entries(init.form)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
          .join('&');
      } else if (init.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.json);
      }
      return fetch(`${stack.gatewayUrl}${path}`, { method, headers, redirect: 'manual', ...(body === undefined || method === 'GET' || method === 'HEAD' ? {} : { body }) });
    }).then(({ result, reads }) => answer(result, reads));
  }

  it('answers NUL in a query parameter or form field of every gateway route with a 400 naming it, and never a 5xx', async () => {
    const seen = new Set<string>();
    const routes = stack.gateway.app.routes.filter((r) => {
      const key = `${r.method} ${r.path}`;
      if ((r.method === 'ALL' && /^\/?\*$/.test(r.path)) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    expect(routes.some((r) => r.path.startsWith('/auth/'))).toBe(true);
    let formsRead = 0;
    for (const route of routes) {
      const methods = route.method === 'ALL' ? ['GET', 'POST'] : route.method === 'GET' ? ['GET'] : [route.method];
      const path = route.path.replace(':area', 'projects').replace(/:[A-Za-z]+/g, randomUUID()).replace(/\*$/, 'plans');
      for (const method of methods) {
        const where = (what: string) => `${method} ${route.path} (${what})`;
        // Learn what the route reads from a plain request, and from a plain form.
        const plain = await send(method, path, HAS_BODY.has(method) ? { form: { probe: 'x' } } : {});
        // /readyz answers 503 while this test stack has no built remotes: that is its answer, not a fault.
        const noFault = (call: Call, what: string) =>
          expect(call.status < 500 || (call.status === 503 && plain.status === 503 && route.path === '/readyz'), where(`${what}: ${call.status}`)).toBe(true);
        noFault(plain, 'plain');
        // A HEAD answer has no body to name the field in: its status says it.
        const refused = (call: Call, field: string, what: string) =>
          method === 'HEAD' ? expect(call.status, where(what)).toBe(400) : expectNamed(call, field, where(what));
        for (const key of [...new Set([...plain.reads.query, 'q'])]) {
          refused(await send(method, `${path}?${encodeURIComponent(key)}=a%00b`), key, `query ${key}`);
        }
        if (HAS_BODY.has(method)) {
          const fields = [...new Set([...plain.reads.body, 'probe'])];
          if (plain.reads.bodyRead) formsRead++;
          for (const field of fields) {
            refused(await send(method, path, { form: { ...Object.fromEntries(fields.map((f) => [f, 'x'])), [field]: 'a\u0000b' } }), field, `form ${field}`);
          }
          noFault(await send(method, path, { json: { title: 'a\u0000b' } }), 'json');
        }
        await fc.assert(
          fc.asyncProperty(hostileQueryValue, async (value) => {
            const call = await send(method, `${path}?q=${value.raw}`);
            noFault(call, `query q=${value.raw}`);
            if (value.nul) refused(call, 'q', `query q=${value.raw}`);
          }),
          { numRuns: 4 },
        );
      }
    }
    // The sign-in forms (老人老办法, password reset) were among those read.
    expect(formsRead).toBeGreaterThan(2);
  }, 600_000);

  it('refuses a legacy sign-in whose username holds NUL, naming the field, before any lookup', async () => {
    const call = await send('POST', '/auth/legacy', { form: { username: 'WGZJXM_zhang\u0000wei', password: 'Demo@2026' } });
    expectNamed(call, 'username', 'legacy sign-in');
    expect(call.body?.error.message).toMatch(/^username:不能包含空字符/);
  });
});
