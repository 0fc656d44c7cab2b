// 通知公告: notices the national administrators publish; everyone signed in reads them.
import { listPage, paging, parseQuery, type ModuleContext } from '@wgzj/gateway/kit';
import type { AdminApp } from './app.ts';

export function registerNoticeRoutes(app: AdminApp, ctx: ModuleContext): void {
  app.get('/notices', async (c) => {
    const { limit, offset } = parseQuery(c, paging);
    const { rows, total } = await listPage<{ id: string; title: string; body: string; published_at: Date }>(ctx.db, {
      select: 'select id, title, body, published_at from admin.notices',
      where: [],
      params: [],
      orderBy: 'x.published_at desc, x.id',
      limit,
      offset,
    });
    return c.json({
      items: rows.map((r) => ({ id: r.id, title: r.title, body: r.body, publishedAt: new Date(r.published_at).toISOString() })),
      total,
    });
  });
}
