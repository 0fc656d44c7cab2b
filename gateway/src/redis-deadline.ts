// One Redis command under a deadline: a Redis that accepts the connection but never answers (hung, overloaded) or is
// not connected must fail fast with the caller's own "unavailable" error, never leave a request waiting.
import type { createClient } from 'redis';

type Client = Pick<ReturnType<typeof createClient>, 'isReady'>;

/** `guard(work)`: runs `work` if the client is ready and answers within `deadlineMs`; otherwise throws `unavailable(why)`. */
export function redisGuard(client: Client, deadlineMs: number, unavailable: (why: string) => Error) {
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (!client.isReady) throw unavailable('redis not ready');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
    });
    try {
      return await Promise.race([work(), deadline]);
    } catch (error) {
      throw unavailable(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  };
}
