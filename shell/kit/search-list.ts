// A searched, server-paged list, as every list screen has one: the search form being typed, the search last
// applied (查询), the page, and the API's `{ items, total }`. Screens render it with SearchPanel and SearchListPager.
import { reactive, ref, shallowRef, toRaw, type Ref, type UnwrapNestedRefs } from 'vue';
import { useApiList } from './use-api-list.ts';

/** The API's `limit`/`offset` for a 1-based page. */
export function pageQuery(page: number, pageSize: number): { limit: number; offset: number } {
  const size = Math.max(1, Math.floor(pageSize));
  return { limit: size, offset: Math.max(0, Math.floor(page) - 1) * size };
}

/** A search form's values as query parameters: trimmed, empty ones left out. */
export function searchQuery<T extends object>(filter: T): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (typeof value === 'string' && value.trim()) out[key] = value.trim();
  }
  return out;
}

export interface SearchListOptions<F extends object> {
  /** A blank search form (also what 重置 restores). */
  emptyFilter: () => F;
  /** The applied search as query parameters; by default its non-empty strings, trimmed. */
  toQuery?: (filter: F) => Record<string, string | number | undefined>;
  /** `POST` sends the search as a JSON body instead of a query string: for terms that must stay out of URLs. */
  method?: 'GET' | 'POST';
  /** Rows per page at first, and the sizes offered. */
  pageSize?: number;
  pageSizes?: number[];
}

export function useSearchList<T, F extends object>(path: string, options: SearchListOptions<F>) {
  const toQuery = options.toQuery ?? searchQuery;
  const form = reactive(options.emptyFilter()) as UnwrapNestedRefs<F>;
  const applied = shallowRef<F>(options.emptyFilter());
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? 10);
  const pageSizes = options.pageSizes ?? [10, 20, 50];
  const list = useApiList<T>(path, () => ({ ...toQuery(applied.value), ...pageQuery(page.value, pageSize.value) }), {
    method: options.method ?? 'GET',
  });

  /** 查询: applies a copy of the form (later typing does not change the search) and goes to page 1. */
  function search(): void {
    applied.value = structuredClone(toRaw(form)) as F;
    page.value = 1;
    void list.reload();
  }
  /** 重置: a blank form, searched. */
  function reset(): void {
    Object.assign(form, options.emptyFilter());
    search();
  }
  function goTo(target: number): void {
    if (target === page.value) return;
    page.value = target;
    void list.reload();
  }
  /** A new page size starts again at page 1. */
  function resize(size: number): void {
    pageSize.value = size;
    page.value = 1;
    void list.reload();
  }

  /** The number of a table row across pages (the table's 序号 column). */
  const rowNumber = (index: number): number => (page.value - 1) * pageSize.value + index + 1;

  return { ...list, form, applied: applied as Readonly<Ref<F>>, page, pageSize, pageSizes, search, reset, goTo, resize, rowNumber };
}

export type SearchList<T = unknown, F extends object = object> = ReturnType<typeof useSearchList<T, F>>;
