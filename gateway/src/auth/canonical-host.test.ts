// Opening the system on another name of the server (127.0.0.1 for localhost) must not break the sign-in: pages are
// sent to PUBLIC_URL's host before the login starts, and never to a host the request named.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, formAction } from '@wgzj/gateway/testing/browser';
import { confirmAccount, DEMO_PASSWORD, startStack, type Stack } from '@wgzj/gateway/testing/stack';

let stack: Stack;
let port: number;
beforeAll(async () => {
  stack = await startStack();
  port = Number(new URL(stack.gatewayUrl).port);
});
afterAll(async () => {
  await stack?.close();
});

const page = { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document' };

/** A raw request with any Host header (fetch would not let a test name one). */
function withHost(host: string, path: string, headers: Record<string, string> = page) {
  return new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { ...headers, host } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('another host name of the same server', () => {
  it('sends /auth/login on 127.0.0.1 to the same path on PUBLIC_URL before any login cookie is set', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/auth/login?returnTo=%2Fprojects`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${stack.gatewayUrl}/auth/login?returnTo=%2Fprojects`);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('signs in all the way when the person opened http://127.0.0.1 (no HANDOFF_STATE_MISSING)', async () => {
    const browser = new Browser();
    const start = new URL(`http://127.0.0.1:${port}/projects`);
    const atPortal = await browser.follow(await browser.request(start, { headers: page }), start, '\u0000');
    expect(browser.visited[1]).toBe(`${stack.gatewayUrl}/projects`);
    expect(atPortal.url.href.startsWith(stack.portal.issuer)).toBe(true);
    const action = formAction(await atPortal.res.text(), atPortal.url);
    const posted = await browser.request(action, { form: { kind: 'natural', username: 'employer_handler', password: DEMO_PASSWORD } });
    const done = await browser.follow(posted, action, '\u0000');
    expect(done.url.pathname).toBe('/auth/confirm');
    const { url, res } = await confirmAccount(browser, done.res, done.url);
    expect(res.status).toBe(200);
    expect(url.href).toBe(`${stack.gatewayUrl}/projects`);
    expect(browser.visited.some((v) => v.startsWith(`${stack.gatewayUrl}/auth/callback`))).toBe(true);
  });

  it('sends any page on another host to PUBLIC_URL, keeping path and query, and never to the host the request named', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port}`, '[::1]']) {
      const res = await withHost(host, '/experts?name=%E5%BC%A0');
      expect(res.status, host).toBe(302);
      expect(res.location, host).toBe(`${stack.gatewayUrl}/experts?name=%E5%BC%A0`);
    }
    // A path that a URL parser would read as another host stays a path on PUBLIC_URL.
    const tricky = await withHost('evil.example', '//evil.example/auth/login');
    expect(tricky.location).toBe(`${stack.gatewayUrl}//evil.example/auth/login`);
    expect(new URL(tricky.location!).host).toBe(new URL(stack.gatewayUrl).host);
  });

  it('compares host names only: the same name on another port (a proxy dropping it) is left alone', async () => {
    const res = await withHost('localhost', '/auth/login');
    expect(res.status).toBe(302);
    expect(res.location!.startsWith(stack.portal.issuer)).toBe(true);
    const proxied = await withHost('localhost:9443', '/experts');
    expect(proxied.location).toBe('/auth/login?returnTo=%2Fexperts');
  });

  it('leaves API calls and probes on another host alone', async () => {
    const api = await withHost('127.0.0.1', '/api/projects/plans', { accept: 'application/json', 'sec-fetch-dest': 'empty' });
    expect(api.status).toBe(401);
    const health = await withHost('10.0.0.7', '/healthz', { accept: '*/*' });
    expect(health.status).toBe(200);
  });
});
