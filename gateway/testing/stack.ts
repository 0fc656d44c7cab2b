// Test equipment: a real dev portal and a real gateway on free local ports, sharing one test database.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createLogger } from '@wgzj/gateway/kit';
import { openTestDatabase } from './index.ts';
import { memoryKeyStore, type SigningKeyStore } from '../dev-portal/keys.ts';
import { createPortal, type Portal } from '../dev-portal/provider.ts';
import { Browser, formAction } from './browser.ts';
import { loadConfig } from '../src/config.ts';
import { createGateway } from '../src/gateway.ts';

export const DEMO_PASSWORD = 'Demo@2026';

export async function freePort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Stack {
  gatewayUrl: string;
  portal: Portal;
  /** The portal's signing keys, so a test can make tokens the portal could have signed. */
  portalKeys: SigningKeyStore;
  gateway: Awaited<ReturnType<typeof createGateway>>;
  dataDir: string;
  env: Record<string, string | undefined>;
  counters: { portalJwks: number };
  close(): Promise<void>;
}

/** A second gateway on its own port; it shares everything else, as replicas behind a load balancer do. */
async function startReplica(primary: Stack): Promise<Stack> {
  const port = await freePort();
  const config = loadConfig({ ...primary.env, PORT: String(port) });
  const gateway = await createGateway(config, { db: primary.gateway.db, logger: createLogger('gateway', 'silent') });
  const server: ServerType = serve({ fetch: gateway.app.fetch, port, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    ...primary,
    gatewayUrl: `http://localhost:${port}`,
    gateway,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await gateway.close();
    },
  };
}

export interface StackOptions {
  env?: Record<string, string>;
  now?: () => number;
  portalDown?: boolean;
  /** Another gateway replica: same portal, database, data folder (keys) and environment as this stack. */
  replicaOf?: Stack;
  /** Receives every log line of the portal and the gateway, at debug level. */
  logLines?: string[];
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  if (options.replicaOf) return startReplica(options.replicaOf);
  const dataDir = mkdtempSync(join(tmpdir(), 'wgzj-stack-'));
  const lines = options.logLines;
  const logger = (name: string) =>
    lines ? createLogger(name, 'debug', { write: (line: string) => void lines.push(line) }) : createLogger(name, 'silent');
  const shellDir = join(dataDir, 'shell');
  mkdirSync(shellDir);
  writeFileSync(join(shellDir, 'index.html'), '<!doctype html><title>外国专家项目管理信息系统</title><div id="app"></div>');
  const gatewayPort = await freePort();
  const gatewayUrl = `http://localhost:${gatewayPort}`;
  const portalKeys = memoryKeyStore();
  const portal = await createPortal({
    captcha: false,
    keyStore: portalKeys,
    client: {
      redirectUris: [`${gatewayUrl}/auth/callback`],
      postLogoutRedirectUris: [`${gatewayUrl}/`],
      backchannelLogoutUri: `${gatewayUrl}/auth/backchannel-logout`,
    },
    logger: logger('portal'),
  });
  const portalServer = await portal.listen(0);
  // How often the gateway fetched the portal's keys, for the key-rotation tests.
  const counters = { portalJwks: 0 };
  portalServer.on('request', (req: { url?: string }) => {
    if (req.url?.startsWith('/jwks')) counters.portalJwks++;
  });
  const issuer = options.portalDown ? `http://localhost:${await freePort()}` : portal.issuer;
  // The test stack keeps SMS readable at /dev/sms (as `npm start`'s demo does) and /metrics and the checks of
  // /readyz open for the tests that read them; a test of the production defaults passes SMS_SENDER=none and
  // METRICS_PUBLIC=false.
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    SHELL_DIR: shellDir,
    PORTAL_ISSUER: issuer,
    LOG_LEVEL: 'silent',
    SMS_SENDER: 'dev',
    METRICS_PUBLIC: 'true',
    ...options.env,
  };
  const config = { ...loadConfig({ ...process.env, ...env, PORT: String(gatewayPort) }), env };
  const database = await openTestDatabase();
  const gateway = await createGateway(config, { db: database.db, logger: logger('gateway'), ...(options.now ? { now: options.now } : {}) });
  const server: ServerType = serve({ fetch: gateway.app.fetch, port: gatewayPort, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    gatewayUrl,
    portal,
    portalKeys,
    gateway,
    dataDir,
    env: { ...process.env, ...config.env },
    counters,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await gateway.close();
      await portal.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `path` on the gateway as a browser would, signs in at the portal when sent there, confirms the
 * account (unless told not to), and returns where the browser ends up.
 */
export async function signInThrough(
  stack: Stack,
  username: string,
  path = '/',
  browser = new Browser(),
  options: { confirm?: boolean; kind?: 'natural' | 'legal' } = {},
): Promise<{ browser: Browser; res: Response; url: URL }> {
  const start = new URL(path, stack.gatewayUrl);
  const first = await browser.request(start, { headers: { accept: 'text/html', 'sec-fetch-dest': 'document' } });
  const page = await browser.follow(first, start, '\u0000');
  // Still signed in at the portal: it sends the browser straight back, to the confirmation.
  if (page.url.pathname === '/auth/confirm' && options.confirm !== false) return confirmAccount(browser, page.res, page.url);
  if (!page.url.href.startsWith(stack.portal.issuer)) return { browser, ...page };
  const html = await page.res.text();
  const action = formAction(html, page.url);
  const posted = await browser.request(action, { form: { kind: options.kind ?? 'natural', username, password: DEMO_PASSWORD } });
  const done = await browser.follow(posted, action, '\u0000');
  if (options.confirm === false || done.url.pathname !== '/auth/confirm') return { browser, ...done };
  return confirmAccount(browser, done.res, done.url);
}

/** Presses 确定 (or 退出) on the account confirmation page. */
export async function confirmAccount(browser: Browser, page: Response, url: URL, action: 'confirm' | 'cancel' = 'confirm') {
  const html = await page.text();
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no confirmation form at ${url.href}`);
  const target = new URL('/auth/confirm', url);
  const posted = await browser.request(target, { form: { token, action } });
  const done = await browser.follow(posted, target, '\u0000');
  return { browser, ...done };
}
