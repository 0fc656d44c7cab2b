// /api/gateway/accounts/*: what an administrator does to a legacy account the gateway holds the password of.
// Mounted behind the API session check (session, CSRF on unsafe methods); who may reset whom is decided inside.
import { Hono } from 'hono';
import type { Identity } from '@wgzj/gateway/kit';
import { clientIp } from '../client-ip.ts';
import { resetPasswordByAdministrator, type PasswordResetDeps } from './password-reset.ts';

export type AccountRoutesEnv = { Variables: { requestId: string; identity: Identity } };

export function createAccountRoutes(deps: PasswordResetDeps) {
  const app = new Hono<AccountRoutesEnv>();

  app.post('/:userId/password-reset', async (c) => {
    const ip = clientIp(c);
    const result = await resetPasswordByAdministrator(deps, c.var.identity, c.req.param('userId'), {
      requestId: c.var.requestId,
      ...(ip ? { clientIp: ip } : {}),
    });
    return c.json(result);
  });

  return app;
}
