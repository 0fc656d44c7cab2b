import { describe, expect, it, vi } from 'vitest';
import { AreaLoadError, createRegistryReader, createRemoteLoader, type FederationRuntime, type RemoteRegistry } from './registry.ts';

const registry: RemoteRegistry = {
  areas: {
    projects: { manifest: '/remotes/projects/0.1.0-ab12cd34/mf-manifest.json', version: '0.1.0-ab12cd34' },
    experts: { manifest: '/remotes/experts/0.1.0-ef56/mf-manifest.json', version: '0.1.0-ef56' },
  },
};
const lifecycles = { bootstrap: async () => {}, mount: async () => {}, unmount: async () => {} };

function fakeFederation(load: (id: string) => Promise<unknown>) {
  const registerRemotes = vi.fn();
  const loadRemote = vi.fn(load);
  return { federation: { registerRemotes, loadRemote } as unknown as FederationRuntime, registerRemotes, loadRemote };
}

describe('createRegistryReader', () => {
  it('reads /remotes.json once, and again when asked for a fresh copy', async () => {
    const fetchImpl = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(registry)));
    const read = createRegistryReader(fetchImpl as unknown as typeof fetch);
    await read({ fresh: false });
    await read({ fresh: false });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    await read({ fresh: true });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(fetchImpl.mock.calls[1]![1]).toMatchObject({ cache: 'no-store' });
  });

  it('does not remember a failed read', async () => {
    const fetchImpl = vi
      .fn()
      .mockResolvedValueOnce(new Response('gateway down', { status: 502 }))
      .mockResolvedValueOnce(new Response(JSON.stringify(registry)));
    const read = createRegistryReader(fetchImpl as unknown as typeof fetch);
    await expect(read({ fresh: false })).rejects.toThrow(/502/);
    await expect(read({ fresh: false })).resolves.toEqual(registry);
  });
});

describe('createRemoteLoader', () => {
  it('registers an area on first load only, then loads <remote>/app', async () => {
    const { federation, registerRemotes, loadRemote } = fakeFederation(async () => lifecycles);
    const load = createRemoteLoader({ readRegistry: async () => registry, federation });

    await expect(load('projects', { fresh: false })).resolves.toBe(lifecycles);
    await load('projects', { fresh: false });

    expect(registerRemotes).toHaveBeenCalledTimes(1);
    expect(registerRemotes).toHaveBeenCalledWith(
      [{ name: 'mf_projects', entry: '/remotes/projects/0.1.0-ab12cd34/mf-manifest.json' }],
      { force: false },
    );
    expect(loadRemote).toHaveBeenCalledWith('mf_projects/app');
  });

  it('re-registers with force on a fresh load so the runtime drops its cached manifest and entry', async () => {
    const { federation, registerRemotes } = fakeFederation(async () => lifecycles);
    const readRegistry = vi.fn(async () => registry);
    const load = createRemoteLoader({ readRegistry, federation });
    await load('experts', { fresh: false });
    await load('experts', { fresh: true });
    expect(readRegistry).toHaveBeenLastCalledWith({ fresh: true });
    expect(registerRemotes).toHaveBeenLastCalledWith(
      [{ name: 'mf_experts', entry: '/remotes/experts/0.1.0-ef56/mf-manifest.json' }],
      { force: true },
    );
  });

  it('accepts lifecycles as a default export', async () => {
    const { federation } = fakeFederation(async () => ({ default: lifecycles }));
    const load = createRemoteLoader({ readRegistry: async () => registry, federation });
    await expect(load('projects', { fresh: false })).resolves.toBe(lifecycles);
  });

  it.each([
    ['REGISTRY_UNAVAILABLE', () => Promise.reject(new Error('503')), async () => lifecycles, 'projects'],
    ['AREA_NOT_PUBLISHED', async () => registry, async () => lifecycles, 'reports'],
    ['REMOTE_LOAD_FAILED', async () => registry, () => Promise.reject(new Error('RUNTIME-003')), 'projects'],
    ['REMOTE_LOAD_FAILED', async () => registry, async () => null, 'projects'],
    ['REMOTE_INVALID', async () => registry, async () => ({ mount() {} }), 'projects'],
  ] as Array<[string, () => Promise<RemoteRegistry>, () => Promise<unknown>, 'projects' | 'reports']>)(
    'refuses with %s',
    async (code, readRegistry, loadModule, area) => {
      const { federation } = fakeFederation(loadModule);
      const load = createRemoteLoader({ readRegistry, federation });
      const error = await load(area, { fresh: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AreaLoadError);
      expect((error as AreaLoadError).code).toBe(code);
      expect((error as AreaLoadError).area).toBe(area);
    },
  );
});
