// /readyz: each dependency checked with a deadline, and the answer names whatever is not ready.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '@wgzj/gateway/kit';
import type { ModuleTarget } from './proxy.ts';
import { readRegistry } from './remotes/registry.ts';
import type { SessionStore } from './session/store.ts';

export interface CheckResult {
  ok: boolean;
  ms: number;
  detail?: string;
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

async function timed(work: () => Promise<string | void>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const detail = await Promise.race([
      work(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${DEADLINE_MS} ms`)), DEADLINE_MS).unref()),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started), ...(detail ? { detail } : {}) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), detail: error instanceof Error ? error.message : String(error) };
  }
}

async function expectOk(url: string, method = 'GET') {
  const response = await fetch(url, { method, signal: AbortSignal.timeout(DEADLINE_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

export async function readiness(deps: ReadinessDeps) {
  const registry = readRegistry(deps.remotesDir);
  const checks: Record<string, CheckResult> = {
    database: await timed(async () => {
      await deps.db.query('select 1');
    }),
    sessionStore: await timed(async () => {
      await deps.store.ping();
      return deps.store.kind;
    }),
    portal: await timed(() => expectOk(`${deps.portalIssuer}/.well-known/openid-configuration`)),
    portalJwks: await timed(async () => {
      const discovery = await fetch(`${deps.portalIssuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(DEADLINE_MS) });
      const { jwks_uri: jwksUri } = (await discovery.json()) as { jwks_uri?: string };
      if (!jwksUri) throw new Error('discovery names no jwks_uri');
      const response = await fetch(jwksUri, { signal: AbortSignal.timeout(DEADLINE_MS) });
      const { keys } = (await response.json()) as { keys?: unknown[] };
      if (!response.ok || !keys?.length) throw new Error('the portal publishes no signing key');
      return `${keys.length} key(s)`;
    }),
  };
  await Promise.all(
    deps.areas.map(async (area) => {
      checks[`remote:${area}`] = await timed(async () => {
        const entry = registry.areas[area];
        if (!entry) throw new Error('not published');
        if (entry.manifest.startsWith('/remotes/')) {
          const file = join(deps.remotesDir, entry.manifest.slice('/remotes/'.length));
          if (!existsSync(file)) throw new Error(`${entry.manifest} missing`);
        } else {
          await expectOk(entry.manifest, 'HEAD');
        }
        return entry.version;
      });
    }),
  );
  for (const module of deps.modules.filter((m) => m.mode === 'remote')) {
    checks[`module:${module.area}`] = await timed(() => expectOk(`${module.baseUrl}/healthz`));
  }
  const ready = Object.values(checks).every((check) => check.ok);
  return { ready, notReady: Object.entries(checks).filter(([, c]) => !c.ok).map(([name]) => name), checks };
}
