// The kit's door for text the database cannot store (a NUL byte, a lone surrogate): refused as a 400 naming the
// field — in the query, a form, a JSON body at any depth, an object key — before SQL sees it; a path holding one
// names nothing; other odd text (controls, direction marks, emoji) passes untouched.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createErrorHandler } from './errors.ts';
import { isStorableText, parseJson, parseQuery, refuseUnstorableText, unstorableTextPaths, validate } from './http.ts';
import { createLogger } from './logger.ts';
import type { ErrorBody } from '@wgzj/gateway/testing';

const LABELS = { title: { 'zh-CN': '计划名称', 'en-US': 'Plan title' }, 'experts.name': { 'zh-CN': '专家姓名', 'en-US': 'Expert name' } };
const body = z.object({ title: z.string(), experts: z.array(z.object({ name: z.string() })).optional(), content: z.record(z.string(), z.unknown()).optional() });

function app() {
  const a = new Hono();
  a.onError(createErrorHandler(createLogger('test', 'silent')));
  a.use('*', refuseUnstorableText());
  let reached = 0;
  a.get('/plans', (c) => {
    reached++;
    return c.json(parseQuery(c, z.object({ title: z.string().optional() }), LABELS));
  });
  a.get('/plans/:id', (c) => {
    reached++;
    return c.json({ id: c.req.param('id') });
  });
  a.post('/plans', async (c) => {
    reached++;
    return c.json(await parseJson(c, body, LABELS));
  });
  a.post('/raw', async (c) => {
    reached++;
    return c.json(await c.req.json());
  });
  a.post('/form', async (c) => {
    reached++;
    return c.json(await c.req.parseBody());
  });
  a.post('/ignored-form', async (c) => {
    reached++;
    const form = await c.req.parseBody().catch(() => ({}));
    return c.json(form);
  });
  return { app: a, reached: () => reached };
}

const errorOf = async (response: Response) => ((await response.json()) as ErrorBody).error;
const json = (value: unknown, locale = 'zh-CN') => ({ method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': locale }, body: JSON.stringify(value) });
const rawJson = (text: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: text });

describe('isStorableText and unstorableTextPaths', () => {
  it.each(['a\u0000b', '\u0000', 'a\ud800', '\udc00b', 'x\udfff\ud800'])('finds %j unstorable', (text) => {
    expect(isStorableText(text)).toBe(false);
  });

  it.each(['', 'plain', '控制\u0001字符\u001f', 'tab\tnew\nline', '\u202eRTL override', '👩‍🔬 emoji (a surrogate pair)', '\ufeffBOM', '%00 as written'])(
    'lets %j through: only what PostgreSQL refuses is refused here',
    (text) => {
      expect(isStorableText(text)).toBe(true);
    },
  );

  it('names every path, keys included, and survives any depth', () => {
    expect(unstorableTextPaths({ a: 'ok', b: ['x', 'y\u0000'], c: { d: { e: '\ud800' } }, 'k\u0000': 1 })).toEqual([['b', 1], ['c', 'd', 'e'], ['k\\u0000']]);
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableTextPaths(deep)[0]).toHaveLength(100_000);
  });
});

describe('validate', () => {
  it('refuses NUL anywhere before any rule, naming the field with its label in the caller’s language', () => {
    const refuse = (input: unknown, locale: 'zh-CN' | 'en-US') => {
      try {
        validate(body, input, locale, LABELS);
      } catch (error) {
        return error as { code: string; fields: Array<{ field: string; message: string }>; messageFor(l: string): string };
      }
      throw new Error('not refused');
    };
    const zh = refuse({ title: 'a\u0000b', experts: [{ name: 'x' }, { name: '\u0000' }] }, 'zh-CN');
    expect(zh.code).toBe('VALIDATION_FAILED');
    expect(zh.fields).toEqual([
      { field: 'experts.1.name', message: '专家姓名:不能包含空字符(U+0000)或不成对的 Unicode 代理字符' },
      { field: 'title', message: '计划名称:不能包含空字符(U+0000)或不成对的 Unicode 代理字符' },
    ]);
    expect(zh.messageFor('zh-CN')).toBe('专家姓名:不能包含空字符(U+0000)或不成对的 Unicode 代理字符');
    expect(refuse({ title: '\ud800' }, 'en-US').fields).toEqual([
      { field: 'title', message: 'Plan title: must not contain the NUL character (U+0000) or unpaired Unicode surrogates' },
    ]);
  });

  it('names a field without a label by its path', () => {
    expect(() => validate(body, { title: 'x', content: { 'note\u0000': 'y' } }, 'zh-CN', LABELS)).toThrow(
      expect.objectContaining({ fields: [{ field: 'content.note\\u0000', message: 'content.note\\u0000:不能包含空字符(U+0000)或不成对的 Unicode 代理字符' }] }),
    );
  });
});

describe('refuseUnstorableText in front of the routes', () => {
  it('refuses NUL in a query parameter before the route runs, naming it', async () => {
    const { app: a, reached } = app();
    for (const query of ['title=a%00b', 'other=%00', 'title=x&title=y%00', '%00=1']) {
      const response = await a.request(`/plans?${query}`, { headers: { 'accept-language': 'en-US' } });
      expect(response.status, query).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields?.[0]?.message).toMatch(/must not contain the NUL character/);
    }
    expect((await errorOf(await a.request('/plans?other=%00'))).fields?.[0]?.field).toBe('other');
    expect(reached()).toBe(0);
  });

  it('lets odd but storable text, and broken escapes, through to the route', async () => {
    const { app: a } = app();
    for (const query of ['title=%01%1F', 'title=%E2%80%AE', 'title=%ED%A0%80', 'title=%C0%80', 'title=%', 'title=%zz']) {
      expect((await a.request(`/plans?${query}`)).status, query).toBe(200);
    }
  });

  it('answers a path holding NUL as naming nothing', async () => {
    const { app: a, reached } = app();
    expect((await a.request('/plans/a%00b')).status).toBe(404);
    expect(reached()).toBe(0);
  });

  it('refuses NUL in a JSON body with the route’s labels, and in an object key', async () => {
    const { app: a } = app();
    const response = await a.request('/plans', json({ title: 'a\u0000b' }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).fields).toEqual([{ field: 'title', message: '计划名称:不能包含空字符(U+0000)或不成对的 Unicode 代理字符' }]);
    const key = await errorOf(await a.request('/plans', json({ title: 'x', content: { 'k\u0000': 1 } })));
    expect(key.fields?.[0]?.field).toBe('content.k\\u0000');
    const surrogate = await a.request('/plans', rawJson('{"title":"a\\ud800b"}'));
    expect(surrogate.status).toBe(400);
  });

  it('refuses it for a route that reads the body without the kit’s parseJson, naming the path', async () => {
    const { app: a } = app();
    const error = await errorOf(await a.request('/raw', json({ list: [{ deep: ['ok', 'no\u0000'] }] })));
    expect(error.fields?.[0]?.field).toBe('list.0.deep.1');
  });

  it('keeps a body that is not JSON the route’s to refuse', async () => {
    const { app: a } = app();
    const response = await a.request('/plans', rawJson('{"title":'));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('BAD_JSON');
  });

  it('refuses NUL in a small form at the door, even for a route that would ignore a refused form', async () => {
    const { app: a, reached } = app();
    const form = 'username=zhang%00wei&password=x';
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(form.length) };
    for (const path of ['/form', '/ignored-form']) {
      const response = await a.request(path, { method: 'POST', headers, body: form });
      expect(response.status, path).toBe(400);
      expect((await errorOf(response)).fields?.[0]?.field).toBe('username');
    }
    expect(reached()).toBe(0);
  });

  it('refuses NUL in a form of unknown length when the route reads it', async () => {
    const { app: a } = app();
    const response = await a.request('/form', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'note=a%00' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).fields?.[0]?.field).toBe('note');
    const fine = await a.request('/form', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'note=%E2%80%AE' });
    expect(await fine.json()).toEqual({ note: '\u202e' });
  });
});
