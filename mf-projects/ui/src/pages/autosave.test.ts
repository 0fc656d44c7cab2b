import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave } from './autosave.ts';

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(result: () => Promise<boolean> = async () => true) {
    const state = { value: 'a' };
    const sent: string[] = [];
    const autosave = createAutosave({
      delayMs: 1500,
      fingerprint: () => state.value,
      send: async () => {
        sent.push(state.value);
        return result();
      },
    });
    autosave.markSaved();
    return { state, sent, autosave };
  }

  it('waits for typing to pause, then saves once', async () => {
    const { state, sent, autosave } = setup();
    state.value = 'ab';
    autosave.schedule();
    await vi.advanceTimersByTimeAsync(1000);
    state.value = 'abc';
    autosave.schedule();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(600);
    expect(sent).toEqual(['abc']);
  });

  it('sends nothing when nothing changed since the last save, unless forced', async () => {
    const { sent, autosave } = setup();
    autosave.schedule();
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toEqual([]);
    expect(await autosave.flush()).toBe(true);
    expect(sent).toEqual([]);
    expect(await autosave.flush({ force: true })).toBe(true);
    expect(sent).toEqual(['a']);
  });

  it('never overlaps two saves: a change during a save is saved after it', async () => {
    let release!: (ok: boolean) => void;
    let calls = 0;
    const { state, sent, autosave } = setup(() => {
      calls++;
      return calls === 1 ? new Promise<boolean>((r) => (release = r)) : Promise.resolve(true);
    });
    state.value = 'b';
    const first = autosave.flush();
    state.value = 'c';
    const second = autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['b']);
    release(true);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(sent).toEqual(['b', 'c']);
  });

  it('tries again after a failed save (the change is still unsaved)', async () => {
    let ok = false;
    const { state, sent, autosave } = setup(async () => ok);
    state.value = 'b';
    expect(await autosave.flush()).toBe(false);
    ok = true;
    expect(await autosave.flush()).toBe(true);
    expect(sent).toEqual(['b', 'b']);
    expect(await autosave.flush()).toBe(true);
    expect(sent).toHaveLength(2);
  });

  it('stops for good once stopped (a stale plan must be reloaded)', async () => {
    const { state, sent, autosave } = setup();
    state.value = 'b';
    autosave.schedule();
    expect(autosave.pending).toBe(true);
    autosave.stop();
    expect(autosave.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await autosave.flush({ force: true })).toBe(false);
    expect(sent).toEqual([]);
  });

  it('treats a thrown save as failed', async () => {
    const { state, autosave } = setup(async () => {
      throw new Error('boom');
    });
    state.value = 'b';
    expect(await autosave.flush()).toBe(false);
  });

  it('says a refused change is over once the value is typed back to what was saved, without sending it again', async () => {
    const results = [false];
    const state = { value: 'saved' };
    const sent: string[] = [];
    let over = 0;
    const autosave = createAutosave({
      delayMs: 1500,
      fingerprint: () => state.value,
      send: async () => {
        sent.push(state.value);
        return results.shift() ?? true;
      },
      unchanged: () => over++,
    });
    autosave.markSaved();
    state.value = '-50';
    autosave.schedule();
    await vi.advanceTimersByTimeAsync(1600);
    expect(sent).toEqual(['-50']);
    state.value = 'saved';
    autosave.schedule();
    await vi.advanceTimersByTimeAsync(1600);
    expect(sent).toEqual(['-50']);
    expect(over).toBe(1);
  });
});
