// The address a request came from: behind a load balancer its first X-Forwarded-For hop, otherwise the
// connection's own address. Used for diagnostics and handed to module APIs for the audit log.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export function clientIp(c: Context): string | undefined {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
