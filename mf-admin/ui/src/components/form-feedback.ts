// What a form shows beside its fields: the messages of a server refusal (400 `fields`) and required fields left
// empty.

/** Field name → message, as the form items show them. */
export type FieldMessages = Record<string, string>;

/**
 * The messages a refusal names per field (the kit's ApiError keeps the server's `fields`). Read structurally, so
 * this file stays free of the kit's runtime and its tests run in plain node. Nested names (`visits.2.days`) keep
 * their first segment: that is the form item.
 */
export function serverFieldErrors(error: unknown): FieldMessages {
  const fields = (error as { fields?: unknown } | null)?.fields;
  const out: FieldMessages = {};
  if (!Array.isArray(fields)) return out;
  for (const issue of fields as Array<{ field?: unknown; message?: unknown }>) {
    if (typeof issue?.field !== 'string' || typeof issue.message !== 'string') continue;
    const name = issue.field.split('.')[0]!;
    out[name] ??= issue.message;
  }
  return out;
}

/** 409: someone acted or saved first; the page shows the server's message and reloads. */
export function isStaleError(error: unknown): boolean {
  return (error as { status?: unknown } | null)?.status === 409;
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The required fields of a form that are still empty, in the order given. */
export function emptyFields<T extends object>(form: T, required: readonly (keyof T & string)[]): (keyof T & string)[] {
  return required.filter((name) => isBlank(form[name]));
}
