// 待办 of the expert library (the to-do contract: count + items with links): for the national level, correction
// requests to review, likely duplicates to settle and claims no unit answered; for an inviting unit, its rejected
// correction requests, the claims of its experts waiting for its decision and what became of its own claims.
import { localeOf, type ModuleContext, type ToDoItem } from '@wgzj/gateway/kit';
import { claimsWaiting } from './claims.ts';
import type { ExpertsApp } from './experts.ts';
import { t } from './messages.ts';

const SHOWN = 10;

interface Waiting {
  kind: 'correction' | 'duplicate' | 'rejected';
  id: string;
  name: string;
  since: Date;
}

export function registerToDoRoutes(app: ExpertsApp, ctx: ModuleContext): void {
  app.get('/todo', async (c) => {
    const me = c.var.identity;
    const locale = localeOf(c);
    let sql: string | null = null;
    let params: unknown[] = [];
    if (me.role === 'national_admin') {
      sql = `select 'correction' as kind, c.id, e.name, c.created_at as since
               from experts.corrections c join experts.experts e on e.id = c.expert_id where c.state = 'pending'
             union all
             select 'duplicate', f.id, a.name, f.flagged_at
               from experts.duplicate_flags f join experts.experts a on a.id = f.expert_id join experts.experts b on b.id = f.other_id
               where f.resolved_at is null and a.status = 'active' and b.status = 'active'`;
    } else if (me.role === 'employer_handler' || me.role === 'employer_admin') {
      // A rejection stays on the list for a week, long enough to be read.
      sql = `select 'rejected' as kind, c.id, e.name, c.decided_at as since
               from experts.corrections c join experts.experts e on e.id = c.expert_id
               where c.unit_id = $1 and c.state = 'rejected' and c.decided_at > now() - interval '7 days'`;
      params = [me.unit.id];
    }
    const claims = (await claimsWaiting(ctx.db, me, locale)).map((w) => ({ title: w.title, link: '/experts/claims', createdAt: new Date(w.since).toISOString() }));
    if (!sql) return c.json({ count: claims.length, items: claims.slice(0, SHOWN) });
    const { rows } = await ctx.db.query<Waiting>(`${sql} order by since, id`, params);
    const title = (w: Waiting): string => {
      switch (w.kind) {
        case 'correction':
          return t(locale, 'todo.correction', { name: w.name });
        case 'duplicate':
          return t(locale, 'todo.duplicate', { name: w.name });
        case 'rejected':
          return t(locale, 'todo.correctionRejected', { name: w.name });
      }
    };
    const items: ToDoItem[] = rows.map((w) => ({
      title: title(w),
      link: w.kind === 'duplicate' ? '/experts/duplicates' : '/experts/corrections',
      createdAt: new Date(w.since).toISOString(),
    }));
    const all = [...items, ...claims].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return c.json({ count: all.length, items: all.slice(0, SHOWN) });
  });
}
