// `npm run bench`: what the gateway costs an API call. One run, same machine, same data:
//   bare      — a plain Hono route running the same SQL as the plans list
//   module    — the projects module API served directly, verifying a pre-signed assertion
//   gateway   — the full path: session lookup, CSRF-free GET, assertion signing, module, SQL
// Then the expert library search (scripts/bench-experts.ts): 50,000 generated experts and 200,000 visits
// (BENCH_EXPERTS, BENCH_VISITS), filtered searches timed one request at a time against the 100 ms target.
// Last the plans (scripts/bench-plans.ts): 100,000 generated plans and 300,000 visits (BENCH_PLANS, BENCH_PLAN_VISITS)
// added to the same database, the lists and to-do timed one request at a time against 100 ms, a submit against 50 ms.
// Figures are printed with the ratios against the bare baseline; nothing here is a pass/fail test.
import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { createLogger, FieldCipher } from '@wgzj/gateway/kit';
import { loadModule } from '../gateway/src/gateway.ts';
import { freePort, signInThrough, startStack } from '../gateway/testing/stack.ts';
import { benchExpertSearch, seedExpertLibrary } from './bench-experts.ts';
import { benchPlans } from './bench-plans.ts';

const DURATION = Number(process.env['BENCH_SECONDS'] ?? 8);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(name: string, url: string, headers: Record<string, string>): Promise<Figures> {
  // A short warm-up so JIT and caches settle before the measured run.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 1 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function listen(app: Hono): Promise<{ url: string; server: ServerType }> {
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}

const stack = await startStack();
// The expert library is generated first, so every figure below is taken on the same, full database.
const seeded = await seedExpertLibrary(stack);
const { browser } = await signInThrough(stack, 'employer_handler');
const cookie = browser.jar.header(new URL(stack.gatewayUrl));
const identity = (await stack.gateway.sessions.store.get(/wgzj_sid=([^;]+)/.exec(cookie)![1]!))!.identity;
const db = stack.gateway.db;

// The bare baseline runs the same query the plans list runs for this user.
const bare = new Hono();
bare.get('/plans', async (c) => {
  const { rows } = await db.query(
    `select p.id, p.title, p.project_type, p.year, p.status, p.unit_id, u.unit_name, p.updated_at, count(*) over ()::int as total
     from projects.plans p left join admin.unit_directory u on u.unit_id = p.unit_id
     where p.unit_id = $1 order by p.updated_at desc, p.id limit 20 offset 0`,
    [identity.unit.id],
  );
  return c.json({ items: rows, total: rows.length });
});
const bareServer = await listen(bare);

const projects = await loadModule('projects');
const moduleApp = projects.createApp({
  db,
  keys: { jwks: stack.gateway.signer.jwks },
  logger: createLogger('bench', 'silent'),
  cipher: new FieldCipher(randomBytes(32)),
  portalSync: null,
});
const moduleServer = await listen(moduleApp as unknown as Hono);

const results: Figures[] = [];
results.push(await measure('bare Hono route (same SQL)', `${bareServer.url}/plans`, {}));
// One assertion for the whole run (valid a minute): the module's verification cost without the signing.
const assertion = await stack.gateway.signer.sign(identity, 'projects', 'bench');
results.push(await measure('module API direct (verify assertion)', `${moduleServer.url}/plans`, { 'x-identity-assertion': assertion }));
results.push(
  await measure('through the gateway (session + assertion)', `${stack.gatewayUrl}/api/projects/plans`, {
    cookie,
    accept: 'application/json',
    'sec-fetch-dest': 'empty',
  }),
);

const base = results[0]!;
console.log(`\nAuthenticated API call, ${CONNECTIONS} connections, ${DURATION}s each, database ${db.kind}, sessions ${stack.gateway.sessions.store.kind}`);
console.log('| path | req/s | p50 ms | p99 ms | errors | req/s vs bare | p99 vs bare |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / base.rps).toFixed(2)} | ${(r.p99 / Math.max(base.p99, 1)).toFixed(2)} |`);
}

// The gateway's own part of a callback: everything but the portal's token and userinfo answers.
const SIGN_INS = Number(process.env['BENCH_SIGN_INS'] ?? 40);
for (let i = 0; i < SIGN_INS; i++) await signInThrough(stack, i % 2 ? 'employer_handler' : 'supervisor_bj');
const attempts = (await stack.gateway.handoffs.search({ limit: SIGN_INS })).filter((a) => a.durations['total'] !== undefined);
const own = attempts.map((a) => a.durations['total']! - (a.durations['token'] ?? 0) - (a.durations['userinfo'] ?? 0)).sort((a, b) => a - b);
const portal = attempts.map((a) => (a.durations['token'] ?? 0) + (a.durations['userinfo'] ?? 0)).sort((a, b) => a - b);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
console.log(`\nCallback (${attempts.length} sign-ins): gateway's own time p50 ${pct(own, 50)} ms, p99 ${pct(own, 99)} ms;`);
console.log(`portal token + userinfo calls p50 ${pct(portal, 50)} ms, p99 ${pct(portal, 99)} ms (not the gateway's, shown for scale)`);

await benchExpertSearch(stack, seeded);
// The plans go in after every figure above, so those stay comparable with earlier runs of this benchmark.
await benchPlans(stack);

bareServer.server.close();
moduleServer.server.close();
await stack.close();
process.exit(0);
