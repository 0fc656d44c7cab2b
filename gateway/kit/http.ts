// Request parsing shared by every module route: zod schemas, messages in the caller's language.
import type { Context } from 'hono';
import { z } from 'zod';
import { en, zhCN } from 'zod/locales';
import type { Queryable } from './db.ts';
import { ruleMessage } from './fields.ts';
import { AppError, CommonErrors, pickLocale, type FieldIssue, type Locale } from './errors.ts';

const errorMaps = { 'zh-CN': zhCN().localeError, 'en-US': en().localeError } as const;

/** How a form names its fields to people, per locale: a refusal says 统一社会信用代码, not `creditCode`. */
export type FieldLabels = Record<string, { 'zh-CN': string; 'en-US': string }>;

export function validate<S extends z.ZodType>(schema: S, input: unknown, locale: Locale, labels: FieldLabels = {}): z.output<S> {
  const result = schema.safeParse(input, { error: errorMaps[locale] });
  if (result.success) return result.data;
  const separator = locale === 'zh-CN' ? ':' : ': ';
  const fields: FieldIssue[] = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(body)';
    // Rows of a list (`visits.2.days`) take the label of their column (`visits.days`).
    const label = labels[field] ?? labels[issue.path.filter((p) => typeof p !== 'number').join('.')];
    const text = issue.message.startsWith('rule:') ? (ruleMessage(issue.message.slice(5), locale) ?? issue.message) : issue.message;
    return { field, message: label ? `${label[locale]}${separator}${text}` : text };
  });
  const first = fields[0]!;
  const general = CommonErrors.VALIDATION_FAILED(fields);
  // The headline names the first field in error, so a toast alone already tells the person what to fix.
  if (first.field === '(body)' || !Object.keys(labels).length) throw general;
  throw new AppError('VALIDATION_FAILED', { ...general.spec, [locale]: first.message }, fields);
}

export function localeOf(c: Context): Locale {
  return pickLocale(c.req.header('accept-language'));
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S, labels?: FieldLabels): z.output<S> {
  return validate(schema, c.req.query(), localeOf(c), labels);
}

export async function parseJson<S extends z.ZodType>(c: Context, schema: S, labels?: FieldLabels): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw CommonErrors.BAD_JSON();
  }
  return validate(schema, body, localeOf(c), labels);
}

/**
 * An object id from the URL: a malformed one answers 404 like an unknown one (never 400 or 500), so a caller
 * learns nothing from the shape of what it tried.
 */
export function requireObjectId(id: string): string {
  if (!z.uuid().safeParse(id).success) throw CommonErrors.NOT_FOUND();
  return id;
}

/** Where a request came from, for the audit log: the gateway's request id and the client address it saw. */
export function requestMeta(c: Context): { requestId?: string; clientIp?: string } {
  const requestId = c.req.header('x-request-id');
  const clientIp = c.req.header('x-client-ip');
  return { ...(requestId ? { requestId } : {}), ...(clientIp ? { clientIp } : {}) };
}

/** How paging fields are named in a refusal; spread into a route's own labels. */
export const PAGING_LABELS: FieldLabels = {
  limit: { 'zh-CN': '每页条数', 'en-US': 'Page size' },
  offset: { 'zh-CN': '起始位置', 'en-US': 'Offset' },
};

export const paging = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/**
 * One page of a list and the total count: `select` is the row query without its where clause; `orderBy` names
 * the columns of its result (as `x.<column>`). The page and the count are two queries on purpose: a count
 * window over the sorted rows makes PostgreSQL sort every match before it can stop at the page, while a plain
 * `order by … limit` can walk an index and stop after the page, and the count alone needs no sort at all.
 */
export async function listPage<T>(
  db: Queryable,
  q: { select: string; where: string[]; params: unknown[]; orderBy: string; limit: number; offset: number },
): Promise<{ rows: T[]; total: number }> {
  const where = q.where.join(' and ') || 'true';
  const n = q.params.length;
  const [page, count] = await Promise.all([
    db.query<T>(`select x.* from (${q.select} where ${where}) x order by ${q.orderBy} limit $${n + 1} offset $${n + 2}`, [...q.params, q.limit, q.offset]),
    db.query<{ n: number }>(`select count(*)::int as n from (${q.select} where ${where}) x`, q.params),
  ]);
  return { rows: page.rows, total: count.rows[0]!.n };
}
