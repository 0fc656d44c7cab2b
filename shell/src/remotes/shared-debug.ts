// `window.__wgzjShared()`: which copies of the shared singletons the page has actually loaded, for e2e checks.
import { SHARED_SINGLETONS } from './shared-names.ts';

export interface LoadedProvider {
  version: string;
  from: string;
  useIn: string[];
}

interface ShareEntry {
  from?: string;
  loaded?: boolean;
  lib?: unknown;
  useIn?: string[];
}

type ShareScopeMap = Record<string, Record<string, Record<string, Record<string, ShareEntry>>>>;

/**
 * Per library, the providers the MF runtime has loaded (deduplicated across the instances that see the same
 * scope). One entry per library means one copy in the page.
 */
export function loadedSharedProviders(
  globalShare: ShareScopeMap | undefined,
  names: readonly string[] = SHARED_SINGLETONS,
): Record<string, LoadedProvider[]> {
  const out: Record<string, LoadedProvider[]> = {};
  for (const name of names) {
    const seen = new Map<string, LoadedProvider>();
    for (const scopes of Object.values(globalShare ?? {})) {
      for (const scope of Object.values(scopes ?? {})) {
        for (const [version, entry] of Object.entries(scope?.[name] ?? {})) {
          if (!entry || !(entry.loaded || entry.lib)) continue;
          const from = entry.from ?? '?';
          const key = `${from}@${version}`;
          const existing = seen.get(key);
          const useIn = [...new Set([...(existing?.useIn ?? []), ...(entry.useIn ?? [])])].sort();
          seen.set(key, { version, from, useIn });
        }
      }
    }
    out[name] = [...seen.values()];
  }
  return out;
}

export function exposeSharedDebug(target: Window & typeof globalThis = window): void {
  (target as unknown as { __wgzjShared: () => Record<string, LoadedProvider[]> }).__wgzjShared = () =>
    loadedSharedProviders(
      (target as unknown as { __FEDERATION__?: { __SHARE__?: ShareScopeMap } }).__FEDERATION__?.__SHARE__,
    );
}
