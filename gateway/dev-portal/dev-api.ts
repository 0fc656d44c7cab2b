// The dev-only JSON API the tests and the demo use to change what the real portal would change by hand: an
// account's real-name status and grants, and the signing keys. Client-authenticated (HTTP Basic), POST only.
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { DirectoryError, type Account, type AccountDirectory, type RealnameStatus, type WgzjRole } from './accounts.ts';
import type { LogoutNotice } from './backchannel.ts';
import { HttpError, readBody, requireClientCredentials, sendJson, type PortalEnv } from './http.ts';

export interface DevApiDeps {
  accounts: AccountDirectory;
  client: { clientId: string; clientSecret: string };
  log: Logger;
  /** Puts a new signing key first; answers its kid and the kids now published. */
  rotateKeys(): Promise<{ kid: string; kids: unknown[] }>;
  /** The person lost their last grant for this system: their sessions there end. */
  endRelyingPartySessions(account: Account): Promise<LogoutNotice>;
}

export function createDevApiRoutes({ accounts, client, log, rotateKeys, endRelyingPartySessions }: DevApiDeps) {
  const app = new Hono<PortalEnv>();

  app.use('/dev/:rest{.*}', requireClientCredentials(client, 'client credentials required'));

  app.post('/dev/rotate-keys', async (c) => sendJson(c, 200, await rotateKeys()));

  app.post('/dev/accounts/:username/:field{realname|roles}', async (c) => {
    const username = c.req.param('username');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(c)) as Record<string, unknown>;
    } catch {
      return sendJson(c, 400, { code: 'INVALID_JSON', message: 'body must be JSON' });
    }
    try {
      if (c.req.param('field') === 'realname') {
        const account = accounts.setRealnameStatus(username, body.status as RealnameStatus);
        log.info({ event: 'dev_realname', username, status: account.realnameStatus }, 'real-name status set');
        return sendJson(c, 200, { username, realname_status: account.realnameStatus });
      }
      if (!Array.isArray(body.roles)) return sendJson(c, 400, { code: 'INVALID_ROLE', message: 'roles must be an array' });
      const hadGrant = (accounts.findByUsername(username)?.roles.length ?? 0) > 0;
      const account = accounts.setRoles(username, body.roles as WgzjRole[]);
      log.info({ event: 'dev_roles', username, roles: account.roles }, 'roles set');
      const backchannel = hadGrant && account.roles.length === 0 ? await endRelyingPartySessions(account) : undefined;
      return sendJson(c, 200, { username, wgzj_roles: account.roles, ...(backchannel ? { backchannel } : {}) });
    } catch (err) {
      if (err instanceof DirectoryError) {
        return sendJson(c, err.code === 'ACCOUNT_NOT_FOUND' ? 404 : 400, { code: err.code, message: err.message });
      }
      throw err;
    }
  });

  // Any other method is refused before an unknown endpoint is looked for.
  app.all('/dev/:rest{.*}', (c) =>
    c.req.method === 'POST'
      ? sendJson(c, 404, { code: 'NOT_FOUND', message: 'no such dev endpoint' })
      : sendJson(c, 405, { code: 'METHOD_NOT_ALLOWED', message: 'use POST' }));

  app.onError((err, c) => {
    if (err instanceof HttpError) return sendJson(c, err.status, { code: err.code, message: err.message });
    throw err;
  });

  return app;
}
