// Keeps the header's 待办 badge (and the home card) current: it is read again after the user changed something
// through the kit's API client, after a navigation, and when the window regains focus — never only once at start.
// The kit's api.ts itself (a constant, no state), not the kit's index, which brings Vue components with it.
import { DATA_CHANGED_EVENT } from '../../kit/api.ts';

export interface TodoRefreshOptions {
  reload: () => Promise<void>;
  target?: Window;
  /** Events closer together than this make one reload (a bulk review fires one change per plan). */
  delayMs?: number;
}

/** Starts listening; returns how to stop. */
export function keepTodoFresh({ reload, target = window, delayMs = 250 }: TodoRefreshOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let again = false;

  async function run(): Promise<void> {
    if (running) {
      // A reload already on its way may have read before this change: read once more after it, so the last answer wins.
      again = true;
      return;
    }
    running = true;
    try {
      await reload();
    } catch {
      // The badge keeps its last count; the next event tries again.
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      await run();
    }
  }

  function soon(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, delayMs);
  }
  function whenVisible(): void {
    if (target.document.visibilityState === 'visible') soon();
  }

  const events: Array<[string, () => void]> = [
    [DATA_CHANGED_EVENT, soon],
    ['single-spa:routing-event', soon],
    ['focus', soon],
  ];
  for (const [name, handler] of events) target.addEventListener(name, handler);
  target.document.addEventListener('visibilitychange', whenVisible);
  return () => {
    for (const [name, handler] of events) target.removeEventListener(name, handler);
    target.document.removeEventListener('visibilitychange', whenVisible);
    if (timer) clearTimeout(timer);
  };
}
