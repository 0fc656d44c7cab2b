// The data-scope walk every module API test runs: the routes come from the app itself (so a route added later is
// walked too), each is called as a user with the ids of objects outside that user's scope and must be refused and
// change nothing, and the lists that user reads must carry none of those ids.
import { expect } from 'vitest';
import type { Harness } from './index.ts';

export interface WalkRoute {
  method: string;
  path: string;
}

/** An id that names nothing: what a route's other parameters are filled with. */
export const NOBODY = '00000000-0000-4000-8000-000000000000';

const servedToUsers = (r: WalkRoute) => !r.path.startsWith('/internal/') && r.path !== '/healthz';

/**
 * The routes an app serves, as the walk calls them: every method but ALL (middleware), and by default none of the
 * gateway-only `/internal/` routes or `/healthz`; `keep` chooses others.
 */
export function routesOf(app: { routes: ReadonlyArray<WalkRoute> }, keep: (route: WalkRoute) => boolean = servedToUsers): WalkRoute[] {
  // A route with middleware in its chain (describeRoute) is listed once per handler; the walk calls it once.
  const unique = new Map<string, WalkRoute>();
  for (const r of app.routes) {
    if (r.method !== 'ALL' && keep(r)) unique.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...unique.values()];
}

/** The list routes of a walk: GETs that name no object. */
export const listRoutesOf = (routes: readonly WalkRoute[]) => routes.filter((r) => r.method === 'GET' && !r.path.includes(':'));

export interface RefusalWalk<T> {
  harness: Harness;
  area: string;
  user: string;
  routes: readonly WalkRoute[];
  /** The objects outside the user's scope a route is called with; none, and the route is not walked. */
  objectsFor: (route: WalkRoute) => readonly T[];
  /** The route's path naming the object. */
  pathFor: (route: WalkRoute, object: T) => string;
  /** A body the route would accept for an object in scope, so only the scope can refuse it; undefined sends none. */
  bodyOf: (route: WalkRoute) => unknown;
  /** The statuses that count as a refusal (404 hides the object; 403 where the role may never act). */
  refusedWith: readonly number[];
  /** The rows the calls must leave as they were, serialised. */
  snapshot: () => Promise<string>;
}

/** Calls every route on every object outside the user's scope, expects each refused and nothing changed; returns how many calls it made. */
export async function expectRefusedEverywhere<T>(walk: RefusalWalk<T>): Promise<number> {
  const before = await walk.snapshot();
  let calls = 0;
  for (const route of walk.routes) {
    for (const object of walk.objectsFor(route)) {
      const path = walk.pathFor(route, object);
      const body = walk.bodyOf(route);
      const init: RequestInit =
        body === undefined ? { method: route.method } : { method: route.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      const response = await walk.harness.call(walk.area, path, walk.user, init);
      calls++;
      expect(walk.refusedWith, `${walk.user} ${route.method} ${route.path} as ${path}`).toContain(response.status);
    }
  }
  expect(await walk.snapshot()).toBe(before);
  return calls;
}

export interface ListWalk {
  harness: Harness;
  area: string;
  user: string;
  /** The lists to read, query included (`/experts?limit=100`). */
  paths: readonly string[];
  /** Ids the user may not see. */
  forbidden: readonly string[];
}

/** Reads every list the user is answered with JSON and expects none of the forbidden ids in it; returns how many calls it made. */
export async function expectListsHide(walk: ListWalk): Promise<number> {
  for (const path of walk.paths) {
    const response = await walk.harness.call(walk.area, path, walk.user);
    if (response.status !== 200 || !response.headers.get('content-type')?.includes('json')) continue;
    const text = await response.text();
    for (const id of walk.forbidden) expect(text.includes(id), `${walk.user} GET ${path} shows ${id}`).toBe(false);
  }
  return walk.paths.length;
}

/** Rows of the given tables and the number of audit records, serialised, for `snapshot`. */
export async function tableSnapshot(harness: Harness, queries: readonly string[], shape: (row: Record<string, unknown>) => unknown = (r) => r): Promise<string> {
  const parts = await Promise.all(queries.map((q) => harness.db.query<Record<string, unknown>>(q)));
  const audit = await harness.db.query('select count(*)::int as n from audit.records');
  return JSON.stringify([...parts.map((p) => p.rows.map(shape)), audit.rows]);
}
