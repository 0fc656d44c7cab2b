// The module side of the identity assertion: everything but a fresh ES256 assertion for this area is refused.
import { Hono } from 'hono';
import { base64url, importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createErrorHandler } from './errors.ts';
import {
  ASSERTION_HEADER,
  ASSERTION_ISSUER,
  assertionAudience,
  createAssertionSigner,
  requireIdentity,
  scopeFor,
  type AssertionSigner,
  type Identity,
  type IdentityEnv,
} from './identity.ts';
import { createLogger } from './logger.ts';
import { testAssertionKey } from '@wgzj/gateway/testing';

const identity: Identity = {
  userId: '8d0f0a52-4a3e-4f0e-9b8e-2f3c1d2e4a10',
  username: 'employer_handler',
  displayName: '张伟',
  role: 'employer_handler',
  unit: { id: '2b7e1c2a-6a3f-4b0c-8d3e-9f1a2b3c4d5e', name: '北京示例大学', kind: 'employer' },
  scope: { level: 'unit', unitId: '2b7e1c2a-6a3f-4b0c-8d3e-9f1a2b3c4d5e' },
};

let privateJwk: JWK;
let signer: AssertionSigner;
let app: Hono<IdentityEnv>;

beforeAll(async () => {
  privateJwk = await testAssertionKey();
  signer = await createAssertionSigner(privateJwk);
  app = new Hono<IdentityEnv>();
  app.onError(createErrorHandler(createLogger('test', 'silent')));
  app.use('*', requireIdentity('projects', { jwks: signer.jwks }));
  app.get('/whoami', (c) => c.json(c.var.identity));
});

const call = (token?: string, locale = 'zh-CN') =>
  app.request('/whoami', { headers: { 'accept-language': locale, ...(token === undefined ? {} : { [ASSERTION_HEADER]: token }) } });

/** Signs like the gateway does, with the real key, but lets a test change one claim or header at a time. */
async function signWith(
  options: { key?: JWK; exp?: number; iat?: number; aud?: string; iss?: string; sub?: string; idn?: unknown; omit?: string[] } = {},
) {
  const key = await importJWK({ ...(options.key ?? privateJwk), alg: 'ES256' }, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(options.omit?.includes('idn') ? {} : { idn: options.idn ?? identity }).setProtectedHeader({
    alg: 'ES256',
    kid: signer.jwks.keys[0]!.kid!,
    typ: 'wgzj-assertion+jwt',
  });
  if (!options.omit?.includes('iss')) jwt.setIssuer(options.iss ?? ASSERTION_ISSUER);
  jwt.setAudience(options.aud ?? assertionAudience('projects'));
  if (!options.omit?.includes('sub')) jwt.setSubject(options.sub ?? identity.userId);
  if (!options.omit?.includes('iat')) jwt.setIssuedAt(options.iat ?? now);
  if (!options.omit?.includes('exp')) jwt.setExpirationTime(options.exp ?? now + 60);
  return jwt.sign(key);
}

const json = (value: unknown) => base64url.encode(JSON.stringify(value));

async function expectRefused(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('ASSERTION_INVALID');
  expect(body.error.message).toBe('请求未经网关认证,已拒绝。');
  // Nothing of the identity leaks into a refusal.
  expect(JSON.stringify(body)).not.toContain(identity.username);
}

describe('requireIdentity', () => {
  it('accepts an assertion the gateway signed for this area and exposes the identity', async () => {
    const response = await call(await signer.sign(identity, 'projects', 'req-1'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(identity);
  });

  it('accepts the hand-signed baseline the refusal cases below change one thing of', async () => {
    const response = await call(await signWith());
    expect(response.status).toBe(200);
    expect(((await response.json()) as Identity).userId).toBe(identity.userId);
  });

  it('refuses a request without an assertion', async () => {
    await expectRefused(await call());
    await expectRefused(await call(''));
  });

  it('answers a refusal in English when the caller asks for it', async () => {
    const response = await call(undefined, 'en-US,en;q=0.9');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'The request did not carry a valid gateway identity assertion.',
    );
  });

  it('refuses an assertion for another area', async () => {
    await expectRefused(await call(await signer.sign(identity, 'reports', 'req-2')));
    await expectRefused(await call(await signWith({ aud: 'wgzj-api:projects-extra' })));
  });

  it('refuses an assertion signed by another key, even with the right key id', async () => {
    await expectRefused(await call(await signWith({ key: await testAssertionKey() })));
    const stranger = await createAssertionSigner(await testAssertionKey());
    await expectRefused(await call(await stranger.sign(identity, 'projects', 'req-3')));
  });

  it('refuses an expired assertion', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await call(await signWith({ iat: now - 120, exp: now - 60 })));
  });

  it('refuses an assertion issued too long ago, whatever its expiry says', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await call(await signWith({ iat: now - 600, exp: now + 3600 })));
  });

  it('refuses an assertion without expiry, issue time or subject', async () => {
    for (const claim of ['exp', 'iat', 'sub']) await expectRefused(await call(await signWith({ omit: [claim] })));
  });

  it('refuses an assertion from another issuer', async () => {
    await expectRefused(await call(await signWith({ iss: 'someone-else' })));
  });

  it('refuses an assertion whose subject is not the identity it carries, or that carries none', async () => {
    await expectRefused(await call(await signWith({ sub: '00000000-0000-4000-8000-000000000000' })));
    await expectRefused(await call(await signWith({ omit: ['idn'] })));
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const valid = await signer.sign(identity, 'projects', 'req-4');
    const [, payload] = valid.split('.');
    const header = json({ alg: 'none', typ: 'JWT' });
    await expectRefused(await call(`${header}.${payload}.`));
    await expectRefused(await call(`${header}.${payload}`));
  });

  it('refuses an HS256 token keyed with the published public key (algorithm confusion)', async () => {
    const publicJwk = signer.jwks.keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    const secrets = [JSON.stringify(publicJwk), JSON.stringify(signer.jwks)].map((s) => new TextEncoder().encode(s));
    for (const secret of secrets) {
      const token = await new SignJWT({ idn: identity })
        .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid! })
        .setIssuer(ASSERTION_ISSUER)
        .setAudience(assertionAudience('projects'))
        .setSubject(identity.userId)
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .sign(secret);
      await expectRefused(await call(token));
    }
  });

  it('refuses a validly signed assertion whose payload was changed', async () => {
    const valid = await signer.sign(identity, 'projects', 'req-5');
    const [header, payload, signature] = valid.split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as { idn: Identity };
    const promoted = { ...claims, idn: { ...claims.idn, role: 'national_admin', scope: { level: 'all' } } };
    await expectRefused(await call(`${header}.${json(promoted)}.${signature}`));
    // Same check the other way: the untouched token still passes, so the refusal above is the tampering.
    expect((await call(valid)).status).toBe(200);
  });

  it('refuses garbage', async () => {
    for (const token of ['not-a-jwt', 'a.b.c', 'Bearer x', '...']) await expectRefused(await call(token));
  });
});

describe('scopeFor', () => {
  it('gives each role its data scope', () => {
    expect(scopeFor('national_admin', 'u')).toEqual({ level: 'all' });
    expect(scopeFor('support', 'u')).toEqual({ level: 'all' });
    expect(scopeFor('supervising_user', 'u')).toEqual({ level: 'supervised', unitId: 'u' });
    expect(scopeFor('employer_handler', 'u')).toEqual({ level: 'unit', unitId: 'u' });
    expect(scopeFor('employer_admin', 'u')).toEqual({ level: 'unit', unitId: 'u' });
    expect(scopeFor('expert_reviewer', 'u')).toEqual({ level: 'none' });
  });
});
