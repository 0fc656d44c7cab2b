// What a form learns from a refusal: the message per field (ApiError.fields) and the refusal's code. Read
// structurally, so this file stays free of the kit's runtime and its tests run in plain node.

/** Field name → message, as the form items show them. */
export type FieldMessages = Record<string, string>;

/**
 * The messages a refusal names per field, first message per field. `prefix` strips a wrapper the request put
 * around the fields (a correction request sends `{ changes: {...}, reason }`, so the server names `changes.name`).
 * Nested names keep their first remaining segment (`keywords.3` → `keywords`): that is the form item.
 */
export function serverFieldErrors(error: unknown, prefix = ''): FieldMessages {
  const fields = (error as { fields?: unknown } | null)?.fields;
  const out: FieldMessages = {};
  if (!Array.isArray(fields)) return out;
  for (const issue of fields as Array<{ field?: unknown; message?: unknown }>) {
    if (typeof issue?.field !== 'string' || typeof issue.message !== 'string') continue;
    const path = prefix && issue.field.startsWith(`${prefix}.`) ? issue.field.slice(prefix.length + 1) : issue.field;
    const name = path.split('.')[0]!;
    out[name] ??= issue.message;
  }
  return out;
}

/** The refusal's stable code (`EXPERT_LOCKED`), or '' for anything else. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** 409 for a version: someone saved first; the page reloads what is there now. */
export function isStale(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'FLOW_STALE_VERSION' || code === 'CONFLICT';
}
