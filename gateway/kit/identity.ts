// The identity assertion: a short-lived JWT the gateway signs for each API call and module APIs verify.
import type { MiddlewareHandler } from 'hono';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { CommonErrors } from './errors.ts';
import type { Role, UnitKind } from './shared/roles.ts';

export { ROLES, UNIT_KINDS, type Role, type UnitKind } from './shared/roles.ts';

/** Which rows a caller may see: its own unit, its unit and the employer units it supervises, or everything. */
export type DataScope =
  | { level: 'all' }
  | { level: 'supervised'; unitId: string }
  | { level: 'unit'; unitId: string }
  | { level: 'none' };

export interface Identity {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unit: { id: string; name: string; kind: UnitKind };
  scope: DataScope;
}

export const ASSERTION_HEADER = 'x-identity-assertion';
export const ASSERTION_ISSUER = 'wgzj-gateway';
export const ASSERTION_ALG = 'ES256';
export const assertionAudience = (area: string) => `wgzj-api:${area}`;

export function scopeFor(role: Role, unitId: string): DataScope {
  switch (role) {
    case 'national_admin':
    case 'support':
      return { level: 'all' };
    case 'supervising_user':
      return { level: 'supervised', unitId };
    case 'employer_handler':
    case 'employer_admin':
      return { level: 'unit', unitId };
    case 'expert_reviewer':
      return { level: 'none' };
  }
}

/** Refuses (403) a caller whose role is not one of `roles`. */
export function requireRole(identity: Identity, roles: readonly Role[]): void {
  if (!roles.includes(identity.role)) throw CommonErrors.FORBIDDEN();
}

export type KeySource = { jwks: JSONWebKeySet } | { jwksUrl: string };

const verifyOptions = (area: string) => ({
  issuer: ASSERTION_ISSUER,
  audience: assertionAudience(area),
  algorithms: [ASSERTION_ALG],
  maxTokenAge: '2m',
  requiredClaims: ['exp', 'iat', 'sub'],
});

function keyGetter(keys: KeySource): JWTVerifyGetKey {
  return 'jwks' in keys ? createLocalJWKSet(keys.jwks) : createRemoteJWKSet(new URL(keys.jwksUrl), { cooldownDuration: 30_000 });
}

/** Module-side middleware for `/internal/*` routes: only the gateway itself, with a service assertion, gets in. */
export function requireService(area: string, keys: KeySource): MiddlewareHandler {
  const getKey = keyGetter(keys);
  return async (c, next) => {
    const token = c.req.header(ASSERTION_HEADER);
    if (!token) throw CommonErrors.ASSERTION_INVALID();
    try {
      const { payload } = await jwtVerify(token, getKey, { ...verifyOptions(area), typ: 'wgzj-service+jwt' });
      if (payload.sub !== SERVICE_SUBJECT || payload['svc'] !== 'gateway') throw new Error('not the gateway');
    } catch {
      throw CommonErrors.ASSERTION_INVALID();
    }
    await next();
  };
}

export type IdentityEnv = { Variables: { identity: Identity } };

/** Module-side middleware: refuses any request without a valid assertion for this area. */
export function requireIdentity(area: string, keys: KeySource): MiddlewareHandler<IdentityEnv> {
  const getKey = keyGetter(keys);
  // A token verified once stays valid until it expires; remembering it saves a signature check per call.
  const verified = new ExpiringCache<Identity>(10_000);
  return async (c, next) => {
    const token = c.req.header(ASSERTION_HEADER);
    if (!token) throw CommonErrors.ASSERTION_INVALID();
    let identity = verified.get(token);
    if (!identity) {
      try {
        const { payload } = await jwtVerify(token, getKey, { ...verifyOptions(area), typ: 'wgzj-assertion+jwt' });
        const claimed = payload['idn'] as Identity | undefined;
        if (!claimed || claimed.userId !== payload.sub) throw new Error('assertion without identity');
        identity = claimed;
        verified.set(token, identity, payload.exp! * 1000);
      } catch {
        throw CommonErrors.ASSERTION_INVALID();
      }
    }
    c.set('identity', identity);
    await next();
  };
}

/** A bounded map whose entries vanish at their own expiry time; when full, it starts over. */
export class ExpiringCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T, until: number): void {
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, { value, until });
  }
}

export interface AssertionSigner {
  readonly jwks: JSONWebKeySet;
  sign(identity: Identity, area: string, requestId: string): Promise<string>;
  /** An assertion that the gateway itself calls (a module's `/internal/*` routes), on no user's behalf. */
  signService(area: string, requestId: string): Promise<string>;
}

export const SERVICE_SUBJECT = 'service:gateway';

/** Assertions live a minute: long enough for one API call, short enough that a leaked one is soon useless. */
const ASSERTION_LIFETIME_SECONDS = 60;

/** Gateway-side: signs assertions with an ES256 private JWK and publishes its public half as a JWKS. */
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
        .setExpirationTime(`${ASSERTION_LIFETIME_SECONDS}s`)
        .sign(key),
    signService: (area, requestId) =>
      new SignJWT({ svc: 'gateway' })
        .setProtectedHeader({ alg: ASSERTION_ALG, kid, typ: 'wgzj-service+jwt' })
        .setIssuer(ASSERTION_ISSUER)
        .setAudience(assertionAudience(area))
        .setSubject(SERVICE_SUBJECT)
        .setJti(requestId)
        .setIssuedAt()
        .setExpirationTime(`${ASSERTION_LIFETIME_SECONDS}s`)
        .sign(key),
  };
}
