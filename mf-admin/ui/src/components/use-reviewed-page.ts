// The page of one reviewed object (a unit, a user), the same for every kind: load it, send a change and show the
// page the server answers, fire a review action with the version on screen, and reload when the server says
// someone acted first (409). A page adds its own form through `onShow` and its field messages through `onRefused`.
import { ref, shallowRef, watch } from 'vue';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api, showApiError } from '@wgzj/shell/kit';
import { isStaleError } from './form-feedback.ts';

export interface ReviewedPageHooks<P> {
  /** Called with every page the server answers (after loading, saving or an action). */
  onShow?: (page: P) => void;
  /** Called with a refusal other than 409, after its message was shown. */
  onRefused?: (error: unknown) => void;
}

export function useReviewedPage<P extends { version: number }>(path: () => string, hooks: ReviewedPageHooks<P> = {}) {
  const page = shallowRef<P | null>(null);
  const loadError = shallowRef<unknown>(null);
  const loading = ref(false);
  const busy = ref(false);

  function show(next: P): void {
    page.value = next;
    hooks.onShow?.(next);
  }

  async function load(): Promise<void> {
    loading.value = true;
    try {
      show(await api.get<P>(path()));
      loadError.value = null;
    } catch (error) {
      loadError.value = error;
      showApiError(error);
    } finally {
      loading.value = false;
    }
  }
  watch(path, load, { immediate: true });

  /** Sends a change and shows the page it answers; null when refused (message shown, a 409 reloads). */
  async function send(request: () => Promise<P>, done?: string): Promise<P | null> {
    busy.value = true;
    try {
      const next = await request();
      show(next);
      if (done) ElMessage.success(done);
      return next;
    } catch (error) {
      showApiError(error);
      if (isStaleError(error)) void load();
      else hooks.onRefused?.(error);
      return null;
    } finally {
      busy.value = false;
    }
  }

  /** A review-flow action (POST …/transitions) with the version this person saw. */
  async function fire(action: string, done: string, reason?: string): Promise<P | null> {
    const current = page.value;
    if (!current) return null;
    const body = { action, version: current.version, ...(reason ? { reason } : {}) };
    return send(() => api.post<P>(`${path()}/transitions`, body), done);
  }

  return { page, loadError, loading, busy, load, send, fire };
}

/** A warning dialog; true when the person confirmed. */
export async function confirmed(message: string, labels: { title: string; ok: string; cancel: string }): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, labels.title, { type: 'warning', confirmButtonText: labels.ok, cancelButtonText: labels.cancel });
    return true;
  } catch {
    return false;
  }
}
