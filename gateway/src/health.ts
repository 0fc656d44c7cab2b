// /readyz: each dependency checked with a deadline, and the answer names whatever is not ready.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '@wgzj/gateway/kit';
import type { ModuleTarget } from './proxy.ts';
import { readRegistry } from './remotes/registry.ts';
import type { SessionStore } from './session/store.ts';

/**
 * What a check found, as data: the diagnostics screen words it in the reader's language (the check names stay as
 * they are, `portalJwks`, `remote:projects`…). A passing check may say what it saw; a failing one says why.
 */
export type CheckDetail =
  | { store: string }
  | { keys: number }
  | { version: string }
  | CheckProblem;

export type CheckProblem =
  | { problem: 'timeout'; afterMs: number }
  | { problem: 'http_status'; status: number; url: string }
  | { problem: 'unreachable'; url?: string; message: string }
  | { problem: 'not_published' }
  | { problem: 'manifest_missing'; manifest: string }
  | { problem: 'no_jwks_uri' }
  | { problem: 'no_signing_key' }
  | { problem: 'error'; message: string };

export interface CheckResult {
  ok: boolean;
  ms: number;
  detail?: CheckDetail;
}

/** A check's refusal with its structured reason. */
class CheckFailed extends Error {
  constructor(readonly problem: CheckProblem) {
    super(problem.problem);
  }
}

export interface ReadinessDeps {
  db: Db;
  store: SessionStore;
  portalIssuer: string;
  remotesDir: string;
  areas: string[];
  modules: ModuleTarget[];
}

const DEADLINE_MS = 2_000;

function problemOf(error: unknown, url?: string): CheckProblem {
  if (error instanceof CheckFailed) return error.problem;
  const message = error instanceof Error ? error.message : String(error);
  // fetch() fails with a TypeError whose cause names the socket error (ECONNREFUSED, ENOTFOUND…).
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (error instanceof TypeError) {
    const why = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : message;
    return { problem: 'unreachable', ...(url ? { url } : {}), message: why };
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { problem: 'timeout', afterMs: DEADLINE_MS };
  return { problem: 'error', message };
}

async function timed(work: () => Promise<CheckDetail | void>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const detail = await Promise.race([
      work(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new CheckFailed({ problem: 'timeout', afterMs: DEADLINE_MS })), DEADLINE_MS).unref(),
      ),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started), ...(detail ? { detail } : {}) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), detail: problemOf(error) };
  }
}

async function fetchChecked(url: string, method = 'GET'): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { method, signal: AbortSignal.timeout(DEADLINE_MS) });
  } catch (error) {
    throw new CheckFailed(problemOf(error, url));
  }
  if (!response.ok) throw new CheckFailed({ problem: 'http_status', status: response.status, url });
  return response;
}

async function expectOk(url: string, method = 'GET'): Promise<void> {
  await fetchChecked(url, method);
}

export async function readiness(deps: ReadinessDeps) {
  const registry = readRegistry(deps.remotesDir);
  const checks: Record<string, CheckResult> = {
    database: await timed(async () => {
      await deps.db.query('select 1');
    }),
    sessionStore: await timed(async () => {
      await deps.store.ping();
      return { store: deps.store.kind };
    }),
    portal: await timed(() => expectOk(`${deps.portalIssuer}/.well-known/openid-configuration`)),
    portalJwks: await timed(async () => {
      const discovery = await fetchChecked(`${deps.portalIssuer}/.well-known/openid-configuration`);
      const { jwks_uri: jwksUri } = ((await discovery.json().catch(() => null)) ?? {}) as { jwks_uri?: string };
      if (!jwksUri) throw new CheckFailed({ problem: 'no_jwks_uri' });
      const response = await fetchChecked(jwksUri);
      const { keys } = ((await response.json().catch(() => null)) ?? {}) as { keys?: unknown[] };
      if (!Array.isArray(keys) || !keys.length) throw new CheckFailed({ problem: 'no_signing_key' });
      return { keys: keys.length };
    }),
  };
  await Promise.all(
    deps.areas.map(async (area) => {
      checks[`remote:${area}`] = await timed(async () => {
        const entry = registry.areas[area];
        if (!entry) throw new CheckFailed({ problem: 'not_published' });
        if (entry.manifest.startsWith('/remotes/')) {
          const file = join(deps.remotesDir, entry.manifest.slice('/remotes/'.length));
          if (!existsSync(file)) throw new CheckFailed({ problem: 'manifest_missing', manifest: entry.manifest });
        } else {
          await expectOk(entry.manifest, 'HEAD');
        }
        return { version: entry.version };
      });
    }),
  );
  for (const module of deps.modules.filter((m) => m.mode === 'remote')) {
    checks[`module:${module.area}`] = await timed(() => expectOk(`${module.baseUrl}/healthz`));
  }
  const ready = Object.values(checks).every((check) => check.ok);
  return { ready, notReady: Object.entries(checks).filter(([, c]) => !c.ok).map(([name]) => name), checks };
}
