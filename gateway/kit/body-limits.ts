// How large a request body may be. A route that takes more than a JSON call declares it once, beside itself; the
// kit enforces the declaration inside the module API, and the gateway reads the same declarations to refuse at its
// door, so each number lives in one place and is never read past.
import type { Context, MiddlewareHandler } from 'hono';
import { AppError, sendError, type ErrorSpec } from './errors.ts';

/** A JSON API call. Files come through the routes that declare a larger limit. */
export const JSON_BODY_LIMIT = 1024 * 1024;

export type BodyMethod = 'POST' | 'PUT' | 'PATCH';

export interface BodyLimit {
  method: BodyMethod;
  /** The route as the module registers it (`/plans/:id/files`); a `:name` segment stands for any one segment. */
  path: string;
  maxBytes: number;
  /** What the caller is told beyond the limit; without it, a BODY_TOO_LARGE naming the limit. */
  refusal?: { code: string; 'zh-CN': string; 'en-US': string };
}

/** What a module API accepts: its declared routes, and the JSON limit for every other request. */
export interface BodyLimitTable {
  defaultBytes: number;
  routes: BodyLimit[];
}

/** The limit that applies to one request, and its refusal. */
export type AppliedLimit = Pick<BodyLimit, 'maxBytes' | 'refusal'>;

const declarations = new WeakMap<object, BodyLimit[]>();

/**
 * Declares that `limit.method limit.path` of this module app takes bodies up to `limit.maxBytes`. The kit's door in
 * front of every route (createModuleApp) enforces it, and the gateway reads it (in process from the app, otherwise
 * from `GET /internal/body-limits`) to refuse larger bodies before they reach the module.
 */
export function declareBodyLimit(app: object, limit: BodyLimit): void {
  if (!limit.path.startsWith('/') || !Number.isSafeInteger(limit.maxBytes) || limit.maxBytes <= 0) {
    throw new Error(`invalid body limit ${limit.method} ${limit.path}: ${limit.maxBytes}`);
  }
  const list = declarations.get(app) ?? [];
  if (list.some((l) => l.method === limit.method && l.path === limit.path)) throw new Error(`body limit ${limit.method} ${limit.path} declared twice`);
  list.push(limit);
  declarations.set(app, list);
}

export function bodyLimitsOf(app: object): BodyLimitTable {
  return { defaultBytes: JSON_BODY_LIMIT, routes: [...(declarations.get(app) ?? [])] };
}

/** The declared limit of the route a method and path reach, or the table's default. */
export function limitFor(table: BodyLimitTable, method: string, path: string): AppliedLimit {
  const segments = path.split('/');
  const route = table.routes.find((r) => {
    if (r.method !== method.toUpperCase()) return false;
    const pattern = r.path.split('/');
    return pattern.length === segments.length && pattern.every((p, i) => (p.startsWith(':') ? segments[i] !== '' : p === segments[i]));
  });
  return route ? { maxBytes: route.maxBytes, ...(route.refusal ? { refusal: route.refusal } : {}) } : { maxBytes: table.defaultBytes };
}

/** A size as refusals name it: `20 MB`, `1.5 MB`, `8 KB`. */
export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** A kind of file an upload route takes, as its form names it (简历 / CV), and the largest one accepted. */
export interface FileSizeLimit {
  /** 文件 / File when not said, as the upload's own refusals. */
  noun?: { 'zh-CN': string; 'en-US': string };
  maxBytes: number;
  /** How many of them one request may carry, when more than one. */
  maxCount?: number;
}

// "Photo" reads "photo" inside a sentence; an abbreviation (CV, PDF) keeps its capitals.
const inSentence = (noun: string) => (/^[A-Z][a-z]/.test(noun) ? noun[0]!.toLowerCase() + noun.slice(1) : noun);

/**
 * The words an upload route's body limit refuses with, naming each kind of file it takes and that kind's limit in
 * both languages: `上传的文件过大:简历不超过 10 MB,照片不超过 2 MB` / `The file is too large: CV up to 10 MB, photo
 * up to 2 MB`. A kind several of which come in one request is counted (`附件最多 5 个,每个不超过 5 MB`), and then it is
 * the request that is too large.
 */
export function uploadTooLarge(kinds: readonly FileSizeLimit[], code = 'FILE_TOO_LARGE'): NonNullable<BodyLimit['refusal']> {
  if (!kinds.length) throw new Error('uploadTooLarge needs at least one kind of file');
  const several = kinds.some((k) => (k.maxCount ?? 1) > 1);
  const nounOf = (k: FileSizeLimit) => k.noun ?? { 'zh-CN': '文件', 'en-US': 'File' };
  const zh = kinds.map((k) =>
    (k.maxCount ?? 1) > 1
      ? `${nounOf(k)['zh-CN']}最多 ${k.maxCount} 个,每个不超过 ${sizeText(k.maxBytes)}`
      : `${nounOf(k)['zh-CN']}不超过 ${sizeText(k.maxBytes)}`,
  );
  const en = kinds.map((k) =>
    (k.maxCount ?? 1) > 1
      ? `at most ${k.maxCount} ${inSentence(nounOf(k)['en-US'])}s of ${sizeText(k.maxBytes)} each`
      : `${inSentence(nounOf(k)['en-US'])} up to ${sizeText(k.maxBytes)}`,
  );
  return {
    code,
    'zh-CN': `${several ? '提交的内容过大' : '上传的文件过大'}:${zh.join(',')}`,
    'en-US': `${several ? 'The request is too large' : 'The file is too large'}: ${en.join(', ')}`,
  };
}

export function bodyTooLarge(limit: AppliedLimit): AppError {
  const spec: ErrorSpec = limit.refusal
    ? { status: 413, 'zh-CN': limit.refusal['zh-CN'], 'en-US': limit.refusal['en-US'] }
    : {
        status: 413,
        'zh-CN': `提交的内容过大,不能超过 ${sizeText(limit.maxBytes)},未予处理。`,
        'en-US': `The request is larger than ${sizeText(limit.maxBytes)} and was not accepted.`,
      };
  return new AppError(limit.refusal?.code ?? 'BODY_TOO_LARGE', spec);
}

/** The length a request declares, when it declares one (a chunked body has none to trust). */
export function declaredLength(headers: Headers): number | null {
  if (headers.has('transfer-encoding')) return null;
  const value = headers.get('content-length');
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

/**
 * The door for request bodies. A declared Content-Length over the limit is refused before a byte is read. A body
 * without one is counted as it is read — by the route, or by the stream forwarded to a module API — and reading
 * fails at the limit; whatever the route made of the cut-off body, the answer is then the same 413.
 *
 * What is left of a refused body is not read into memory: @hono/node-server reads and drops it (at most 64 MB, for
 * at most 500 ms, then it closes the connection). The connection is not closed at once on purpose: a client still
 * sending (a browser's fetch among them) would see a broken connection instead of the refusal.
 */
export function limitBodies(limitOf: (c: Context) => AppliedLimit | Promise<AppliedLimit>): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw;
    const declared = declaredLength(raw.headers);
    if (declared === null && !raw.body) return next();
    const limit = await limitOf(c);
    if (declared !== null) {
      if (declared <= limit.maxBytes) return next();
      throw bodyTooLarge(limit);
    }
    let seen = 0;
    let over = false;
    const counted = raw.body!.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limit.maxBytes) {
            over = true;
            controller.error(bodyTooLarge(limit));
          } else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
    if (over) {
      // Whatever the route answered from a cut-off body (an empty form, a 503 for a failed forward) is replaced.
      // (Unset first: Hono would otherwise carry the old answer's headers, its length among them, over.)
      c.res = undefined;
      c.res = sendError(c, bodyTooLarge(limit));
    }
  };
}
