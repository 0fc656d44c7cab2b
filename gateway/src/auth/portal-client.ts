// The gateway as an OpenID Connect relying party of the government service portal (openid-client).
import { jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { PortalKeys } from './portal-keys.ts';

export interface PortalSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export class PortalUnavailable extends Error {
  readonly code = 'PORTAL_UNAVAILABLE';
}

/** How long one answer of the portal (up or down) stands for every sign-in that starts meanwhile. */
export const PORTAL_PROBE_SECONDS = 5;
/** A sign-in waits this long at most to learn that the portal does not answer. */
const PORTAL_PROBE_DEADLINE_MS = 2_000;

/**
 * Discovery is fetched on first use and kept; a failed discovery is retried on the next sign-in
 * rather than at start, so the gateway starts (and keeps serving sessions) while the portal is down.
 */
export class PortalClient {
  private config: Promise<oidc.Configuration> | null = null;
  private probe: { at: number; answer: Promise<void> } | null = null;
  /** The portal's signing keys, for ID tokens here and logout tokens in the back-channel route. */
  readonly keys = new PortalKeys({ jwksUri: async () => (await this.configuration()).serverMetadata().jwks_uri! });

  constructor(
    private readonly settings: PortalSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The configuration, once the portal has answered lately: a kept discovery says nothing about whether the
   * portal is up now, and sending a person to a dead portal leaves them on a browser error instead of our page.
   * One probe (its discovery document, a short deadline) answers for every sign-in of the next few seconds.
   */
  async reachableConfiguration(): Promise<oidc.Configuration> {
    const config = await this.configuration();
    const at = this.now();
    if (!this.probe || at - this.probe.at >= PORTAL_PROBE_SECONDS * 1000) {
      this.probe = { at, answer: this.ping() };
      // Kept either way (a down portal is not asked again by every sign-in of a rush); never an unhandled rejection.
      this.probe.answer.catch(() => {});
    }
    await this.probe.answer;
    return config;
  }

  private async ping(): Promise<void> {
    try {
      const res = await fetch(`${this.settings.issuer}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(PORTAL_PROBE_DEADLINE_MS),
        headers: { accept: 'application/json' },
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`discovery answered ${res.status}`);
    } catch (error) {
      throw new PortalUnavailable(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * openid-client trusts an ID token from the token endpoint on the strength of TLS alone; this checks its
   * signature too, against the portal's keys and with asymmetric algorithms only, so alg none, an HMAC keyed
   * with the public key or an unknown key id are refused whatever the transport. (openid-client has already
   * checked issuer, audience, expiry and nonce.)
   */
  async verifyIdTokenSignature(idToken: string): Promise<void> {
    const metadata = (await this.configuration()).serverMetadata();
    await jwtVerify(idToken, this.keys.getKey, {
      issuer: metadata.issuer,
      audience: this.settings.clientId,
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
    });
  }

  get issuer(): string {
    return this.settings.issuer;
  }

  configuration(): Promise<oidc.Configuration> {
    if (!this.config) {
      const url = new URL(this.settings.issuer);
      this.config = oidc
        .discovery(url, this.settings.clientId, undefined, oidc.ClientSecretBasic(this.settings.clientSecret), {
          ...(url.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
          timeout: 5,
        })
        .catch((error: unknown) => {
          this.config = null;
          throw new PortalUnavailable(error instanceof Error ? error.message : String(error));
        });
    }
    return this.config;
  }
}

export { oidc };
