// A list of requests the server lets the reader decide (认领申请, 更正申请): one decision at a time (`busy` names the
// request), the list read again after it, and also when someone else decided first. The refusal (不同意, 不通过)
// needs a reason the other side will read: asked in a small dialog, checked before sending.
import { ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { api, showApiError } from '@wgzj/shell/kit';
import { isStale } from './form-feedback.ts';

export interface DecisionOptions<T, A extends string> {
  /** Where a request's decisions are posted. */
  transitionUrl: (request: T) => string;
  /** The message key shown once an action went through. */
  doneKey: (action: A) => string;
  reload: () => Promise<void>;
  /** The action that needs a reason, and the message key when it is left empty. */
  refusal: { action: A; requiredKey: string };
}

export function useDecisions<T extends { id: string; version: number }, A extends string>(options: DecisionOptions<T, A>) {
  const { t } = useI18n();
  const busy = ref<string | null>(null);

  async function transition(request: T, action: A, reason?: string): Promise<boolean> {
    busy.value = request.id;
    try {
      await api.post(options.transitionUrl(request), { action, version: request.version, ...(reason ? { reason } : {}) });
      ElMessage.success(t(options.doneKey(action)));
      await options.reload();
      return true;
    } catch (error) {
      showApiError(error);
      // Someone else decided first: show the list as it is now.
      if (isStale(error)) await options.reload();
      return false;
    } finally {
      busy.value = null;
    }
  }

  const refusing = shallowRef<T | null>(null);
  const reason = ref('');
  const reasonError = ref('');
  function openRefusal(request: T): void {
    refusing.value = request;
    reason.value = '';
    reasonError.value = '';
  }
  async function confirmRefusal(): Promise<void> {
    const request = refusing.value;
    if (!request) return;
    if (!reason.value.trim()) {
      reasonError.value = t(options.refusal.requiredKey);
      return;
    }
    if (await transition(request, options.refusal.action, reason.value.trim())) refusing.value = null;
  }

  return { busy, transition, refusing, reason, reasonError, openRefusal, confirmRefusal };
}
