// 待办 of the admin area (the to-do contract: count + items with links): unit registrations and new users
// waiting for this person's review, and an employer unit's own registration still to complete.
import { localeOf, type ModuleContext, type ToDoItem } from '@wgzj/gateway/kit';
import type { AdminApp } from './app.ts';
import { t } from './messages.ts';

const SHOWN = 10;

interface Waiting {
  id: string;
  name: string;
  kind: 'unit' | 'user';
  state: string;
  unit_name: string;
  since: Date;
}

export function registerToDoRoutes(app: AdminApp, ctx: ModuleContext): void {
  app.get('/todo', async (c) => {
    const me = c.var.identity;
    const locale = localeOf(c);
    let sql: string | null = null;
    let params: unknown[] = [];
    switch (me.role) {
      case 'supervising_user':
        sql = `select id, name, 'unit' as kind, registration_state as state, name as unit_name, coalesce(submitted_at, created_at) as since
                 from admin.units where registration_state = 'supervising_review' and supervising_unit_id = $1
               union all
               select p.id, p.display_name, 'user', p.review_state, n.name, p.created_at
                 from admin.users p join admin.units n on n.id = p.unit_id
                 where p.review_state = 'pending' and n.supervising_unit_id = $1`;
        params = [me.unit.id];
        break;
      case 'national_admin':
        sql = `select id, name, 'unit' as kind, registration_state as state, name as unit_name, coalesce(submitted_at, created_at) as since
                 from admin.units where registration_state = 'national_review'
               union all
               select p.id, p.display_name, 'user', p.review_state, n.name, p.created_at
                 from admin.users p join admin.units n on n.id = p.unit_id
                 where p.review_state = 'pending' and n.supervising_unit_id is null`;
        break;
      case 'employer_admin':
      case 'employer_handler':
        sql = `select id, name, 'unit' as kind, registration_state as state, name as unit_name, updated_at as since
                 from admin.units where id = $1 and registration_state in ('draft', 'returned')`;
        params = [me.unit.id];
        if (me.role === 'employer_admin') {
          sql += ` union all
                   select p.id, p.display_name, 'user', p.review_state, n.name, p.updated_at
                     from admin.users p join admin.units n on n.id = p.unit_id
                     where p.unit_id = $1 and p.review_state = 'rejected'`;
        }
        break;
    }
    if (!sql) return c.json({ count: 0, items: [] });
    const { rows } = await ctx.db.query<Waiting>(`${sql} order by since, id`, params);
    const title = (w: Waiting): string => {
      if (w.kind === 'user') {
        return w.state === 'rejected'
          ? t(locale, 'todo.userRejected', { name: w.name })
          : t(locale, 'todo.userReview', { name: w.name, unit: w.unit_name });
      }
      if (w.state === 'draft') return t(locale, 'todo.unitDraft', { name: w.name });
      if (w.state === 'returned') return t(locale, 'todo.unitReturned', { name: w.name });
      return t(locale, 'todo.unitReview', { name: w.name });
    };
    const items: ToDoItem[] = rows.slice(0, SHOWN).map((w) => ({
      title: title(w),
      link: w.kind === 'unit' ? `/admin/units/${w.id}` : `/admin/users/${w.id}`,
      createdAt: new Date(w.since).toISOString(),
    }));
    return c.json({ count: rows.length, items });
  });
}
