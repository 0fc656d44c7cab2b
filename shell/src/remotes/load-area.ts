// Each area's single-spa application is this wrapper: it loads the remote on mount and, when loading or
// mounting fails, shows the 模块暂时不可用 panel in that area's place (single-spa never sees an error, so the
// application never becomes SKIP_BECAUSE_BROKEN and a retry can still mount the real app without a reload).
import type { AreaName } from '../areas.ts';
import type { AreaLifecycles, LoadArea } from './registry.ts';

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
      lifecycles = await deps.loadArea(area, { fresh });
      if (myGeneration !== generation) return;
      if (!bootstrapped.has(lifecycles)) {
        await lifecycles.bootstrap(props);
        bootstrapped.add(lifecycles);
      }
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
