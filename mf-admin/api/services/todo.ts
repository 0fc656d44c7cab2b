// 待办 of the admin area (the to-do contract: count + items with links): what the flow tables say waits for this
// person — unit registrations and new users to review, an employer unit's own registration to complete, a rejected
// user to correct. The rows come from the unit and user services.
import type { Identity, Locale, Queryable, ToDoItem } from '@wgzj/gateway/kit';
import { UNIT_PARTY_OF_ROLE, USER_PARTY_OF_ROLE } from '../flows.ts';
import { t } from '../messages.ts';
import type { WaitingRow } from './unit-repository.ts';
import { unitsWaitingFor } from './units.ts';
import { usersWaitingFor } from './users.ts';

const SHOWN = 10;

type Waiting = WaitingRow & { kind: 'unit' | 'user' };

function titleOf(w: Waiting, locale: Locale): string {
  if (w.kind === 'user') {
    return w.state === 'rejected' ? t(locale, 'todo.userRejected', { name: w.name }) : t(locale, 'todo.userReview', { name: w.name, unit: w.unit_name });
  }
  if (w.state === 'draft') return t(locale, 'todo.unitDraft', { name: w.name });
  if (w.state === 'returned') return t(locale, 'todo.unitReturned', { name: w.name });
  return t(locale, 'todo.unitReview', { name: w.name });
}

/** Everything waiting for this person, oldest first; the first few as items. */
export async function adminToDo(db: Queryable, actor: Identity, locale: Locale): Promise<{ count: number; items: ToDoItem[] }> {
  const unitParty = UNIT_PARTY_OF_ROLE[actor.role];
  const userParty = USER_PARTY_OF_ROLE[actor.role];
  const waiting: Waiting[] = [
    ...(unitParty ? await unitsWaitingFor(db, actor, unitParty) : []).map((w) => ({ ...w, kind: 'unit' as const })),
    ...(userParty ? await usersWaitingFor(db, actor, userParty) : []).map((w) => ({ ...w, kind: 'user' as const })),
  ];
  const at = (w: Waiting) => new Date(w.since).getTime();
  waiting.sort((a, b) => at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const items = waiting.slice(0, SHOWN).map((w) => ({
    title: titleOf(w, locale),
    link: w.kind === 'unit' ? `/admin/units/${w.id}` : `/admin/users/${w.id}`,
    createdAt: new Date(w.since).toISOString(),
  }));
  return { count: waiting.length, items };
}
