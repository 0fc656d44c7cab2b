// A refused catalogue form (a call, a project type): the server's messages, already localized, placed where
// they belong. Read structurally, so this file runs in plain node without the kit.

export type FormErrors<F extends string> = Partial<Record<F | 'general', string>>;

/**
 * Each `fields` entry under its form field (by the first part of its path), a refusal code that is about one
 * field (`codeFields`) under that field, anything else for the whole dialog.
 */
export function formErrorsFrom<F extends string>(
  error: unknown,
  message: string,
  formFields: readonly F[],
  codeFields: Readonly<Record<string, F>>,
): FormErrors<F> {
  const e = (error ?? {}) as { code?: unknown; fields?: unknown };
  const out: FormErrors<F> = {};
  const fields = Array.isArray(e.fields) ? (e.fields as Array<{ field?: unknown; message?: unknown }>) : [];
  for (const issue of fields) {
    if (typeof issue?.field !== 'string' || typeof issue.message !== 'string') continue;
    const name = issue.field.split('.')[0] as F;
    if (formFields.includes(name)) out[name] ??= issue.message;
    else out.general ??= issue.message;
  }
  if (Object.keys(out).length) return out;
  const field = typeof e.code === 'string' ? codeFields[e.code] : undefined;
  if (field) out[field] = message;
  else out.general = message;
  return out;
}
