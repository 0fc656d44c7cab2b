// The plan page, once shown, marks the caller's news about the plan (站内消息) read: a POST of its own, since opening
// the plan is a GET and a GET changes nothing.
import type { ApiRequest } from '@wgzj/shell/kit';
import { planUrl } from './plan-paths.ts';

export interface NewsKit {
  apiFetch: <T>(path: string, request?: ApiRequest) => Promise<T>;
  refreshToDo: () => void;
}

/**
 * 待办 is told only when something was read. A failure costs nothing but a message still waiting until the next
 * opening, so it is not shown to the person.
 */
export async function markNewsRead(planId: string, kit: NewsKit): Promise<void> {
  try {
    const { read } = await kit.apiFetch<{ read: number }>(`${planUrl(planId)}/notifications/read`, { method: 'POST', readOnly: true });
    if (read > 0) kit.refreshToDo();
  } catch {
    // The news stays in 待办.
  }
}
