// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAreaApplication, type FailurePanelProps } from './load-area.ts';
import { AreaLoadError, type AreaLifecycles } from './registry.ts';

function fakeRemote(options: { failMount?: boolean } = {}) {
  const calls: string[] = [];
  const lifecycles: AreaLifecycles = {
    bootstrap: vi.fn(async () => {
      calls.push('bootstrap');
    }),
    mount: vi.fn(async (props: Record<string, unknown>) => {
      calls.push('mount');
      if (options.failMount) throw new Error('boom in mount');
      (props.domElement as HTMLElement).innerHTML = '<p class="real-app">项目库</p>';
    }),
    unmount: vi.fn(async (props: Record<string, unknown>) => {
      calls.push('unmount');
      (props.domElement as HTMLElement).innerHTML = '';
    }),
  };
  return { lifecycles, calls };
}

/** A panel renderer that records what it was asked to show, like the real one but without Vue. */
function fakePanels() {
  const shown: FailurePanelProps[] = [];
  const renderFailure = (container: HTMLElement, props: FailurePanelProps) => {
    shown.push(props);
    const el = document.createElement('div');
    el.className = 'panel';
    el.textContent = `模块暂时不可用 ${props.area}`;
    container.appendChild(el);
    return () => el.remove();
  };
  return { shown, renderFailure };
}

let outlet: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<div id="outlet"></div>';
  outlet = document.getElementById('outlet')!;
});

describe('createAreaApplication', () => {
  it('mounts the remote into the outlet when it loads', async () => {
    const remote = fakeRemote();
    const loadArea = vi.fn(async () => remote.lifecycles);
    const panels = fakePanels();
    const app = createAreaApplication('projects', { loadArea, outlet: () => outlet, renderFailure: panels.renderFailure });

    await app.bootstrap({});
    expect(loadArea).not.toHaveBeenCalled(); // nothing is fetched before the area is visited
    await app.mount({ name: 'area-projects' });

    expect(loadArea).toHaveBeenCalledWith('projects', { fresh: false });
    expect(remote.calls).toEqual(['bootstrap', 'mount']);
    expect(outlet.querySelector('.real-app')?.textContent).toBe('项目库');
    expect(panels.shown).toHaveLength(0);
  });

  it('shows the panel when loading fails, and a retry with a fresh fetch mounts the real app', async () => {
    const remote = fakeRemote();
    const loadArea = vi
      .fn()
      .mockRejectedValueOnce(new Error('manifest 503'))
      .mockResolvedValueOnce(remote.lifecycles);
    const panels = fakePanels();
    const app = createAreaApplication('projects', { loadArea, outlet: () => outlet, renderFailure: panels.renderFailure });

    await app.bootstrap({});
    await expect(app.mount({})).resolves.toBeUndefined(); // single-spa never sees the failure
    expect(outlet.querySelector('.panel')?.textContent).toContain('模块暂时不可用');
    expect(panels.shown[0]!.area).toBe('projects');
    expect((panels.shown[0]!.error as Error).message).toBe('manifest 503');

    await panels.shown[0]!.onRetry();

    expect(loadArea).toHaveBeenLastCalledWith('projects', { fresh: true });
    expect(outlet.querySelector('.panel')).toBeNull();
    expect(outlet.querySelector('.real-app')).not.toBeNull();
    expect(remote.calls).toEqual(['bootstrap', 'mount']);
  });

  it('keeps showing the panel while retries fail', async () => {
    const loadArea = vi.fn().mockRejectedValue(new Error('still down'));
    const panels = fakePanels();
    const app = createAreaApplication('experts', { loadArea, outlet: () => outlet, renderFailure: panels.renderFailure });
    await app.mount({});
    await panels.shown[0]!.onRetry();
    expect(panels.shown).toHaveLength(2);
    expect(outlet.querySelectorAll('.panel')).toHaveLength(1);
  });

  it('treats an exception in the remote mount like a load failure (error boundary)', async () => {
    const broken = fakeRemote({ failMount: true });
    const fixed = fakeRemote();
    const loadArea = vi.fn().mockResolvedValueOnce(broken.lifecycles).mockResolvedValueOnce(fixed.lifecycles);
    const panels = fakePanels();
    const onError = vi.fn();
    const app = createAreaApplication('reports', {
      loadArea,
      outlet: () => outlet,
      renderFailure: panels.renderFailure,
      onError,
    });

    await app.mount({});
    expect(broken.calls).toEqual(['bootstrap', 'mount', 'unmount']); // the half-mounted app was cleaned up
    expect(outlet.querySelector('.panel')).not.toBeNull();
    expect(onError).toHaveBeenCalledWith('reports', expect.any(Error));

    await panels.shown[0]!.onRetry();
    expect(outlet.querySelector('.real-app')).not.toBeNull();
    expect(outlet.querySelector('.panel')).toBeNull();
  });

  it('unmounts the remote and removes its container when the user leaves', async () => {
    const remote = fakeRemote();
    const app = createAreaApplication('admin', {
      loadArea: async () => remote.lifecycles,
      outlet: () => outlet,
      renderFailure: fakePanels().renderFailure,
    });
    await app.mount({});
    await app.unmount({});
    expect(remote.calls).toEqual(['bootstrap', 'mount', 'unmount']);
    expect(outlet.children).toHaveLength(0);

    await app.mount({}); // coming back does not bootstrap the same remote twice
    expect(remote.calls).toEqual(['bootstrap', 'mount', 'unmount', 'mount']);
  });

  it('does not mount a remote whose load finished after the user left', async () => {
    const remote = fakeRemote();
    let finish!: (value: AreaLifecycles) => void;
    const app = createAreaApplication('projects', {
      loadArea: () => new Promise<AreaLifecycles>((resolve) => (finish = resolve)),
      outlet: () => outlet,
      renderFailure: fakePanels().renderFailure,
    });
    const mounting = app.mount({});
    await app.unmount({});
    finish(remote.lifecycles);
    await mounting;
    expect(remote.lifecycles.mount).not.toHaveBeenCalled();
    expect(outlet.children).toHaveLength(0);
  });

  it('shows a loading line until the remote is there', async () => {
    const remote = fakeRemote();
    let finish!: (value: AreaLifecycles) => void;
    const app = createAreaApplication('projects', {
      loadArea: () => new Promise<AreaLifecycles>((resolve) => (finish = resolve)),
      outlet: () => outlet,
      renderFailure: fakePanels().renderFailure,
      renderLoading: (container) => {
        const el = document.createElement('div');
        el.className = 'loading';
        container.appendChild(el);
        return () => el.remove();
      },
    });
    const mounting = app.mount({});
    expect(outlet.querySelector('.loading')).not.toBeNull();
    finish(remote.lifecycles);
    await mounting;
    expect(outlet.querySelector('.loading')).toBeNull();
    expect(outlet.querySelector('.real-app')).not.toBeNull();
  });

  describe('a remote whose files never answer', () => {
    it('gives up after the deadline with the same failure panel and retry, and single-spa is not kept waiting', async () => {
      const loadArea = vi.fn(() => new Promise<AreaLifecycles>(() => {}));
      const panels = fakePanels();
      const app = createAreaApplication('reports', {
        loadArea,
        outlet: () => outlet,
        renderFailure: panels.renderFailure,
        renderLoading: (container) => {
          const el = document.createElement('div');
          el.className = 'loading';
          container.appendChild(el);
          return () => el.remove();
        },
        deadlineMs: 30,
      });
      const started = Date.now();
      await app.mount({});
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(outlet.querySelector('.loading')).toBeNull();
      expect(outlet.querySelector('.panel')?.textContent).toContain('模块暂时不可用');
      expect(panels.shown[0]!.error).toBeInstanceOf(AreaLoadError);
      expect((panels.shown[0]!.error as AreaLoadError).code).toBe('REMOTE_TIMEOUT');
      expect(typeof panels.shown[0]!.onRetry).toBe('function');
    });

    it('does not mount over the panel when the answer comes after it gave up', async () => {
      const remote = fakeRemote();
      let finish!: (value: AreaLifecycles) => void;
      const panels = fakePanels();
      const app = createAreaApplication('reports', {
        loadArea: () => new Promise<AreaLifecycles>((resolve) => (finish = resolve)),
        outlet: () => outlet,
        renderFailure: panels.renderFailure,
        deadlineMs: 20,
      });
      await app.mount({});
      finish(remote.lifecycles);
      await new Promise((r) => setTimeout(r, 20));
      expect(remote.lifecycles.bootstrap).not.toHaveBeenCalled();
      expect(remote.lifecycles.mount).not.toHaveBeenCalled();
      expect(outlet.querySelector('.real-app')).toBeNull();
      expect(outlet.querySelectorAll('.panel')).toHaveLength(1);
    });

    it('mounts on a retry that answers in time', async () => {
      const remote = fakeRemote();
      const loadArea = vi
        .fn<() => Promise<AreaLifecycles>>()
        .mockImplementationOnce(() => new Promise<AreaLifecycles>(() => {}))
        .mockResolvedValueOnce(remote.lifecycles);
      const panels = fakePanels();
      const app = createAreaApplication('reports', { loadArea, outlet: () => outlet, renderFailure: panels.renderFailure, deadlineMs: 20 });
      await app.mount({});
      await panels.shown[0]!.onRetry();
      expect(loadArea).toHaveBeenLastCalledWith('reports', { fresh: true });
      expect(outlet.querySelector('.panel')).toBeNull();
      expect(outlet.querySelector('.real-app')).not.toBeNull();
    });

    it('counts a bootstrap that never finishes against the same deadline', async () => {
      const stuck: AreaLifecycles = { bootstrap: () => new Promise(() => {}), mount: vi.fn(async () => {}), unmount: vi.fn(async () => {}) };
      const panels = fakePanels();
      const app = createAreaApplication('admin', { loadArea: async () => stuck, outlet: () => outlet, renderFailure: panels.renderFailure, deadlineMs: 20 });
      await app.mount({});
      expect((panels.shown[0]!.error as AreaLoadError).code).toBe('REMOTE_TIMEOUT');
      expect(stuck.mount).not.toHaveBeenCalled();
    });

    it('waits 8 seconds by default, not forever and not less', async () => {
      vi.useFakeTimers();
      try {
        const panels = fakePanels();
        const app = createAreaApplication('projects', {
          loadArea: () => new Promise<AreaLifecycles>(() => {}),
          outlet: () => outlet,
          renderFailure: panels.renderFailure,
        });
        const mounting = app.mount({});
        await vi.advanceTimersByTimeAsync(7_900);
        expect(panels.shown).toHaveLength(0);
        await vi.advanceTimersByTimeAsync(200);
        await mounting;
        expect(panels.shown).toHaveLength(1);
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
