// @vitest-environment happy-dom
// The header's 待办 count follows what the user does: a change through any kit API client, a navigation, coming back
// to the window. Before, it was read once at start and stayed stale after approving a plan.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, refreshToDo } from '../../kit/api.ts';
import { keepTodoFresh } from './todo-refresh.ts';

const settle = (ms = 40) => new Promise((r) => setTimeout(r, ms));
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

function watch() {
  const reload = vi.fn(async () => {});
  stop = keepTodoFresh({ reload, delayMs: 10 });
  return reload;
}

function pageClient(status: number) {
  return createApiClient({
    fetch: (async () => new Response(status === 204 ? null : JSON.stringify({ ok: status < 400 }), { status })) as unknown as typeof fetch,
    csrfToken: () => 'csrf',
    onUnauthorized: () => undefined,
  }).api;
}

describe('keepTodoFresh', () => {
  it('reads the to-do again after a successful change through a kit client (e.g. approving a plan)', async () => {
    const reload = watch();
    await pageClient(200).post('/api/projects/plans/1/actions', { action: 'approve' });
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does not after a GET or a refused change', async () => {
    const reload = watch();
    await pageClient(200).get('/api/projects/plans');
    await pageClient(409).post('/api/projects/plans/1/actions', {}).catch(() => undefined);
    await settle();
    expect(reload).not.toHaveBeenCalled();
  });

  it('reads it again when an area asks (refreshToDo), after a navigation and when the window regains focus', async () => {
    const reload = watch();
    refreshToDo();
    await settle();
    window.dispatchEvent(new Event('single-spa:routing-event'));
    await settle();
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(reload).toHaveBeenCalledTimes(3);
  });

  it('makes one read of a burst of changes (a bulk review)', async () => {
    const reload = watch();
    const api = pageClient(204);
    await Promise.all([1, 2, 3, 4, 5].map((n) => api.delete(`/api/projects/plans/${n}`)));
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reads once more when a change lands while a read is on its way, so the newest count wins', async () => {
    let finish!: () => void;
    const reload = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    stop = keepTodoFresh({ reload, delayMs: 5 });
    refreshToDo();
    await settle(20);
    expect(reload).toHaveBeenCalledTimes(1);
    refreshToDo();
    await settle(20);
    expect(reload).toHaveBeenCalledTimes(1); // not two reads at once
    finish();
    await settle(20);
    expect(reload).toHaveBeenCalledTimes(2);
    finish();
  });

  it('keeps going after a failed read', async () => {
    const reload = vi.fn().mockRejectedValueOnce(new Error('502')).mockResolvedValue(undefined);
    stop = keepTodoFresh({ reload, delayMs: 5 });
    refreshToDo();
    await settle();
    refreshToDo();
    await settle();
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('stops listening when asked', async () => {
    const reload = watch();
    stop!();
    stop = null;
    refreshToDo();
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(reload).not.toHaveBeenCalled();
  });
});
