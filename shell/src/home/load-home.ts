// Fills the home store: at start (the header badge needs the count on every page), then whenever todo-refresh.ts asks.
import { api, errorMessageOf, kitPinia, type ListResponse } from '@wgzj/shell/kit';
import { useHomeStore, type NoticeSummary } from './home-store.ts';
import { loadTodos, type AreaTodoResponse } from './todo.ts';

/** `quiet`: a refresh in the background keeps showing the last answer instead of a loading mask. */
export async function loadTodoIntoStore(options: { quiet?: boolean } = {}): Promise<void> {
  const store = useHomeStore(kitPinia);
  const masked = !(options.quiet && store.todo);
  if (masked) store.todoLoading = true;
  try {
    store.todo = await loadTodos((path) => api.get<AreaTodoResponse>(path));
  } finally {
    if (masked) store.todoLoading = false;
  }
}

export async function loadNoticesIntoStore(): Promise<void> {
  const store = useHomeStore(kitPinia);
  store.noticesLoading = true;
  store.noticesError = '';
  try {
    const data = await api.get<ListResponse<NoticeSummary>>('/api/admin/notices', { query: { limit: 5 } });
    store.notices = (data?.items ?? []).slice(0, 5);
  } catch (error) {
    store.noticesError = errorMessageOf(error);
  } finally {
    store.noticesLoading = false;
  }
}
