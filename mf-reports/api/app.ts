// Routes of the annual report library (年度报告库).
import { CommonErrors, createModuleApp, listPage, localeOf, type ModuleContext, paging, parseQuery, requireObjectId, scopeCondition } from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { AnnualReportsRow } from '../db/rows.ts';
import { t } from './messages.ts';

const REPORT_SCOPE = { unit: 'r.unit_id', supervisingUnit: 'r.supervising_unit_id' };

/** A report with its unit's name from the admin area's published directory (joined, so it may be missing). */
type ReportRow = Pick<AnnualReportsRow, 'id' | 'year' | 'unit_id' | 'status' | 'submitted_at'> & { unit_name: string | null };

const toReport = (row: ReportRow) => ({
  id: row.id,
  year: row.year,
  unitId: row.unit_id,
  unitName: row.unit_name,
  status: row.status,
  submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
});

const REPORT_SELECT = `select r.id, r.year, r.unit_id, u.unit_name, r.status, r.submitted_at
  from reports.annual_reports r left join admin.unit_directory u on u.unit_id = r.unit_id`;

export function createReportsApp(ctx: ModuleContext) {
  const app = createModuleApp('reports', ctx);

  app.get('/annual-reports', async (c) => {
    const query = parseQuery(c, paging.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() }));
    const scope = scopeCondition(c.var.identity.scope, REPORT_SCOPE);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    if (query.year) where.push(`r.year = $${params.push(query.year)}`);
    const { rows, total } = await listPage<ReportRow>(ctx.db, {
      select: REPORT_SELECT,
      where,
      params,
      orderBy: 'x.year desc, x.unit_name, x.id',
      limit: query.limit,
      offset: query.offset,
    });
    return c.json({ items: rows.map(toReport), total });
  });

  app.get('/annual-reports/:id', async (c) => {
    const id = c.req.param('id');
    requireObjectId(id);
    const scope = scopeCondition(c.var.identity.scope, REPORT_SCOPE, 2);
    const { rows } = await ctx.db.query<ReportRow>(`${REPORT_SELECT} where r.id = $1 and ${scope.sql}`, [id, ...scope.params]);
    if (!rows[0]) throw CommonErrors.NOT_FOUND();
    return c.json(toReport(rows[0]));
  });

  // Submitted annual summaries wait for the national level.
  app.get('/todo', async (c) => {
    if (c.var.identity.role !== 'national_admin') return c.json({ count: 0, items: [] });
    const { rows } = await ctx.db.query<ReportRow>(`${REPORT_SELECT} where r.status = 'submitted' order by r.submitted_at`);
    const locale = localeOf(c);
    return c.json({
      count: rows.length,
      items: rows.slice(0, 10).map((r) => ({
        title: t(locale, 'todo.annualReportReview', { year: r.year, unit: String(r.unit_name) }),
        link: `/reports/annual-reports/${r.id}`,
        createdAt: new Date(r.submitted_at ?? Date.now()).toISOString(),
      })),
    });
  });

  return app;
}
