// Each module API describes itself: an OpenAPI 3.1 document built from its routes and the zod schemas they parse with,
// so a team that deploys one area alone knows what the others offer (GET /openapi.json, through the gateway at
// /api/<area>/openapi.json). A route is documented by putting `describeRoute` first in its handler chain; a route
// without it is reported by `undocumentedRoutes`, which the gateway's test runs over every module.
import type { Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';

export interface RouteDoc {
  /** English, one line: what the call does for its caller. */
  summary: string;
  description?: string;
  /** The query the handler parses (a zod object). */
  query?: z.ZodType;
  /** The JSON body the handler parses. */
  body?: z.ZodType;
  /** The body is a file: multipart/form-data or the raw bytes. */
  upload?: true;
  /** The 200 JSON answer, where a schema exists. */
  response?: z.ZodType;
  /** What a success carries: JSON (default), a file download, or nothing. */
  produces?: 'json' | 'file' | 'none';
  /** Role codes that may call it; omitted where every signed-in user may (the data scope still applies). */
  roles?: readonly string[];
}

const DOC = Symbol('openapi route doc');
type Documented = MiddlewareHandler & { [DOC]: RouteDoc };

/** Marks a route as documented; does nothing at request time. */
export function describeRoute(doc: RouteDoc): MiddlewareHandler {
  const middleware = (async (_c, next) => {
    await next();
  }) as Documented;
  middleware[DOC] = doc;
  return middleware;
}

const docOf = (handler: unknown): RouteDoc | undefined =>
  typeof handler === 'function' ? (handler as Partial<Documented>)[DOC] : undefined;

/** Paths the gateway calls with its own service assertion, and the probes: not part of the area's public contract. */
const isInternal = (path: string) => path.startsWith('/internal/') || path === '/healthz' || path === '/*';

interface RouteEntry {
  method: string;
  path: string;
  doc?: RouteDoc;
}

function routesOf(app: Hono<any>): RouteEntry[] {
  const byKey = new Map<string, RouteEntry>();
  for (const route of app.routes) {
    if (route.method === 'ALL' || isInternal(route.path)) continue;
    const key = `${route.method} ${route.path}`;
    const entry = byKey.get(key) ?? { method: route.method, path: route.path };
    entry.doc ??= docOf(route.handler);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** `METHOD /path` of every public route that has no `describeRoute`. */
export function undocumentedRoutes(app: Hono<any>): string[] {
  return routesOf(app)
    .filter((route) => !route.doc)
    .map((route) => `${route.method} ${route.path}`);
}

/** Hono's `/plans/:id{[0-9a-f-]+}` is OpenAPI's `/plans/{id}`. */
function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

type JsonSchema = Record<string, unknown>;

/** The schema as a caller writes it (input side); transforms and custom checks become "any" rather than failing. */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

function queryParameters(schema: z.ZodType) {
  const converted = jsonSchemaOf(schema, 'input');
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
  }));
}

const ERROR_RESPONSE = {
  description: 'Refused: a stable code and a message in the caller’s language (Accept-Language), fields named where a field is wrong',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
};

function successResponse(doc: RouteDoc) {
  if (doc.produces === 'none') return { description: 'Done' };
  if (doc.produces === 'file') {
    return { description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
  }
  return {
    description: 'OK',
    content: { 'application/json': { schema: doc.response ? jsonSchemaOf(doc.response, 'output') : {} } },
  };
}

function operation(area: string, method: string, params: string[], doc: RouteDoc) {
  const parameters = [
    ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...(doc.query ? queryParameters(doc.query) : []),
  ];
  const requestBody = doc.body
    ? { required: true, content: { 'application/json': { schema: jsonSchemaOf(doc.body, 'input') } } }
    : doc.upload
      ? {
          required: true,
          content: {
            'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } },
            'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
          },
        }
      : undefined;
  return {
    tags: [area],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(doc.roles ? { 'x-roles': [...doc.roles] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      200: successResponse(doc),
      ...(method === 'GET' ? {} : { 400: ERROR_RESPONSE, 409: ERROR_RESPONSE, 413: ERROR_RESPONSE, 422: ERROR_RESPONSE }),
      401: ERROR_RESPONSE,
      403: ERROR_RESPONSE,
      404: ERROR_RESPONSE,
      503: ERROR_RESPONSE,
    },
  };
}

/** The area's OpenAPI 3.1 document, as the gateway serves it under /api/<area>. */
export function openApiDocument(area: string, app: Hono<any>, version = '1') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routesOf(app)) {
    if (!route.doc) continue;
    const { path, params } = openApiPath(route.path);
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(area, route.method, params, route.doc);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `外国专家项目管理信息系统 — ${area} API`,
      version,
      description:
        'Called through the gateway by a signed-in user: the session cookie, and for every call that is not a GET the ' +
        'x-csrf-token header with the session’s token and this site’s Origin. The gateway asserts who the user is to the module.',
    },
    servers: [{ url: `/api/${area}` }],
    security: [{ session: [] }],
    tags: [{ name: area }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'wgzj_sid', description: '__Host-wgzj_sid when served over HTTPS' },
      },
      schemas: {
        ApiError: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: 'Stable, e.g. PLAN_STALE_VERSION' },
                message: { type: 'string' },
                fields: {
                  type: 'array',
                  items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
                },
                reference: { type: 'string', description: 'Give this to technical support' },
              },
            },
          },
        },
      },
    },
  };
}
