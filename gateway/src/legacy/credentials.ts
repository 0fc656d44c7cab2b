// Passwords of legacy accounts (老人老办法): argon2id hashes, lockout after repeated failures, the WGZJXM_ hint,
// and self-service reset by a code sent by SMS.
import { createHash, randomInt } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import type { Db, FieldCipher, Queryable } from '@wgzj/gateway/kit';
import { hashId, newOpaqueId } from '../session/store.ts';
import type { SmsOutbox } from '../sms/outbox.ts';

export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MINUTES = 10;
const RESET_CODE_MINUTES = 10;
/** A code an administrator's reset sends (问题七) waits for the person longer than one they asked for. */
export const ISSUED_CODE_HOURS = 24;
const RESET_CODE_ATTEMPTS = 5;
/** The prefix the portal migration gave legacy names that collided with portal accounts. */
export const LEGACY_PREFIX = 'WGZJXM_';

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: 'LEGACY_BAD_CREDENTIALS' | 'LEGACY_TRY_PREFIX' }
  | { ok: false; reason: 'LEGACY_LOCKED'; minutesLeft: number };

export type ResetResult = 'ok' | 'LEGACY_RESET_CODE_WRONG' | 'LEGACY_RESET_EXPIRED' | 'LEGACY_PASSWORD_WEAK' | 'LEGACY_PASSWORD_MISMATCH';

/** At least 8 characters with letters, digits and a symbol; at most 64. */
export function passwordIsStrong(password: string): boolean {
  return password.length >= 8 && password.length <= 64 && /[A-Za-z]/.test(password) && /\d/.test(password) && /[^A-Za-z0-9]/.test(password);
}

export function hashPassword(password: string): Promise<string> {
  return argon2id({
    password,
    salt: crypto.getRandomValues(new Uint8Array(16)),
    parallelism: 1,
    iterations: 2,
    memorySize: 19_456, // KiB: the OWASP minimum for argon2id
    hashLength: 32,
    outputType: 'encoded',
  });
}

const codeHash = (resetId: string, code: string) => createHash('sha256').update(`${resetId}:${code}`).digest('hex');
/** An issued code reaches the person without a reset id, so it is bound to the login name instead. */
const issuedCodeHash = (username: string, code: string) => codeHash(`issued:${username}`, code);
const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export class LegacyCredentials {
  /** Verifying against this when the name is unknown keeps the answer as slow as for a known name. */
  private readonly decoy: Promise<string> = hashPassword(newOpaqueId());

  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly outbox: SmsOutbox,
    private readonly now: () => number = Date.now,
  ) {}

  async setPassword(username: string, userId: string, password: string, phone?: string): Promise<void> {
    await this.db.query(
      `insert into gateway.legacy_credentials (username, user_id, password_hash, phone_encrypted) values ($1, $2, $3, $4)
       on conflict (username) do update set password_hash = excluded.password_hash, failed_attempts = 0, locked_until = null,
         password_changed_at = now()`,
      [username, userId, await hashPassword(password), phone ? this.cipher.encrypt(phone) : null],
    );
  }

  async signIn(username: string, password: string): Promise<SignInResult> {
    const at = new Date(this.now());
    const { rows } = await this.db.query<{ user_id: string; password_hash: string; locked_until: Date | null }>(
      'select user_id, password_hash, locked_until from gateway.legacy_credentials where username = $1',
      [username],
    );
    const row = rows[0];
    if (!row) {
      await argon2Verify({ password, hash: await this.decoy });
      const prefixed = await this.db.query('select 1 from gateway.legacy_credentials where username = $1', [`${LEGACY_PREFIX}${username}`]);
      return { ok: false, reason: prefixed.rows.length ? 'LEGACY_TRY_PREFIX' : 'LEGACY_BAD_CREDENTIALS' };
    }
    if (row.locked_until && new Date(row.locked_until) > at) {
      return { ok: false, reason: 'LEGACY_LOCKED', minutesLeft: Math.ceil((new Date(row.locked_until).getTime() - at.getTime()) / 60_000) };
    }
    if (await argon2Verify({ password, hash: row.password_hash })) {
      await this.db.query('update gateway.legacy_credentials set failed_attempts = 0, locked_until = null where username = $1', [username]);
      return { ok: true, userId: row.user_id };
    }
    // Counted in one statement, so failures arriving together cannot undercount.
    const { rows: counted } = await this.db.query<{ locked_until: Date | null }>(
      `update gateway.legacy_credentials set
         failed_attempts = case when failed_attempts + 1 >= $2 then 0 else failed_attempts + 1 end,
         locked_until = case when failed_attempts + 1 >= $2 then $3::timestamptz else null end
       where username = $1 returning locked_until`,
      [username, LOCKOUT_AFTER_FAILURES, new Date(at.getTime() + LOCKOUT_MINUTES * 60_000).toISOString()],
    );
    return counted[0]?.locked_until ? { ok: false, reason: 'LEGACY_LOCKED', minutesLeft: LOCKOUT_MINUTES } : { ok: false, reason: 'LEGACY_BAD_CREDENTIALS' };
  }

  /**
   * Starts a reset: a six-digit code by SMS to the bound phone. The answer is the same whether or not the
   * name exists (a reset id that never verifies), so the form cannot be used to find accounts.
   */
  async requestReset(username: string): Promise<string> {
    const resetId = newOpaqueId();
    const { rows } = await this.db.query<{ phone_encrypted: string | null }>(
      'select phone_encrypted from gateway.legacy_credentials where username = $1',
      [username],
    );
    if (!rows[0]) return resetId;
    const phone = rows[0].phone_encrypted ? this.cipher.decrypt(rows[0].phone_encrypted) : null;
    const code = newCode();
    await this.db.transaction(async (tx) => {
      // A code an administrator issued stays valid: the person may enter that one on this form.
      await tx.query('delete from gateway.password_resets where username = $1 and issued_by is null', [username]);
      await tx.query('insert into gateway.password_resets (id_hash, username, code_hash, expires_at) values ($1, $2, $3, $4)', [
        hashId(resetId),
        username,
        codeHash(resetId, code),
        new Date(this.now() + RESET_CODE_MINUTES * 60_000).toISOString(),
      ]);
      // Without a phone the form still opens (the same answer as for any name), for an issued code only.
      if (phone) {
        await this.outbox.enqueue(tx, phone, `【外国专家项目管理信息系统】您正在重置密码,验证码 ${code},${RESET_CODE_MINUTES}分钟内有效。如非本人操作,请忽略。`, 'password_reset');
      }
    });
    return resetId;
  }

  /**
   * An administrator's reset (问题七): the password stops working now and a code valid for a day is issued,
   * to be entered on the ordinary reset page. Runs in the caller's transaction (with its SMS and audit record);
   * returns the code for the SMS only.
   */
  async issueReset(tx: Queryable, usernames: string[], issuedBy: string): Promise<string> {
    const code = newCode();
    for (const username of usernames) {
      // Nobody knows this password: the old one no longer opens the account, and the person must set a new one.
      await tx.query(
        `update gateway.legacy_credentials set password_hash = $2, failed_attempts = 0, locked_until = null, password_changed_at = now()
         where username = $1`,
        [username, await hashPassword(newOpaqueId())],
      );
      await tx.query('delete from gateway.password_resets where username = $1', [username]);
      await tx.query('insert into gateway.password_resets (id_hash, username, code_hash, expires_at, issued_by) values ($1, $2, $3, $4, $5)', [
        hashId(newOpaqueId()),
        username,
        issuedCodeHash(username, code),
        new Date(this.now() + ISSUED_CODE_HOURS * 3_600_000).toISOString(),
        issuedBy,
      ]);
    }
    return code;
  }

  /** The legacy logins that open an account, with the phone each is bound to (decrypted, for an SMS only). */
  async loginsOf(userId: string): Promise<Array<{ login: string; phone: string | null }>> {
    const { rows } = await this.db.query<{ username: string; phone_encrypted: string | null }>(
      'select username, phone_encrypted from gateway.legacy_credentials where user_id = $1 order by username',
      [userId],
    );
    return rows.map((r) => ({ login: r.username, phone: r.phone_encrypted ? this.cipher.decrypt(r.phone_encrypted) : null }));
  }

  /** Does the code match an administrator-issued reset of this login? Each try counts against that reset. */
  private async issuedCodeMatches(username: string, code: string): Promise<boolean> {
    const { rows } = await this.db.query<{ code_hash: string; attempts: number; expires_at: Date }>(
      `update gateway.password_resets set attempts = attempts + 1 where username = $1 and issued_by is not null
       returning code_hash, attempts, expires_at`,
      [username],
    );
    const issued = rows[0];
    if (!issued || new Date(issued.expires_at).getTime() <= this.now() || issued.attempts > RESET_CODE_ATTEMPTS) return false;
    return issuedCodeHash(username, code) === issued.code_hash;
  }

  async completeReset(resetId: string, code: string, password: string, repeated: string): Promise<ResetResult> {
    if (password !== repeated) return 'LEGACY_PASSWORD_MISMATCH';
    if (!passwordIsStrong(password)) return 'LEGACY_PASSWORD_WEAK';
    const { rows } = await this.db.query<{ username: string; code_hash: string; attempts: number; expires_at: Date }>(
      'update gateway.password_resets set attempts = attempts + 1 where id_hash = $1 returning username, code_hash, attempts, expires_at',
      [hashId(resetId)],
    );
    const reset = rows[0];
    if (!reset || new Date(reset.expires_at).getTime() <= this.now() || reset.attempts > RESET_CODE_ATTEMPTS) return 'LEGACY_RESET_EXPIRED';
    const entered = code.trim();
    if (codeHash(resetId, entered) !== reset.code_hash && !(await this.issuedCodeMatches(reset.username, entered))) return 'LEGACY_RESET_CODE_WRONG';
    const hash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `update gateway.legacy_credentials set password_hash = $2, failed_attempts = 0, locked_until = null, password_changed_at = now()
         where username = $1`,
        [reset.username, hash],
      );
      await tx.query('delete from gateway.password_resets where username = $1', [reset.username]);
    });
    return 'ok';
  }
}
