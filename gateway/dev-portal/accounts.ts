// The dev portal's accounts: seed data for demos and tests, and the in-memory directory the portal
// signs people in against. Every identifier here is fictitious but carries a correct check character
// (GB 11643 for ID numbers, GB 32100 for credit codes) unless its name says otherwise.
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** One password for every seeded account, printed by the demo console. */
export const DEMO_PASSWORD = 'Demo@2026';

/** 自然人 (natural person) or 法人 (legal person: one account per unit). */
export type AccountKind = 'natural' | 'legal';
/** 实名认证 state as the portal reports it. */
export type RealnameStatus = 'verified' | 'pending' | 'unverified';
/** employer = 用人单位, supervising = 主管单位, national = 国家级管理部门, ministry_university = 部属高校. */
export type UnitKind = 'employer' | 'supervising' | 'national' | 'ministry_university';
/** Grants for this system: handler = 外国专家项目-事项办理员, admin = 外国专家项目-事项管理员. */
export type WgzjRole = 'handler' | 'admin';

export const WGZJ_ROLES: readonly WgzjRole[] = ['handler', 'admin'];
export const REALNAME_STATUSES: readonly RealnameStatus[] = ['verified', 'pending', 'unverified'];

export interface Unit {
  readonly name: string;
  /** 统一社会信用代码; '' when the unit never completed it. */
  readonly creditCode: string;
  readonly kind: UnitKind;
}

/**
 * Units the demo data of the whole system shares. The gateway and module seeds use the same names and
 * codes so that a portal sign-in lands on a unit the system knows.
 */
export const DEMO_UNITS = {
  employerUniversity: { name: '北京示例大学', creditCode: '121100004000018622', kind: 'employer' },
  ministryUniversity: { name: '示例部属大学', creditCode: '121000004000117532', kind: 'ministry_university' },
  supervisingBeijing: { name: '北京市科学技术委员会', creditCode: '11110000000021231Y', kind: 'supervising' },
  national: { name: '科学技术部外国专家服务司', creditCode: '11100000000014023J', kind: 'national' },
  /** An employer that never filled in its credit code. */
  employerWithoutCreditCode: { name: '示例科技发展有限公司', creditCode: '', kind: 'employer' },
  /** An employer whose code has 18 characters but a wrong check character (correct would not be '7'). */
  employerWithBadCreditCode: { name: '示例研究院', creditCode: '121101084002876537', kind: 'employer' },
  /** An employer unit new to this system: its first jump creates it as a draft to complete (用人单位注册). */
  newEmployer: { name: '北京未来材料研究院', creditCode: '12110000MB0000001U', kind: 'employer' },
} as const satisfies Record<string, Unit>;

export interface SeedAccount {
  /** Login name (用户名); also the `preferred_username` claim. */
  readonly username: string;
  /** Real name (真实姓名), or the unit name for a legal-person account. */
  readonly name: string;
  readonly kind: AccountKind;
  readonly realnameStatus: RealnameStatus;
  /** 18-character resident ID number (GB 11643); legal-person accounts have none. */
  readonly idNumber: string | null;
  readonly phoneNumber: string;
  readonly email: string;
  readonly unit: Unit | null;
  readonly roles: readonly WgzjRole[];
}

const U = DEMO_UNITS;

/** A natural person (自然人) of the seed, 实名认证 verified unless said otherwise. */
function person(
  username: string,
  name: string,
  idNumber: string,
  phoneNumber: string,
  email: string,
  unit: Unit,
  roles: WgzjRole[],
  realnameStatus: RealnameStatus = 'verified',
): SeedAccount {
  return { username, name, kind: 'natural', realnameStatus, idNumber, phoneNumber, email, unit, roles };
}

export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  person('employer_handler', '张伟', '110105198503122413', '13910000001', 'zhangwei@bjsl-univ.example.com', U.employerUniversity, ['handler']),
  person('employer_admin', '李娜', '110108198807261622', '13910000002', 'lina@bjsl-univ.example.com', U.employerUniversity, ['admin']),
  person('ministry_univ', '王芳', '110102199001153020', '15810000003', 'wangfang@bsdx.example.com', U.ministryUniversity, ['handler']),
  person('supervisor_bj', '刘洋', '110101198209084537', '18610000004', 'liuyang@kw.example.com', U.supervisingBeijing, ['handler']),
  person('national_admin', '陈静', '110106197911212647', '13810000005', 'chenjing@most.example.com', U.national, ['admin']),
  // Technical support is known to this system locally; the portal grants nothing.
  person('support', '赵磊', '110105198706043715', '13810000006', 'zhaolei@most.example.com', U.national, []),
  // An expert reviewer: an account of this system's national pool, like support.
  person('reviewer', '黄海', '110108197603150029', '13810000007', 'huanghai@review.example.com', U.national, []),
  person('no_grant', '孙丽', '110108199302172821', '15910000007', 'sunli@bjsl-univ.example.com', U.employerUniversity, []),
  person('realname_pending', '周杰', '110102199108303930', '15910000008', 'zhoujie@bjsl-univ.example.com', U.employerUniversity, ['handler'], 'pending'),
  person('realname_unverified', '吴敏', '110105198612054042', '18810000009', 'wumin@bjsl-univ.example.com', U.employerUniversity, ['handler'], 'unverified'),
  person('unit_no_credit_code', '郑强', '110114198404194151', '18810000010', 'zhengqiang@sykj.example.com', U.employerWithoutCreditCode, ['handler']),
  person('unit_bad_credit_code', '何丽娟', '110108198901230267', '13710000011', 'helijuan@syyjy.example.com', U.employerWithBadCreditCode, ['handler']),
  // 事项管理员 of a unit this system does not know yet (问题二): the first jump starts its registration.
  person('new_unit_admin', '赵敏', '110114199106183029', '13700000031', 'zhaomin@future-materials.example.com', U.newEmployer, ['admin']),
  // The legal-person (法人) account of 北京示例大学: it authorises the university's natural persons.
  {
    username: 'legal_person', name: U.employerUniversity.name, kind: 'legal', realnameStatus: 'verified',
    idNumber: null, phoneNumber: '13910000012', email: 'faren@bjsl-univ.example.com',
    unit: U.employerUniversity, roles: [],
  },
];

/** A fixed namespace so `sub` is the same on every start (UUID version 5 of the login name). */
const SUB_NAMESPACE = '3f1c8a52-6a1e-4f7e-9c0b-2d5e8b7a9c41';

export function subjectFor(username: string): string {
  const namespace = Buffer.from(SUB_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(username, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface Account extends Mutable<Omit<SeedAccount, 'roles'>> {
  readonly sub: string;
  roles: WgzjRole[];
}

/** A natural-person account of a supervising unit, as this system's national administrator created it. */
export interface SyncedAccountInput {
  username: string;
  name: string;
  idNumber: string | null;
  phoneNumber: string;
  email: string;
  unit: Unit;
  realnameStatus: RealnameStatus;
}

/** Claims the portal releases for an account (scope `wgzj` releases all of them). */
export interface AccountClaims {
  sub: string;
  preferred_username: string;
  name: string;
  account_kind: AccountKind;
  realname_status: RealnameStatus;
  id_number?: string;
  phone_number: string;
  email: string;
  unit: { name: string; credit_code: string; kind: UnitKind } | null;
  wgzj_roles: WgzjRole[];
}

export type DirectoryErrorCode =
  | 'ACCOUNT_NOT_FOUND'
  | 'NOT_LEGAL_PERSON'
  | 'NOT_NATURAL_PERSON'
  | 'UNIT_MISMATCH'
  | 'INVALID_ROLE'
  | 'INVALID_REALNAME_STATUS'
  /** The username belongs to an account the portal did not receive from this system. */
  | 'USERNAME_TAKEN'
  /** Another account already uses this ID number or mobile number (该用户已经被注册). */
  | 'ALREADY_REGISTERED'
  /** The credit code is known with another name or kind. */
  | 'UNIT_CONFLICT';

export class DirectoryError extends Error {
  constructor(readonly code: DirectoryErrorCode, message: string) {
    super(message);
    this.name = 'DirectoryError';
  }
}

interface StoredSecret {
  salt: Buffer;
  hash: Buffer;
}

function hashPassword(password: string, salt: Buffer): Buffer {
  return scryptSync(password, salt, 32, { N: 1 << 12 });
}

/**
 * The portal's account directory. Each portal instance owns one, seeded from `SEED_ACCOUNTS`, so tests
 * that change an account do not leak into each other.
 */
export class AccountDirectory {
  readonly #bySub = new Map<string, Account>();
  readonly #byUsername = new Map<string, Account>();
  readonly #secrets = new Map<string, StoredSecret>();
  /** Units by credit code: the seed's, and the supervising units this system synced. */
  readonly #units = new Map<string, Unit>();
  /** Usernames of accounts this system synced; only those may be updated by a later sync. */
  readonly #synced = new Set<string>();
  /** Spent on unknown usernames so a miss takes as long as a wrong password. */
  readonly #decoy: StoredSecret;

  constructor(seed: readonly SeedAccount[] = SEED_ACCOUNTS, password: string = DEMO_PASSWORD) {
    const decoySalt = randomBytes(16);
    this.#decoy = { salt: decoySalt, hash: hashPassword(randomBytes(16).toString('hex'), decoySalt) };
    for (const s of seed) {
      const account: Account = { ...s, sub: subjectFor(s.username), roles: [...s.roles] };
      this.#bySub.set(account.sub, account);
      this.#byUsername.set(account.username, account);
      const salt = randomBytes(16);
      this.#secrets.set(account.username, { salt, hash: hashPassword(password, salt) });
      if (s.unit?.creditCode) this.#units.set(s.unit.creditCode, s.unit);
    }
  }

  list(): readonly Account[] {
    return [...this.#byUsername.values()];
  }

  findByUsername(username: string): Account | undefined {
    return this.#byUsername.get(username);
  }

  findBySub(sub: string): Account | undefined {
    return this.#bySub.get(sub);
  }

  /** The account when username and password match, otherwise undefined (never says which was wrong). */
  authenticate(username: string, password: string): Account | undefined {
    const account = this.#byUsername.get(username);
    const secret = (account && this.#secrets.get(username)) ?? this.#decoy;
    const ok = timingSafeEqual(hashPassword(password, secret.salt), secret.hash);
    return ok && account ? account : undefined;
  }

  setRealnameStatus(username: string, status: RealnameStatus): Account {
    if (!REALNAME_STATUSES.includes(status)) {
      throw new DirectoryError('INVALID_REALNAME_STATUS', `unknown real-name status: ${String(status)}`);
    }
    const account = this.#require(username);
    account.realnameStatus = status;
    return account;
  }

  /** Replaces an account's grants outright (dev API; the portal's own flow goes through grantRole). */
  setRoles(username: string, roles: readonly WgzjRole[]): Account {
    for (const role of roles) assertRole(role);
    const account = this.#require(username);
    account.roles = [...new Set(roles)];
    return account;
  }

  /** A unit's legal-person account authorises one of its natural persons (用户授权管理-授权操作). */
  grantRole(unitLegalUsername: string, username: string, role: WgzjRole): Account {
    assertRole(role);
    const account = this.#authorisable(unitLegalUsername, username);
    if (!account.roles.includes(role)) account.roles.push(role);
    return account;
  }

  revokeRole(unitLegalUsername: string, username: string, role: WgzjRole): Account {
    assertRole(role);
    const account = this.#authorisable(unitLegalUsername, username);
    account.roles = account.roles.filter((r) => r !== role);
    return account;
  }

  /** The natural persons of a legal-person account's unit (what 用户授权管理 lists). */
  membersOf(unitLegalUsername: string): Account[] {
    const legal = this.#requireLegal(unitLegalUsername);
    return this.list().filter((a) => a.kind === 'natural' && sameUnit(a.unit, legal.unit));
  }

  findUnit(creditCode: string): Unit | undefined {
    return this.#units.get(creditCode);
  }

  /** Registers a unit this system created (问题三), or renames it; `created` is false for a known code. */
  syncUnit(unit: Unit): { unit: Unit; created: boolean } {
    const known = this.#units.get(unit.creditCode);
    if (known && known.kind !== unit.kind) {
      throw new DirectoryError('UNIT_CONFLICT', `credit code ${unit.creditCode} belongs to a unit of kind ${known.kind}`);
    }
    if (known && known.name === unit.name) return { unit: known, created: false };
    const stored: Unit = { name: unit.name, creditCode: unit.creditCode, kind: unit.kind };
    this.#units.set(unit.creditCode, stored);
    if (known) {
      for (const account of this.#byUsername.values()) {
        if (account.unit?.creditCode === unit.creditCode) account.unit = stored;
      }
    }
    return { unit: stored, created: !known };
  }

  /**
   * Adds an account this system created (问题五) with `initialPassword`, or updates one it created before
   * (the password then stays as it is). Its unit must be unknown or known exactly as given.
   */
  syncAccount(input: SyncedAccountInput, initialPassword: string): { account: Account; created: boolean } {
    const existing = this.#byUsername.get(input.username);
    if (existing && !this.#synced.has(input.username)) {
      throw new DirectoryError('USERNAME_TAKEN', `${input.username} is a portal account not created by this system`);
    }
    const known = this.#units.get(input.unit.creditCode);
    if (known && (known.name !== input.unit.name || known.kind !== input.unit.kind)) {
      throw new DirectoryError('UNIT_CONFLICT', `credit code ${input.unit.creditCode} is known with another name or kind`);
    }
    for (const other of this.#byUsername.values()) {
      if (other.username === input.username) continue;
      if ((input.idNumber && other.idNumber === input.idNumber) || other.phoneNumber === input.phoneNumber) {
        throw new DirectoryError('ALREADY_REGISTERED', 'another account uses this ID number or mobile number');
      }
    }
    const unit = known ?? this.syncUnit(input.unit).unit;
    if (existing) {
      Object.assign(existing, {
        name: input.name,
        idNumber: input.idNumber,
        phoneNumber: input.phoneNumber,
        email: input.email,
        unit,
        realnameStatus: input.realnameStatus,
      });
      return { account: existing, created: false };
    }
    const account: Account = {
      username: input.username,
      name: input.name,
      kind: 'natural',
      realnameStatus: input.realnameStatus,
      idNumber: input.idNumber,
      phoneNumber: input.phoneNumber,
      email: input.email,
      unit,
      sub: subjectFor(input.username),
      // Supervising-unit users need no grant from a legal-person account.
      roles: [],
    };
    this.#bySub.set(account.sub, account);
    this.#byUsername.set(account.username, account);
    const salt = randomBytes(16);
    this.#secrets.set(account.username, { salt, hash: hashPassword(initialPassword, salt) });
    this.#synced.add(account.username);
    return { account, created: true };
  }

  claimsOf(account: Account): AccountClaims {
    return {
      sub: account.sub,
      preferred_username: account.username,
      name: account.name,
      account_kind: account.kind,
      realname_status: account.realnameStatus,
      ...(account.idNumber ? { id_number: account.idNumber } : {}),
      phone_number: account.phoneNumber,
      email: account.email,
      unit: account.unit
        ? { name: account.unit.name, credit_code: account.unit.creditCode, kind: account.unit.kind }
        : null,
      wgzj_roles: [...account.roles],
    };
  }

  #require(username: string): Account {
    const account = this.#byUsername.get(username);
    if (!account) throw new DirectoryError('ACCOUNT_NOT_FOUND', `no account named ${username}`);
    return account;
  }

  #requireLegal(unitLegalUsername: string): Account {
    const legal = this.#require(unitLegalUsername);
    if (legal.kind !== 'legal') {
      throw new DirectoryError('NOT_LEGAL_PERSON', `${unitLegalUsername} is not a legal-person account`);
    }
    return legal;
  }

  #authorisable(unitLegalUsername: string, username: string): Account {
    const legal = this.#requireLegal(unitLegalUsername);
    const account = this.#require(username);
    if (account.kind !== 'natural') {
      throw new DirectoryError('NOT_NATURAL_PERSON', `${username} is not a natural-person account`);
    }
    if (!sameUnit(legal.unit, account.unit)) {
      throw new DirectoryError('UNIT_MISMATCH', `${username} does not belong to the unit of ${unitLegalUsername}`);
    }
    return account;
  }
}

function sameUnit(a: Unit | null, b: Unit | null): boolean {
  return a !== null && b !== null && a.name === b.name && a.creditCode === b.creditCode;
}

function assertRole(role: unknown): asserts role is WgzjRole {
  if (!WGZJ_ROLES.includes(role as WgzjRole)) {
    throw new DirectoryError('INVALID_ROLE', `unknown role: ${String(role)}`);
  }
}

/** For logs: keep the first and last characters only. */
export function mask(value: string, keepStart = 3, keepEnd = 2): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(-keepEnd);
}
