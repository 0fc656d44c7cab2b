// Reads the dev portal's settings from the environment; the defaults make `npm start` work untouched.
import type { PortalOptions } from './provider.ts';

/** Fixed cookie-signing key for local runs; set PORTAL_COOKIE_KEYS anywhere else. */
export const DEV_COOKIE_KEYS = ['dev-portal-cookie-key-not-secret-2026'];

function list(value: string | undefined, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export interface PortalEnvSettings {
  port: number;
  options: PortalOptions;
}

export function portalSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PortalEnvSettings {
  const port = Number(env.PORTAL_PORT ?? 8090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORTAL_PORT is not a port: ${env.PORTAL_PORT}`);
  return {
    port,
    options: {
      issuer: env.PORTAL_ISSUER || `http://localhost:${port}`,
      client: {
        clientId: env.PORTAL_CLIENT_ID || 'wgzjxm',
        clientSecret: env.PORTAL_CLIENT_SECRET || 'dev-portal-secret',
        redirectUris: list(env.PORTAL_REDIRECT_URIS, ['http://localhost:8080/auth/callback']),
        postLogoutRedirectUris: list(env.PORTAL_POST_LOGOUT_URIS, ['http://localhost:8080/']),
        backchannelLogoutUri: env.PORTAL_BACKCHANNEL_LOGOUT_URI ?? 'http://localhost:8080/auth/backchannel-logout',
      },
      captcha: env.CAPTCHA !== 'off',
      cookieKeys: list(env.PORTAL_COOKIE_KEYS, DEV_COOKIE_KEYS),
      dataDir: env.DATA_DIR || './data',
      trustProxy: env.PORTAL_TRUST_PROXY === 'true',
    },
  };
}
