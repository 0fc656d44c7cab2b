// Routes of the expert library (专家库): experts the caller's scope invited, with their visit counts.
import { CommonErrors, containing, createModuleApp, listPage, type ModuleContext, paging, parseQuery, requireObjectId, scopeCondition } from '@wgzj/gateway/kit';
import { z } from 'zod';

const EXPERT_SCOPE = { unit: 'e.created_by_unit_id', supervisingUnit: 'e.supervising_unit_id' };

const listQuery = paging.extend({
  name: z.string().trim().max(100).optional(),
  nationality: z.string().regex(/^[A-Z]{2}$/).optional(),
});

interface ExpertRow {
  id: string;
  name: string;
  chinese_name: string | null;
  nationality: string;
  discipline: string | null;
  visit_count: number;
  last_visit: string | null;
}

const toExpert = (row: ExpertRow) => ({
  id: row.id,
  name: row.name,
  chineseName: row.chinese_name,
  nationality: row.nationality,
  discipline: row.discipline,
  visitCount: row.visit_count,
  lastVisit: row.last_visit,
});

// The last visit as text: node-postgres reads a date as local midnight, a day early in UTC east of Greenwich.
const EXPERT_SELECT = `select e.id, e.name, e.chinese_name, e.nationality, e.discipline,
  (select count(*)::int from experts.visits v where v.expert_id = e.id) as visit_count,
  (select to_char(max(v.start_date), 'YYYY-MM-DD') from experts.visits v where v.expert_id = e.id) as last_visit
  from experts.experts e`;

export function createExpertsApp(ctx: ModuleContext) {
  const app = createModuleApp('experts', ctx);

  app.get('/experts', async (c) => {
    const query = parseQuery(c, listQuery);
    const scope = scopeCondition(c.var.identity.scope, EXPERT_SCOPE);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    if (query.name) {
      const n = params.push(containing(query.name));
      where.push(`(e.name ilike $${n} or e.chinese_name ilike $${n})`);
    }
    if (query.nationality) where.push(`e.nationality = $${params.push(query.nationality)}`);
    const { rows, total } = await listPage<ExpertRow>(ctx.db, {
      select: EXPERT_SELECT,
      where,
      params,
      orderBy: 'x.name, x.id',
      limit: query.limit,
      offset: query.offset,
    });
    return c.json({ items: rows.map(toExpert), total });
  });

  app.get('/experts/:id', async (c) => {
    const id = c.req.param('id');
    requireObjectId(id);
    const scope = scopeCondition(c.var.identity.scope, EXPERT_SCOPE, 2);
    const { rows } = await ctx.db.query<ExpertRow>(`${EXPERT_SELECT} where e.id = $1 and ${scope.sql}`, [id, ...scope.params]);
    if (!rows[0]) throw CommonErrors.NOT_FOUND();
    return c.json(toExpert(rows[0]));
  });

  // Nothing in the expert library waits for a person yet; the contract still answers.
  app.get('/todo', (c) => c.json({ count: 0, items: [] }));

  return app;
}
