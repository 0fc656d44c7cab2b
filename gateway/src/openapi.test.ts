// Each module API describes every route it offers in an OpenAPI 3.1 document, so a team that deploys one area alone
// knows the others' contracts. Routes come from the apps themselves (Hono's `app.routes`): a route added without
// `describeRoute` fails here. A signed-in user reads the document through the gateway at /api/<area>/openapi.json.
import { Validator } from '@seriousme/openapi-schema-validator';
import { type ModuleDefinition, undocumentedRoutes } from '@wgzj/gateway/kit';
import { type Harness, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '@wgzj/gateway/testing/browser';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

const AREAS = ['admin', 'experts', 'projects', 'reports'] as const;

const definitionOf = async (area: string) => ((await import(`@wgzj/mf-${area}/api`)) as { default: ModuleDefinition }).default;

describe('every module API documents every route it offers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await moduleHarness(AREAS.filter((a) => a !== 'admin'));
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(AREAS)('%s: no public route lacks describeRoute', async (area) => {
    const app = (await definitionOf(area)).createApp(h.contextOf(area));
    expect(undocumentedRoutes(app)).toEqual([]);
  });

  it.each(AREAS)('%s: GET /openapi.json is a valid OpenAPI 3.1 document with a path per route', async (area) => {
    const app = (await definitionOf(area)).createApp(h.contextOf(area));
    const res = await h.call(area, '/openapi.json', 'employer_handler');
    expect(res.status).toBe(200);
    const document = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(document.openapi).toBe('3.1.0');

    const expected = new Set<string>();
    for (const route of app.routes) {
      if (route.method === 'ALL' || route.path.startsWith('/internal/') || route.path === '/healthz') continue;
      expected.add(`${route.method.toLowerCase()} ${route.path.replace(/:([A-Za-z_]\w*)(\{[^}]*\})?/g, '{$1}')}`);
    }
    const documented = new Set(Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    expect([...expected].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !expected.has(route))).toEqual([]);
    for (const [path, ops] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect((op as { summary?: string }).summary, `${method} ${path}`).toMatch(/\S/);
      }
    }
  });
});

describe('through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each(AREAS)('a signed-in user reads /api/%s/openapi.json', async (area) => {
    const { browser } = await signInThrough(stack, 'employer_handler');
    const res = await browser.request(new URL(`/api/${area}/openapi.json`, stack.gatewayUrl));
    expect(res.status).toBe(200);
    const document = (await res.json()) as { openapi: string; servers: Array<{ url: string }>; paths: object };
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: `/api/${area}` }]);
    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
  });

  it('nobody signed out does', async () => {
    const res = await new Browser().request(new URL('/api/projects/openapi.json', stack.gatewayUrl));
    expect(res.status).toBe(401);
  });
});
