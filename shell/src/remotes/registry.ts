// Reads the remote registry (/remotes.json) and loads an area's `./app` through the Module Federation runtime.
import { remoteNameOf, type AreaName } from '../areas.ts';

export interface RegistryEntry {
  /** URL of the remote's mf-manifest.json, versioned: `/remotes/<area>/<version>/mf-manifest.json`. */
  manifest: string;
  version: string;
}

export interface RemoteRegistry {
  areas: Partial<Record<AreaName, RegistryEntry>>;
}

/** single-spa lifecycles, as each remote's `./app` exposes them (made with single-spa-vue). */
export interface AreaLifecycles {
  bootstrap(props: Record<string, unknown>): Promise<unknown>;
  mount(props: Record<string, unknown>): Promise<unknown>;
  unmount(props: Record<string, unknown>): Promise<unknown>;
}

export type AreaLoadErrorCode = 'REGISTRY_UNAVAILABLE' | 'AREA_NOT_PUBLISHED' | 'REMOTE_LOAD_FAILED' | 'REMOTE_INVALID' | 'REMOTE_TIMEOUT';

export class AreaLoadError extends Error {
  override readonly name = 'AreaLoadError';
  constructor(
    readonly code: AreaLoadErrorCode,
    readonly area: AreaName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The part of the MF runtime we use; the real one is the host's instance from `@module-federation/enhanced/runtime`. */
export interface FederationRuntime {
  registerRemotes(remotes: Array<{ name: string; entry: string }>, options?: { force?: boolean }): void;
  loadRemote<T>(id: string): Promise<T | null>;
}

export type ReadRegistry = (options: { fresh: boolean }) => Promise<RemoteRegistry>;

/** Fetches /remotes.json once and reuses it; a failed or `fresh` read goes to the network again. */
export function createRegistryReader(fetchImpl: typeof fetch, url = '/remotes.json'): ReadRegistry {
  let cached: Promise<RemoteRegistry> | null = null;
  return ({ fresh }) => {
    if (!cached || fresh) {
      const reading = (async () => {
        const response = await fetchImpl(url, {
          credentials: 'same-origin',
          cache: fresh ? 'no-store' : 'default',
          headers: { Accept: 'application/json' },
        });
        if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
        const body = (await response.json()) as Partial<RemoteRegistry> | null;
        return { areas: body?.areas ?? {} };
      })();
      cached = reading;
      reading.catch(() => {
        if (cached === reading) cached = null;
      });
    }
    return cached;
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function lifecyclesOf(area: AreaName, module: unknown): AreaLifecycles {
  const candidate = (module as { default?: unknown } | null)?.default ?? module;
  const lifecycles = candidate as Partial<AreaLifecycles> | null;
  if (
    !lifecycles ||
    typeof lifecycles.bootstrap !== 'function' ||
    typeof lifecycles.mount !== 'function' ||
    typeof lifecycles.unmount !== 'function'
  ) {
    throw new AreaLoadError('REMOTE_INVALID', area, `${remoteNameOf(area)}/app does not export single-spa lifecycles`);
  }
  return lifecycles as AreaLifecycles;
}

export type LoadArea = (area: AreaName, options: { fresh: boolean }) => Promise<AreaLifecycles>;

/**
 * Registers each area's remote lazily, on first visit, so an unreachable remote costs nothing until (and
 * unless) someone opens that area. A `fresh` load re-reads the registry and re-registers with `force`, which
 * drops the runtime's cached manifest, entry and module for that remote so the retry really hits the network.
 */
export function createRemoteLoader(deps: { readRegistry: ReadRegistry; federation: FederationRuntime }): LoadArea {
  const registered = new Map<AreaName, string>();

  return async (area, { fresh }) => {
    let registry: RemoteRegistry;
    try {
      registry = await deps.readRegistry({ fresh });
    } catch (cause) {
      throw new AreaLoadError('REGISTRY_UNAVAILABLE', area, describe(cause), { cause });
    }
    const entry = registry.areas[area];
    if (!entry || typeof entry.manifest !== 'string' || !entry.manifest) {
      throw new AreaLoadError('AREA_NOT_PUBLISHED', area, `no remote is published for ${area}`);
    }

    const name = remoteNameOf(area);
    const known = registered.get(area);
    if (known === undefined || fresh || known !== entry.manifest) {
      deps.federation.registerRemotes([{ name, entry: entry.manifest }], { force: known !== undefined });
      registered.set(area, entry.manifest);
    }

    let module: unknown;
    try {
      module = await deps.federation.loadRemote<unknown>(`${name}/app`);
    } catch (cause) {
      throw new AreaLoadError('REMOTE_LOAD_FAILED', area, describe(cause), { cause });
    }
    if (module === null || module === undefined) {
      throw new AreaLoadError('REMOTE_LOAD_FAILED', area, `${name}/app could not be loaded`);
    }
    return lifecyclesOf(area, module);
  };
}
