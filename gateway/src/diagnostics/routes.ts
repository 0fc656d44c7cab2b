// /api/gateway/diagnostics/*: what technical support (技术支持) needs to find out why someone cannot get in.
import { Hono } from 'hono';
import { CommonErrors, type Db, defineErrors, parseJson, parseQuery, requireObjectId } from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { GatewayConfig } from '../config.ts';
import { readiness, type ReadinessDeps } from '../health.ts';
import type { SessionManager } from '../session/manager.ts';
import type { HandoffLog } from './handoff-log.ts';

export interface DiagnosticsDeps {
  db: Db;
  sessions: SessionManager;
  handoffs: HandoffLog;
  readiness: ReadinessDeps;
  config: GatewayConfig;
}

const handoffQuery = z.object({
  reference: z.string().trim().max(40).optional(),
  username: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** The search as a posted form: the only way to search by phone, so no number lands in a URL or an access log. */
const handoffSearch = handoffQuery.extend({
  phone: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(/^\d{11}$/).optional()),
});

export const DiagnosticsErrors = defineErrors({
  DIAGNOSTICS_PHONE_IN_URL: {
    status: 400,
    'zh-CN': '手机号不能放在网址中查询(网址会留在浏览器历史和服务器日志里),请通过查询表单提交(POST /handoffs/search)。',
    'en-US': 'A phone number cannot be searched in the address (it would stay in browser history and server logs); send the search form instead (POST /handoffs/search).',
  },
});

/** A connection string without its password, for showing where the gateway connects. */
export function withoutCredentials(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    parsed.username = parsed.username ? '***' : '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparseable)';
  }
}

/** The configuration in force, with every secret left out. */
export function publicConfiguration(config: GatewayConfig) {
  return {
    publicUrl: config.publicUrl,
    database: config.databaseUrl ? { kind: 'postgres', url: withoutCredentials(config.databaseUrl) } : { kind: 'pglite', dir: config.dataDir },
    sessions: config.redisUrl ? { kind: 'redis', url: withoutCredentials(config.redisUrl) } : { kind: 'database' },
    portal: { issuer: config.portal.issuer, clientId: config.portal.clientId },
    session: { idleMinutes: config.session.idleSeconds / 60, absoluteHours: config.session.absoluteSeconds / 3600 },
    modules: config.modules.map((m) => ({ area: m.area, mode: m.url ? 'remote' : 'in-process', ...(m.url ? { url: m.url } : {}) })),
    remotesDir: config.remotesDir,
    seedDemo: config.seedDemo,
  };
}

export function createDiagnosticsRoutes(deps: DiagnosticsDeps) {
  const app = new Hono();

  app.get('/handoffs', async (c) => {
    // Refused rather than ignored: dropping the number would answer a wider search than was asked.
    if (c.req.query('phone') !== undefined) throw DiagnosticsErrors.DIAGNOSTICS_PHONE_IN_URL();
    const query = parseQuery(c, handoffQuery);
    return c.json({ items: await deps.handoffs.search(query) });
  });

  app.post('/handoffs/search', async (c) => {
    const query = await parseJson(c, handoffSearch);
    return c.json({ items: await deps.handoffs.search(query) });
  });

  app.get('/sessions', async (c) => {
    const { username } = parseQuery(c, z.object({ username: z.string().trim().min(1).max(100) }));
    const { rows } = await deps.db.query<{ user_id: string; username: string; display_name: string; unit_name: string; status: string }>(
      'select user_id, username, display_name, unit_name, status from admin.account_directory where username = $1',
      [username],
    );
    const user = rows[0];
    if (!user) return c.json({ user: null, items: [] });
    const sessions = await deps.sessions.store.listForUser(user.user_id);
    return c.json({
      user: { id: user.user_id, username: user.username, displayName: user.display_name, unitName: user.unit_name, status: user.status },
      items: sessions
        .map(({ key, data }) => ({
          key,
          createdAt: new Date(data.createdAt).toISOString(),
          lastSeenAt: new Date(data.lastSeenAt).toISOString(),
          viaPortal: Boolean(data.portalSid),
        }))
        .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt)),
    });
  });

  app.delete('/sessions/:key', async (c) => {
    const key = c.req.param('key');
    if (!/^[0-9a-f]{64}$/.test(key) || !(await deps.sessions.store.deleteByKey(key))) throw CommonErrors.NOT_FOUND();
    return c.body(null, 204);
  });

  app.post('/users/:userId/sessions/revoke', async (c) => {
    const userId = c.req.param('userId');
    requireObjectId(userId);
    return c.json({ ended: await deps.sessions.store.deleteWhere({ userId }) });
  });

  app.get('/health', async (c) => c.json(await readiness(deps.readiness)));
  app.get('/config', (c) => c.json(publicConfiguration(deps.config)));

  return app;
}
