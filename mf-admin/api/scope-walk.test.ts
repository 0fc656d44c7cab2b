// The data-scope walk: every route of the admin API, called by every role with the ids of units and people
// outside that role's scope, is refused (403/404) and changes nothing; lists never carry an id out of scope.
// The routes come from the app itself, so a route added later is walked without editing this file.
import { type Harness, moduleHarness } from '@wgzj/gateway/kit/testing';
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

async function snapshot(h: Harness): Promise<string> {
  const parts = await Promise.all([
    h.db.query('select * from admin.units order by id'),
    h.db.query('select id, username, role, status, review_state, version, email from admin.users order by id'),
    h.db.query('select count(*)::int as n from audit.records'),
  ]);
  return JSON.stringify(parts.map((p) => p.rows));
}

describe('admin data-scope walk: every route × every role × every object outside the scope', () => {
  let h: Harness;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    h = await moduleHarness([]);
    routes = createAdminApp(h.contextOf('admin'))
      .routes.filter((r) => r.method !== 'ALL' && !r.path.startsWith('/internal/') && r.path !== '/healthz')
      .map((r) => ({ method: r.method, path: r.path }));
  });
  afterAll(async () => {
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
    const before = await snapshot(h);
    for (const route of routes) {
      const kind = OBJECT_OF[route.path.split('/')[1]!];
      if (!kind || !route.path.includes(':id')) continue;
      for (const id of out[kind]) {
        const path = route.path.replace(':id', id).replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
        const body = route.method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 0, action: 'approve', field: 'mobile' }) };
        const response = await h.call('admin', path, user, { method: route.method, ...body });
        expect([403, 404], `${user} ${route.method} ${route.path} on ${kind} ${id}`).toContain(response.status);
      }
    }
    expect(await snapshot(h)).toBe(before);
  });

  it.each(ROLES_BY_USER)('%s never sees an id outside its scope in any list', async (user) => {
    const out = await outside(user);
    // A unit's page names the unit that supervises it (who reviews it), which is otherwise outside an employer's scope.
    const { rows } = await h.db.query<{ supervising_unit_id: string | null }>(
      'select n.supervising_unit_id from admin.users p join admin.units n on n.id = p.unit_id where p.username = $1',
      [user],
    );
    const forbidden = [...out.unit.filter((id) => id !== rows[0]?.supervising_unit_id), ...out.user];
    for (const route of routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !DIRECTORIES.has(r.path))) {
      const response = await h.call('admin', `${route.path}?limit=100`, user);
      if (response.status !== 200 || !response.headers.get('content-type')?.includes('json')) continue;
      const text = await response.text();
      // National roles see everything; the audit log lists ids by design for them only.
      for (const id of forbidden) expect(text.includes(id), `${user} GET ${route.path} shows ${id}`).toBe(false);
    }
  });
});
