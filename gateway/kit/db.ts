// One database interface over both drivers: PGlite (embedded default) and a PostgreSQL server (DATABASE_URL).
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

export interface Queryable {
  /** One parameterised statement. */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: T[]; rowCount: number }>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… — when set, a PostgreSQL server is used. */
  url?: string | undefined;
  /** Directory of the embedded database; omitted means in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // pg_trgm: substring searches (a name typed in part) over an index, as on the server.
  const extensions = { pg_trgm };
  const lite = dataDir ? await PGlite.create(dataDir, { extensions }) : await PGlite.create({ extensions });
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(text: string, params?: readonly unknown[]) {
      const result = await q.query<T>(text, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(lite);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => lite.transaction((tx) => fn(wrap(tx))),
    close: () => lite.close(),
  };
}

/**
 * What a database error means for the caller: `unavailable` when the connection itself failed (the server
 * restarted, a failover terminated the backend, the pool could not connect in time) — the request may be tried
 * again; `invalid_text` when PostgreSQL refused the text it was given (a NUL byte, a broken Unicode escape in
 * JSON) — the caller's input, a 400. Anything else is not a database fault this layer knows.
 */
export function databaseFault(error: unknown): 'unavailable' | 'invalid_text' | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // 57P01–57P03: admin/crash shutdown, cannot connect now; class 08: connection exceptions; 53300: too many connections.
    if (/^(57P0[123]|08...|53300)$/.test(code)) return 'unavailable';
    if (['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return 'unavailable';
    // 22021: invalid byte sequence for the encoding (U+0000 in text); 22P05: untranslatable character (\u0000 in jsonb).
    if (code === '22021' || code === '22P05') return 'invalid_text';
  }
  if (typeof message === 'string' && CONNECTION_LOST.test(message)) return 'unavailable';
  return null;
}

// pg's own wording when a connection ends or cannot be had (these errors carry no SQLSTATE).
const CONNECTION_LOST =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection closed)/;

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  // No parallel workers for this application's sessions: its queries are short and many run at once, and a
  // worker pool started per query cost more than it saved (a search's count: 90 ms with workers, 27 without).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000, options: '-c max_parallel_workers_per_gather=0' });
  // A failing idle client must not crash the process; the next query reports the problem.
  pool.on('error', () => {});
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(text: string, params?: readonly unknown[]) {
      const result = await client.query(text, params as unknown[] | undefined);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });
  await pool.query('select 1');
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // A checked-out client is the pool's no longer: when the server ends its backend (restart, failover,
      // pg_terminate_backend) the client emits 'error', and an 'error' event nobody listens to ends the process.
      // The statement in flight fails on its own and is answered as 503; this listener only remembers the break.
      let broken: unknown;
      const onError = (error: Error) => {
        broken ??= error;
      };
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        // When the connection dies during COMMIT the outcome is unknown here (PostgreSQL committed all or
        // nothing); the caller answers 503 and the person reloads to see which.
        await client.query('commit');
        return result;
      } catch (error) {
        if (databaseFault(error) === 'unavailable') broken ??= error;
        // Never a rollback (nor anything else) on a dead connection: the server already discarded the transaction.
        if (!broken) await client.query('rollback').catch((rollbackError: unknown) => (broken = rollbackError));
        throw error;
      } finally {
        client.removeListener('error', onError);
        // Released with its error, a broken client is destroyed instead of going back to the pool.
        client.release(broken ? (broken instanceof Error ? broken : new Error(String(broken))) : undefined);
      }
    },
    close: () => pool.end(),
  };
}

/**
 * The database as seen from inside an open transaction: its statements join that transaction, and a
 * `transaction()` within it is a savepoint (so a part that fails and is caught leaves the rest usable). What
 * the kit hands to work that must commit together with something else (an idempotency key and the plan it made).
 */
export function withinTransaction(kind: Db['kind'], tx: Queryable): Db {
  let savepoints = 0;
  const self: Db = {
    kind,
    query: <T>(text: string, params?: readonly unknown[]) => tx.query<T>(text, params),
    exec: (sql) => tx.exec(sql),
    async transaction(fn) {
      const name = `kit_sp_${++savepoints}`;
      await tx.query(`savepoint ${name}`);
      try {
        const result = await fn(self);
        await tx.query(`release savepoint ${name}`);
        return result;
      } catch (error) {
        if (databaseFault(error) !== 'unavailable') await tx.query(`rollback to savepoint ${name}`).catch(() => {});
        throw error;
      }
    },
    close: () => Promise.reject(new Error('a transaction is closed by committing it, not by close()')),
  };
  return self;
}
