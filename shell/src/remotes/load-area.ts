// Each area's single-spa application is this wrapper: it loads the remote on mount and, when loading or
// mounting fails, shows the 模块暂时不可用 panel in that area's place (single-spa never sees an error, so the
// application never becomes SKIP_BECAUSE_BROKEN and a retry can still mount the real app without a reload).
import type { AreaName } from '../areas.ts';
import { AreaLoadError, type AreaLifecycles, type LoadArea } from './registry.ts';

/**
 * How long an area may take to load (registry, manifest, entry, the exposed module) before it counts as failed.
 * A remote whose files never answer would otherwise leave 正在加载… on screen for as long as the browser waits.
 */
export const REMOTE_DEADLINE_MS = 8_000;

export interface FailurePanelProps {
  area: AreaName;
  error: unknown;
  /** Re-attempts the load with a fresh fetch; resolves when the attempt has finished, either way. */
  onRetry: () => Promise<void>;
}

/** Renders something into `container`; returns how to remove it. */
export type Render<P> = (container: HTMLElement, props: P) => () => void;

export interface AreaApplicationDeps {
  loadArea: LoadArea;
  /** Where areas render; the shell layout's outlet. */
  outlet: () => HTMLElement;
  renderFailure: Render<FailurePanelProps>;
  renderLoading?: Render<{ area: AreaName }>;
  /** Extra props every remote mount receives. */
  mountProps?: (area: AreaName) => Record<string, unknown>;
  onError?: (area: AreaName, error: unknown) => void;
  /** Deadline for loading and bootstrapping the remote; REMOTE_DEADLINE_MS unless a test wants it shorter. */
  deadlineMs?: number;
}

/** Settles with `work`, or fails with REMOTE_TIMEOUT once `ms` have passed; a later answer is ignored. */
function withDeadline<T>(work: Promise<T>, ms: number, area: AreaName): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AreaLoadError('REMOTE_TIMEOUT', area, `no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export interface SingleSpaLifecycles {
  bootstrap(props: Record<string, unknown>): Promise<void>;
  mount(props: Record<string, unknown>): Promise<void>;
  unmount(props: Record<string, unknown>): Promise<void>;
}

export function createAreaApplication(area: AreaName, deps: AreaApplicationDeps): SingleSpaLifecycles {
  const bootstrapped = new WeakSet<AreaLifecycles>();
  let container: HTMLElement | null = null;
  let mounted: { lifecycles: AreaLifecycles; props: Record<string, unknown> } | null = null;
  let removeOverlay: (() => void) | null = null;
  // Bumped on every unmount so a slow load that finishes after the user left does not mount into nothing.
  let generation = 0;

  function clearOverlay(): void {
    removeOverlay?.();
    removeOverlay = null;
  }

  async function attempt(spaProps: Record<string, unknown>, fresh: boolean, myGeneration: number): Promise<void> {
    if (!container) return;
    clearOverlay();
    const slot = document.createElement('div');
    slot.className = 'wgzj-area-slot';
    slot.dataset.area = area;
    if (deps.renderLoading) removeOverlay = deps.renderLoading(container, { area });

    let lifecycles: AreaLifecycles | null = null;
    let mountStarted = false;
    const props = { ...spaProps, ...deps.mountProps?.(area), domElement: slot, areaName: area };
    try {
      let overdue = false;
      const loading = (async () => {
        const loaded = await deps.loadArea(area, { fresh });
        if (!overdue && !bootstrapped.has(loaded)) {
          await loaded.bootstrap(props);
          bootstrapped.add(loaded);
        }
        return loaded;
      })();
      // Past the deadline this attempt is over: the panel is shown, and a late answer mounts nothing (only a retry does).
      lifecycles = await withDeadline(loading, deps.deadlineMs ?? REMOTE_DEADLINE_MS, area).catch((error: unknown) => {
        overdue = true;
        throw error;
      });
      if (myGeneration !== generation) return;
      clearOverlay();
      container.appendChild(slot);
      mountStarted = true;
      await lifecycles.mount(props);
      mounted = { lifecycles, props };
    } catch (error) {
      deps.onError?.(area, error);
      if (lifecycles && mountStarted) {
        // A half-mounted app may hold listeners or DOM; give it the chance to clean up.
        await lifecycles.unmount(props).catch(() => undefined);
      }
      slot.remove();
      if (myGeneration !== generation || !container) return;
      clearOverlay();
      removeOverlay = deps.renderFailure(container, {
        area,
        error,
        onRetry: () => attempt(spaProps, true, myGeneration),
      });
    }
  }

  return {
    async bootstrap() {
      // Nothing to do until the area is visited: loading it here would fetch every remote up front.
    },
    async mount(spaProps) {
      container = document.createElement('div');
      container.className = 'wgzj-area-container';
      container.dataset.area = area;
      deps.outlet().appendChild(container);
      await attempt(spaProps, false, generation);
    },
    async unmount() {
      generation += 1;
      const current = mounted;
      mounted = null;
      if (current) {
        try {
          await current.lifecycles.unmount(current.props);
        } catch (error) {
          deps.onError?.(area, error);
        }
      }
      clearOverlay();
      container?.remove();
      container = null;
    },
  };
}
