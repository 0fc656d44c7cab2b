// One row, or a page of rows, of a select limited to the caller's data scope: units and users are read the same way.
import { type Conditions, type Identity, listPage, type Queryable, scopeCondition, type ScopeColumns } from '@wgzj/gateway/kit';

export interface ScopedSelect {
  /** The select without its where clause. */
  select: string;
  /** The column the id is matched against. */
  idColumn: string;
  scope: ScopeColumns;
  orderBy: string;
}

/** The row with this id, if it is in the caller's scope. */
export async function oneInScope<R>(db: Queryable, from: ScopedSelect, actor: Identity, id: string): Promise<R | undefined> {
  const scope = scopeCondition(actor.scope, from.scope, 2);
  const { rows } = await db.query<R>(`${from.select} where ${from.idColumn} = $1 and ${scope.sql}`, [id, ...scope.params]);
  return rows[0];
}

/** A page of the rows the filters (which start from the caller's scope) let through. */
export function pageOf<R>(db: Queryable, from: ScopedSelect, filters: Conditions, page: { limit: number; offset: number }) {
  return listPage<R>(db, { select: from.select, where: filters.where, params: filters.params, orderBy: from.orderBy, limit: page.limit, offset: page.offset });
}
