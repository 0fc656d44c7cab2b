// The distributed shape: a module API in its own server, reached over HTTP, verifying the gateway's JWKS.
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ReadableStream } from 'node:stream/web';
import { Agent, fetch as fetchOn } from 'undici';
import { createAssertionSigner, createLogger, FieldCipher, migrate, seedOnce } from '@wgzj/gateway/kit';
import { testAssertionKey } from '@wgzj/gateway/testing';
import { freePort, signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';
import { loadModule } from './gateway.ts';

let stack: Stack;
let moduleServer: ServerType;
let moduleUrl: string;

beforeAll(async () => {
  const port = await freePort();
  moduleUrl = `http://127.0.0.1:${port}`;
  stack = await startStack({ env: { MODULE_EXPERTS_URL: moduleUrl } });
  // A module server migrates (and here seeds) its own schema; the gateway only routes to it.
  const definition = await loadModule('experts');
  await migrate(stack.gateway.db, { module: 'experts', dir: definition.migrationsDir });
  const cipher = new FieldCipher(randomBytes(32));
  await seedOnce(stack.gateway.db, 'experts', (d) => definition.seed!(d, { cipher }));
  const app = definition.createApp({
    db: stack.gateway.db,
    keys: { jwksUrl: `${stack.gatewayUrl}/.well-known/jwks.json` },
    logger: createLogger('mf-experts', 'silent'),
    cipher,
    portalSync: null,
  });
  moduleServer = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise((resolve) => moduleServer.once('listening', resolve));
});
afterAll(async () => {
  moduleServer?.close();
  await stack?.close();
});

const json = { accept: 'application/json', 'sec-fetch-dest': 'empty' };

describe('a module API in its own process', () => {
  it('serves signed-in users through the gateway, checking the assertion against the gateway JWKS', async () => {
    const { browser } = await signInThrough(stack, 'employer_handler');
    const res = await browser.request(new URL('/api/experts/experts', stack.gatewayUrl), { headers: json });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<{ name: string }>; total: number };
    expect(body.items.map((e) => e.name).sort()).toEqual(['Anna Schmidt', 'James Wilson', 'Yuki Tanaka']);
  });

  it('refuses callers that bypass the gateway, or carry an assertion signed by another key', async () => {
    const bare = await fetch(`${moduleUrl}/experts`, { headers: json });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ error: { code: 'ASSERTION_INVALID' } });
    const forger = await createAssertionSigner(await testAssertionKey());
    const forged = await forger.sign(
      {
        userId: 'x',
        username: 'x',
        displayName: 'x',
        role: 'national_admin',
        unit: { id: 'x', name: 'x', kind: 'national' },
        scope: { level: 'all' },
      },
      'experts',
      'r1',
    );
    const res = await fetch(`${moduleUrl}/experts`, { headers: { ...json, 'x-identity-assertion': forged } });
    expect(res.status).toBe(401);
  });

  it('takes the upload limits the module declares, read from its /internal/body-limits, and refuses above them unread', async () => {
    const { browser } = await signInThrough(stack, 'employer_handler');
    const me = (await (await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: json })).json()) as { csrfToken: string };
    const yuki = (await stack.gateway.db.query<{ id: string }>(`select id from experts.experts where name = 'Yuki Tanaka'`)).rows[0]!.id;
    // Connections of their own: after a refusal the gateway drops the unread rest of a body and then the
    // connection, which must not be the one a later test's request is sent on.
    const uploads = new Agent();
    const put = (path: string, body: string | ReadableStream<Uint8Array>, extra: Record<string, string> = {}) =>
      fetchOn(new URL(`/api/experts${path}`, stack.gatewayUrl), {
        dispatcher: uploads,
        method: path.includes('/files/') ? 'PUT' : 'POST',
        headers: {
          ...json,
          'content-type': 'application/json',
          'accept-language': 'en-US',
          cookie: browser.jar.header(new URL('/api/', stack.gatewayUrl)),
          origin: stack.gatewayUrl,
          'x-csrf-token': me.csrfToken,
          ...extra,
        },
        body,
        duplex: 'half',
      });
    const cv = (bytes: number) =>
      JSON.stringify({ filename: 'cv.pdf', contentBase64: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(bytes)]).toString('base64') });
    const chunked = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = Buffer.from(text);
          for (let at = 0; at < bytes.length; at += 512 * 1024) controller.enqueue(bytes.subarray(at, at + 512 * 1024));
          controller.close();
        },
      });

    // 2 MB (2.7 MB of JSON): over the JSON limit, within the CV route's declared 15 MB.
    const fits = await put(`/experts/${yuki}/files/cv`, cv(2 * 1024 * 1024));
    expect(fits.status).toBe(200);
    for (const body of [cv(16 * 1024 * 1024), chunked(cv(16 * 1024 * 1024))]) {
      const over = await put(`/experts/${yuki}/files/cv`, body);
      expect(over.status).toBe(413);
      expect(await over.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE', message: 'The file is too large: CV up to 10 MB, photo up to 2 MB' } });
    }
    const plain = await put('/experts', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));
    expect(plain.status).toBe(413);
    expect(await plain.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
    await uploads.destroy();
  });

  it('tells its body limits to the gateway only', async () => {
    expect((await fetch(`${moduleUrl}/internal/body-limits`, { headers: json })).status).toBe(401);
    // A user's assertion, even one the gateway signed, is not the gateway's own.
    const user = await stack.gateway.signer.sign(
      {
        userId: 'u',
        username: 'u',
        displayName: 'u',
        role: 'national_admin',
        unit: { id: 'x', name: 'x', kind: 'national' },
        scope: { level: 'all' },
      },
      'experts',
      'r2',
    );
    expect((await fetch(`${moduleUrl}/internal/body-limits`, { headers: { ...json, 'x-identity-assertion': user } })).status).toBe(401);
    const service = await stack.gateway.signer.signService('experts', 'r3');
    const limits = await fetch(`${moduleUrl}/internal/body-limits`, { headers: { ...json, 'x-identity-assertion': service } });
    expect(limits.status).toBe(200);
    expect(await limits.json()).toMatchObject({
      defaultBytes: 1024 * 1024,
      routes: expect.arrayContaining([expect.objectContaining({ method: 'PUT', path: '/experts/:id/files/:kind', maxBytes: 15 * 1024 * 1024 })]),
    });
  });

  it('is part of readiness, and its outage is a clear 503 for that area only', async () => {
    const ready = (await (await fetch(new URL('/readyz', stack.gatewayUrl))).json()) as { checks: Record<string, { ok: boolean }> };
    expect(ready.checks['module:experts']?.ok).toBe(true);
    const { browser } = await signInThrough(stack, 'employer_handler');
    await new Promise((resolve) => moduleServer.close(resolve));
    const down = await browser.request(new URL('/api/experts/experts', stack.gatewayUrl), { headers: json });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ error: { code: 'MODULE_UNAVAILABLE', message: '该业务模块暂时不可用,请稍后重试。' } });
    const other = await browser.request(new URL('/api/projects/plans', stack.gatewayUrl), { headers: json });
    expect(other.status).toBe(200);
  });
});
