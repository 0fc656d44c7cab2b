// A database that goes away mid-request (restart, failover, pg_terminate_backend) costs the requests in flight a
// clear 503 and never the process; a transition it interrupts is recorded entirely or not at all. The module API
// runs as its own process (gateway/testing/module-process.ts) so that a crash is seen as that process ending.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planApi } from '../../mf-projects/api/testing/plans.ts';
import { Hono } from 'hono';
import { createErrorHandler } from './errors.ts';
import { createLogger } from './logger.ts';
import { databaseFault } from './db.ts';
import { type Harness, moduleHarness } from '@wgzj/gateway/testing';

const serverOnly = !process.env['DATABASE_URL'];

describe('database faults answered in the kit', () => {
  const lines: string[] = [];
  const app = new Hono();
  app.onError(createErrorHandler(createLogger('test', 'info', { write: (line: string) => void lines.push(line) })));
  const thrown: Record<string, () => unknown> = {
    terminated: () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    crashShutdown: () => Object.assign(new Error('terminating connection due to crash of another server process'), { code: '57P02' }),
    startingUp: () => Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    connectionFailure: () => Object.assign(new Error('connection failure'), { code: '08006' }),
    unexpectedEnd: () => new Error('Connection terminated unexpectedly'),
    poolTimeout: () => new Error('timeout exceeded when trying to connect'),
    refused: () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    reset: () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    notQueryable: () => new Error('Client has encountered a connection error and is not queryable'),
    nul: () => Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }),
    jsonNul: () => Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' }),
    bug: () => new TypeError('x is undefined'),
  };
  app.get('/:kind', (c) => {
    throw thrown[c.req.param('kind')]!();
  });
  const get = (kind: string, locale = 'zh-CN') => app.request(`/${kind}`, { headers: { 'accept-language': locale, 'x-request-id': 'req-1' } });

  it.each(['terminated', 'crashShutdown', 'startingUp', 'connectionFailure', 'unexpectedEnd', 'poolTimeout', 'refused', 'reset', 'notQueryable'])(
    'answers a lost connection (%s) with 503, Retry-After and the reason in the caller’s language',
    async (kind) => {
      lines.length = 0;
      const zh = await get(kind);
      expect(zh.status).toBe(503);
      expect(zh.headers.get('retry-after')).toBe('5');
      const body = (await zh.json()) as { error: { code: string; message: string; reference: string } };
      expect(body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用,请稍后重试。', reference: 'req-1' });
      expect(JSON.stringify(body)).not.toMatch(/5432|ECONN|terminat|stack/i);
      const en = (await (await get(kind, 'en-US')).json()) as { error: { message: string } };
      expect(en.error.message).toBe('The service is temporarily unavailable; try again shortly.');
      // One warning line each, without a stack trace.
      const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; err?: unknown; stack?: unknown });
      expect(logged).toHaveLength(2);
      expect(logged.every((l) => l.msg === 'database unavailable' && l.level === 40 && !l.err && !JSON.stringify(l).includes('    at '))).toBe(true);
    },
  );

  it.each(['nul', 'jsonNul'])('answers text the database refuses (%s) with 400, not 500', async (kind) => {
    const response = await get(kind);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('TEXT_NOT_ACCEPTED');
  });

  it('still answers anything else with a 500 and a reference', async () => {
    const response = await get('bug');
    expect(response.status).toBe(500);
    expect(databaseFault(new TypeError('x'))).toBeNull();
    expect(databaseFault({ code: '23505' })).toBeNull();
    expect(databaseFault(null)).toBeNull();
  });

  it('keeps a database error that merely mentions a connection a 500', async () => {
    expect(databaseFault(Object.assign(new Error('relation "Connection terminated" does not exist'), { code: '42P01' }))).toBeNull();
  });
});

describe.skipIf(serverOnly)('backends terminated during plan transitions on PostgreSQL', () => {
  let h: Harness;
  let child: ChildProcess;
  let jwks: Server;
  let baseUrl = '';
  let databaseUrl = '';
  let exited: { code: number | null; signal: string | null } | null = null;
  const childOutput: string[] = [];
  const plans: string[] = [];

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    const api = planApi(h);
    const [expert] = await api.expertsOf('employer_handler');
    for (let i = 0; i < 4; i++) plans.push(await api.complete('employer_handler', 'young_foreign_talent', `断线测试计划${i}`, [expert!.id]));
    const { rows } = await h.db.query<{ name: string }>('select current_database() as name');
    const url = new URL(process.env['DATABASE_URL']!);
    url.pathname = `/${rows[0]!.name}`;
    databaseUrl = url.toString();
    handler = await h.identityOf('employer_handler');
    // The module process fetches the keys of the assertions this test signs, as it would fetch the gateway's.
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(h.signer.jwks)));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksPort = (jwks.address() as { port: number }).port;
    child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../testing/module-process.ts', import.meta.url))], {
      env: {
        ...process.env,
        AREA: 'projects',
        DATABASE_URL: databaseUrl,
        GATEWAY_JWKS_URL: `http://127.0.0.1:${jwksPort}/jwks`,
        FIELD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.on('exit', (code, signal) => (exited = { code, signal }));
    child.stderr!.on('data', (chunk: Buffer) => childOutput.push(chunk.toString()));
    baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`module did not start: ${childOutput.join('')}`)), 30_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        childOutput.push(text);
        const port = /listening (\d+)/.exec(text)?.[1];
        if (port) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
      });
    });
  }, 120_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await new Promise((resolve) => jwks?.close(resolve));
    await h?.close();
  });

  let handler: Awaited<ReturnType<Harness['identityOf']>>;
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const requestId = randomBytes(8).toString('hex');
    // Signed here without touching the database: the storm ends this process's connections too.
    const assertion = await h.signer.sign(handler, 'projects', requestId);
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-identity-assertion': assertion, 'x-request-id': requestId, 'accept-language': 'zh-CN' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  interface Ledger {
    id: string;
    status: string;
    version: number;
    audits: Array<{ action: string; before_version: number; after_version: number; after_state: string }>;
    events: number;
    snapshots: number;
  }

  async function ledgerOf(id: string): Promise<Ledger> {
    const { rows } = await h.db.query<Omit<Ledger, 'audits'> & { audits: Ledger['audits'] | null }>(
      `select p.id::text, p.status, p.version,
         (select json_agg(json_build_object('action', a.action, 'before_version', (a.before_summary->>'version')::int,
                  'after_version', (a.after_summary->>'version')::int, 'after_state', a.after_summary->>'state') order by a.id)
            from audit.records a where a.object_id = p.id::text and a.action in ('plan.submit', 'plan.withdraw')) as audits,
         (select count(*)::int from projects.plan_events e where e.plan_id = p.id) as events,
         (select count(*)::int from projects.plan_snapshots s where s.plan_id = p.id) as snapshots
       from projects.plans p where p.id = $1`,
      [id],
    );
    return { ...rows[0]!, audits: rows[0]!.audits ?? [] };
  }

  it('keeps the process alive, answers 2xx/4xx/503 only, and records each transition entirely or not at all', async () => {
    const before = new Map<string, Ledger>();
    for (const id of plans) before.set(id, await ledgerOf(id));

    // A separate connection ends every other backend of this test's database, over and over.
    const killer = new pg.Client({ connectionString: databaseUrl });
    await killer.connect();
    let terminated = 0;
    let storming = true;
    const storm = (async () => {
      while (storming) {
        const { rows } = await killer.query<{ n: number }>(
          `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
        );
        terminated += rows[0]!.n;
        await new Promise((resolve) => setTimeout(resolve, 80 + Math.random() * 320));
      }
    })();

    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let interrupted = 0;
    const deadline = Date.now() + 8_000;
    await Promise.all(
      plans.map(async (id) => {
        while (Date.now() < deadline) {
          try {
            const read = await call('GET', `/plans/${id}`);
            statuses.set(read.status, (statuses.get(read.status) ?? 0) + 1);
            if (read.status !== 200) {
              await read.body?.cancel();
              continue;
            }
            const plan = (await read.json()) as { status: string; version: number };
            const action = plan.status === 'draft' ? 'submit' : 'withdraw';
            const moved = await call('POST', `/plans/${id}/actions`, { action, version: plan.version });
            statuses.set(moved.status, (statuses.get(moved.status) ?? 0) + 1);
            const text = await moved.text();
            if (moved.status >= 500 && moved.status !== 503) failures.push(`${moved.status} ${text}`);
            if (moved.status === 503) {
              interrupted++;
              expect(moved.headers.get('retry-after')).toBe('5');
            }
          } catch (error) {
            // A reset or refused connection: the process died or dropped the request.
            failures.push(`fetch failed: ${String((error as Error).cause ?? error)}`);
          }
        }
      }),
    );
    storming = false;
    await storm;
    await killer.end();

    expect(exited).toBeNull();
    expect(failures).toEqual([]);
    expect([...statuses.keys()].every((s) => (s >= 200 && s < 500) || s === 503)).toBe(true);
    // The storm really hit requests, and requests still got through between the blows.
    expect(terminated, JSON.stringify([...statuses])).toBeGreaterThan(20);
    expect(interrupted).toBeGreaterThan(0);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(4);

    // Afterwards the same process answers normally again.
    const after = await call('GET', `/plans/${plans[0]}`);
    expect(after.status).toBe(200);

    // Each plan: the version moved by exactly the transitions on record, each one in the audit log, the history
    // and (for a submit) the snapshots; the audit records chain version to version; the state is the last one's.
    let moves = 0;
    for (const id of plans) {
      const start = before.get(id)!;
      const end = await ledgerOf(id);
      const fresh = end.audits.slice(start.audits.length);
      moves += fresh.length;
      expect(end.version - start.version).toBe(fresh.length);
      expect(end.events - start.events).toBe(fresh.length);
      expect(end.snapshots - start.snapshots).toBe(fresh.filter((a) => a.action === 'plan.submit').length);
      fresh.forEach((audit, i) => {
        expect(audit.before_version).toBe(start.version + i);
        expect(audit.after_version).toBe(start.version + i + 1);
      });
      expect(end.status).toBe(fresh.length ? fresh.at(-1)!.after_state : start.status);
    }
    expect(moves).toBeGreaterThan(4);
  }, 120_000);
});
