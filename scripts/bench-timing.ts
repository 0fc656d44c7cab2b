// What the one-request-at-a-time benchmarks share (the expert search, the plans): a module's API served alone
// with its bare baseline, a demo account's identity, timing a request after warm-up, and the figures' formatting.
import { randomBytes } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createLogger, FieldCipher, findAccountById, type Identity } from '@wgzj/gateway/kit';
import { loadModule } from '../gateway/src/gateway.ts';
import { freePort, type Stack } from '../gateway/testing/stack.ts';

export interface Timing {
  samples: number[];
  matches: number | null;
  errors: number;
  firstError?: string;
}

/** How long each request is timed: `warmUp` unmeasured, then up to `requests` measured or `seconds` spent. */
export interface Pace {
  requests: number;
  seconds: number;
  warmUp: number;
}

export async function listen(app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<{ url: string; server: ServerType }> {
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}

export async function identityOf(stack: Stack, username: string): Promise<Identity> {
  const { rows } = await stack.gateway.db.query<{ user_id: string }>('select user_id from admin.account_directory where username = $1', [username]);
  const account = rows[0] ? await findAccountById(stack.gateway.db, rows[0].user_id) : null;
  if (!account) throw new Error(`no demo account ${username}`);
  const { status: _status, ...identity } = account;
  return identity;
}

/** One request after another, at the given pace; at least five are measured however slow they are. */
export async function timeSequential(ask: () => Promise<{ ok: boolean; total: number | null; error?: string }>, pace: Pace): Promise<Timing> {
  const timing: Timing = { samples: [], matches: null, errors: 0 };
  const warmUntil = performance.now() + Math.min(2_000, pace.seconds * 500);
  for (let i = 0; i < pace.warmUp && performance.now() < warmUntil; i++) await ask();
  const until = performance.now() + pace.seconds * 1000;
  while (timing.samples.length < pace.requests && (performance.now() < until || timing.samples.length < 5)) {
    const started = performance.now();
    const answer = await ask();
    timing.samples.push(performance.now() - started);
    if (!answer.ok) {
      timing.errors++;
      timing.firstError ??= answer.error;
    } else timing.matches = answer.total;
  }
  timing.samples.sort((a, b) => a - b);
  return timing;
}

export const percentile = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
export const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

/** An area's API served alone on the stack's database, its address, and the baseline it is compared with. */
export interface ModuleBench {
  url: string;
  /** The same select straight on the database, then behind a bare Hono route. */
  baselines: Array<{ label: string; timing: Timing }>;
  close: () => void;
}

/** `bare.sql` answers at `bare.path` of a bare route; `bare.shown` is how the figures name it (the SQL itself by default). */
export async function serveModuleWithBaseline(
  stack: Stack,
  area: string,
  bare: { path: string; sql: string; shown?: string },
  pace: Pace,
): Promise<ModuleBench> {
  const db = stack.gateway.db;
  const module = await loadModule(area);
  const moduleServer = await listen(
    module.createApp({
      db,
      keys: { jwks: stack.gateway.signer.jwks },
      logger: createLogger('bench', 'silent'),
      cipher: new FieldCipher(randomBytes(32)),
      portalSync: null,
    }),
  );
  const app = new Hono();
  app.get(bare.path, async (c) => c.json({ items: (await db.query(bare.sql)).rows }));
  const bareServer = await listen(app);
  const straight = await timeSequential(async () => {
    await db.query(bare.sql);
    return { ok: true, total: null };
  }, pace);
  const routed = await timeSequential(async () => {
    const res = await fetch(`${bareServer.url}${bare.path}`);
    await res.arrayBuffer();
    return { ok: res.ok, total: null };
  }, pace);
  return {
    url: moduleServer.url,
    baselines: [
      { label: `bare SQL \`${bare.shown ?? bare.sql}\` (no HTTP)`, timing: straight },
      { label: 'bare Hono route, same select', timing: routed },
    ],
    close: () => {
      moduleServer.server.close();
      bareServer.server.close();
    },
  };
}
