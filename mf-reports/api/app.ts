// Routes of the annual report library (年度报告库): parse, ask the service, answer.
import { createModuleApp, describeRoute, localeOf, type ModuleContext, paging, parseQuery, requireObjectId } from '@wgzj/gateway/kit';
import { z } from 'zod';
import { t } from './messages.ts';
import { annualReportService } from './services/annual-reports.ts';

const reportFilter = paging.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() });

const annualReport = z.object({
  id: z.string(),
  year: z.number().int(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  status: z.string(),
  submittedAt: z.string().nullable(),
});
const toDoList = z.object({
  count: z.number().int(),
  items: z.array(z.object({ title: z.string(), link: z.string(), createdAt: z.string() })),
});

export function createReportsApp(ctx: ModuleContext) {
  const app = createModuleApp('reports', ctx);
  const reports = annualReportService(ctx.db);

  app.get(
    '/annual-reports',
    describeRoute({
      summary: 'List the annual reports in the caller’s scope',
      query: reportFilter,
      response: z.object({ items: z.array(annualReport), total: z.number().int() }),
    }),
    async (c) => {
      const query = parseQuery(c, reportFilter);
      return c.json(await reports.list(c.var.identity, query));
    },
  );

  app.get('/annual-reports/:id', describeRoute({ summary: 'One annual report', response: annualReport }), async (c) => {
    const id = c.req.param('id');
    requireObjectId(id);
    return c.json(await reports.get(c.var.identity, id));
  });

  app.get(
    '/todo',
    describeRoute({ summary: 'The caller’s to-do items of this area (submitted reports, for the national level)', response: toDoList }),
    async (c) => {
      if (c.var.identity.role !== 'national_admin') return c.json({ count: 0, items: [] });
      const waiting = await reports.awaitingNationalReview();
      const locale = localeOf(c);
      return c.json({
        count: waiting.length,
        items: waiting.slice(0, 10).map((r) => ({
          title: t(locale, 'todo.annualReportReview', { year: r.year, unit: String(r.unitName) }),
          link: `/reports/annual-reports/${r.id}`,
          createdAt: r.submittedAt ?? new Date().toISOString(),
        })),
      });
    },
  );

  return app;
}
