// ID tokens a hostile or broken portal could send: each refused with HANDOFF_PORTAL_ERROR, a diagnostics
// record, and nothing else stored. The portal here is a small OpenID provider under the test's control.
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '@wgzj/gateway/testing/browser';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

const CLIENT_ID = 'wgzjxm';
let hostile: Server;
let issuer: string;
let stack: Stack;
let nextIdToken: (nonce: string) => Promise<string>;
let lastNonce = '';
const portalKey = await generateKeyPair('RS256', { extractable: true });
const publicJwk = { ...(await exportJWK(portalKey.publicKey)), kid: 'portal-1', alg: 'RS256', use: 'sig' };

const profile = {
  sub: 'sub-employer-handler',
  preferred_username: 'employer_handler',
  name: '张伟',
  account_kind: 'natural',
  realname_status: 'verified',
  phone_number: '13910000001',
  unit: { name: '北京示例大学', credit_code: '121100004000018622', kind: 'employer' },
  wgzj_roles: ['handler'],
};

function claims(nonce: string, over: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { iss: issuer, aud: CLIENT_ID, sub: profile.sub, nonce, iat: now, exp: now + 300, ...over };
}
const signed = (payload: JWTPayload, header: { kid?: string } = {}) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: header.kid ?? 'portal-1' }).sign(portalKey.privateKey);

beforeAll(async () => {
  hostile = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const send = (body: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration') {
      return send({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/me`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/session/end`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (path === '/jwks') return send({ keys: [publicJwk] });
    if (path === '/me') return send(profile);
    if (path === '/token') {
      void nextIdToken(lastNonce).then((id_token) => send({ access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(hostile.address() as { port: number }).port}`;
  stack = await startStack({ env: { PORTAL_ISSUER: issuer } });
});
afterAll(async () => {
  await stack?.close();
  hostile?.close();
});

/** Starts a sign-in, lets the hostile portal answer with the given ID token, and returns the callback's answer. */
async function callbackWith(makeToken: (nonce: string) => Promise<string>) {
  nextIdToken = makeToken;
  const browser = new Browser();
  const login = await browser.request(new URL('/auth/login', stack.gatewayUrl));
  const authorize = new URL(login.headers.get('location')!);
  lastNonce = authorize.searchParams.get('nonce')!;
  const state = authorize.searchParams.get('state')!;
  const callback = new URL(`/auth/callback?code=any-code&state=${state}`, stack.gatewayUrl);
  const answer = await browser.request(callback);
  // A refusal is shown on its own address (/auth/refused/<reference>), as the browser would follow it.
  const res = answer.status === 303 ? (await browser.follow(answer, callback, '\u0000')).res : answer;
  return { res, html: await res.text() };
}

const sessions = async () => (await stack.gateway.db.query<{ n: number }>('select count(*)::int as n from gateway.sessions')).rows[0]!.n;

describe('ID tokens the gateway refuses', () => {
  it('accepts a correct one (so the refusals below are about the token, not the harness)', async () => {
    const { res } = await callbackWith(async (nonce) => signed(claims(nonce)));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/auth/confirm');
  });

  const forgeries: Array<[string, (nonce: string) => Promise<string>]> = [
    ['a nonce that is not the one sent', async () => signed(claims('someone-elses-nonce'))],
    ['another issuer', async (nonce) => signed(claims(nonce, { iss: 'https://evil.example' }))],
    ['another audience', async (nonce) => signed(claims(nonce, { aud: 'another-client' }))],
    ['an expired token', async (nonce) => signed(claims(nonce, { iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }))],
    [
      'alg none',
      async (nonce) => {
        const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims(nonce))}.`;
      },
    ],
    [
      'HS256 keyed with the public key',
      async (nonce) =>
        new SignJWT(claims(nonce))
          .setProtectedHeader({ alg: 'HS256', kid: 'portal-1' })
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk))),
    ],
    [
      'a key id the portal never published',
      async (nonce) => {
        const other = await generateKeyPair('RS256');
        return new SignJWT(claims(nonce)).setProtectedHeader({ alg: 'RS256', kid: 'not-ours' }).sign(other.privateKey);
      },
    ],
    [
      'the right key id but another key',
      async (nonce) => {
        const other = await generateKeyPair('RS256');
        return new SignJWT(claims(nonce)).setProtectedHeader({ alg: 'RS256', kid: 'portal-1' }).sign(other.privateKey);
      },
    ],
  ];

  it.each(forgeries)('refuses %s, records it, and stores nothing', async (_name, forge) => {
    const before = await sessions();
    const { res, html } = await callbackWith(forge);
    expect(res.status).toBe(400);
    expect(html).toContain('HANDOFF_PORTAL_ERROR');
    const reference = /data-testid="reference">([^<]+)</.exec(html)![1]!;
    const [record] = await stack.gateway.handoffs.search({ reference, limit: 1 });
    expect(record).toMatchObject({ outcome: 'refused', refusal: 'HANDOFF_PORTAL_ERROR' });
    expect(await sessions()).toBe(before);
  });
});

describe('a replayed authorization code', () => {
  let real: Stack;
  beforeAll(async () => {
    real = await startStack();
  });
  afterAll(async () => {
    await real?.close();
  });

  it('is refused by the portal when presented again with a fresh sign-in transaction', async () => {
    const browser = new Browser();
    const first = await signInThrough(real, 'employer_handler', '/', browser, { confirm: false });
    expect(first.url.pathname).toBe('/auth/confirm');
    // Find the code the browser carried to the callback the first time, from a second, watched sign-in.
    const watcher = new Browser();
    const login = await watcher.request(new URL('/auth/login', real.gatewayUrl));
    const atPortal = await watcher.follow(login, new URL('/auth/login', real.gatewayUrl), '\u0000');
    const form = /<form[^>]*action="([^"]+)"/.exec(await atPortal.res.text())![1]!.replaceAll('&amp;', '&');
    const posted = await watcher.request(new URL(form, atPortal.url), { form: { kind: 'natural', username: 'employer_handler', password: 'Demo@2026' } });
    const callback = await watcher.follow(posted, new URL(form, atPortal.url), `${real.gatewayUrl}/auth/callback`);
    const code = callback.url.searchParams.get('code')!;
    expect((await watcher.request(callback.url)).status).toBe(302); // used once, legitimately
    // The same code with a new transaction of the same browser: the portal refuses it.
    const again = await watcher.request(new URL('/auth/login', real.gatewayUrl));
    const state = new URL(again.headers.get('location')!).searchParams.get('state')!;
    const replayed = new URL(`/auth/callback?code=${encodeURIComponent(code)}&state=${state}`, real.gatewayUrl);
    const { res: replay } = await watcher.follow(await watcher.request(replayed), replayed, '\u0000');
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('HANDOFF_PORTAL_ERROR');
  });
});
