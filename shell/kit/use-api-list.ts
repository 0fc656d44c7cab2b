// Loads a `{ items, total }` list from an API, and shows the server's (already localized) error message on failure.
import { onMounted, ref, shallowRef, type Ref } from 'vue';
import { ElMessage } from 'element-plus';
import { ApiError } from './api.ts';
import { api } from './install.ts';
import { translate } from './i18n.ts';

export interface ListResponse<T> {
  items: T[];
  total: number;
}

export function errorMessageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return translate('errors.network');
}

export function showApiError(error: unknown): void {
  // A 401 is already on its way to the sign-in page.
  if (error instanceof ApiError && error.status === 401) return;
  ElMessage.error({ message: errorMessageOf(error), grouping: true });
}

export interface ApiListOptions {
  /** `POST`: the query goes as a JSON body (api.search), for terms that must not be in a URL. `GET` by default. */
  method?: 'GET' | 'POST';
}

/** A body with the empty conditions left out, as the query string would leave them out. */
function withoutEmpty(query: Record<string, string | number | undefined>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string | number>;
}

export function useApiList<T>(path: string, query?: () => Record<string, string | number | undefined>, options: ApiListOptions = {}) {
  const items = shallowRef<T[]>([]) as Ref<T[]>;
  const total = ref(0);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);

  async function reload(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const data =
        options.method === 'POST'
          ? await api.search<ListResponse<T>>(path, withoutEmpty(query?.() ?? {}))
          : await api.get<ListResponse<T>>(path, { query: query?.() });
      items.value = Array.isArray(data?.items) ? data.items : [];
      total.value = typeof data?.total === 'number' ? data.total : items.value.length;
    } catch (e) {
      error.value = e;
      showApiError(e);
    } finally {
      loading.value = false;
    }
  }

  onMounted(reload);
  return { items, total, loading, error, reload };
}
