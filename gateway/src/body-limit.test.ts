// Request bodies at the gateway's door, through a real listening gateway: over its route's limit a body is refused
// before it is read (or, without a Content-Length, as soon as the count passes the limit), the process does not
// grow by anything like the body, and an upload near its declared limit still goes through, streamed.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';
import type { Browser } from '@wgzj/gateway/testing/browser';
import { BACKCHANNEL_BODY_LIMIT, FORM_BODY_LIMIT } from './body-limit.ts';

const MB = 1024 * 1024;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { CAPTCHA: 'off' } });
});
afterAll(async () => {
  await stack?.close();
});

interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** How much of the body the client got to write before the answer came. */
  written: number;
}

/**
 * Sends `bytes` of generated body (never held whole: one 64 KB chunk written again and again), with or without a
 * Content-Length, and stops writing once the answer has come.
 */
function send(path: string, options: { bytes: number; declareLength: boolean; method?: string; headers?: Record<string, string>; chunk?: Buffer }): Promise<Sent> {
  const chunk = options.chunk ?? Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = httpRequest(new URL(path, stack.gatewayUrl), {
      method: options.method ?? 'POST',
      headers: { ...options.headers, ...(options.declareLength ? { 'content-length': String(options.bytes) } : {}) },
    });
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        resolve({ status: res.statusCode!, headers: res.headers, text, written });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && !req.destroyed && written < options.bytes) {
        const piece = Math.min(chunk.length, options.bytes - written);
        written += piece;
        if (!req.write(piece === chunk.length ? chunk : chunk.subarray(0, piece))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && written >= options.bytes) req.end();
    };
    pump();
  });
}

/** The highest resident size seen while `work` runs, above what it was before. */
async function growthDuring<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / MB };
  } finally {
    clearInterval(sampler);
  }
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json', accept: 'application/json' };

async function apiHeaders(browser: Browser, locale = 'zh-CN'): Promise<Record<string, string>> {
  const me = await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: { accept: 'application/json', 'sec-fetch-dest': 'empty' } });
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  return {
    ...JSON_TYPE,
    cookie: browser.jar.header(new URL('/api/', stack.gatewayUrl)),
    origin: stack.gatewayUrl,
    'x-csrf-token': csrfToken,
    'sec-fetch-dest': 'empty',
    'accept-language': locale,
  };
}

const errorOf = (sent: Sent) => (JSON.parse(sent.text) as { error: { code: string; message: string } }).error;

describe('a sign-in form', () => {
  it('of 300 MB with its Content-Length is refused before it is read, and the gateway does not grow', async () => {
    const { result, growthMb } = await growthDuring(() => send('/auth/legacy', { bytes: 300 * MB, declareLength: true, headers: FORM }));
    expect(result.status).toBe(413);
    expect(errorOf(result)).toMatchObject({ code: 'BODY_TOO_LARGE', message: expect.stringContaining('8 KB') });
    expect(result.written).toBeLessThan(100 * MB);
    expect(growthMb).toBeLessThan(50);
  });

  it('of 300 MB without a Content-Length (chunked) is stopped at the limit, and the gateway does not grow', async () => {
    const { result, growthMb } = await growthDuring(() => send('/auth/legacy', { bytes: 300 * MB, declareLength: false, headers: FORM }));
    expect(result.status).toBe(413);
    expect(errorOf(result).code).toBe('BODY_TOO_LARGE');
    expect(result.written).toBeLessThan(100 * MB);
    expect(growthMb).toBeLessThan(50);
  });

  it.each([
    ['/auth/legacy', true],
    ['/auth/legacy/reset', true],
    ['/auth/legacy/reset/confirm', true],
    ['/auth/confirm', true],
    // Signed out, logout never reads its form: only a declared length is there to refuse.
    ['/auth/logout', false],
  ] as const)(
    'posted to %s is refused over a few KB, by its length or as it is read, in the caller’s language',
    async (path, reads) => {
      const over = FORM_BODY_LIMIT + 1;
      for (const declareLength of reads ? [true, false] : [true]) {
        const sent = await send(path, { bytes: over, declareLength, headers: { ...FORM, 'accept-language': 'en-US' } });
        expect(sent.status, `${path} ${declareLength ? 'with' : 'without'} length`).toBe(413);
        expect(errorOf(sent).message).toMatch(/larger than 8 KB/);
      }
    },
  );

  it('of an ordinary size still signs a legacy account in', async () => {
    const page = await fetch(new URL('/auth/legacy', stack.gatewayUrl), { headers: { accept: 'text/html' } });
    const html = await page.text();
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const form = new URLSearchParams({ ...(token ? { token } : {}), username: 'WGZJXM_zhangwei', password: 'Demo@2026' });
    const res = await fetch(new URL('/auth/legacy', stack.gatewayUrl), {
      method: 'POST',
      headers: { ...FORM, cookie, origin: stack.gatewayUrl },
      body: form,
      redirect: 'manual',
    });
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });

  it('the back-channel logout takes a logout_token of several KB and refuses more than its limit', async () => {
    const token = `logout_token=${'a'.repeat(6 * 1024)}`;
    const fits = await fetch(new URL('/auth/backchannel-logout', stack.gatewayUrl), { method: 'POST', headers: FORM, body: token });
    // Not a token the portal signed, so refused as one; but read, not refused for its size.
    expect(fits.status).not.toBe(413);
    expect(fits.status).toBeLessThan(500);
    const over = await send('/auth/backchannel-logout', { bytes: BACKCHANNEL_BODY_LIMIT + 1, declareLength: true, headers: FORM });
    expect(over.status).toBe(413);
  });
});

describe('an API call', () => {
  let handler: Browser;
  let admin: Browser;
  beforeAll(async () => {
    handler = (await signInThrough(stack, 'employer_handler')).browser;
    admin = (await signInThrough(stack, 'national_admin')).browser;
  });

  const planCount = async () => (await stack.gateway.db.query<{ n: number }>('select count(*)::int as n from projects.plans')).rows[0]!.n;
  const noticeCount = async () => (await stack.gateway.db.query<{ n: number }>('select count(*)::int as n from admin.notices')).rows[0]!.n;

  it('of 300 MB with its Content-Length is refused unread, before the session is even looked at', async () => {
    const headers = await apiHeaders(handler);
    const { result, growthMb } = await growthDuring(() => send('/api/projects/plans/x', { method: 'PUT', bytes: 300 * MB, declareLength: true, headers }));
    expect(result.status).toBe(413);
    expect(errorOf(result)).toMatchObject({ code: 'BODY_TOO_LARGE', message: expect.stringContaining('1 MB') });
    expect(growthMb).toBeLessThan(50);
    const anonymous = await send('/api/projects/plans', { bytes: 300 * MB, declareLength: true, headers: JSON_TYPE });
    expect(anonymous.status).toBe(413);
  });

  it('of 300 MB without a Content-Length is streamed to the module and stopped at 1 MB, creating nothing', async () => {
    const headers = await apiHeaders(handler);
    const before = await planCount();
    const { result, growthMb } = await growthDuring(() =>
      send('/api/projects/plans', { bytes: 300 * MB, declareLength: false, headers, chunk: Buffer.from(`{"title":"${'量'.repeat(20_000)}`) }),
    );
    expect(result.status).toBe(413);
    expect(errorOf(result).code).toBe('BODY_TOO_LARGE');
    expect(result.written).toBeLessThan(100 * MB);
    expect(growthMb).toBeLessThan(50);
    expect(await planCount()).toBe(before);
  });

  it('just over 1 MB to a route that declares nothing is refused in the caller’s language', async () => {
    const headers = await apiHeaders(handler, 'en-US');
    const sent = await send('/api/projects/plans', { bytes: MB + 1, declareLength: true, headers });
    expect(sent.status).toBe(413);
    expect(errorOf(sent).message).toBe('The request is larger than 1 MB and was not accepted.');
  });

  it('an upload near its declared limit goes through whole: a notice with five 5 MB attachments (~34 MB of JSON)', async () => {
    const before = await noticeCount();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * MB - 9, 0x41)]).toString('base64');
    const body = JSON.stringify({
      title: '大附件通知',
      body: '五个附件,每个 5 MB。',
      attachments: [1, 2, 3, 4, 5].map((n) => ({ filename: `附件${n}.pdf`, contentBase64: pdf })),
    });
    expect(body.length).toBeGreaterThan(30 * MB);
    const res = await fetch(new URL('/api/admin/notices', stack.gatewayUrl), { method: 'POST', headers: await apiHeaders(admin), body });
    expect(res.status).toBe(201);
    expect(await noticeCount()).toBe(before + 1);
    const { rows } = await stack.gateway.db.query<{ size_bytes: number }>(
      `select a.size_bytes from admin.notice_attachments a join admin.notices n on n.id = a.notice_id where n.title = '大附件通知'`,
    );
    expect(rows.map((r) => r.size_bytes)).toEqual(Array(5).fill(5 * MB));
    // (The embedded database takes ~3 s to store each 5 MB file; the server, a fraction of that.)
  }, 120_000);

  it('an upload over 1 MB without a Content-Length streams through under its declared limit', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3 * MB, 0x41)]).toString('base64');
    const json = Buffer.from(JSON.stringify({ title: '分块上传的通知', body: '无 Content-Length。', attachments: [{ filename: '分块.pdf', contentBase64: pdf }] }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < json.length; at += 256 * 1024) controller.enqueue(json.subarray(at, at + 256 * 1024));
        controller.close();
      },
    });
    const res = await fetch(new URL('/api/admin/notices', stack.gatewayUrl), {
      method: 'POST',
      headers: await apiHeaders(admin),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
  });

  it('an upload over its declared limit is refused at the door with the module’s own words', async () => {
    const before = await noticeCount();
    const headers = await apiHeaders(admin, 'en-US');
    for (const declareLength of [true, false]) {
      const sent = await send('/api/admin/notices', { bytes: 41 * MB, declareLength, headers });
      expect(sent.status).toBe(413);
      expect(errorOf(sent)).toMatchObject({ code: 'NOTICE_TOO_LARGE', message: expect.stringMatching(/at most 5 attachments/) });
    }
    expect(await noticeCount()).toBe(before);
  });
});
