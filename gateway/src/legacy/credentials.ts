// Passwords of legacy accounts (老人老办法): argon2id hashes, the sign-in rules (one answer for every failure, rate
// limits, a lock others cannot hold the owner behind), and self-service reset by a code sent by SMS.
import { createHash, createHmac, randomInt } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import { dbRateLimiter, type Db, type FieldCipher, type Queryable, type RateLimiter, type RateRule, type RateVerdict } from '@wgzj/gateway/kit';
import { hashId, newOpaqueId } from '../session/store.ts';
import type { SmsOutbox } from '../sms/outbox.ts';
import type { LegacyCredentialsRow, PasswordResetsRow } from '../../db/rows.ts';

const RESET_CODE_MINUTES = 10;
/** A code an administrator's reset sends (问题七) waits for the person longer than one they asked for. */
export const ISSUED_CODE_HOURS = 24;
const RESET_CODE_ATTEMPTS = 5;
/** The prefix the portal migration gave legacy names that collided with portal accounts. */
export const LEGACY_PREFIX = 'WGZJXM_';

interface LimitRule {
  limit: number;
  windowSeconds: number;
  why: string;
}

/**
 * The legacy door's limits, in one table. Every key is a keyed hash of what it counts (a name, an address, a
 * browser), so no name appears in clear in Redis, the database or a log. A name is counted whether or not an
 * account has it, so no limit answers differently for a real account. Only attempts that passed the captcha count
 * against a name: locking someone out costs a solved captcha per try.
 */
export const LEGACY_LIMITS = {
  signInPerAddress: {
    limit: 30,
    windowSeconds: 15 * 60,
    why: 'One address trying many names (password spraying) or one name very fast. Counted before the captcha and any password is checked, and answered in its own words (请求过于频繁): it says nothing about any account.',
  },
  signInPerAccount: {
    limit: 5,
    windowSeconds: 15 * 60,
    why: 'The lock: after five tries at a name without a success, no password opens it from a new browser until the window ends. The window starts at the first try and tries during the lock do not move it, so a lock ends at most 15 minutes after it began; the owner ends it at once with an SMS reset (忘记密码), and a success or an SMS reset clears the count. Someone who starts a new lock every window pays a solved captcha per try and still cannot reach the owner\'s known browser (next row).',
  },
  signInPerKnownBrowser: {
    limit: 10,
    windowSeconds: 24 * 3600,
    why: 'A browser that signed in to the name before (or reset its password by SMS) is counted on its own instead of under the name, so a stranger holding the lock never keeps the owner out of their own browser. A copied cookie buys ten guesses a day, not a way round the lock.',
  },
  resetSmsGap: {
    limit: 1,
    windowSeconds: 60,
    why: 'One reset SMS a minute per name: enough to ask again when one does not arrive, no flood of the phone.',
  },
  resetSmsPerAccount: {
    limit: 5,
    windowSeconds: 3600,
    why: "At most five reset SMS an hour to one name's phone: its owner is not bombarded and SMS cost stays bounded. (Someone spending them keeps the owner from asking for a sixth within the hour; the administrator's reset, 问题七, still reaches them.)",
  },
  resetSmsPerAddress: {
    limit: 10,
    windowSeconds: 3600,
    why: 'One address asking codes for many names.',
  },
  captchaDrawsPerAddress: {
    limit: 60,
    windowSeconds: 10 * 60,
    why: 'Every picture (the first one of a form and each 换一张) has a new answer; a script must not fetch pictures without end to pick an easy one. Generous, for an office behind one address.',
  },
} as const satisfies Record<string, LimitRule>;
/** 换一张 within one form: enough for an unreadable picture or two, then the page must be opened again. */
export const CAPTCHA_DRAWS_PER_FORM = 10;
export type LegacyLimit = keyof typeof LEGACY_LIMITS;

export type SignInResult =
  | { ok: true; userId: string; knownBrowser: string }
  /** Unknown name, wrong password, locked or disabled account: one answer for all, after the same work. */
  | { ok: false; reason: 'LEGACY_SIGN_IN_FAILED' }
  /** Checked before the name is looked at, so it says nothing about the account either. */
  | { ok: false; reason: 'LEGACY_CAPTCHA_WRONG' }
  /** This address tried too often: says nothing about the account. */
  | { ok: false; reason: 'LEGACY_TOO_MANY_ATTEMPTS'; retryAfterSeconds: number };

/**
 * The code step of a reset. `limitedFor`: no SMS went out (a limit), yet the step opens alike for every name, so
 * a code an administrator's reset already sent can still be entered.
 */
export interface ResetRequest {
  form: ResetForm;
  limitedFor?: number;
}

/** The code step as this browser's form chain went through it: the same bounds for every name, known or not. */
export interface ResetForm {
  resetId: string;
  username: string;
  startedAt: number;
  /** Codes entered on this chain before this one. */
  attempts: number;
}

export type ResetResult =
  | { result: 'ok'; knownBrowser: string }
  | { result: 'LEGACY_RESET_CODE_WRONG' | 'LEGACY_RESET_EXPIRED' | 'LEGACY_PASSWORD_WEAK' | 'LEGACY_PASSWORD_MISMATCH' };

export interface SignInAttempt {
  username: string;
  password: string;
  /** The captcha of the form was answered right (or is switched off). */
  captchaPassed: boolean;
  clientIp?: string | undefined;
  /** The browser's known-browser cookie (wgzj_known), if any. */
  knownBrowser?: string | undefined;
}

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
/** How many known-browser marks one browser keeps (a shared office computer, a few legacy logins). */
const KNOWN_BROWSER_MARKS = 4;

export interface LegacyCredentialsOptions {
  /** Where the limits are counted: Redis when configured, the database otherwise. */
  limiter?: RateLimiter;
  /** Keys the hashes in limit keys and the known-browser marks. */
  secret?: string;
  /** The password check (argon2id); a test counts the calls. */
  verify?: (password: string, hash: string) => Promise<boolean>;
}

export class LegacyCredentials {
  /** Verifying against this when the name is unknown keeps the answer as slow as for a known name. */
  private readonly decoy: Promise<string> = hashPassword(newOpaqueId());
  private readonly limiter: RateLimiter;
  private readonly secret: string;
  private readonly verify: (password: string, hash: string) => Promise<boolean>;

  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly outbox: SmsOutbox,
    private readonly now: () => number = Date.now,
    options: LegacyCredentialsOptions = {},
  ) {
    this.limiter = options.limiter ?? dbRateLimiter(db, now);
    this.secret = options.secret ?? newOpaqueId();
    this.verify = options.verify ?? ((password, hash) => argon2Verify({ password, hash }));
  }

  private keyed(what: string): string {
    return createHmac('sha256', this.secret).update(what).digest('base64url').slice(0, 32);
  }

  /** The rule of a limit for one subject (a name, an address, a browser), under its hashed key. */
  rule(limit: LegacyLimit, subject: string): RateRule {
    const { limit: max, windowSeconds } = LEGACY_LIMITS[limit];
    return { key: `legacy:${limit}:${this.keyed(`${limit}:${subject}`)}`, limit: max, windowSeconds };
  }

  /** Counts one hit of a limit; the verdict says whether it is within it. Throws when the store does not answer. */
  hit(limit: LegacyLimit, subject: string): Promise<RateVerdict> {
    return this.limiter.hit(this.rule(limit, subject));
  }

  private browserMark(deviceId: string, username: string): string {
    return `${deviceId}.${this.keyed(`known:${deviceId}:${username}`)}`;
  }

  /** The device id of the mark in `cookie` that was issued for `username`, if there is one. */
  private knownDevice(cookie: string | undefined, username: string): string | null {
    for (const mark of (cookie ?? '').split('~').slice(0, KNOWN_BROWSER_MARKS)) {
      const deviceId = mark.split('.')[0] ?? '';
      if (/^[A-Za-z0-9_-]{43}$/.test(deviceId) && mark === this.browserMark(deviceId, username)) return deviceId;
    }
    return null;
  }

  /** The cookie value that marks this browser as known for `username`, keeping marks it holds for other names. */
  private markBrowser(cookie: string | undefined, username: string): string {
    const deviceId = this.knownDevice(cookie, username) ?? newOpaqueId();
    const others = (cookie ?? '')
      .split('~')
      .filter((mark) => /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{32}$/.test(mark) && !mark.startsWith(`${deviceId}.`));
    return [this.browserMark(deviceId, username), ...others].slice(0, KNOWN_BROWSER_MARKS).join('~');
  }

  async setPassword(username: string, userId: string, password: string, phone?: string): Promise<void> {
    await this.db.query(
      `insert into gateway.legacy_credentials (username, user_id, password_hash, phone_encrypted) values ($1, $2, $3, $4)
       on conflict (username) do update set password_hash = excluded.password_hash, failed_attempts = 0, locked_until = null,
         password_changed_at = now()`,
      [username, userId, await hashPassword(password), phone ? this.cipher.encrypt(phone) : null],
    );
  }

  /**
   * One sign-in attempt. Every failure (no such name, wrong password, locked, disabled) does the same work — two
   * limit hits, one lookup, one argon2 verification — and gives the same answer, so neither the words nor the time
   * tell a real account from a made-up one. The right password of a locked account is refused like a wrong one:
   * anything else would tell a guesser during the lock which guess was right.
   */
  async signIn(attempt: SignInAttempt): Promise<SignInResult> {
    const { username, password } = attempt;
    const address = await this.hit('signInPerAddress', attempt.clientIp ?? 'unknown');
    if (!address.allowed) return { ok: false, reason: 'LEGACY_TOO_MANY_ATTEMPTS', retryAfterSeconds: address.retryAfterSeconds };
    if (!attempt.captchaPassed) return { ok: false, reason: 'LEGACY_CAPTCHA_WRONG' };
    const device = this.knownDevice(attempt.knownBrowser, username);
    const tries = device ? await this.hit('signInPerKnownBrowser', device) : await this.hit('signInPerAccount', username);
    const { rows } = await this.db.query<Pick<LegacyCredentialsRow, 'user_id' | 'password_hash'> & { status: string | null }>(
      `select c.user_id, c.password_hash, d.status from gateway.legacy_credentials c
       left join admin.account_directory d on d.user_id = c.user_id where c.username = $1`,
      [username],
    );
    const row = rows[0];
    const passwordRight = await this.verify(password, row?.password_hash ?? (await this.decoy));
    if (!row || !passwordRight || !tries.allowed || row.status !== 'active') return { ok: false, reason: 'LEGACY_SIGN_IN_FAILED' };
    await this.limiter.reset(this.rule('signInPerAccount', username).key);
    if (device) await this.limiter.reset(this.rule('signInPerKnownBrowser', device).key);
    return { ok: true, userId: row.user_id, knownBrowser: this.markBrowser(attempt.knownBrowser, username) };
  }

  /**
   * Starts a reset: a six-digit code by SMS to the bound phone. The answer is the same whether or not the
   * name exists (a reset id that never verifies), so the form cannot be used to find accounts; the limits count
   * any name alike.
   */
  async requestReset(username: string, clientIp?: string): Promise<ResetRequest> {
    for (const [limit, subject] of [
      ['resetSmsPerAddress', clientIp ?? 'unknown'],
      ['resetSmsGap', username],
      ['resetSmsPerAccount', username],
    ] as const) {
      const verdict = await this.hit(limit, subject);
      // No row and no SMS: on this step only an administrator's code for the name opens anything.
      if (!verdict.allowed) return { form: this.resetForm(newOpaqueId(), username), limitedFor: verdict.retryAfterSeconds };
    }
    const resetId = newOpaqueId();
    const { rows } = await this.db.query<Pick<LegacyCredentialsRow, 'phone_encrypted'>>(
      'select phone_encrypted from gateway.legacy_credentials where username = $1',
      [username],
    );
    if (!rows[0]) return { form: this.resetForm(resetId, username) };
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
    return { form: this.resetForm(resetId, username) };
  }

  private resetForm(resetId: string, username: string): ResetForm {
    return { resetId, username, startedAt: this.now(), attempts: 0 };
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
    const { rows } = await this.db.query<Pick<LegacyCredentialsRow, 'username' | 'phone_encrypted'>>(
      'select username, phone_encrypted from gateway.legacy_credentials where user_id = $1 order by username',
      [userId],
    );
    return rows.map((r) => ({ login: r.username, phone: r.phone_encrypted ? this.cipher.decrypt(r.phone_encrypted) : null }));
  }

  /** Does the code match an administrator-issued reset of this login? Each try counts against that reset. */
  private async issuedCodeMatches(username: string, code: string): Promise<boolean> {
    const { rows } = await this.db.query<Pick<PasswordResetsRow, 'code_hash' | 'attempts' | 'expires_at'>>(
      `update gateway.password_resets set attempts = attempts + 1 where username = $1 and issued_by is not null
       returning code_hash, attempts, expires_at`,
      [username],
    );
    const issued = rows[0];
    if (!issued || new Date(issued.expires_at).getTime() <= this.now() || issued.attempts > RESET_CODE_ATTEMPTS) return false;
    return issuedCodeHash(username, code) === issued.code_hash;
  }

  /**
   * Sets the new password with the code. The person has shown they hold the bound phone, so the lock ends and this
   * browser becomes known for the name (`knownBrowser`: the cookie value), which no one else's failures can lock.
   * A name without an account answers a code as a wrong one, and the form's own count and age end every chain alike
   * (expired after five codes or ten minutes), so this step tells no real name from a made-up one either.
   */
  async completeReset(form: ResetForm, code: string, password: string, repeated: string, knownBrowser?: string): Promise<ResetResult> {
    if (password !== repeated) return { result: 'LEGACY_PASSWORD_MISMATCH' };
    if (!passwordIsStrong(password)) return { result: 'LEGACY_PASSWORD_WEAK' };
    if (form.attempts >= RESET_CODE_ATTEMPTS || this.now() - form.startedAt > RESET_CODE_MINUTES * 60_000) return { result: 'LEGACY_RESET_EXPIRED' };
    const { rows } = await this.db.query<Pick<PasswordResetsRow, 'username' | 'code_hash' | 'attempts' | 'expires_at'>>(
      'update gateway.password_resets set attempts = attempts + 1 where id_hash = $1 returning username, code_hash, attempts, expires_at',
      [hashId(form.resetId)],
    );
    const row = rows[0];
    if (row && (new Date(row.expires_at).getTime() <= this.now() || row.attempts > RESET_CODE_ATTEMPTS)) return { result: 'LEGACY_RESET_EXPIRED' };
    const username = row?.username ?? form.username;
    const entered = code.trim();
    if (!(row && codeHash(form.resetId, entered) === row.code_hash) && !(await this.issuedCodeMatches(username, entered))) {
      return { result: 'LEGACY_RESET_CODE_WRONG' };
    }
    const hash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `update gateway.legacy_credentials set password_hash = $2, failed_attempts = 0, locked_until = null, password_changed_at = now()
         where username = $1`,
        [username, hash],
      );
      await tx.query('delete from gateway.password_resets where username = $1', [username]);
    });
    await this.limiter.reset(this.rule('signInPerAccount', username).key);
    return { result: 'ok', knownBrowser: this.markBrowser(knownBrowser, username) };
  }
}
