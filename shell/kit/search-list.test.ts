// @vitest-environment happy-dom
// A search list against a fake API: what it asks for when the person searches, resets and pages.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import { pageQuery, searchQuery, useSearchList, type SearchList } from './search-list.ts';

interface Filter {
  name: string;
  days: [string, string] | null;
}

const requests: URL[] = [];
afterEach(() => {
  requests.length = 0;
  vi.unstubAllGlobals();
});

async function mounted(options: Partial<Parameters<typeof useSearchList<{ id: number }, Filter>>[1]> = {}) {
  vi.stubGlobal('fetch', async (input: string) => {
    requests.push(new URL(input, 'http://localhost'));
    return new Response(JSON.stringify({ items: [{ id: 1 }], total: 95 }), { headers: { 'content-type': 'application/json' } });
  });
  let list!: SearchList<{ id: number }, Filter>;
  mount(
    defineComponent({
      setup() {
        list = useSearchList<{ id: number }, Filter>('/api/things', {
          emptyFilter: () => ({ name: '', days: null }),
          toQuery: (f) => ({ ...searchQuery({ name: f.name }), from: f.days?.[0], to: f.days?.[1] }),
          ...options,
        });
        return () => h('div');
      },
    }),
  );
  await vi.waitFor(() => expect(requests).toHaveLength(1));
  return list;
}

const last = () => Object.fromEntries(requests.at(-1)!.searchParams);
const settle = () => vi.waitFor(() => nextTick());

describe('pageQuery and searchQuery', () => {
  it('turns pages into limit/offset and leaves empty search conditions out', () => {
    expect(pageQuery(1, 10)).toEqual({ limit: 10, offset: 0 });
    expect(pageQuery(3, 20)).toEqual({ limit: 20, offset: 40 });
    expect(pageQuery(0, 0)).toEqual({ limit: 1, offset: 0 });
    expect(searchQuery({ name: ' 北京 ', kind: '', province: '110000' })).toEqual({ name: '北京', province: '110000' });
  });
});

describe('useSearchList', () => {
  it('loads the first page on mount, and the total the API gave', async () => {
    const list = await mounted();
    expect(last()).toEqual({ limit: '10', offset: '0' });
    await settle();
    expect(list.total.value).toBe(95);
  });

  it('searches with a copy of the form: typing afterwards changes nothing until 查询 again', async () => {
    const list = await mounted();
    list.goTo(3);
    list.form.name = ' 北京 ';
    list.form.days = ['2026-01-01', '2026-01-31'];
    list.search();
    expect(last()).toEqual({ name: '北京', from: '2026-01-01', to: '2026-01-31', limit: '10', offset: '0' });
    list.form.days![1] = '2026-12-31';
    list.goTo(2);
    expect(last()).toEqual({ name: '北京', from: '2026-01-01', to: '2026-01-31', limit: '10', offset: '10' });
  });

  it('resets to a blank search, and a new page size starts again at page 1', async () => {
    const list = await mounted({ pageSize: 20, pageSizes: [20, 50] });
    list.form.name = 'x';
    list.search();
    list.goTo(4);
    expect(last()).toMatchObject({ limit: '20', offset: '60' });
    expect(list.rowNumber(0)).toBe(61);
    list.resize(50);
    expect(last()).toEqual({ name: 'x', limit: '50', offset: '0' });
    list.reset();
    expect(list.form.name).toBe('');
    expect(last()).toEqual({ limit: '50', offset: '0' });
  });

  it('does not ask again when the pager reports the page it is already on', async () => {
    const list = await mounted();
    list.goTo(1);
    expect(requests).toHaveLength(1);
  });
});

describe('useSearchList with method POST', () => {
  it('sends the search and the page as a JSON body, never in the URL, and does not refresh 待办', async () => {
    const posted: Array<{ url: URL; method: string; body: unknown }> = [];
    const changed = vi.fn();
    globalThis.addEventListener?.('wgzj:data-changed', changed);
    vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
      posted.push({ url: new URL(input, 'http://localhost'), method: String(init.method), body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify({ items: [], total: 0 }), { headers: { 'content-type': 'application/json' } });
    });
    let list!: SearchList<{ id: number }, { mobile: string; name: string }>;
    mount(
      defineComponent({
        setup() {
          list = useSearchList<{ id: number }, { mobile: string; name: string }>('/api/admin/accounts/search', {
            emptyFilter: () => ({ mobile: '', name: '' }),
            method: 'POST',
          });
          return () => h('div');
        },
      }),
    );
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ method: 'POST', body: { limit: 10, offset: 0 } });
    list.form.mobile = '13910000002';
    list.search();
    await vi.waitFor(() => expect(posted).toHaveLength(2));
    expect(posted[1]!.body).toEqual({ mobile: '13910000002', limit: 10, offset: 0 });
    expect(posted.every((p) => p.url.search === '' && p.url.pathname === '/api/admin/accounts/search')).toBe(true);
    expect(changed).not.toHaveBeenCalled();
    globalThis.removeEventListener?.('wgzj:data-changed', changed);
  });
});
