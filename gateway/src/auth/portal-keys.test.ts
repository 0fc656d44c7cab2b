// The key resolver against a real local JWKS endpoint that counts its requests.
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortalKeys } from './portal-keys.ts';

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } as JWK };
}

let server: Server;
let url: string;
let published: JWK[] = [];
let fetches = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
});
afterAll(() => {
  server.close();
});

const sign = (key: Awaited<ReturnType<typeof keyPair>>, kid = key.kid) =>
  new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().sign(key.privateKey);

describe('portal keys', () => {
  it('fetches once, refetches once when the portal rotates, and limits refetches for unknown key ids', async () => {
    let clock = 0;
    const keys = new PortalKeys({ jwksUri: async () => url, missCooldownMs: 10_000, now: () => clock });
    const first = await keyPair('k1');
    published = [first.publicJwk];
    fetches = 0;

    await jwtVerify(await sign(first), keys.getKey);
    await jwtVerify(await sign(first), keys.getKey);
    expect(fetches).toBe(1);

    // Rotation: a token with the new key arrives; one refetch finds it.
    const second = await keyPair('k2');
    published = [second.publicJwk, first.publicJwk];
    clock += 1_000;
    await jwtVerify(await sign(second), keys.getKey);
    expect(fetches).toBe(2);

    // A burst of unknown key ids within the cooldown: refused, no fetch at all.
    const stranger = await keyPair('nobody');
    const burst = await Promise.allSettled(Array.from({ length: 30 }, async (_, i) => jwtVerify(await sign(stranger, `made-up-${i}`), keys.getKey)));
    expect(burst.every((r) => r.status === 'rejected')).toBe(true);
    expect(fetches).toBe(2);

    // After the cooldown a burst costs one shared refetch, not thirty.
    clock += 10_000;
    const later = await Promise.allSettled(Array.from({ length: 30 }, async (_, i) => jwtVerify(await sign(stranger, `again-${i}`), keys.getKey)));
    expect(later.every((r) => r.status === 'rejected')).toBe(true);
    expect(fetches).toBe(3);
  });

  it('refetches keys that have grown old even without a miss', async () => {
    let clock = 0;
    const keys = new PortalKeys({ jwksUri: async () => url, maxAgeMs: 60_000, now: () => clock });
    const key = await keyPair('k3');
    published = [key.publicJwk];
    fetches = 0;
    await jwtVerify(await sign(key), keys.getKey);
    clock += 61_000;
    await jwtVerify(await sign(key), keys.getKey);
    expect(fetches).toBe(2);
  });
});
