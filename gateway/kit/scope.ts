// Turns a caller's data scope into a SQL condition, so every list and read filters the same way.
import type { DataScope } from './identity.ts';

export interface ScopeColumns {
  /** Column holding the owning unit's id. */
  unit: string;
  /** Column holding the owning unit's supervising unit id, when the table has one. */
  supervisingUnit?: string;
}

/**
 * Returns a condition and its parameters, numbered from `firstParam`.
 * `level: none` sees nothing here; narrower grants (a reviewer's assignments) are the module's own rule.
 */
export function scopeCondition(scope: DataScope, columns: ScopeColumns, firstParam = 1): { sql: string; params: unknown[] } {
  switch (scope.level) {
    case 'all':
      return { sql: 'true', params: [] };
    case 'unit':
      return { sql: `${columns.unit} = $${firstParam}`, params: [scope.unitId] };
    case 'supervised':
      return columns.supervisingUnit
        ? { sql: `(${columns.unit} = $${firstParam} or ${columns.supervisingUnit} = $${firstParam})`, params: [scope.unitId] }
        : { sql: `${columns.unit} = $${firstParam}`, params: [scope.unitId] };
    case 'none':
      return { sql: 'false', params: [] };
  }
}
