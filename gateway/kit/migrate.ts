// Applies a module's numbered SQL migrations once each, in order, each in its own transaction.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

export interface MigrationSource {
  /** Module name, the key under which its migrations are recorded. */
  module: string;
  /** Folder of `NNN_name.sql` files. */
  dir: string;
}

export class MigrationError extends Error {
  readonly code = 'MIGRATION_CHANGED';
}

const LEDGER = `create table if not exists public.wgzj_migrations (
  module text not null,
  name text not null,
  checksum text not null,
  applied_at timestamptz not null default now(),
  primary key (module, name)
)`;

export async function migrate(db: Db, source: MigrationSource): Promise<string[]> {
  const files = readdirSync(source.dir)
    .filter((name) => /^\d+_[\w-]+\.sql$/.test(name))
    // By number, so `10_x.sql` follows `9_x.sql` even when a folder does not zero-pad.
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0));
  // Under a lock: concurrent `create table if not exists` can fail on PostgreSQL (pg_type race).
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', ['wgzj_migrations']);
    await tx.exec(LEDGER);
  });
  const applied: string[] = [];
  for (const name of files) {
    const sql = readFileSync(join(source.dir, name), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const didApply = await db.transaction(async (tx) => {
      // Replicas starting together: one applies, the others wait and then see it recorded.
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`wgzj_migrations:${source.module}`]);
      const { rows } = await tx.query<{ checksum: string }>(
        'select checksum from public.wgzj_migrations where module = $1 and name = $2',
        [source.module, name],
      );
      if (rows[0]) {
        if (rows[0].checksum !== checksum) {
          throw new MigrationError(`${source.module}/${name} was changed after it was applied; add a new migration instead`);
        }
        return false;
      }
      await tx.exec(sql);
      await tx.query('insert into public.wgzj_migrations (module, name, checksum) values ($1, $2, $3)', [
        source.module,
        name,
        checksum,
      ]);
      return true;
    });
    if (didApply) applied.push(name);
  }
  return applied;
}

/** The kit's own tables (the audit log), migrated before any module's. */
export const KIT_MIGRATIONS: MigrationSource = {
  module: 'kit',
  dir: fileURLToPath(new URL('./migrations', import.meta.url)),
};
