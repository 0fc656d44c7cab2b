import { describe, expect, it, vi } from 'vitest';
import { markNewsRead, type NewsKit } from './plan-news.ts';

function kit(answer: () => Promise<unknown>) {
  const apiFetch = vi.fn(answer);
  const refreshToDo = vi.fn();
  return { kit: { apiFetch, refreshToDo } as unknown as NewsKit, apiFetch, refreshToDo };
}

describe('marking a plan’s news read when its page is shown', () => {
  it('posts to the plan’s own route, as a request that does not itself refresh 待办', async () => {
    const k = kit(async () => ({ read: 0 }));
    await markNewsRead('p 1', k.kit);
    expect(k.apiFetch).toHaveBeenCalledExactlyOnceWith('/api/projects/plans/p%201/notifications/read', { method: 'POST', readOnly: true });
  });

  it('refreshes 待办 when news was read, and not when there was none', async () => {
    const some = kit(async () => ({ read: 2 }));
    await markNewsRead('1', some.kit);
    expect(some.refreshToDo).toHaveBeenCalledTimes(1);
    const none = kit(async () => ({ read: 0 }));
    await markNewsRead('1', none.kit);
    expect(none.refreshToDo).not.toHaveBeenCalled();
  });

  it('says nothing when the post fails: the news waits for the next opening', async () => {
    const k = kit(async () => {
      throw new Error('network');
    });
    await expect(markNewsRead('1', k.kit)).resolves.toBeUndefined();
    expect(k.refreshToDo).not.toHaveBeenCalled();
  });
});
