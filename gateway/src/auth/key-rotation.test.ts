// The portal rotates its signing key: sign-in goes on with one fetch of the new key set, and tokens with
// made-up key ids cannot make the gateway hammer the portal's JWKS endpoint.
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('portal key rotation', () => {
  it('keeps signing people in with exactly one refetch of the key set after a rotation', async () => {
    const first = await signInThrough(stack, 'employer_handler');
    expect(first.url.pathname).toBe('/');
    const afterFirst = stack.counters.portalJwks;
    expect(afterFirst).toBeGreaterThanOrEqual(1);

    await signInThrough(stack, 'employer_admin');
    expect(stack.counters.portalJwks).toBe(afterFirst); // cached

    await stack.portal.rotateKeys();
    const afterRotation = await signInThrough(stack, 'supervisor_bj');
    expect(afterRotation.url.pathname).toBe('/');
    expect(stack.counters.portalJwks).toBe(afterFirst + 1);
  });

  it('does not turn a burst of unknown key ids into a burst of key-set fetches', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    // Prime the back-channel verifier's key set once, then send tokens naming keys the portal never had.
    const forged = (kid: string) =>
      new SignJWT({ iss: stack.portal.issuer, aud: 'wgzjxm', jti: crypto.randomUUID(), sid: 'x', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'logout+jwt' })
        .setIssuedAt()
        .sign(privateKey);
    const post = async (token: string) =>
      (
        await fetch(new URL('/auth/backchannel-logout', stack.gatewayUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ logout_token: token }),
        })
      ).status;
    expect(await post(await forged('warm-up'))).toBe(400);
    const before = stack.counters.portalJwks;
    const statuses = await Promise.all(Array.from({ length: 25 }, async (_, i) => post(await forged(`unknown-${i}`))));
    expect(statuses.every((s) => s === 400)).toBe(true);
    expect(stack.counters.portalJwks - before).toBeLessThanOrEqual(1);
  });
});
