// Back-channel logout from the portal: the real one ends our sessions; forged ones change nothing.
import { generateKeyPair, importJWK, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formAction } from '@wgzj/gateway/testing/browser';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
const json = { accept: 'application/json', 'sec-fetch-dest': 'empty' };

async function signedIn() {
  const { browser } = await signInThrough(stack, 'employer_handler');
  const cookie = browser.jar.header(new URL(stack.gatewayUrl));
  const id = /wgzj_sid=([^;]+)/.exec(cookie)![1]!;
  const session = (await stack.gateway.sessions.store.get(id))!;
  const alive = async () => (await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: json })).status === 200;
  return { browser, session, alive };
}

async function portalSigned(claims: JWTPayload, header: { typ?: string } = {}) {
  const [key] = (await stack.portalKeys.load()).keys;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key!.kid!, typ: header.typ ?? 'logout+jwt' })
    .sign(await importJWK(key!, 'RS256'));
}

function validClaims(sid: string): JWTPayload {
  return {
    iss: stack.portal.issuer,
    aud: 'wgzjxm',
    iat: Math.floor(Date.now() / 1000),
    jti: crypto.randomUUID(),
    sid,
    events: { [LOGOUT_EVENT]: {} },
  };
}

const post = (token: string) =>
  fetch(new URL('/auth/backchannel-logout', stack.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ logout_token: token }),
  });

describe('back-channel logout', () => {
  it('ends the gateway session when the user logs out at the portal', async () => {
    const { browser, alive } = await signedIn();
    expect(await alive()).toBe(true);
    const end = new URL('/session/end?client_id=wgzjxm', stack.portal.issuer);
    const page = await browser.request(end);
    const html = await page.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(xsrf).toBeTruthy();
    await browser.request(formAction(html, end), { form: { xsrf: xsrf!, logout: 'yes' } });
    await expect.poll(alive, { timeout: 5_000 }).toBe(false);
  });

  it('ends the sessions of the portal session named by a valid token, once', async () => {
    const { session, alive } = await signedIn();
    const token = await portalSigned(validClaims(session.portalSid!));
    expect((await post(token)).status).toBe(200);
    expect(await alive()).toBe(false);
    expect((await post(token)).status).toBe(400); // replayed jti
  });

  it('ends the sessions of a portal subject when the token names no sid', async () => {
    const { session, alive } = await signedIn();
    const { sid: _sid, ...claims } = validClaims('x');
    const token = await portalSigned({ ...claims, sub: session.portalSubject! });
    expect((await post(token)).status).toBe(200);
    expect(await alive()).toBe(false);
  });

  const forgeries: Array<[string, (sid: string) => Promise<string>]> = [
    ['a logout token with a nonce', (sid) => portalSigned({ ...validClaims(sid), nonce: 'n' })],
    ['a logout token with the wrong typ', (sid) => portalSigned(validClaims(sid), { typ: 'JWT' })],
    ['a logout token without the events claim', (sid) => portalSigned({ ...validClaims(sid), events: undefined })],
    ['a logout token for another audience', (sid) => portalSigned({ ...validClaims(sid), aud: 'someone-else' })],
    ['a logout token from another issuer', (sid) => portalSigned({ ...validClaims(sid), iss: 'https://evil.example' })],
    ['a logout token issued long ago', (sid) => portalSigned({ ...validClaims(sid), iat: Math.floor(Date.now() / 1000) - 3600 })],
    [
      'an unsigned logout token (alg: none)',
      async (sid) => {
        const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
        return `${encode({ alg: 'none', typ: 'logout+jwt' })}.${encode(validClaims(sid))}.`;
      },
    ],
    [
      'a logout token signed by an unknown key',
      async (sid) => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT(validClaims(sid)).setProtectedHeader({ alg: 'RS256', kid: 'unknown', typ: 'logout+jwt' }).sign(privateKey);
      },
    ],
    [
      'an HS256 logout token keyed with the public key',
      async (sid) => {
        const [key] = (await stack.portalKeys.load()).keys;
        const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = key!;
        return new SignJWT(validClaims(sid))
          .setProtectedHeader({ alg: 'HS256', kid: key!.kid!, typ: 'logout+jwt' })
          .sign(new TextEncoder().encode(JSON.stringify(pub)));
      },
    ],
  ];

  it.each(forgeries)('refuses %s and leaves the session alone', async (_name, forge) => {
    const { session, alive } = await signedIn();
    const res = await post(await forge(session.portalSid!));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    expect(await alive()).toBe(true);
  });

  it('refuses a request without a logout token', async () => {
    const res = await fetch(new URL('/auth/backchannel-logout', stack.gatewayUrl), { method: 'POST' });
    expect(res.status).toBe(400);
  });
});
