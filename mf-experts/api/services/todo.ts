// 待办 of the expert library (the to-do contract: count + items with links): for the national level, correction
// requests to review, likely duplicates to settle and claims no unit answered; for an inviting unit, its rejected
// correction requests, the claims of its experts waiting for its decision and what became of its own claims.
import type { Identity, Locale, Queryable, ToDoItem } from '@wgzj/gateway/kit';
import type { CorrectionsRow, ExpertsRow } from '../../db/rows.ts';
import { t } from '../messages.ts';
import { claimsWaiting } from './claims.ts';
import { INVITING_ROLES } from './experts.ts';

const SHOWN = 10;

interface Waiting {
  kind: 'correction' | 'duplicate' | 'rejected';
  id: CorrectionsRow['id'];
  name: ExpertsRow['name'];
  since: Date;
}

/** The corrections and duplicates waiting for this person, oldest first; null for a role nothing of theirs waits for. */
async function waitingOf(db: Queryable, me: Identity): Promise<Waiting[] | null> {
  if (me.role === 'national_admin') {
    const { rows } = await db.query<Waiting>(
      `select 'correction' as kind, c.id, e.name, c.created_at as since
         from experts.corrections c join experts.experts e on e.id = c.expert_id where c.state = 'pending'
       union all
       select 'duplicate', f.id, a.name, f.flagged_at
         from experts.duplicate_flags f join experts.experts a on a.id = f.expert_id join experts.experts b on b.id = f.other_id
         where f.resolved_at is null and a.status = 'active' and b.status = 'active' order by since, id`,
    );
    return rows;
  }
  if (INVITING_ROLES.includes(me.role)) {
    // A rejection stays on the list for a week, long enough to be read.
    const { rows } = await db.query<Waiting>(
      `select 'rejected' as kind, c.id, e.name, c.decided_at as since
         from experts.corrections c join experts.experts e on e.id = c.expert_id
         where c.unit_id = $1 and c.state = 'rejected' and c.decided_at > now() - interval '7 days' order by since, id`,
      [me.unit.id],
    );
    return rows;
  }
  return null;
}

export async function toDoOf(db: Queryable, me: Identity, locale: Locale): Promise<{ count: number; items: ToDoItem[] }> {
  const claims = (await claimsWaiting(db, me, locale)).map((w) => ({ title: w.title, link: '/experts/claims', createdAt: new Date(w.since).toISOString() }));
  const waiting = await waitingOf(db, me);
  if (!waiting) return { count: claims.length, items: claims.slice(0, SHOWN) };
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
  const items: ToDoItem[] = waiting.map((w) => ({
    title: title(w),
    link: w.kind === 'duplicate' ? '/experts/duplicates' : '/experts/corrections',
    createdAt: new Date(w.since).toISOString(),
  }));
  const all = [...items, ...claims].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { count: all.length, items: all.slice(0, SHOWN) };
}
