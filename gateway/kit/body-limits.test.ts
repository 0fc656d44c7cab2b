// Declared body limits and the door that enforces them: a route's own number, 1 MB for any other call, a declared
// length refused unread, an undeclared one counted and cut off at the limit whatever the route made of it.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bodyLimitsOf, declareBodyLimit, JSON_BODY_LIMIT, limitBodies, limitFor, sizeText, uploadTooLarge, type BodyLimitTable } from './body-limits.ts';
import { createErrorHandler } from './errors.ts';
import { createLogger } from './logger.ts';

const table: BodyLimitTable = {
  defaultBytes: JSON_BODY_LIMIT,
  routes: [
    { method: 'POST', path: '/plans/:id/files', maxBytes: 30 * 1024 * 1024, refusal: { code: 'FILE_TOO_LARGE', 'zh-CN': '文件过大', 'en-US': 'Too large' } },
    { method: 'PUT', path: '/experts/:id/files/:kind', maxBytes: 15 * 1024 * 1024 },
  ],
};

describe('which limit a request gets', () => {
  it('is the declared one for its method and route, a `:name` standing for one segment', () => {
    expect(limitFor(table, 'POST', '/plans/42/files')).toMatchObject({ maxBytes: 30 * 1024 * 1024, refusal: { code: 'FILE_TOO_LARGE' } });
    expect(limitFor(table, 'put', '/experts/7/files/cv').maxBytes).toBe(15 * 1024 * 1024);
  });

  it('is the JSON limit for anything else: another method, another depth, an empty segment', () => {
    for (const [method, path] of [
      ['PUT', '/plans/42/files'],
      ['POST', '/plans/42/files/x'],
      ['POST', '/plans//files'],
      ['POST', '/plans/42'],
      ['POST', '/plans/42/files/'],
      ['PATCH', '/experts/7/files/cv'],
    ] as const) {
      expect(limitFor(table, method, path), `${method} ${path}`).toEqual({ maxBytes: JSON_BODY_LIMIT });
    }
  });

  it('refuses a declaration it could not enforce, or one made twice', () => {
    const app = new Hono();
    expect(() => declareBodyLimit(app, { method: 'POST', path: 'plans', maxBytes: 1 })).toThrow();
    expect(() => declareBodyLimit(app, { method: 'POST', path: '/a', maxBytes: 0 })).toThrow();
    expect(() => declareBodyLimit(app, { method: 'POST', path: '/a', maxBytes: 1.5 })).toThrow();
    declareBodyLimit(app, { method: 'POST', path: '/a', maxBytes: 10 });
    expect(() => declareBodyLimit(app, { method: 'POST', path: '/a', maxBytes: 20 })).toThrow(/twice/);
    expect(bodyLimitsOf(app)).toEqual({ defaultBytes: JSON_BODY_LIMIT, routes: [{ method: 'POST', path: '/a', maxBytes: 10 }] });
    expect(bodyLimitsOf(new Hono()).routes).toEqual([]);
  });
});

describe('the door', () => {
  const app = new Hono();
  app.onError(createErrorHandler(createLogger('test', 'silent')));
  let reached = 0;
  app.use('*', async (c, next) => {
    reached++;
    await next();
  });
  app.use('*', limitBodies((c) => limitFor({ defaultBytes: 100, routes: [{ method: 'POST', path: '/upload', maxBytes: 1000, refusal: { code: 'UPLOAD_TOO_LARGE', 'zh-CN': '上传过大', 'en-US': 'Upload too large' } }] }, c.req.method, c.req.path)));
  app.post('/echo', async (c) => c.json({ length: (await c.req.text()).length }));
  app.post('/upload', async (c) => c.json({ length: (await c.req.arrayBuffer()).byteLength }));
  // A route that takes a failed read for an empty form, as a careless one might.
  app.post('/lenient', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}));
    return c.json({ fields: Object.keys(form).length });
  });

  const stream = (bytes: number, chunk = 64) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent < bytes; sent += chunk) controller.enqueue(new Uint8Array(Math.min(chunk, bytes - sent)).fill(97));
        controller.close();
      },
    });
  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    app.fetch(new Request(`http://x${path}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit));

  it('refuses a declared length over the limit without reading a byte', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64));
      },
    });
    const res = await post('/echo', body, { 'content-length': '101', 'accept-language': 'en-US' });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'BODY_TOO_LARGE', message: 'The request is larger than 1 KB and was not accepted.' } });
    // (The stream's first pull happens when it is made, not because the door read it.)
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops a body without a length at the limit, in the route’s own words where it declared them', async () => {
    const over = await post('/upload', stream(5000));
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ error: { code: 'UPLOAD_TOO_LARGE', message: '上传过大' } });
    expect((await post('/echo', stream(101))).status).toBe(413);
  });

  it('answers 413 even when the route made something of the cut-off body', async () => {
    const res = await post('/lenient', stream(500), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BODY_TOO_LARGE');
  });

  it('lets a body within the limit through whole, with or without its length', async () => {
    expect(await (await post('/echo', 'a'.repeat(100))).json()).toEqual({ length: 100 });
    expect(await (await post('/echo', stream(100, 7))).json()).toEqual({ length: 100 });
    expect(await (await post('/upload', stream(1000, 64))).json()).toEqual({ length: 1000 });
    expect(await (await post('/upload', 'a'.repeat(1000), { 'content-length': '1000' })).json()).toEqual({ length: 1000 });
    expect(reached).toBeGreaterThan(0);
  });

  it('does not trust a Content-Length beside Transfer-Encoding, and ignores one that is not a number', async () => {
    const chunked = await Promise.resolve()
      .then(() => post('/echo', stream(500), { 'content-length': '10', 'transfer-encoding': 'chunked' }))
      .catch(() => null);
    // Fetch may refuse to build such a request at all; if it does not, the body is counted, not believed.
    if (chunked) expect(chunked.status).toBe(413);
    expect((await post('/echo', stream(500), { 'content-length': 'ten' })).status).toBe(413);
  });
});

describe('an upload route’s refusal (uploadTooLarge)', () => {
  const MB = 1024 * 1024;

  it('names each kind of file and its limit in both languages, an abbreviation keeping its capitals', () => {
    const cv = { noun: { 'zh-CN': '简历', 'en-US': 'CV' }, maxBytes: 10 * MB };
    const photo = { noun: { 'zh-CN': '照片', 'en-US': 'Photo' }, maxBytes: 2 * MB };
    expect(uploadTooLarge([cv, photo])).toEqual({
      code: 'FILE_TOO_LARGE',
      'zh-CN': '上传的文件过大:简历不超过 10 MB,照片不超过 2 MB',
      'en-US': 'The file is too large: CV up to 10 MB, photo up to 2 MB',
    });
  });

  it('counts a kind that comes several to a request, and then says the request is too large, under the caller’s code', () => {
    const attachments = { noun: { 'zh-CN': '附件', 'en-US': 'Attachment' }, maxBytes: 5 * MB, maxCount: 5 };
    expect(uploadTooLarge([attachments], 'NOTICE_TOO_LARGE')).toEqual({
      code: 'NOTICE_TOO_LARGE',
      'zh-CN': '提交的内容过大:附件最多 5 个,每个不超过 5 MB',
      'en-US': 'The request is too large: at most 5 attachments of 5 MB each',
    });
  });

  it('calls an unnamed kind 文件 / File, and refuses to build a refusal naming nothing', () => {
    expect(uploadTooLarge([{ maxBytes: 1.5 * MB }])).toMatchObject({ 'zh-CN': '上传的文件过大:文件不超过 1.5 MB', 'en-US': 'The file is too large: file up to 1.5 MB' });
    expect(() => uploadTooLarge([])).toThrow();
  });

  it('reads sizes in MB to one decimal and in KB below 1 MB, never 0 KB', () => {
    expect([20 * MB, 1.25 * MB, 8 * 1024, 100].map(sizeText)).toEqual(['20 MB', '1.3 MB', '8 KB', '1 KB']);
  });
});
