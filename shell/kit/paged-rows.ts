// A list paged in the browser: the screen holds every row (already filtered) and shows one page of them, with the
// same pager as a server-paged search list (SearchListPager reads either).
import { computed, ref, type Ref } from 'vue';

/** What a pager under a table reads and calls: a server-paged SearchList and browser-paged rows both are one. */
export interface Pager {
  page: Ref<number>;
  pageSize: Ref<number>;
  pageSizes: number[];
  total: Readonly<Ref<number>>;
  goTo: (page: number) => void;
  resize: (size: number) => void;
}

export function usePagedRows<T>(all: Readonly<Ref<readonly T[]>>, options: { pageSize?: number; pageSizes?: number[] } = {}) {
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? 10);
  const pageSizes = options.pageSizes ?? [10, 20, 50];
  const total = computed(() => all.value.length);
  const rows = computed(() => all.value.slice((page.value - 1) * pageSize.value, page.value * pageSize.value));
  // As a v-model on the pager: a new size keeps the page (the pager itself moves it back when it runs past the end).
  const goTo = (target: number): void => {
    page.value = target;
  };
  const resize = (size: number): void => {
    pageSize.value = size;
  };
  /** The number of a table row across pages (the table's 序号 column). */
  const rowNumber = (index: number): number => (page.value - 1) * pageSize.value + index + 1;
  return { page, pageSize, pageSizes, total, rows, goTo, resize, rowNumber };
}

export type PagedRows<T = unknown> = ReturnType<typeof usePagedRows<T>>;
