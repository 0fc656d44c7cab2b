// The home page's 待办: each area answers GET /api/<area>/todo; one failing area must not hide the others.
import { AREAS, type AreaName } from '../areas.ts';

export interface AreaTodoResponse {
  count: number;
  items: Array<{ title: string; link: string; createdAt: string }>;
}

export interface TodoItem {
  area: AreaName;
  title: string;
  link: string;
  createdAt: string;
}

export interface TodoSummary {
  count: number;
  items: TodoItem[];
  /** Areas whose to-do could not be read; the card names them and shows the rest. */
  failedAreas: AreaName[];
}

export async function loadTodos(
  get: (path: string) => Promise<AreaTodoResponse>,
  areas: readonly AreaName[] = AREAS,
): Promise<TodoSummary> {
  const results = await Promise.allSettled(areas.map((area) => get(`/api/${area}/todo`)));
  const summary: TodoSummary = { count: 0, items: [], failedAreas: [] };
  results.forEach((result, index) => {
    const area = areas[index]!;
    if (result.status === 'rejected' || !result.value) {
      summary.failedAreas.push(area);
      return;
    }
    const items = Array.isArray(result.value.items) ? result.value.items : [];
    summary.count += typeof result.value.count === 'number' ? result.value.count : items.length;
    for (const item of items) summary.items.push({ area, ...item });
  });
  summary.items.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return summary;
}
