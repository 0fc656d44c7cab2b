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

/**
 * Discovery is fetched on first use and kept; a failed discovery is retried on the next sign-in
 * rather than at start, so the gateway starts (and keeps serving sessions) while the portal is down.
 */
export class PortalClient {
  private config: Promise<oidc.Configuration> | null = null;
  /** The portal's signing keys, for ID tokens here and logout tokens in the back-channel route. */
  readonly keys = new PortalKeys({ jwksUri: async () => (await this.configuration()).serverMetadata().jwks_uri! });

  constructor(private readonly settings: PortalSettings) {}

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
