// Rows paged in the browser: one page of what the screen holds, numbered across pages, the pager's moves as a v-model.
import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { usePagedRows } from './paged-rows.ts';

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('usePagedRows', () => {
  it('shows the first page of ten, and counts every row for the pager', () => {
    const pages = usePagedRows(ref(numbers(23)));
    expect(pages.rows.value).toEqual(numbers(10));
    expect(pages.total.value).toBe(23);
    expect(pages.pageSizes).toEqual([10, 20, 50]);
  });

  it('goes to a page and numbers its rows across pages', () => {
    const pages = usePagedRows(ref(numbers(23)));
    pages.goTo(3);
    expect(pages.rows.value).toEqual([21, 22, 23]);
    expect(pages.rowNumber(0)).toBe(21);
  });

  it('keeps the page when the size changes, as the pager itself moves it back past the end', () => {
    const pages = usePagedRows(ref(numbers(60)));
    pages.goTo(2);
    pages.resize(20);
    expect(pages.page.value).toBe(2);
    expect(pages.rows.value).toEqual(numbers(40).slice(20));
  });

  it('follows the rows it is given (a new search)', () => {
    const all = ref(numbers(5));
    const pages = usePagedRows(all, { pageSize: 2, pageSizes: [2, 4] });
    expect(pages.rows.value).toEqual([1, 2]);
    all.value = [7, 8, 9];
    expect(pages.rows.value).toEqual([7, 8]);
    expect(pages.total.value).toBe(3);
  });
});
