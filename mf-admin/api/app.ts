// Routes of the admin area: units, notices and the area's to-do.
import {
  CommonErrors,
  createModuleApp,
  listPage,
  localeOf,
  paging,
  parseJson,
  parseQuery,
  scopeCondition,
  type ModuleContext,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { linkPortalAccount, portalLinkRequest } from './portal-accounts.ts';

const UNIT_SCOPE = { unit: 'id', supervisingUnit: 'supervising_unit_id' };

interface UnitRow {
  id: string;
  name: string;
  kind: string;
  credit_code: string | null;
  province_code: string | null;
  status: string;
}

const toUnit = (row: UnitRow) => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  creditCode: row.credit_code,
  province: row.province_code,
  status: row.status,
});

export function createAdminApp(ctx: ModuleContext) {
  const app = createModuleApp('admin', ctx);

  app.get('/units', async (c) => {
    const { limit, offset } = parseQuery(c, paging);
    const scope = scopeCondition(c.var.identity.scope, UNIT_SCOPE);
    const { rows, total } = await listPage<UnitRow>(ctx.db, {
      select: 'select id, name, kind, credit_code, province_code, status from admin.units',
      where: [scope.sql],
      params: scope.params,
      orderBy: `case x.kind when 'national' then 0 when 'supervising' then 1 else 2 end, x.name, x.id`,
      limit,
      offset,
    });
    return c.json({ items: rows.map(toUnit), total });
  });

  app.get('/units/:id', async (c) => {
    const unitId = c.req.param('id');
    if (!z.uuid().safeParse(unitId).success) throw CommonErrors.NOT_FOUND();
    const scope = scopeCondition(c.var.identity.scope, UNIT_SCOPE, 2);
    const { rows } = await ctx.db.query<UnitRow>(
      `select id, name, kind, credit_code, province_code, status from admin.units where id = $1 and ${scope.sql}`,
      [unitId, ...scope.params],
    );
    if (!rows[0]) throw CommonErrors.NOT_FOUND();
    return c.json(toUnit(rows[0]));
  });

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

  // 待办: employer units waiting for this supervising unit's registration review.
  app.get('/todo', async (c) => {
    const identity = c.var.identity;
    if (identity.role !== 'supervising_user') return c.json({ count: 0, items: [] });
    const { rows } = await ctx.db.query<{ id: string; name: string; created_at: Date }>(
      `select id, name, created_at from admin.units
       where status = 'pending_review' and supervising_unit_id = $1 order by created_at`,
      [identity.unit.id],
    );
    return c.json({
      count: rows.length,
      items: rows.slice(0, 10).map((r) => ({
        title: localeOf(c) === 'en-US' ? `Employer unit registration review: ${r.name}` : `用人单位注册审核:${r.name}`,
        link: `/admin/units/${r.id}`,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    });
  });

  app.post('/internal/portal-accounts/link', async (c) => {
    const request = await parseJson(c, portalLinkRequest);
    return c.json(await ctx.db.transaction((tx) => linkPortalAccount(tx, request)));
  });

  return app;
}
