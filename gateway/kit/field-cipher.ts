// Personal identifiers at rest (phone, passport, ID number): AES-256-GCM per value, with a key version so the
// key can be rotated later. The key comes from configuration, or is generated once into the data folder.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class FieldCipher {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the field encryption key must be 32 bytes');
    this.key = key;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  decrypt(stored: string): string {
    const [version, iv, body] = stored.split('.');
    if (version !== 'v1' || !iv || !body) throw new Error('not an encrypted field');
    const data = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  }

  /** A keyed hash for finding a row by an identifier without storing it in the clear. */
  lookupHash(plain: string): string {
    return createHmac('sha256', this.key).update(`lookup:${plain}`).digest('hex');
  }
}

/** `FIELD_ENCRYPTION_KEY` (base64, 32 bytes) when set; otherwise a key generated once under the data folder. */
export function loadFieldCipher(options: { inlineKey?: string | undefined; keyFile: string }): FieldCipher {
  if (options.inlineKey) return new FieldCipher(Buffer.from(options.inlineKey, 'base64'));
  if (!existsSync(options.keyFile)) {
    mkdirSync(dirname(options.keyFile), { recursive: true });
    writeFileSync(options.keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    chmodSync(options.keyFile, 0o600);
  }
  return new FieldCipher(Buffer.from(readFileSync(options.keyFile, 'utf8').trim(), 'base64'));
}
