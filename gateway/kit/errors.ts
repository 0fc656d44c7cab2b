// One error type for every server layer: a stable code, an HTTP status, and a message per locale.
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { databaseFault } from './db.ts';

export type Locale = 'zh-CN' | 'en-US';
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export interface ErrorSpec {
  status: ContentfulStatusCode;
  'zh-CN': string;
  'en-US': string;
}

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly spec: ErrorSpec,
    readonly fields: FieldIssue[] = [],
  ) {
    super(`${code}: ${spec['en-US']}`);
    this.name = 'AppError';
  }

  get status(): ContentfulStatusCode {
    return this.spec.status;
  }

  messageFor(locale: Locale): string {
    return this.spec[locale];
  }

  /** The same refusal naming the one field it is about, so a form shows the message beside that field. */
  onField(field: string, locale: Locale): AppError {
    return new AppError(this.code, this.spec, [{ field, message: this.messageFor(locale) }]);
  }
}

/**
 * Declares a layer's errors once; returns a factory per code so call sites read
 * `throw errors.PLAN_STALE_VERSION()` and a misspelt code fails to compile.
 */
export function defineErrors<K extends string>(specs: Record<K, ErrorSpec>): Record<K, (fields?: FieldIssue[]) => AppError> {
  const factories = {} as Record<K, (fields?: FieldIssue[]) => AppError>;
  for (const code of Object.keys(specs) as K[]) {
    factories[code] = (fields) => new AppError(code, specs[code], fields);
  }
  return factories;
}

export const CommonErrors = defineErrors({
  AUTH_REQUIRED: { status: 401, 'zh-CN': '请先登录。', 'en-US': 'Please sign in first.' },
  ASSERTION_INVALID: {
    status: 401,
    'zh-CN': '请求未经网关认证,已拒绝。',
    'en-US': 'The request did not carry a valid gateway identity assertion.',
  },
  FORBIDDEN: { status: 403, 'zh-CN': '您没有执行此操作的权限。', 'en-US': 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, 'zh-CN': '未找到请求的内容。', 'en-US': 'Not found.' },
  VALIDATION_FAILED: { status: 400, 'zh-CN': '提交的内容有误,请检查标注的字段。', 'en-US': 'Some fields are invalid.' },
  BAD_JSON: { status: 400, 'zh-CN': '请求内容不是有效的 JSON。', 'en-US': 'The request body is not valid JSON.' },
  CONFLICT: { status: 409, 'zh-CN': '数据已被他人修改,请刷新后重试。', 'en-US': 'Someone else changed this; reload and try again.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    'zh-CN': '服务暂时不可用,请稍后重试。',
    'en-US': 'The service is temporarily unavailable; try again shortly.',
  },
  TEXT_NOT_ACCEPTED: {
    status: 400,
    'zh-CN': '提交的内容含有无法保存的字符(如空字符 U+0000),请删除后重试。',
    'en-US': 'The request holds characters that cannot be stored (such as NUL, U+0000); remove them and try again.',
  },
  INTERNAL: {
    status: 500,
    'zh-CN': '系统内部错误,请稍后重试;如持续出现,请将参考编号告知技术支持。',
    'en-US': 'Internal error; if it persists, give the reference to technical support.',
  },
});

export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  for (const part of acceptLanguage.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return DEFAULT_LOCALE;
}

export function errorBody(error: AppError, locale: Locale, reference?: string) {
  return {
    error: {
      code: error.code,
      message: error.messageFor(locale),
      ...(error.fields.length ? { fields: error.fields } : {}),
      ...(reference ? { reference } : {}),
    },
  };
}

export function sendError(c: Context, error: AppError, reference?: string): Response {
  return c.json(errorBody(error, pickLocale(c.req.header('accept-language')), reference), error.status);
}

/** How long a caller should wait before trying again after a 503 for a database that went away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Hono onError: known errors become their JSON; a database connection that went away a 503 with Retry-After;
 * text the database refuses a 400; anything else is logged and answered without internals.
 */
export function createErrorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof AppError) return sendError(c, err);
    if (err instanceof HTTPException && err.status < 500) {
      const spec = { status: err.status as ContentfulStatusCode, 'zh-CN': '请求无效。', 'en-US': err.message || 'Bad request.' };
      return sendError(c, new AppError('BAD_REQUEST', spec));
    }
    const reference = c.req.header('x-request-id') ?? crypto.randomUUID();
    const fault = databaseFault(err);
    if (fault === 'unavailable') {
      // One line, no stack: a restart or failover is an event to see, not a bug to read.
      const { code, message } = err as { code?: string; message: string };
      logger.warn({ reference, path: c.req.path, sqlstate: code, reason: message }, 'database unavailable');
      c.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendError(c, CommonErrors.SERVICE_UNAVAILABLE(), reference);
    }
    if (fault === 'invalid_text') {
      // The door refuses NUL before it reaches SQL; this is the last line for any text that got past it.
      logger.warn({ reference, path: c.req.path, sqlstate: (err as { code?: string }).code }, 'text refused by the database');
      return sendError(c, CommonErrors.TEXT_NOT_ACCEPTED(), reference);
    }
    logger.error({ err, reference, path: c.req.path }, 'unhandled error');
    return sendError(c, CommonErrors.INTERNAL(), reference);
  };
}
