// The portal's signing keys, for ID tokens and logout tokens alike. An unknown key id triggers one refetch
// (the portal may just have rotated), shared by every request waiting on it and at most once per cooldown,
// so tokens naming made-up key ids cannot turn into a stream of requests to the portal.
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

const NO_MATCHING_KEY = 'ERR_JWKS_NO_MATCHING_KEY';

export interface PortalKeysOptions {
  /** Where the key set is (from the portal's discovery document). */
  jwksUri: () => Promise<string>;
  /** Least time between two refetches caused by unknown key ids. */
  missCooldownMs?: number;
  /** Keys older than this are refetched at next use even without a miss. */
  maxAgeMs?: number;
  now?: () => number;
}

export class PortalKeys {
  private local: { getKey: JWTVerifyGetKey; fetchedAt: number } | null = null;
  private inflight: Promise<void> | null = null;
  private lastMissRefetch = Number.NEGATIVE_INFINITY;
  private readonly missCooldownMs: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PortalKeysOptions) {
    this.missCooldownMs = options.missCooldownMs ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** For jose's jwtVerify. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.local || this.now() - this.local.fetchedAt > this.maxAgeMs) await this.refresh();
    try {
      return await this.local!.getKey(header, token);
    } catch (error) {
      if ((error as { code?: string }).code !== NO_MATCHING_KEY) throw error;
      if (this.inflight) {
        await this.inflight;
      } else if (this.now() - this.lastMissRefetch >= this.missCooldownMs) {
        this.lastMissRefetch = this.now();
        await this.refresh();
      } else {
        throw error;
      }
      return this.local!.getKey(header, token);
    }
  };

  private refresh(): Promise<void> {
    this.inflight ??= (async () => {
      try {
        const response = await fetch(await this.options.jwksUri(), { signal: AbortSignal.timeout(5_000) });
        if (!response.ok) throw new Error(`the portal's key set answered ${response.status}`);
        const jwks = (await response.json()) as JSONWebKeySet;
        this.local = { getKey: createLocalJWKSet(jwks), fetchedAt: this.now() };
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }
}
