// Where sessions live: one interface, a Redis store and a database store, held to the same tests.
import { createHash, randomBytes } from 'node:crypto';
import type { Identity } from '@wgzj/gateway/kit';

export interface SessionData {
  identity: Identity;
  csrfToken: string;
  /** The portal's session id (`sid`) and subject (`sub`), for back-channel logout. */
  portalSid?: string;
  portalSubject?: string;
  createdAt: number;
  lastSeenAt: number;
}

/** What the gateway remembers between /auth/login and /auth/callback. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: number;
}

export type SessionFilter = { userId: string } | { portalSid: string } | { portalSubject: string };

export interface SessionStore {
  readonly kind: 'redis' | 'database';
  /** Stores data under a new random id and returns the id; the record disappears after ttlSeconds. */
  create(data: SessionData, ttlSeconds: number): Promise<string>;
  get(id: string): Promise<SessionData | null>;
  update(id: string, data: SessionData, ttlSeconds: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** A user's live sessions, each under its store key (the id's hash: safe to show, useless as a cookie). */
  listForUser(userId: string): Promise<Array<{ key: string; data: SessionData }>>;
  /** Ends one session named by its store key. */
  deleteByKey(key: string): Promise<boolean>;
  /** Ends every session of a user, of a portal session or of a portal subject; returns how many ended. */
  deleteWhere(filter: SessionFilter): Promise<number>;
  /** Short-lived records of the sign-in steps (the OIDC transaction, a pending confirmation) under a new id. */
  putOnce<T extends object>(data: T, ttlSeconds: number): Promise<string>;
  /** Reads without consuming (to show a page about it). */
  peekOnce<T extends object>(id: string): Promise<T | null>;
  /** Reads and removes in one step, so a record can be used once only. */
  takeOnce<T extends object>(id: string): Promise<T | null>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function newOpaqueId(): string {
  return randomBytes(32).toString('base64url');
}

/** Stores key on the hash, so a leaked store does not hand out live cookies. */
export function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Cookie values we issued are 43 base64url characters; anything else is refused before touching the store. */
export function looksLikeId(value: string | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
