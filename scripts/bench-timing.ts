// What the one-request-at-a-time benchmarks share (the expert search, the plans): serving an app on a free port,
// a demo account's identity, timing a request after warm-up, and the figures' percentiles and formatting.
import { serve, type ServerType } from '@hono/node-server';
import { findAccountById, type Identity } from '@wgzj/gateway/kit';
import { freePort, type Stack } from '../gateway/src/testing/stack.ts';

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
