// The idempotent POSTs of the plan screens (新报计划, the flow actions): they go through the kit's own client with
// an `Idempotency-Key` header, so a refusal is the same typed ApiError as anywhere else.
import { createApiClient, kitPinia, signInUrl, useAuthStore } from '@wgzj/shell/kit';

/** A client that sends one `Idempotency-Key` with its requests: a retried click is answered, not done twice. */
function idempotentClient(key: string) {
  return createApiClient({
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('Idempotency-Key', key);
      return globalThis.fetch(input, { ...init, headers });
    },
    csrfToken: () => useAuthStore(kitPinia).csrfToken,
    onUnauthorized: () => window.location.assign(signInUrl(window.location)),
  });
}

/** POST with an Idempotency-Key; the caller keeps the key for retries of the same intent. */
export function postOnce<T>(path: string, body: unknown, key: string): Promise<T> {
  return idempotentClient(key).api.post<T>(path, body);
}

export function newKey(): string {
  return crypto.randomUUID();
}
