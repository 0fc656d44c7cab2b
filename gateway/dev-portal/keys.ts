// The portal's ID-token signing keys (RS256): generated on first start, persisted so a restart keeps
// them, and rotated by putting a new key first (oidc-provider signs with the first matching key) while
// the previous ones stay published so tokens already issued still verify.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface PrivateJwks {
  keys: JWK[];
}

/** How many keys stay published after a rotation (the new one plus the previous ones). */
const KEEP_KEYS = 3;

export async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint(jwk, 'sha256');
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  return jwk;
}

export interface SigningKeyStore {
  /** The current key set, generating the first key if there is none yet. */
  load(): Promise<PrivateJwks>;
  /** Puts a new key first and returns the new set. */
  rotate(): Promise<PrivateJwks>;
}

/** Keys kept in `<dataDir>/portal/jwks.json` (mode 0600). */
export function fileKeyStore(dataDir: string): SigningKeyStore {
  const file = join(dataDir, 'portal', 'jwks.json');

  async function save(jwks: PrivateJwks): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(jwks, null, 2), { mode: 0o600 });
    await rename(tmp, file);
  }

  async function read(): Promise<PrivateJwks | undefined> {
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as PrivateJwks;
      return Array.isArray(parsed.keys) && parsed.keys.length > 0 ? parsed : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  return {
    async load() {
      const existing = await read();
      if (existing) return existing;
      const created = { keys: [await generateSigningKey()] };
      await save(created);
      return created;
    },
    async rotate() {
      const current = (await read()) ?? { keys: [] };
      const next = { keys: [await generateSigningKey(), ...current.keys].slice(0, KEEP_KEYS) };
      await save(next);
      return next;
    },
  };
}

/** Keys that live as long as the process (tests). */
export function memoryKeyStore(): SigningKeyStore {
  let jwks: PrivateJwks | undefined;
  return {
    async load() {
      jwks ??= { keys: [await generateSigningKey()] };
      return jwks;
    },
    async rotate() {
      const current = jwks?.keys ?? [];
      jwks = { keys: [await generateSigningKey(), ...current].slice(0, KEEP_KEYS) };
      return jwks;
    },
  };
}
