// Request parsing shared by every module route: zod schemas, messages in the caller's language.
import type { Context } from 'hono';
import { z } from 'zod';
import { en, zhCN } from 'zod/locales';
import type { Queryable } from './db.ts';
import { CommonErrors, pickLocale, type FieldIssue, type Locale } from './errors.ts';

const errorMaps = { 'zh-CN': zhCN().localeError, 'en-US': en().localeError } as const;

export function validate<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): z.output<S> {
  const result = schema.safeParse(input, { error: errorMaps[locale] });
  if (result.success) return result.data;
  const fields: FieldIssue[] = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
  throw CommonErrors.VALIDATION_FAILED(fields);
}

export function localeOf(c: Context): Locale {
  return pickLocale(c.req.header('accept-language'));
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return validate(schema, c.req.query(), localeOf(c));
}

export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw CommonErrors.BAD_JSON();
  }
  return validate(schema, body, localeOf(c));
}

export const paging = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/**
 * One page of a list and the total count, in one query: `select` is the row query without its where clause;
 * `orderBy` names the columns of its result (as `x.<column>`). Past the last page no row carries the total,
 * so it is counted on its own then.
 */
export async function listPage<T>(
  db: Queryable,
  q: { select: string; where: string[]; params: unknown[]; orderBy: string; limit: number; offset: number },
): Promise<{ rows: T[]; total: number }> {
  const where = q.where.join(' and ') || 'true';
  const n = q.params.length;
  const { rows } = await db.query<T & { total: number }>(
    `select x.*, count(*) over ()::int as total from (${q.select} where ${where}) x
     order by ${q.orderBy} limit $${n + 1} offset $${n + 2}`,
    [...q.params, q.limit, q.offset],
  );
  const total =
    rows[0]?.total ??
    (q.offset > 0 ? (await db.query<{ n: number }>(`select count(*)::int as n from (${q.select} where ${where}) x`, q.params)).rows[0]!.n : 0);
  return { rows, total };
}
