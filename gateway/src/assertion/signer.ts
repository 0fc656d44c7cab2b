// The gateway's key for identity assertions: from configuration, or generated once and kept in the data folder.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { ASSERTION_ALG } from '@wgzj/gateway/kit';

export { createAssertionSigner, type AssertionSigner } from '@wgzj/gateway/kit';

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
