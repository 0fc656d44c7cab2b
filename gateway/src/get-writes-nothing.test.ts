// A GET never writes: every GET route every module app registers, called as every demo user at paths filled from the
// demo data, leaves every table of every schema exactly as it was (rows compared whole). A prefetch, a link preview
// or a retried page load must change nothing; what changes goes through a POST (marking news read, a reveal).
// Routes come from the apps themselves (Hono's `app.routes`), so a GET added later is walked too.
// The gateway's own GETs that store something do so by protocol, not by choice, and hold no domain data: the OIDC
// sign-in (/auth/login keeps its state and PKCE verifier, /auth/callback the pending confirmation and the handoff
// log; both are browser redirects, hence GETs), the legacy sign-in pages (a fresh form token per page, a captcha
// answer per picture) and the session's idle timer.
import { randomUUID } from 'node:crypto';
import { type ModuleDefinition } from '@wgzj/gateway/kit';
import { type Harness, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const AREAS = ['admin', 'experts', 'projects', 'reports'];
const USERS = ['employer_handler', 'employer_admin', 'ministry_univ', 'supervisor_bj', 'supervisor_sh', 'employer_sh', 'national_admin', 'support', 'reviewer'];
/** The kit's own tables (audit log, SMS outbox, rate limits, idempotency keys) beside the areas' schemas. */
const SCHEMAS = [...AREAS, 'audit', 'notify', 'kit'];

/**
 * GETs that write an audit record on purpose, and only that: a download of a list is a copy of personal data leaving
 * the system, and who took it, with which filter, is recorded before the file leaves. They are GETs because the
 * browser fetches a file by following a link.
 */
const AUDITED_READS: Record<string, string> = {
  'admin GET /audit/export': 'audit.export',
  'experts GET /experts/export': 'expert.export',
  'projects GET /plans/export': 'plan.export',
};

/** Values for a route's path parameters, as rows named by parameter; the route is called once per row. */
const SAMPLES: Record<string, string> = {
  'admin /units/:id': 'select id::text as id from admin.units',
  'admin /users/:id': 'select id::text as id from admin.users',
  'admin /supervising-units/:id': `select id::text as id from admin.units`,
  'admin /notices/:id': 'select id::text as id from admin.notices',
  'admin /notices/:id/attachments/:attachmentId': 'select notice_id::text as id, id::text as "attachmentId" from admin.notice_attachments',
  'admin /internal/accounts/:id/mobile': 'select id::text as id from admin.users',
  'experts /experts/:id': 'select id::text as id from experts.experts',
  'experts /experts/:id/visits': 'select id::text as id from experts.experts',
  'experts /experts/:id/files/:kind': 'select expert_id::text as id, kind from experts.files',
  'experts /claims/:id': 'select id::text as id from experts.claims',
  'projects /plans/:id': 'select id::text as id from projects.plans',
  // an approved plan's execution page (the demo has one)
  'projects /plans/:id/execution': `select id::text as id from projects.plans where status = 'approved'`,
  'projects /plans/:id/files/:fileId': 'select plan_id::text as id, id::text as "fileId" from projects.plan_files',
  'projects /templates/:projectType': 'select code as "projectType" from projects.project_types',
  'reports /annual-reports/:id': 'select id::text as id from reports.annual_reports',
};

interface RouteCase {
  area: string;
  path: string;
}

/** Every table of the schemas, each as its row count and a digest of its rows in a fixed order. */
async function snapshot(h: Harness, tables: string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const table of tables) {
    if (table === 'audit.records') continue;
    const { rows } = await h.db.query<{ n: number; digest: string | null }>(
      `select count(*)::int as n, md5(string_agg(t::text, E'\\n' order by t::text)) as digest from ${table} t`,
    );
    result.set(table, `${rows[0]!.n} ${rows[0]!.digest ?? ''}`);
  }
  return result;
}

describe('a GET never writes: every GET route of every module API, as every demo user', () => {
  let h: Harness;
  const routes: RouteCase[] = [];
  let tables: string[] = [];

  beforeAll(async () => {
    h = await moduleHarness(AREAS.filter((a) => a !== 'admin'));
    for (const area of AREAS) {
      const definition = ((await import(`@wgzj/mf-${area}/api`)) as { default: ModuleDefinition }).default;
      const seen = new Set<string>();
      for (const route of definition.createApp(h.contextOf(area)).routes) {
        if (route.method !== 'GET' || seen.has(route.path)) continue;
        seen.add(route.path);
        routes.push({ area, path: route.path });
      }
    }
    const { rows } = await h.db.query<{ name: string }>(
      `select table_schema || '.' || table_name as name from information_schema.tables
       where table_schema = any($1) and table_type = 'BASE TABLE' order by 1`,
      [SCHEMAS],
    );
    tables = rows.map((r) => r.name);
    // Objects of the kinds the demo data lacks: an expert's CV, a notice with an attachment, a claim between units.
    const post = (area: string, path: string, user: string, body: unknown, method = 'POST') =>
      h.call(area, path, user, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n').toString('base64');
    const expert = (await h.db.query<{ id: string }>('select expert_id::text as id from experts.expert_units where unit_id = $1 limit 1', [(await h.identityOf('employer_handler')).unit.id])).rows[0]!.id;
    expect((await post('experts', `/experts/${expert}/files/cv`, 'employer_handler', { filename: 'cv.pdf', contentBase64: pdf }, 'PUT')).status).toBeLessThan(300);
    expect((await post('admin', '/notices', 'national_admin', { title: '附件通知', body: '见附件。', attachments: [{ filename: '通知.pdf', contentBase64: pdf }] })).status).toBe(201);
    const otto = { name: 'Otto Berg', birthDate: '1970-01-01', nationality: 'NO', passportNumber: 'NO1234567' };
    expect((await post('experts', '/experts', 'employer_sh', { ...otto, gender: 'male', disciplineCode: '0801' })).status).toBe(201);
    expect((await post('experts', '/claims', 'employer_handler', otto)).status).toBe(201);
    // Unread news for every person about every plan: a GET that marks it read would show.
    await h.db.query(
      `insert into projects.notifications (user_id, plan_id, title_zh, title_en)
       select u.id, p.id, '计划已退回:' || p.title, 'Plan returned: ' || p.title from admin.users u cross join projects.plans p`,
    );
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('walks the GETs of every area, and knows how to fill every path parameter', () => {
    for (const area of AREAS) expect(routes.filter((r) => r.area === area).length, area).toBeGreaterThan(2);
    const unfilled = routes.filter((r) => r.path.includes(':') && !SAMPLES[`${r.area} ${r.path}`]).map((r) => `${r.area} ${r.path}`);
    expect(unfilled, 'add a sample query for these routes').toEqual([]);
  });

  it('has unread news and objects of every kind to open', async () => {
    const { rows } = await h.db.query<{ n: number }>('select count(*)::int as n from projects.notifications where read_at is null');
    expect(rows[0]!.n).toBeGreaterThan(0);
    for (const [route, sql] of Object.entries(SAMPLES)) {
      // The annual reports (年度报告库) have no demo data yet and no route that writes one.
      if (route.endsWith('/annual-reports/:id')) continue;
      expect((await h.db.query(sql)).rows.length, route).toBeGreaterThan(0);
    }
  });

  it('changes no table for any GET, as anyone; only the downloads of lists add their own audit record', async () => {
    const changed: string[] = [];
    let answered = 0;
    for (const route of routes) {
      const key = `${route.area} GET ${route.path}`;
      const sample = SAMPLES[`${route.area} ${route.path}`];
      const values = sample ? (await h.db.query<Record<string, string>>(sample)).rows : [{}];
      const urls = (values.length ? values : [{}]).map((row) => route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(row[name] ?? randomUUID())));
      // `/internal/*` is the gateway's own door into a module: a service assertion, not a person's.
      const internal = route.path.startsWith('/internal/');
      const before = await snapshot(h, tables);
      const { rows: last } = await h.db.query<{ id: string }>('select coalesce(max(id), 0)::text as id from audit.records');
      for (const url of urls) {
        for (const user of internal ? [null] : USERS) {
          const headers: Record<string, string> = internal ? { 'x-identity-assertion': await h.signer.signService(route.area, randomUUID()) } : {};
          const response = await h.call(route.area, url, user, { headers });
          expect(response.status, `${key} ${url} as ${user}`).toBeLessThan(500);
          if (response.ok) answered++;
          await response.arrayBuffer();
        }
      }
      const after = await snapshot(h, tables);
      for (const table of tables) if (before.get(table) !== after.get(table)) changed.push(`${key}: ${table}`);
      const { rows: written } = await h.db.query<{ action: string }>('select action from audit.records where id > $1::bigint order by id', [last[0]!.id]);
      const allowed = AUDITED_READS[key];
      for (const { action } of written) if (action !== allowed) changed.push(`${key}: audit.records (${action})`);
      if (allowed) expect(written.length, `${key} records who downloaded`).toBeGreaterThan(0);
    }
    expect(changed).toEqual([]);
    expect(answered).toBeGreaterThan(routes.length);
  });
});
