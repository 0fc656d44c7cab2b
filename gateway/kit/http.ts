// Request parsing shared by every module route: zod schemas, messages in the caller's language.
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { en, zhCN } from 'zod/locales';
import type { Queryable } from './db.ts';
import { ruleMessage } from './fields.ts';
import { AppError, CommonErrors, pickLocale, type FieldIssue, type Locale } from './errors.ts';

const errorMaps = { 'zh-CN': zhCN().localeError, 'en-US': en().localeError } as const;

/** How a form names its fields to people, per locale: a refusal says 统一社会信用代码, not `creditCode`. */
export type FieldLabels = Record<string, { 'zh-CN': string; 'en-US': string }>;

export function validate<S extends z.ZodType>(schema: S, input: unknown, locale: Locale, labels: FieldLabels = {}): z.output<S> {
  // Text PostgreSQL cannot store (a NUL, a lone surrogate) is refused before any rule, wherever it sits in the input.
  const unstorable = unstorableTextPaths(input);
  if (unstorable.length) throw refusalOf(unstorable.map((path) => ({ path, message: 'rule:storable_text' })), locale, labels, true);
  const result = schema.safeParse(input, { error: errorMaps[locale] });
  if (result.success) return result.data;
  throw refusalOf(result.error.issues, locale, labels, false);
}

/**
 * A VALIDATION_FAILED naming each field: its label when the form has one, otherwise (when `nameBare`) its path,
 * so even a field without a label is named.
 */
function refusalOf(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  locale: Locale,
  labels: FieldLabels,
  nameBare: boolean,
): AppError {
  const separator = locale === 'zh-CN' ? ':' : ': ';
  const fields: FieldIssue[] = issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(body)';
    // Rows of a list (`visits.2.days`) take the label of their column (`visits.days`).
    const label = labels[field] ?? labels[issue.path.filter((p) => typeof p !== 'number').map(String).join('.')];
    const text = issue.message.startsWith('rule:') ? (ruleMessage(issue.message.slice(5), locale) ?? issue.message) : issue.message;
    const name = label ? label[locale] : nameBare && field !== '(body)' ? field : undefined;
    return { field, message: name ? `${name}${separator}${text}` : text };
  });
  const first = fields[0]!;
  const general = CommonErrors.VALIDATION_FAILED(fields);
  // The headline names the first field in error, so a toast alone already tells the person what to fix.
  if (first.field === '(body)' || (!Object.keys(labels).length && !nameBare)) return general;
  return new AppError('VALIDATION_FAILED', { ...general.spec, [locale]: first.message }, fields);
}

/** Text PostgreSQL can store: no NUL (SQLSTATE 22021, or 22P05 inside jsonb) and no lone surrogate (no UTF-8 for it). */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Where a parsed input (JSON, a query, a form) holds text that cannot be stored: the path of each such string or
 * object key (`experts.0.name`), at most `limit` of them. Iterative, so no nesting depth overflows the stack.
 */
export function unstorableTextPaths(input: unknown, limit = 20): Array<Array<string | number>> {
  // Each step keeps a link to its parent rather than a copy of its path, so a deeply nested body costs linear time;
  // a path is spelled out only for what is found.
  type Step = { key: string | number; parent: Step | null } | null;
  const pathOf = (step: Step): Array<string | number> => {
    const path: Array<string | number> = [];
    for (let s = step; s; s = s.parent) path.push(s.key);
    return path.reverse();
  };
  const found: Array<Array<string | number>> = [];
  const stack: Array<[unknown, Step]> = [[input, null]];
  while (stack.length && found.length < limit) {
    const [value, step] = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) found.push(pathOf(step));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { key: i, parent: step }]);
    } else if (value && typeof value === 'object' && !(value instanceof Blob)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        // A key is named as it can be shown: its NUL written out.
        if (!isStorableText(key)) found.push(pathOf({ key: key.replace(/\u0000/g, '\\u0000').replace(new RegExp(UNSTORABLE.source, 'g'), '\ufffd'), parent: step }));
        else stack.push([item, { key, parent: step }]);
      }
    }
  }
  return found.sort((a, b) => (a.join('.') < b.join('.') ? -1 : 1));
}

/** The labels a route's parseJson passed, for the body check the door hooked into the same request. */
const bodyLabels = new WeakMap<object, FieldLabels>();

/** A form this small is checked at the door itself, so even a route that ignores a refused form never sees it. */
const FORM_CHECKED_AT_DOOR = 64 * 1024;

/**
 * The door for text the database cannot store (NUL bytes, lone surrogates), in front of every route of a module
 * API and of the gateway. A path holding one names nothing (404). A query parameter holding one is refused
 * before the route runs (400 naming the parameter). A small form is parsed and refused here too; a JSON body (or a
 * larger form) is refused when the route reads it — after the route's own body limit — naming the field with the
 * route's labels. Headers cannot carry a NUL (HTTP refuses it); the one header stored, Idempotency-Key, is
 * checked by idempotencyKeyOf.
 */
export function refuseUnstorableText(): MiddlewareHandler {
  return async (c, next) => {
    const locale = localeOf(c);
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      path = '';
    }
    if (!isStorableText(path)) throw CommonErrors.NOT_FOUND();
    const query = c.req.queries();
    const inQuery = unstorableTextPaths(query).map((p) => p.slice(0, 1));
    if (inQuery.length) throw refusalOf(inQuery.map((p) => ({ path: p, message: 'rule:storable_text' })), locale, {}, true);

    const req = c.req;
    const json = req.json.bind(req);
    req.json = (async () => {
      const body: unknown = await json();
      const bad = unstorableTextPaths(body);
      if (bad.length) throw refusalOf(bad.map((p) => ({ path: p, message: 'rule:storable_text' })), locale, bodyLabels.get(req) ?? {}, true);
      return body;
    }) as typeof req.json;
    const parseBody = req.parseBody.bind(req);
    const checkedForm = async (options?: Parameters<typeof req.parseBody>[0]) => {
      const form = await parseBody(options);
      const bad = unstorableTextPaths(form);
      if (bad.length) throw refusalOf(bad.map((p) => ({ path: p, message: 'rule:storable_text' })), locale, {}, true);
      return form;
    };
    req.parseBody = checkedForm as typeof req.parseBody;
    const type = c.req.header('content-type') ?? '';
    const length = Number(c.req.header('content-length') ?? NaN);
    if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type) && length <= FORM_CHECKED_AT_DOOR) {
      // A malformed form is the route's to refuse; only the unstorable text is the door's.
      await checkedForm({ all: true }).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
      });
    }
    await next();
  };
}

export function localeOf(c: Context): Locale {
  return pickLocale(c.req.header('accept-language'));
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S, labels?: FieldLabels): z.output<S> {
  return validate(schema, c.req.query(), localeOf(c), labels);
}

export async function parseJson<S extends z.ZodType>(c: Context, schema: S, labels?: FieldLabels): Promise<z.output<S>> {
  let body: unknown;
  if (labels) bodyLabels.set(c.req, labels);
  try {
    body = await c.req.json();
  } catch (error) {
    // The door's refusal of text that cannot be stored, already naming the field.
    if (error instanceof AppError) throw error;
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
