// The gateway as an OpenID Connect relying party of the government service portal (openid-client).
import * as oidc from 'openid-client';

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

  constructor(private readonly settings: PortalSettings) {}

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
