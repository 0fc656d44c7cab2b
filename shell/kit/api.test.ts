import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, signInUrl } from './api.ts';

function client(response: Response | Error) {
  const fetchImpl = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  const onUnauthorized = vi.fn();
  const { apiFetch, api } = createApiClient({
    fetch: fetchImpl as unknown as typeof fetch,
    csrfToken: () => 'csrf-123',
    onUnauthorized,
  });
  const sent = () => fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
  return { apiFetch, api, fetchImpl, onUnauthorized, sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('api client', () => {
  it('sends the CSRF token on unsafe methods, with same-origin credentials and a JSON body', async () => {
    const c = client(json({ ok: true }));
    await c.api.post('/api/projects/plans', { title: '新报计划' });
    const [url, init] = c.sent();
    expect(url).toBe('/api/projects/plans');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-123');
    expect(init.body).toBe(JSON.stringify({ title: '新报计划' }));
  });

  it.each(['PUT', 'PATCH', 'DELETE'] as const)('sends the CSRF token on %s', async (method) => {
    const c = client(new Response(null, { status: 204 }));
    await c.apiFetch('/api/admin/units/1', { method });
    expect((c.sent()[1].headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-123');
  });

  it('asks for answers in the language chosen in the UI', async () => {
    const fetchImpl = vi.fn(async () => json({}));
    let locale = 'en-US';
    const { api } = createApiClient({ fetch: fetchImpl as unknown as typeof fetch, csrfToken: () => 'c', onUnauthorized: () => {}, locale: () => locale });
    await api.get('/api/projects/plans/1');
    locale = 'zh-CN';
    await api.post('/api/projects/plans', {});
    const sentLanguages = (fetchImpl.mock.calls as unknown as Array<[string, RequestInit]>).map(([, init]) => (init.headers as Record<string, string>)['Accept-Language']);
    expect(sentLanguages).toEqual(['en-US', 'zh-CN']);
  });

  describe('headers of one request (no client built per call)', () => {
    function shared() {
      const fetchImpl = vi.fn(async () => json({ id: '1' }));
      const { api, apiFetch } = createApiClient({ fetch: fetchImpl as unknown as typeof fetch, csrfToken: () => 'csrf-123', onUnauthorized: () => {}, locale: () => 'zh-CN' });
      const headersOf = (call: number) => (fetchImpl.mock.calls as unknown as Array<[string, RequestInit]>)[call]![1].headers as Record<string, string>;
      return { api, apiFetch, headersOf };
    }

    it('sends an Idempotency-Key with the one request that names it, and not with the next', async () => {
      const c = shared();
      await c.api.post('/api/projects/plans', { title: '新报计划' }, { headers: { 'Idempotency-Key': 'key-1' } });
      await c.api.post('/api/projects/plans', { title: '新报计划' });
      expect(c.headersOf(0)).toMatchObject({ 'Idempotency-Key': 'key-1', 'X-CSRF-Token': 'csrf-123', 'Content-Type': 'application/json' });
      expect(c.headersOf(1)['Idempotency-Key']).toBeUndefined();
    });

    it.each([
      ['get', (c: ReturnType<typeof shared>, headers: Record<string, string>) => c.api.get('/x', { headers })],
      ['post', (c: ReturnType<typeof shared>, headers: Record<string, string>) => c.api.post('/x', {}, { headers })],
      ['put', (c: ReturnType<typeof shared>, headers: Record<string, string>) => c.api.put('/x', {}, { headers })],
      ['patch', (c: ReturnType<typeof shared>, headers: Record<string, string>) => c.api.patch('/x', {}, { headers })],
      ['delete', (c: ReturnType<typeof shared>, headers: Record<string, string>) => c.api.delete('/x', { headers })],
      ['search', (c: ReturnType<typeof shared>, headers: Record<string, string>) => c.api.search('/x', {}, { headers })],
      ['apiFetch', (c: ReturnType<typeof shared>, headers: Record<string, string>) => c.apiFetch('/x', { method: 'POST', headers })],
    ] as const)('takes them on %s', async (_verb, send) => {
      const c = shared();
      await send(c, { 'X-Trace': 't-1' });
      expect(c.headersOf(0)['X-Trace']).toBe('t-1');
    });

    it('lets a request ask in another language, whatever the case of the name, without a second Accept-Language', async () => {
      const c = shared();
      await c.api.get('/api/projects/plans/1', { headers: { 'accept-language': 'en-US' } });
      const sent = c.headersOf(0);
      expect(Object.keys(sent).filter((name) => name.toLowerCase() === 'accept-language')).toEqual(['accept-language']);
      expect(sent['accept-language']).toBe('en-US');
    });

    it('keeps its own CSRF token whatever a request says', async () => {
      const c = shared();
      await c.api.post('/api/projects/plans', {}, { headers: { 'x-csrf-token': 'forged' } });
      const sent = c.headersOf(0);
      expect(Object.entries(sent).filter(([name]) => name.toLowerCase() === 'x-csrf-token')).toEqual([['X-CSRF-Token', 'csrf-123']]);
    });
  });

  it('does not send the CSRF token on GET, and encodes the query', async () => {
    const c = client(json({ items: [], total: 0 }));
    await expect(c.api.get('/api/admin/notices', { query: { limit: 5, q: '', x: undefined } })).resolves.toEqual({
      items: [],
      total: 0,
    });
    const [url, init] = c.sent();
    expect(url).toBe('/api/admin/notices?limit=5');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it("maps the server's { error: { code, message } } to ApiError", async () => {
    const c = client(json({ error: { code: 'PLAN_STALE_VERSION', message: '计划已被他人修改,请刷新后重试' } }, 409));
    const error = await c.api.post('/api/projects/plans/1/submit').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'PLAN_STALE_VERSION', message: '计划已被他人修改,请刷新后重试' });
    expect(c.onUnauthorized).not.toHaveBeenCalled();
  });

  it('keeps the fields a validation refusal names, and drops malformed entries', async () => {
    const c = client(
      json(
        {
          error: {
            code: 'VALIDATION_FAILED',
            message: '联系电话:须为固定电话(如 010-12345678)或 11 位手机号码',
            fields: [{ field: 'contactPhone', message: '联系电话:须为固定电话(如 010-12345678)或 11 位手机号码' }, { field: 7 }, null],
          },
        },
        400,
      ),
    );
    const error = await c.api.put('/api/admin/units/1', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fields).toEqual([
      { field: 'contactPhone', message: '联系电话:须为固定电话(如 010-12345678)或 11 位手机号码' },
    ]);
    const plain = await client(json({ error: { code: 'NOT_FOUND', message: '不存在' } }, 404))
      .api.get('/x')
      .catch((e: unknown) => e);
    expect((plain as ApiError).fields).toEqual([]);
  });

  it('maps a body that is not the error shape to HTTP_<status> with a localized message', async () => {
    const c = client(new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = (await c.api.get('/api/experts/experts').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('HTTP_502');
    expect(error.message).toBe('请求失败(HTTP 502)');
  });

  it('redirects to sign-in on 401 and still throws', async () => {
    const c = client(json({ error: { code: 'SESSION_EXPIRED', message: '会话已过期' } }, 401));
    const error = (await c.api.get('/api/reports/annual-reports').catch((e: unknown) => e)) as ApiError;
    expect(c.onUnauthorized).toHaveBeenCalledTimes(1);
    expect(error).toMatchObject({ status: 401, code: 'SESSION_EXPIRED' });
  });

  it('maps a network failure to ApiError NETWORK', async () => {
    const c = client(new TypeError('Failed to fetch'));
    const error = (await c.api.get('/api/admin/units').catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('builds the sign-in URL with the current path as returnTo', () => {
    expect(signInUrl({ pathname: '/projects/plans/7', search: '?tab=experts' })).toBe(
      '/auth/login?returnTo=%2Fprojects%2Fplans%2F7%3Ftab%3Dexperts',
    );
  });

  describe('telling the page that something changed (the header 待办 listens)', () => {
    function watched(response: () => Response | Error) {
      const onChanged = vi.fn();
      const { api } = createApiClient({
        fetch: (async () => {
          const r = response();
          if (r instanceof Error) throw r;
          return r;
        }) as unknown as typeof fetch,
        csrfToken: () => 'csrf-123',
        onUnauthorized: () => undefined,
        onChanged,
      });
      return { api, onChanged };
    }

    it.each([
      ['post', 'POST'],
      ['put', 'PUT'],
      ['patch', 'PATCH'],
    ] as const)('after a successful %s', async (verb, method) => {
      const w = watched(() => json({ ok: true }));
      await w.api[verb]('/api/projects/plans/1/actions', { action: 'submit' });
      expect(w.onChanged).toHaveBeenCalledExactlyOnceWith({ method, path: '/api/projects/plans/1/actions' });
    });

    it('after a successful DELETE answered 204', async () => {
      const w = watched(() => new Response(null, { status: 204 }));
      await w.api.delete('/api/projects/plans/1');
      expect(w.onChanged).toHaveBeenCalledExactlyOnceWith({ method: 'DELETE', path: '/api/projects/plans/1' });
    });

    it('not after a search posted with api.search, which still carries the CSRF token and its body', async () => {
      const calls: Array<{ url: string; init: RequestInit }> = [];
      const onChanged = vi.fn();
      const { api } = createApiClient({
        fetch: (async (url: string, init: RequestInit) => {
          calls.push({ url, init });
          return json({ items: [] });
        }) as unknown as typeof fetch,
        csrfToken: () => 'csrf-123',
        onUnauthorized: () => undefined,
        onChanged,
      });
      await api.search('/api/admin/accounts/search', { mobile: '13910000002', limit: 20 });
      expect(onChanged).not.toHaveBeenCalled();
      expect(calls).toHaveLength(1);
      expect(calls[0]!.url).toBe('/api/admin/accounts/search');
      expect(calls[0]!.init.method).toBe('POST');
      expect((calls[0]!.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-123');
      expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ mobile: '13910000002', limit: 20 });
    });

    it('not after a GET', async () => {
      const w = watched(() => json({ items: [] }));
      await w.api.get('/api/admin/todo');
      expect(w.onChanged).not.toHaveBeenCalled();
    });

    it.each([
      ['a refusal', () => json({ error: { code: 'FLOW_STALE_VERSION', message: '已被他人处理' } }, 409)],
      ['a server error', () => new Response('oops', { status: 500 })],
      ['a 401', () => json({ error: { code: 'SESSION_EXPIRED', message: '会话已过期' } }, 401)],
      ['a network failure', () => new TypeError('Failed to fetch')],
    ] as Array<[string, () => Response | Error]>)('not after %s', async (_what, response) => {
      const w = watched(response);
      await expect(w.api.post('/api/projects/plans', {})).rejects.toBeInstanceOf(ApiError);
      expect(w.onChanged).not.toHaveBeenCalled();
    });
  });
});
