// The data-scope walk: every route of the admin API, called by every role with the ids of units and people
// outside that role's scope, is refused (403/404) and changes nothing; lists never carry an id out of scope.
// The routes come from the app itself, so a route added later is walked without editing this file.
import { type Harness, moduleHarness } from '@wgzj/gateway/testing';
import {
  expectListsHide,
  expectRefusedEverywhere,
  listRoutesOf,
  NOBODY,
  routesOf,
  tableSnapshot,
  type WalkRoute,
} from '@wgzj/gateway/testing/scope-walk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminApp } from './app.ts';

const ROLES_BY_USER = ['employer_handler', 'employer_admin', 'ministry_univ', 'supervisor_bj', 'supervisor_sh', 'employer_sh', 'national_admin', 'support'];

/** Which kind of object a route's `:id` names, by its first path segment. Unscoped areas (notices) are absent. */
const OBJECT_OF: Record<string, 'unit' | 'user'> = {
  units: 'unit',
  'supervising-units': 'unit',
  users: 'user',
  accounts: 'user',
};

/**
 * Lists that are directories by design, not data in scope: the supervising units an employer unit chooses
 * from when it registers (names only, no people, nothing under review).
 */
const DIRECTORIES = new Set(['/units/supervising-options']);

const snapshot = (h: Harness) =>
  tableSnapshot(h, ['select * from admin.units order by id', 'select id, username, role, status, review_state, version, email from admin.users order by id']);

describe('admin data-scope walk: every route × every role × every object outside the scope', () => {
  let h: Harness;
  let routes: WalkRoute[];
  let calls = 0;

  beforeAll(async () => {
    h = await moduleHarness([]);
    routes = routesOf(createAdminApp(h.contextOf('admin')));
  });
  afterAll(async () => {
    console.info(`admin scope walk: ${calls} calls`);
    await h.close();
  });

  async function outside(user: string) {
    const visible = await h.unitsVisibleTo(user);
    const units = (await h.db.query<{ id: string }>('select id from admin.units')).rows.map((r) => r.id).filter((id) => !visible.has(id));
    const users = (await h.db.query<{ id: string; unit_id: string }>('select id, unit_id from admin.users')).rows
      .filter((r) => !visible.has(r.unit_id))
      .map((r) => r.id);
    return { unit: units, user: users };
  }

  it('walks a scoped route for every kind of object it names', () => {
    const scoped = routes.filter((r) => r.path.includes(':') && OBJECT_OF[r.path.split('/')[1]!]);
    expect(scoped.length).toBeGreaterThanOrEqual(8);
  });

  it.each(ROLES_BY_USER)('%s is refused every route on every object outside its scope, and nothing changes', async (user) => {
    const out = await outside(user);
    calls += await expectRefusedEverywhere({
      harness: h,
      area: 'admin',
      user,
      routes,
      objectsFor: (route) => {
        const kind = OBJECT_OF[route.path.split('/')[1]!];
        return kind && route.path.includes(':id') ? out[kind] : [];
      },
      pathFor: (route, id) => route.path.replace(':id', id).replace(/:[A-Za-z]+/g, NOBODY),
      bodyOf: (route) => (route.method === 'GET' ? undefined : { version: 0, action: 'approve', field: 'mobile' }),
      refusedWith: [403, 404],
      snapshot: () => snapshot(h),
    });
  });

  it.each(ROLES_BY_USER)('%s never sees an id outside its scope in any list', async (user) => {
    const out = await outside(user);
    // A unit's page names the unit that supervises it (who reviews it), which is otherwise outside an employer's scope.
    const { rows } = await h.db.query<{ supervising_unit_id: string | null }>(
      'select n.supervising_unit_id from admin.users p join admin.units n on n.id = p.unit_id where p.username = $1',
      [user],
    );
    const forbidden = [...out.unit.filter((id) => id !== rows[0]?.supervising_unit_id), ...out.user];
    // National roles see everything; the audit log lists ids by design for them only.
    const paths = listRoutesOf(routes)
      .filter((r) => !DIRECTORIES.has(r.path))
      .map((r) => `${r.path}?limit=100`);
    calls += await expectListsHide({ harness: h, area: 'admin', user, paths, forbidden });
  });
});
