// Runs each module's demo seed once per database, recorded so restarts keep user changes.
import type { Db } from './db.ts';

export async function seedOnce(db: Db, module: string, seed: (db: Db) => Promise<void>): Promise<boolean> {
  await db.exec(`create table if not exists public.wgzj_seeds (
    module text primary key,
    seeded_at timestamptz not null default now()
  )`);
  const { rows } = await db.query('select 1 from public.wgzj_seeds where module = $1', [module]);
  if (rows.length) return false;
  await seed(db);
  await db.query('insert into public.wgzj_seeds (module) values ($1) on conflict do nothing', [module]);
  return true;
}
