// The data-scope walk: every route of the experts API, called by every role with the ids of experts, correction
// requests, merges, duplicate flags and claims outside that role's scope, is refused (403/404) and changes nothing;
// lists never carry an id out of scope. Routes come from the app itself, so a route added later is walked too.
import { type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
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
import { createExpertsApp } from './app.ts';

const USERS = ['employer_handler', 'employer_admin', 'ministry_univ', 'supervisor_bj', 'supervisor_sh', 'employer_sh', 'national_admin', 'support'];
const PDF = Buffer.from('%PDF-1.7\n0000').toString('base64');

const BODY_OF: Record<string, unknown> = {
  'PATCH /experts/:id': { version: 1, position: 'x' },
  'POST /experts/:id/reveal': { field: 'passport' },
  'PUT /experts/:id/files/:kind': { filename: 'cv.pdf', contentBase64: PDF },
  'POST /experts/:id/merge': { mergedId: NOBODY },
  'POST /experts/:id/corrections': { changes: { position: 'x' }, reason: 'x' },
  'POST /corrections/:id/transition': { action: 'approve', version: 1 },
  'POST /claims/:id/transition': { action: 'accept', version: 1 },
};

/** Which kind of object a route's first parameter names, by its first path segment. */
const OBJECT_OF: Record<string, 'expert' | 'correction' | 'merge' | 'flag' | 'claim'> = {
  experts: 'expert',
  claims: 'claim',
  corrections: 'correction',
  merges: 'merge',
  duplicates: 'flag',
};

const TABLES = ['experts.experts', 'experts.expert_units', 'experts.visits', 'experts.files', 'experts.corrections', 'experts.merges', 'experts.duplicate_flags', 'experts.plan_links', 'experts.claims'];
const snapshot = (h: Harness) => tableSnapshot(h, TABLES.map((t) => `select * from ${t} order by 1, 2`));

describe('experts data-scope walk: every route × every role × every object outside the scope', () => {
  let h: Harness;
  let routes: WalkRoute[];
  let calls = 0;

  beforeAll(async () => {
    h = await moduleHarness(['experts']);
    routes = routesOf(createExpertsApp(h.contextOf('experts')));
    // An approved plan of the Shanghai institute freezes Maria Rossi and that unit asks for a correction; the
    // national level merges the Shanghai James into a new Shanghai record: objects of every kind in Shanghai.
    const shanghai = (await h.identityOf('employer_sh')).unit.id;
    const maria = (await h.db.query<{ id: string }>(`select id from experts.experts where name = 'Maria Rossi'`)).rows[0]!.id;
    await h.call('experts', '/internal/plans/7a1e2d3c-4b5a-4968-8776-655443322110/experts', null, {
      method: 'PUT',
      headers: { 'x-identity-assertion': await h.signer.signService('experts', 'walk'), 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: shanghai, approved: true, experts: [{ expertId: maria, visits: [{ startDate: '2027-01-05', endDate: '2027-01-09', city: '上海' }] }] }),
    });
    const correction = await h.call('experts', `/experts/${maria}/corrections`, 'employer_sh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ changes: { position: 'Full Professor' }, reason: '职称晋升' }),
    });
    expect(correction.status).toBe(201);
    const extra = await h.call('experts', '/experts', 'employer_sh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Otto Berg', gender: 'male', birthDate: '1970-01-01', nationality: 'NO', passportNumber: 'NO1234567', disciplineCode: '0801' }),
    });
    const otto = (await json<{ id: string }>(extra)).id;
    const shanghaiJames = (await h.db.query<{ id: string }>(`select id from experts.experts where passport_masked = '12*****43'`)).rows[0]!.id;
    const merge = await h.call('experts', `/experts/${otto}/merge`, 'national_admin', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mergedId: shanghaiJames }),
    });
    expect(merge.status).toBe(200);
    // The Beijing unit asks for the Shanghai record of Otto Berg: a claim between two units.
    const claim = await h.call('experts', '/claims', 'employer_handler', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Otto Berg', birthDate: '1970-01-01', nationality: 'NO', passportNumber: 'NO1234567' }),
    });
    expect(claim.status).toBe(201);
  });
  afterAll(async () => {
    console.info(`experts scope walk: ${calls} calls`);
    await h.close();
  });

  /** Objects a user may not reach: by the experts they touch (all of them outside the user's scope). */
  async function outside(user: string) {
    const { rows: visible } = await h.db.query<{ id: string }>('select id from experts.experts');
    const seen = new Set(
      (await json<{ items: Array<{ id: string }> }>(h.call('experts', '/experts?limit=100', user))).items.map((e) => e.id),
    );
    // Merged records do not appear in searches; they are in scope when any of their inviting units is.
    const me = await h.identityOf(user);
    const scopeUnits = await h.unitsVisibleTo(user);
    const { rows: units } = await h.db.query<{ expert_id: string; unit_id: string }>('select expert_id, unit_id from experts.expert_units');
    const inScope = (id: string) => seen.has(id) || me.scope.level === 'all' || units.some((u) => u.expert_id === id && scopeUnits.has(u.unit_id));
    const experts = visible.map((r) => r.id).filter((id) => !inScope(id));
    const corrections = (await h.db.query<{ id: string; unit_id: string }>('select id, unit_id from experts.corrections')).rows
      .filter((r) => me.scope.level !== 'all' && !scopeUnits.has(r.unit_id))
      .map((r) => r.id);
    const merges = (await h.db.query<{ id: string; survivor_id: string }>('select id, survivor_id from experts.merges')).rows
      .filter((r) => !inScope(r.survivor_id))
      .map((r) => r.id);
    const flags = (await h.db.query<{ id: string; expert_id: string; other_id: string }>('select id, expert_id, other_id from experts.duplicate_flags')).rows
      .filter((r) => !inScope(r.expert_id) || !inScope(r.other_id))
      .map((r) => r.id);
    // A claim is the claimant's and the entering unit's business (and the national level's), nobody else's.
    const claims = (await h.db.query<{ id: string; unit_id: string; owner_unit_id: string }>('select id, unit_id, owner_unit_id from experts.claims')).rows
      .filter((r) => me.role !== 'national_admin' && !(['employer_handler', 'employer_admin'].includes(me.role) && [r.unit_id, r.owner_unit_id].includes(me.unit.id)))
      .map((r) => r.id);
    return { expert: experts, correction: corrections, merge: merges, flag: flags, claim: claims };
  }

  it('walks a scoped route for every kind of object it names', () => {
    const scoped = routes.filter((r) => r.path.includes(':') && OBJECT_OF[r.path.split('/')[1]!]);
    expect(scoped.length).toBeGreaterThanOrEqual(14);
  });

  it.each(USERS)('%s is refused every route on every object outside its scope, and nothing changes', async (user) => {
    const out = await outside(user);
    if (!['national_admin', 'support'].includes(user)) expect(out.expert.length, `${user} has experts outside its scope`).toBeGreaterThan(0);
    if (['ministry_univ', 'supervisor_bj', 'supervisor_sh', 'support'].includes(user)) expect(out.claim.length, `${user} has a claim outside its scope`).toBe(1);
    const firstParam = (route: WalkRoute) => /:(\w+)/.exec(route.path)?.[0];
    calls += await expectRefusedEverywhere({
      harness: h,
      area: 'experts',
      user,
      routes,
      objectsFor: (route) => {
        const kind = OBJECT_OF[route.path.split('/')[1]!];
        return kind && firstParam(route) ? out[kind] : [];
      },
      pathFor: (route, id) => route.path.replace(firstParam(route)!, id).replace(':kind', 'cv').replace(/:[A-Za-z]+/g, NOBODY),
      bodyOf: (route) => (route.method === 'GET' ? undefined : (BODY_OF[`${route.method} ${route.path}`] ?? {})),
      refusedWith: [403, 404],
      snapshot: () => snapshot(h),
    });
  });

  it.each(USERS)('%s never sees an id outside its scope in any list', async (user) => {
    const out = await outside(user);
    const forbidden = [...out.expert, ...out.correction, ...out.merge, ...out.flag, ...out.claim];
    const paths = listRoutesOf(routes).map((r) => `${r.path}?limit=100`);
    calls += await expectListsHide({ harness: h, area: 'experts', user, paths, forbidden });
  });
});
