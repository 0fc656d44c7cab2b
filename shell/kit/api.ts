// JSON client for /api/*: same-origin cookies, CSRF header on unsafe methods, one typed error for every failure.
import { currentLocale, translate } from './i18n.ts';
import { isSigningOut } from './sign-out.ts';

/** One refused form field as the server names it (`contactPhone`), with its localized message. */
export interface ApiFieldIssue {
  field: string;
  message: string;
}

/**
 * The gateway's and module APIs' error body: `{ error: { code, message, fields? } }`; messages already localized.
 * `fields` lists the form fields a validation refusal names, so a form can show each message beside its field.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly ApiFieldIssue[] = [],
  ) {
    super(message);
  }
}

function fieldIssuesOf(value: unknown): ApiFieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (f): f is ApiFieldIssue => !!f && typeof f === 'object' && typeof f.field === 'string' && typeof f.message === 'string',
  );
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method?: HttpMethod;
  /** Serialized as JSON. */
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /**
   * Headers of this request only (`Idempotency-Key`, a different `Accept-Language`), over the client's own; the
   * CSRF token is always the client's. Names are matched without regard to case.
   */
  headers?: Record<string, string>;
  /**
   * A POST that only reads: a search whose terms must stay out of the URL (a phone number). Sent with the CSRF
   * token like any POST, but nothing changed, so the page is not told to refresh 待办.
   */
  readOnly?: boolean;
}

export interface ApiClientDeps {
  fetch: typeof fetch;
  csrfToken: () => string;
  /** Called on 401 before the error is thrown; the browser default sends the user to sign in. */
  onUnauthorized: () => void;
  /**
   * The language the server answers in (its errors, explanations, names): the one chosen in the UI, not the
   * browser's, so an English screen gets English messages. Defaults to the kit's current locale.
   */
  locale?: () => string;
  /**
   * Called after an unsafe request (POST, PUT, PATCH, DELETE) succeeded: something the header's 待办 counts may have
   * changed. Defaults to the kit's page-wide `dataChanged` event, which the shell listens to.
   */
  onChanged?: (change: DataChange) => void;
}

/** What a successful unsafe request tells the page: which method on which API path. */
export interface DataChange {
  method: HttpMethod;
  path: string;
}

/** The page-wide event after any successful change through a kit client, or when an area calls `refreshToDo()`. */
export const DATA_CHANGED_EVENT = 'wgzj:data-changed';

export function announceDataChanged(change: DataChange | null = null): void {
  const target = globalThis as unknown as { dispatchEvent?: (event: Event) => boolean };
  if (typeof target.dispatchEvent !== 'function' || typeof CustomEvent !== 'function') return;
  target.dispatchEvent(new CustomEvent<DataChange | null>(DATA_CHANGED_EVENT, { detail: change }));
}

/** For an area that changed something without the kit's client (a plain form POST, a download): refresh 待办 now. */
export function refreshToDo(): void {
  announceDataChanged(null);
}

const SAFE_METHODS = new Set<HttpMethod>(['GET']);

export function signInUrl(location: { pathname: string; search: string }): string {
  return `/auth/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`;
}

/** Sets a header in a plain header object, replacing one of the same name in any case. */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  headers[name] = value;
}

function withQuery(path: string, query: ApiRequest['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  if (!qs) return path;
  return path + (path.includes('?') ? '&' : '?') + qs;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML error page): fall back to the status.
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string') {
    const message =
      typeof error.message === 'string' && error.message
        ? error.message
        : translate('errors.http', { status: response.status });
    return new ApiError(response.status, error.code, message, fieldIssuesOf(error.fields));
  }
  const code = response.status === 401 ? 'UNAUTHENTICATED' : `HTTP_${response.status}`;
  const message =
    response.status === 401 ? translate('errors.unauthorized') : translate('errors.http', { status: response.status });
  return new ApiError(response.status, code, message);
}

/** What a call through the shorthand methods may add: its own headers, a way to cancel it. */
type RequestOptions = Pick<ApiRequest, 'headers' | 'signal'>;

export function createApiClient(deps: ApiClientDeps) {
  async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
    const method = request.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': (deps.locale ?? currentLocale)() };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    for (const [name, value] of Object.entries(request.headers ?? {})) setHeader(headers, name, value);
    if (!SAFE_METHODS.has(method)) setHeader(headers, 'X-CSRF-Token', deps.csrfToken());

    let response: Response;
    try {
      response = await deps.fetch(withQuery(path, request.query), {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        credentials: 'same-origin',
        signal: request.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'NETWORK', translate('errors.network'));
    }

    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 401 && !isSigningOut()) deps.onUnauthorized();
      throw error;
    }
    const text = response.status === 204 ? '' : await response.text();
    if (!SAFE_METHODS.has(method) && !request.readOnly) (deps.onChanged ?? announceDataChanged)({ method, path });
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    apiFetch,
    api: {
      get: <T>(path: string, request?: Omit<ApiRequest, 'method' | 'body'>) => apiFetch<T>(path, { ...request }),
      post: <T>(path: string, body?: unknown, request?: RequestOptions) => apiFetch<T>(path, { ...request, method: 'POST', body }),
      /** 查询 with its terms in a JSON body (see `readOnly`). */
      search: <T>(path: string, body: unknown, request?: RequestOptions) =>
        apiFetch<T>(path, { ...request, method: 'POST', body, readOnly: true }),
      put: <T>(path: string, body?: unknown, request?: RequestOptions) => apiFetch<T>(path, { ...request, method: 'PUT', body }),
      patch: <T>(path: string, body?: unknown, request?: RequestOptions) => apiFetch<T>(path, { ...request, method: 'PATCH', body }),
      delete: <T>(path: string, request?: RequestOptions) => apiFetch<T>(path, { ...request, method: 'DELETE' }),
    },
  };
}
