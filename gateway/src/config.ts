// Every setting the gateway reads, from the environment, validated once at start.
import { resolve } from 'node:path';
import { z } from 'zod';
import { TrustedProxies } from './client-ip.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'on', 'off'])
  .transform((v) => v === 'true' || v === '1' || v === 'on');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  PORTAL_ISSUER: z.url().optional(),
  PORTAL_PORT: z.coerce.number().int().default(8090),
  PORTAL_CLIENT_ID: z.string().default('wgzjxm'),
  PORTAL_CLIENT_SECRET: z.string().default('dev-portal-secret'),
  PORTAL_SYNC_URL: z.url().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  MODULES: z.string().default('admin,experts,projects,reports'),
  SHELL_DIR: z.string().optional(),
  REMOTES_DIR: z.string().optional(),
  ASSERTION_PRIVATE_JWK: z.string().optional(),
  SEED_DEMO: bool.default(true),
  CAPTCHA: bool.default(true),
  SMS_SENDER: z.enum(['dev', 'none']).default('none'),
  TRUSTED_PROXIES: z.string().default(''),
  // Empty counts as unset, so a compose file can pass `${METRICS_TOKEN:-}` through.
  METRICS_TOKEN: z.string().optional().transform((v) => v || undefined),
  METRICS_PUBLIC: bool.default(false),
  FIELD_ENCRYPTION_KEY: z.string().optional(),
  LOG_LEVEL: z.string().default('info'),
});

export interface ModuleConfig {
  area: string;
  /** Set when the module API runs as its own process; otherwise it is mounted in the gateway. */
  url?: string;
}

export interface GatewayConfig {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  portal: { issuer: string; clientId: string; clientSecret: string };
  /** Where the national administrator's supervising units and accounts are synced (the dev portal's /sync). */
  portalSyncUrl: string;
  session: { idleSeconds: number; absoluteSeconds: number };
  modules: ModuleConfig[];
  shellDir: string;
  remotesDir: string;
  assertionPrivateJwk?: string;
  seedDemo: boolean;
  /** The legacy door's captcha; `CAPTCHA=off` only for automated runs. */
  captcha: boolean;
  /**
   * `dev` keeps messages in the outbox and shows them at /dev/sms (reset codes included) to anyone who asks, so it
   * is only ever on when set explicitly (`npm start` does for the demo); `none` leaves them queued until a real
   * sender is plugged in.
   */
  smsSender: 'dev' | 'none';
  /** The proxies whose X-Forwarded-For is believed (addresses and CIDR blocks); none by default. */
  trustedProxies: string[];
  /** `Authorization: Bearer <token>` opens /metrics and the checks of /readyz. */
  metricsToken?: string;
  /** /metrics and the checks of /readyz for anyone: only where nobody but operators reaches the gateway. */
  metricsPublic: boolean;
  fieldEncryptionKey?: string;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const e = schema.parse(env);
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    portal: {
      issuer: (e.PORTAL_ISSUER ?? `http://localhost:${e.PORTAL_PORT}`).replace(/\/$/, ''),
      clientId: e.PORTAL_CLIENT_ID,
      clientSecret: e.PORTAL_CLIENT_SECRET,
    },
    portalSyncUrl: (e.PORTAL_SYNC_URL ?? `${(e.PORTAL_ISSUER ?? `http://localhost:${e.PORTAL_PORT}`).replace(/\/$/, '')}/sync`).replace(/\/$/, ''),
    session: { idleSeconds: e.SESSION_IDLE_MINUTES * 60, absoluteSeconds: e.SESSION_ABSOLUTE_HOURS * 3600 },
    modules: e.MODULES.split(',')
      .map((a) => a.trim())
      .filter(Boolean)
      .map((area) => {
        const url = env[`MODULE_${area.toUpperCase()}_URL`];
        return url ? { area, url: url.replace(/\/$/, '') } : { area };
      }),
    shellDir: resolve(e.SHELL_DIR ?? 'shell/dist'),
    remotesDir: resolve(e.REMOTES_DIR ?? resolve(dataDir, 'remotes')),
    ...(e.ASSERTION_PRIVATE_JWK ? { assertionPrivateJwk: e.ASSERTION_PRIVATE_JWK } : {}),
    seedDemo: e.SEED_DEMO,
    captcha: e.CAPTCHA,
    smsSender: e.SMS_SENDER,
    // Parsed here so a mistyped entry stops the start instead of trusting less (or more) than meant.
    trustedProxies: [...TrustedProxies.parse(e.TRUSTED_PROXIES).entries],
    ...(e.METRICS_TOKEN ? { metricsToken: e.METRICS_TOKEN } : {}),
    metricsPublic: e.METRICS_PUBLIC,
    ...(e.FIELD_ENCRYPTION_KEY ? { fieldEncryptionKey: e.FIELD_ENCRYPTION_KEY } : {}),
    logLevel: e.LOG_LEVEL,
  };
}
