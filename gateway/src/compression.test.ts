// Compressed answers: built files served as their brotli or gzip copy by Accept-Encoding (decoding to the very same
// bytes), JSON over a few KB compressed as it streams, and everything else left as it is.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressAnswers, COMPRESS_FROM_BYTES, negotiateEncoding } from './compression.ts';
import { precompressFolder } from './remotes/precompress.mjs';
import { publishRemote } from './remotes/publish.ts';
import { fileResponse } from './static.ts';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wgzj-compress-'));
  dirs.push(dir);
  return dir;
}

/** Something like a bundle: text that compresses, not one repeated byte. */
const bundle = (kb: number) =>
  Array.from({ length: kb * 16 }, (_, i) => `function f${i}(a){return a*${i}+"${(i * 7919).toString(36)}"}\n`).join('').slice(0, kb * 1024);

describe('choosing an encoding from Accept-Encoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['identity', null],
    ['br;q=0, gzip;q=0', null],
    ['*;q=0', null],
    ['', null],
    ['deflate', null],
    ['br;q=abc', null],
    ['br;q=2', null],
  ])('%j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });

  it('chooses among the copies there are', () => {
    expect(negotiateEncoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(negotiateEncoding('br', ['gzip'])).toBeNull();
  });
});

describe('a built file', () => {
  let dir: string;
  let file: string;
  let plain: Buffer;
  beforeAll(() => {
    dir = folder();
    file = join(dir, 'main.0123abcd.js');
    writeFileSync(file, bundle(40));
    writeFileSync(join(dir, 'tiny.js'), 'console.log(1)');
    precompressFolder(dir);
    plain = readFileSync(file);
  });
  const body = async (res: Response) => Buffer.from(await res.arrayBuffer());

  it('is served as its brotli copy when the browser accepts br, decoding to the same bytes', async () => {
    const res = fileResponse(file, 'immutable', { acceptEncoding: 'gzip, deflate, br' });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const bytes = await body(res);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.length).toBeLessThan(plain.length / 3);
    expect(brotliDecompressSync(bytes).equals(plain)).toBe(true);
  });

  it('is served as its gzip copy to a browser that takes only gzip (or refuses br)', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip']) {
      const res = fileResponse(file, 'immutable', { acceptEncoding: accept });
      expect(res.headers.get('content-encoding'), accept).toBe('gzip');
      expect(gunzipSync(await body(res)).equals(plain)).toBe(true);
    }
  });

  it('is served plain without Accept-Encoding, or with one that accepts neither', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const res = fileResponse(file, 'immutable', { acceptEncoding: accept });
      expect(res.headers.get('content-encoding'), String(accept)).toBeNull();
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(Number(res.headers.get('content-length'))).toBe(plain.length);
      expect((await body(res)).equals(plain)).toBe(true);
    }
  });

  it('answers HEAD with the copy’s headers and no body', async () => {
    const res = fileResponse(file, 'immutable', { method: 'HEAD', acceptEncoding: 'br' });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(Number(res.headers.get('content-length'))).toBe(readFileSync(`${file}.br`).length);
    expect(res.body).toBeNull();
  });

  it('is served plain when its copy is older than the file (left over from another build)', async () => {
    const stale = join(dir, 'remoteEntry.js');
    writeFileSync(stale, bundle(8));
    precompressFolder(dir);
    writeFileSync(stale, bundle(9));
    const past = new Date(Date.now() - 60_000);
    utimesSync(`${stale}.br`, past, past);
    utimesSync(`${stale}.gz`, past, past);
    const res = fileResponse(stale, 'revalidate', { acceptEncoding: 'br, gzip' });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect((await body(res)).toString()).toBe(bundle(9));
  });

  it('under 1 KB has no copies at all', () => {
    expect(() => readFileSync(join(dir, 'tiny.js.br'))).toThrow();
    expect(fileResponse(join(dir, 'tiny.js'), 'immutable', { acceptEncoding: 'br' }).headers.get('content-encoding')).toBeNull();
  });
});

describe('JSON answers on the fly', () => {
  const app = new Hono();
  app.use('*', compressAnswers());
  const big = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `外国专家项目 ${i}`, state: 'submitted' })) };
  app.get('/big', (c) => c.json(big));
  app.get('/small', (c) => c.json({ count: 3 }));
  app.get('/streamed', () => {
    const text = JSON.stringify(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < text.length; at += 1000) controller.enqueue(new TextEncoder().encode(text.slice(at, at + 1000)));
        controller.close();
      },
    });
    return new Response(stream, { headers: { 'content-type': 'application/json' } });
  });
  app.get('/streamed-small', () => new Response(new Blob(['{"a":1}']).stream(), { headers: { 'content-type': 'application/json' } }));
  app.get('/xlsx', () => new Response(new Uint8Array(64 * 1024), { headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }));
  app.get('/pdf', () => new Response(new Uint8Array(64 * 1024), { headers: { 'content-type': 'application/pdf' } }));
  app.get('/no-transform', (c) => {
    c.header('cache-control', 'no-store, no-transform');
    return c.json(big);
  });
  const get = (path: string, accept?: string, method = 'GET') => app.fetch(new Request(`http://x${path}`, { method, headers: accept ? { 'accept-encoding': accept } : {} }));
  const text = JSON.stringify(big);

  it('compresses a JSON answer over 4 KB with brotli, or gzip where that is all the caller takes', async () => {
    expect(text.length).toBeGreaterThan(COMPRESS_FROM_BYTES);
    const br = await get('/big', 'gzip, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-length')).toBeNull();
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(text);
    const gz = await get('/big', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(text);
  });

  it('compresses an answer of unknown length once it passes 4 KB, and sends a short one as it is with its length', async () => {
    const streamed = await get('/streamed', 'br');
    expect(streamed.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await streamed.arrayBuffer())).toString()).toBe(text);
    const short = await get('/streamed-small', 'br');
    expect(short.headers.get('content-encoding')).toBeNull();
    expect(short.headers.get('content-length')).toBe('7');
    expect(await short.text()).toBe('{"a":1}');
  });

  it('leaves a small answer, an unaccepted encoding, HEAD and no-transform alone', async () => {
    const small = await get('/small', 'br');
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.json()).toEqual({ count: 3 });
    for (const accept of [undefined, 'identity', 'deflate']) {
      const res = await get('/big', accept);
      expect(res.headers.get('content-encoding'), String(accept)).toBeNull();
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(await res.text()).toBe(text);
    }
    expect((await get('/no-transform', 'br')).headers.get('content-encoding')).toBeNull();
  });

  it('never compresses files: a spreadsheet export or a PDF goes as it is', async () => {
    for (const path of ['/xlsx', '/pdf']) {
      const res = await get(path, 'br, gzip');
      expect(res.headers.get('content-encoding'), path).toBeNull();
      expect((await res.arrayBuffer()).byteLength).toBe(64 * 1024);
    }
  });
});

describe('through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** A raw request, so the answer's bytes are seen as they came (fetch would decode them). */
  function raw(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(new URL(path, stack.gatewayUrl), { headers });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves a published remote’s bundle as brotli to a browser that takes it, and plain to one that does not', async () => {
    const dist = folder();
    const js = bundle(30);
    writeFileSync(join(dist, 'mf-manifest.json'), JSON.stringify({ name: 'mf_reports' }));
    mkdirSync(join(dist, 'static'));
    writeFileSync(join(dist, 'static', 'app.89abcdef.js'), js);
    // Built without copies (webpack alone): publishing makes them.
    const entry = publishRemote({ area: 'reports', distDir: dist, remotesDir: join(stack.dataDir, 'remotes'), packageVersion: '0.1.0' });
    const path = `/remotes/reports/${entry.version}/static/app.89abcdef.js`;
    const br = await raw(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(br.headers['content-length'])).toBe(br.bytes.length);
    expect(brotliDecompressSync(br.bytes).toString()).toBe(js);
    const plain = await raw(path, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.toString()).toBe(js);
  });

  it('compresses a module’s JSON list over 4 KB, and not a small answer', async () => {
    const { browser } = await signInThrough(stack, 'national_admin');
    const me = (await (await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: { accept: 'application/json' } })).json()) as { csrfToken: string };
    const cookie = browser.jar.header(new URL('/api/', stack.gatewayUrl));
    for (let i = 0; i < 4; i++) {
      const res = await fetch(new URL('/api/admin/notices', stack.gatewayUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', cookie, origin: stack.gatewayUrl, 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ title: `压缩测试通知 ${i}`, body: '外国专家项目管理信息系统的通知正文。'.repeat(60) }),
      });
      expect(res.status).toBe(201);
    }
    const list = await raw('/api/admin/notices?pageSize=50', { cookie, accept: 'application/json', 'accept-encoding': 'br, gzip' });
    expect(list.status).toBe(200);
    expect(list.headers['content-encoding']).toBe('br');
    const decoded = brotliDecompressSync(list.bytes).toString();
    expect(decoded.length).toBeGreaterThan(COMPRESS_FROM_BYTES);
    expect((JSON.parse(decoded) as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(4);
    expect(list.bytes.length).toBeLessThan(decoded.length / 2);
    const small = await raw('/api/admin/todo', { cookie, accept: 'application/json', 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.bytes.toString())).toHaveProperty('count');
  });
});
