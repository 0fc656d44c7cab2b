// Readiness answers what each check found as data (`{ keys: 2 }`, `{ problem: 'http_status', status: 503 }`), never as
// English sentences, so the diagnostics screen can say it in the reader's language; the check names stay stable.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_MIGRATIONS, migrate } from '@wgzj/gateway/kit';
import { openTestDatabase, type TestDatabase } from '@wgzj/gateway/testing';
import { fileURLToPath } from 'node:url';
import { readiness, type ReadinessDeps } from './health.ts';
import { createDbSessionStore } from './session/store-db.ts';

type Behaviour = 'ok' | 'no-keys' | 'no-jwks-uri' | 'down' | 'hang';
let behaviour: Behaviour = 'ok';
let portal: Server;
let issuer: string;
let database: TestDatabase;
let remotesDir: string;

function answer(req: IncomingMessage, res: ServerResponse): void {
  if (behaviour === 'hang') return; // never answers
  if (behaviour === 'down') {
    res.writeHead(503).end('maintenance');
    return;
  }
  res.setHeader('content-type', 'application/json');
  if (req.url === '/.well-known/openid-configuration') {
    res.end(JSON.stringify(behaviour === 'no-jwks-uri' ? { issuer } : { issuer, jwks_uri: `${issuer}/jwks` }));
  } else if (req.url === '/jwks') {
    res.end(JSON.stringify({ keys: behaviour === 'no-keys' ? [] : [{ kid: 'a' }, { kid: 'b' }] }));
  } else {
    res.writeHead(404).end('{}');
  }
}

beforeAll(async () => {
  portal = createServer(answer);
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  database = await openTestDatabase();
  await migrate(database.db, KIT_MIGRATIONS);
  await migrate(database.db, { module: 'gateway', dir: fileURLToPath(new URL('../db/migrations', import.meta.url)) });
  remotesDir = mkdtempSync(join(tmpdir(), 'wgzj-health-'));
  mkdirSync(join(remotesDir, 'projects', '0.1.0-abc'), { recursive: true });
  writeFileSync(join(remotesDir, 'projects', '0.1.0-abc', 'mf-manifest.json'), '{}');
  const at = new Date().toISOString();
  writeFileSync(
    join(remotesDir, 'registry.json'),
    JSON.stringify({
      areas: {
        projects: { manifest: '/remotes/projects/0.1.0-abc/mf-manifest.json', version: '0.1.0-abc', publishedAt: at },
        experts: { manifest: '/remotes/experts/0.1.0-gone/mf-manifest.json', version: '0.1.0-gone', publishedAt: at },
      },
    }),
  );
});
afterAll(async () => {
  portal.closeAllConnections();
  await new Promise((resolve) => portal.close(resolve));
  await database.drop();
  rmSync(remotesDir, { recursive: true, force: true });
});

const deps = (over: Partial<ReadinessDeps> = {}): ReadinessDeps => ({
  db: database.db,
  store: createDbSessionStore(database.db),
  portalIssuer: issuer,
  remotesDir,
  areas: ['projects', 'experts', 'reports'],
  modules: [],
  ...over,
});

describe('readiness', () => {
  it('says what passing checks found as data: the store kind, the number of portal keys, the published version', async () => {
    behaviour = 'ok';
    const report = await readiness(deps());
    expect(report.checks['database']).toMatchObject({ ok: true });
    expect(report.checks['database']!.detail).toBeUndefined();
    expect(report.checks['sessionStore']).toMatchObject({ ok: true, detail: { store: 'database' } });
    expect(report.checks['portal']).toMatchObject({ ok: true });
    expect(report.checks['portalJwks']).toMatchObject({ ok: true, detail: { keys: 2 } });
    expect(report.checks['remote:projects']).toMatchObject({ ok: true, detail: { version: '0.1.0-abc' } });
  });

  it('keeps the check names callers and the screen know', async () => {
    behaviour = 'ok';
    const report = await readiness(deps());
    expect(Object.keys(report.checks).sort()).toEqual(
      ['database', 'portal', 'portalJwks', 'remote:experts', 'remote:projects', 'remote:reports', 'sessionStore'].sort(),
    );
    expect(report.notReady.sort()).toEqual(['remote:experts', 'remote:reports']);
    expect(report.ready).toBe(false);
  });

  it('says why a remote is not ready: not published, or its manifest missing from the folder', async () => {
    const report = await readiness(deps());
    expect(report.checks['remote:reports']).toMatchObject({ ok: false, detail: { problem: 'not_published' } });
    expect(report.checks['remote:experts']).toMatchObject({
      ok: false,
      detail: { problem: 'manifest_missing', manifest: '/remotes/experts/0.1.0-gone/mf-manifest.json' },
    });
  });

  it.each([
    ['no-keys', { problem: 'no_signing_key' }],
    ['no-jwks-uri', { problem: 'no_jwks_uri' }],
  ] as const)('names a portal that answers but publishes no keys (%s)', async (what, problem) => {
    behaviour = what;
    const report = await readiness(deps());
    expect(report.checks['portal']).toMatchObject({ ok: true });
    expect(report.checks['portalJwks']).toMatchObject({ ok: false, detail: problem });
  });

  it('names the status of a portal that answers with an error', async () => {
    behaviour = 'down';
    const report = await readiness(deps());
    expect(report.checks['portal']).toMatchObject({
      ok: false,
      detail: { problem: 'http_status', status: 503, url: `${issuer}/.well-known/openid-configuration` },
    });
    expect(report.checks['portalJwks']).toMatchObject({ ok: false, detail: { problem: 'http_status', status: 503 } });
  });

  it('names a portal nobody listens at as unreachable, with the socket error for support', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const report = await readiness(deps({ portalIssuer: `http://127.0.0.1:${port}` }));
    expect(report.checks['portal']).toMatchObject({ ok: false, detail: { problem: 'unreachable', message: 'ECONNREFUSED' } });
  });

  it('gives up on a portal that never answers, as a timeout with its deadline', async () => {
    behaviour = 'hang';
    const report = await readiness(deps({ areas: [] }));
    expect(report.checks['portal']).toMatchObject({ ok: false, detail: { problem: 'timeout', afterMs: 2000 } });
    expect(report.checks['portal']!.ms).toBeLessThan(3_000);
  });

  it('puts no English sentence in any detail', async () => {
    for (const what of ['ok', 'no-keys', 'down'] as const) {
      behaviour = what;
      const report = await readiness(deps());
      for (const [name, check] of Object.entries(report.checks)) {
        expect(typeof check.detail === 'object' || check.detail === undefined, name).toBe(true);
        expect(JSON.stringify(check.detail ?? {}), name).not.toMatch(/key\(s\)|no answer| missing|not published|publishes no/);
      }
    }
  });
});
