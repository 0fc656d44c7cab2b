// A relying party for the portal's tests: starts a portal on a free port, runs real authorization code +
// PKCE flows through openid-client with the sign-in form posted like a browser would, receives back-channel
// logout tokens, and calls the client-authenticated JSON APIs.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import type { JSONWebKeySet } from 'jose';
import { pino } from 'pino';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../dev-portal/accounts.ts';
import { createPortal, type Portal, type PortalOptions } from '../dev-portal/provider.ts';
import { Browser, formAction } from './browser.ts';

export const silent = pino({ level: 'silent' });
export const CLIENT_ID = 'wgzjxm-test';
export const CLIENT_SECRET = 'test-secret';
export const REDIRECT_URI = 'http://localhost:8080/auth/callback';
export const POST_LOGOUT_URI = 'http://localhost:8080/';
export const SCOPE = 'openid profile email phone wgzj';

export interface BackchannelReceiver {
  server: Server;
  url: string;
  received: string[];
}

export async function startBackchannelReceiver(): Promise<BackchannelReceiver> {
  const received: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => {
      if (req.method === 'POST') received.push(body);
      res.writeHead(200, { 'cache-control': 'no-store' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/auth/backchannel-logout`, received };
}

/** The default back-channel URI is never called unless a test logs out; it also makes the portal issue `sid`. */
export async function startPortal(
  extra: PortalOptions = {},
  backchannelLogoutUri = 'http://localhost:8080/auth/backchannel-logout',
): Promise<Portal> {
  const portal = await createPortal({
    captcha: false,
    logger: silent,
    client: {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [REDIRECT_URI],
      postLogoutRedirectUris: [POST_LOGOUT_URI],
      backchannelLogoutUri,
    },
    ...extra,
  });
  await portal.listen(0);
  return portal;
}

export async function rpConfig(portal: Portal): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(portal.issuer), CLIENT_ID, undefined, oidc.ClientSecretBasic(CLIENT_SECRET), {
    execute: [oidc.allowInsecureRequests],
  });
}

export type SignInResult =
  | { ok: true; browser: Browser; tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>> }
  | { ok: false; status: number; html: string; location: string | null };

export async function signIn(
  config: oidc.Configuration,
  who: { username: string; password?: string; kind?: 'natural' | 'legal'; captcha?: (html: string) => string },
  browser = new Browser(),
): Promise<SignInResult> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const authUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const page = await browser.follow(await browser.request(authUrl), authUrl, REDIRECT_URI);
  expect(page.res.status).toBe(200);
  const html = await page.res.text();
  const form: Record<string, string> = {
    kind: who.kind ?? 'natural',
    username: who.username,
    password: who.password ?? DEMO_PASSWORD,
  };
  if (who.captcha) form.captcha = who.captcha(html);
  const action = formAction(html, page.url);
  const posted = await browser.request(action, { form });
  if (posted.status >= 400) {
    return { ok: false, status: posted.status, html: await posted.text(), location: posted.headers.get('location') };
  }
  const done = await browser.follow(posted, action, REDIRECT_URI);
  expect(done.url.href.startsWith(REDIRECT_URI)).toBe(true);
  const tokens = await oidc.authorizationCodeGrant(config, done.url, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  return { ok: true, browser, tokens };
}

export async function publishedJwks(portal: Portal): Promise<JSONWebKeySet> {
  const res = await fetch(new URL('/jwks', portal.issuer));
  return (await res.json()) as JSONWebKeySet;
}

export function devApi(portal: Portal, path: string, body?: unknown, secret = CLIENT_SECRET): Promise<Response> {
  return fetch(new URL(path, portal.issuer), {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${secret}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
}

