// The gateway's signing key for identity assertions, and the JWKS module APIs verify them with.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { ASSERTION_ALG, ASSERTION_ISSUER, assertionAudience, type Identity } from '@wgzj/gateway/kit';

export interface AssertionSigner {
  readonly jwks: JSONWebKeySet;
  sign(identity: Identity, area: string, requestId: string): Promise<string>;
}

/** Assertions live a minute: long enough for one API call, short enough that a leaked one is soon useless. */
const LIFETIME_SECONDS = 60;

export async function loadPrivateJwk(options: { inlineJwk?: string | undefined; keyFile: string }): Promise<JWK> {
  if (options.inlineJwk) return JSON.parse(options.inlineJwk) as JWK;
  if (existsSync(options.keyFile)) return JSON.parse(readFileSync(options.keyFile, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair(ASSERTION_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  mkdirSync(dirname(options.keyFile), { recursive: true });
  writeFileSync(options.keyFile, JSON.stringify(jwk), { mode: 0o600 });
  chmodSync(options.keyFile, 0o600);
  return jwk;
}

export async function createAssertionSigner(privateJwk: JWK): Promise<AssertionSigner> {
  const { d: _private, ...publicJwk } = privateJwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  const key = await importJWK({ ...privateJwk, alg: ASSERTION_ALG }, ASSERTION_ALG);
  return {
    jwks: { keys: [{ ...publicJwk, kid, alg: ASSERTION_ALG, use: 'sig' }] },
    sign: (identity, area, requestId) =>
      new SignJWT({ idn: identity })
        .setProtectedHeader({ alg: ASSERTION_ALG, kid, typ: 'wgzj-assertion+jwt' })
        .setIssuer(ASSERTION_ISSUER)
        .setAudience(assertionAudience(area))
        .setSubject(identity.userId)
        .setJti(requestId)
        .setIssuedAt()
        .setExpirationTime(`${LIFETIME_SECONDS}s`)
        .sign(key),
  };
}
