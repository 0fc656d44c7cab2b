// Fills the home store; called once at start (the header badge needs the count on every page) and on demand.
import { api, errorMessageOf, kitPinia, type ListResponse } from '@wgzj/shell/kit';
import { useHomeStore, type NoticeSummary } from './home-store.ts';
import { loadTodos, type AreaTodoResponse } from './todo.ts';

export async function loadTodoIntoStore(): Promise<void> {
  const store = useHomeStore(kitPinia);
  store.todoLoading = true;
  try {
    store.todo = await loadTodos((path) => api.get<AreaTodoResponse>(path));
  } finally {
    store.todoLoading = false;
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
