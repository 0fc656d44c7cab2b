// Routes of the project library (项目库): plans in the caller's scope and the plans waiting for the caller.
import {
  CommonErrors,
  createModuleApp,
  type Identity,
  listPage,
  localeOf,
  type ModuleContext,
  paging,
  parseQuery,
  requireObjectId,
  scopeCondition,
} from '@wgzj/gateway/kit';
import { z } from 'zod';

const PLAN_SCOPE = { unit: 'p.unit_id', supervisingUnit: 'p.supervising_unit_id' };
const PLAN_STATUSES = ['draft', 'submitted', 'supervising_review', 'national_review', 'returned', 'approved', 'rejected'] as const;

const listQuery = paging.extend({
  status: z.enum(PLAN_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

interface PlanRow {
  id: string;
  title: string;
  project_type: string;
  year: number;
  status: string;
  unit_id: string;
  unit_name: string | null;
  updated_at: Date;
}

const toPlan = (row: PlanRow) => ({
  id: row.id,
  title: row.title,
  projectType: row.project_type,
  year: row.year,
  status: row.status,
  unitId: row.unit_id,
  unitName: row.unit_name,
  updatedAt: new Date(row.updated_at).toISOString(),
});

const PLAN_COLUMNS = `p.id, p.title, p.project_type, p.year, p.status, p.unit_id, u.unit_name, p.updated_at`;
const PLAN_FROM = `projects.plans p left join admin.unit_directory u on u.unit_id = p.unit_id`;

/** Which plans wait for this caller's action: the status their level reviews, or their returned drafts. */
function waitingCondition(identity: Identity): { sql: string; params: unknown[] } | null {
  switch (identity.role) {
    case 'supervising_user':
      return { sql: `p.status = 'supervising_review' and p.supervising_unit_id = $1`, params: [identity.unit.id] };
    case 'national_admin':
      return { sql: `p.status = 'national_review'`, params: [] };
    case 'employer_handler':
    case 'employer_admin':
      return { sql: `p.status = 'returned' and p.unit_id = $1`, params: [identity.unit.id] };
    default:
      return null;
  }
}

export function createProjectsApp(ctx: ModuleContext) {
  const app = createModuleApp('projects', ctx);

  app.get('/plans', async (c) => {
    const query = parseQuery(c, listQuery);
    const scope = scopeCondition(c.var.identity.scope, PLAN_SCOPE);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    if (query.status) where.push(`p.status = $${params.push(query.status)}`);
    if (query.year) where.push(`p.year = $${params.push(query.year)}`);
    const { rows, total } = await listPage<PlanRow>(ctx.db, {
      select: `select ${PLAN_COLUMNS} from ${PLAN_FROM}`,
      where,
      params,
      orderBy: 'x.updated_at desc, x.id',
      limit: query.limit,
      offset: query.offset,
    });
    return c.json({ items: rows.map(toPlan), total });
  });

  app.get('/plans/:id', async (c) => {
    const id = c.req.param('id');
    requireObjectId(id);
    const scope = scopeCondition(c.var.identity.scope, PLAN_SCOPE, 2);
    const { rows } = await ctx.db.query<PlanRow>(`select ${PLAN_COLUMNS} from ${PLAN_FROM} where p.id = $1 and ${scope.sql}`, [
      id,
      ...scope.params,
    ]);
    if (!rows[0]) throw CommonErrors.NOT_FOUND();
    return c.json(toPlan(rows[0]));
  });

  app.get('/todo', async (c) => {
    const waiting = waitingCondition(c.var.identity);
    if (!waiting) return c.json({ count: 0, items: [] });
    const { rows } = await ctx.db.query<PlanRow & { total: number }>(
      `select ${PLAN_COLUMNS}, count(*) over ()::int as total from ${PLAN_FROM}
       where ${waiting.sql} order by p.updated_at limit 10`,
      waiting.params,
    );
    const english = localeOf(c) === 'en-US';
    return c.json({
      count: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        title: r.status === 'returned' ? `${english ? 'Returned plan' : '退回待修改'}:${r.title}` : `${english ? 'Plan to review' : '计划待审核'}:${r.title}`,
        link: `/projects/plans/${r.id}`,
        createdAt: new Date(r.updated_at).toISOString(),
      })),
    });
  });

  return app;
}
