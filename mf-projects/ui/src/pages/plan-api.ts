// The idempotent POSTs of the plan screens (新报计划, the flow actions): the kit's shared client with an
// `Idempotency-Key` header on the request, so a refusal is the same typed ApiError as anywhere else.
import { api } from '@wgzj/shell/kit';

/** POST with an Idempotency-Key; the caller keeps the key for retries of the same intent, so a retried click is answered, not done twice. */
export function postOnce<T>(path: string, body: unknown, key: string): Promise<T> {
  return api.post<T>(path, body, { headers: { 'Idempotency-Key': key } });
}

export function newKey(): string {
  return crypto.randomUUID();
}
