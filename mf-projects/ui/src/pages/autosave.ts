// The editor's autosave: a change waits ~1.5 s for the next one, then the plan is saved once; saves never overlap
// (the server wants the version the previous save returned), and nothing is sent when nothing changed.
// Free of Vue, so its timing is tested with fake timers.

export interface AutosaveOptions {
  delayMs: number;
  /** What would be saved now, as a string: equal strings mean nothing changed. */
  fingerprint: () => string;
  /** Saves what is there now; false when the save failed (the caller shows why). */
  send: () => Promise<boolean>;
  /**
   * Nothing needed sending: what is on screen is what was last saved (e.g. a refused value typed back to what it
   * was), so a failure shown since is over.
   */
  unchanged?: () => void;
}

export interface Autosave {
  /** A change was made: save after the delay, unless another change comes first. */
  schedule(): void;
  /** Saves now (waiting for a save in flight first). True when what is on screen is saved. */
  flush(options?: { force?: boolean }): Promise<boolean>;
  /** What is on screen is what the server has (after loading). */
  markSaved(): void;
  /** Stops saving for good (a stale plan must be reloaded first). */
  stop(): void;
  readonly pending: boolean;
}

export function createAutosave(options: AutosaveOptions): Autosave {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSaved: string | null = null;
  let inFlight: Promise<boolean> | null = null;
  let stopped = false;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  async function run(force: boolean): Promise<boolean> {
    const fingerprint = options.fingerprint();
    if (!force && fingerprint === lastSaved) {
      options.unchanged?.();
      return true;
    }
    const ok = await options.send();
    if (ok) lastSaved = fingerprint;
    return ok;
  }

  async function flush({ force = false } = {}): Promise<boolean> {
    clear();
    if (stopped) return false;
    while (inFlight) await inFlight.catch(() => false);
    if (stopped) return false;
    const current = run(force);
    inFlight = current;
    try {
      return await current;
    } catch {
      return false;
    } finally {
      if (inFlight === current) inFlight = null;
    }
  }

  return {
    schedule() {
      if (stopped) return;
      clear();
      timer = setTimeout(() => {
        timer = null;
        void flush();
      }, options.delayMs);
    },
    flush,
    markSaved() {
      lastSaved = options.fingerprint();
    },
    stop() {
      stopped = true;
      clear();
    },
    get pending() {
      return timer !== null || inFlight !== null;
    },
  };
}
