// Migrations on a real test database (PGlite, or PostgreSQL when DATABASE_URL is set), from a temp folder of SQL files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './db.ts';
import { migrate, MigrationError } from './migrate.ts';
import { openTestDatabase, type TestDatabase } from '@wgzj/gateway/testing';

let database: TestDatabase;
let db: Db;
let dir: string;
let moduleName: string;
let counter = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.drop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wgzj-migrate-'));
  // Each test gets its own module name and schema so the ledger rows of one test never satisfy another.
  moduleName = `m${++counter}`;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, sql: string) => writeFileSync(join(dir, name), sql);
const source = () => ({ module: moduleName, dir });
const recorded = async () =>
  (await db.query<{ name: string }>('select name from public.wgzj_migrations where module = $1 order by name', [moduleName])).rows.map(
    (r) => r.name,
  );
const tableExists = async (qualified: string) =>
  (await db.query<{ t: string | null }>('select to_regclass($1)::text as t', [qualified])).rows[0]?.t != null;

describe('migrate', () => {
  it('applies the numbered files in order, once', async () => {
    const s = moduleName;
    write('001_schema.sql', `create schema ${s}; create table ${s}.log (step int primary key);`);
    // 002 depends on 001 and 010 on 002: a wrong order fails loudly.
    write('002_first.sql', `insert into ${s}.log values (2);`);
    write('010_second.sql', `insert into ${s}.log select max(step) * 5 from ${s}.log;`);
    write('README.md', 'not a migration');
    write('003_notes.txt', 'not a migration either');

    expect(await migrate(db, source())).toEqual(['001_schema.sql', '002_first.sql', '010_second.sql']);
    expect(await migrate(db, source())).toEqual([]);
    const { rows } = await db.query<{ step: number }>(`select step from ${s}.log order by step`);
    expect(rows.map((r) => r.step)).toEqual([2, 10]);
    expect(await recorded()).toEqual(['001_schema.sql', '002_first.sql', '010_second.sql']);
  });

  it('orders by number, not by spelling, when numbers are not zero-padded', async () => {
    const s = moduleName;
    write('1_schema.sql', `create schema ${s}; create table ${s}.log (step int primary key);`);
    write('2_first.sql', `insert into ${s}.log values (2);`);
    write('10_second.sql', `insert into ${s}.log select max(step) * 5 from ${s}.log;`);

    expect(await migrate(db, source())).toEqual(['1_schema.sql', '2_first.sql', '10_second.sql']);
    const { rows } = await db.query<{ step: number }>(`select step from ${s}.log order by step`);
    expect(rows.map((r) => r.step)).toEqual([2, 10]);
  });

  it('applies only the files added since the last run', async () => {
    const s = moduleName;
    write('001_schema.sql', `create schema ${s};`);
    expect(await migrate(db, source())).toEqual(['001_schema.sql']);
    write('002_table.sql', `create table ${s}.t (id int);`);
    expect(await migrate(db, source())).toEqual(['002_table.sql']);
    expect(await tableExists(`${s}.t`)).toBe(true);
  });

  it('records migrations per module, so two modules may use the same file names', async () => {
    const s = moduleName;
    write('001_schema.sql', `create schema if not exists ${s};`);
    expect(await migrate(db, source())).toEqual(['001_schema.sql']);
    expect(await migrate(db, { module: `${s}_other`, dir })).toEqual(['001_schema.sql']);
  });

  it('refuses a migration changed after it was applied, and applies nothing after it', async () => {
    const s = moduleName;
    write('001_schema.sql', `create schema ${s};`);
    write('002_table.sql', `create table ${s}.t (id int);`);
    await migrate(db, source());

    write('002_table.sql', `create table ${s}.t (id int, extra text);`);
    write('003_more.sql', `create table ${s}.more (id int);`);
    const error = await migrate(db, source()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe('MIGRATION_CHANGED');
    expect((error as MigrationError).message).toContain('002_table.sql');
    expect(await tableExists(`${s}.more`)).toBe(false);
    expect(await recorded()).toEqual(['001_schema.sql', '002_table.sql']);
  });

  it('treats even a whitespace edit as a change', async () => {
    write('001_schema.sql', `create schema ${moduleName};`);
    await migrate(db, source());
    write('001_schema.sql', `create schema ${moduleName};\n`);
    await expect(migrate(db, source())).rejects.toBeInstanceOf(MigrationError);
  });

  it('leaves nothing behind from a migration that fails midway, and applies it once fixed', async () => {
    const s = moduleName;
    write('001_schema.sql', `create schema ${s};`);
    write('002_half.sql', `create table ${s}.half (id int); insert into ${s}.half values (1); select * from ${s}.missing;`);
    write('003_after.sql', `create table ${s}.after (id int);`);

    await expect(migrate(db, source())).rejects.toThrow(/missing/);
    expect(await tableExists(`${s}.half`)).toBe(false);
    expect(await tableExists(`${s}.after`)).toBe(false);
    expect(await recorded()).toEqual(['001_schema.sql']);

    write('002_half.sql', `create table ${s}.half (id int); insert into ${s}.half values (1);`);
    expect(await migrate(db, source())).toEqual(['002_half.sql', '003_after.sql']);
    expect((await db.query(`select id from ${s}.half`)).rows).toEqual([{ id: 1 }]);
  });

  it('lets replicas starting together on a fresh database each apply a file at most once', async () => {
    const s = moduleName;
    write('001_schema.sql', `create schema ${s}; create table ${s}.runs (n int);`);
    write('002_insert.sql', `insert into ${s}.runs values (1);`);
    // A database without the ledger yet, and separate connections when there is a server, as replicas would have.
    const fresh = await openTestDatabase();
    const replicas = fresh.url ? await Promise.all([1, 2, 3, 4].map(() => openDatabase({ url: fresh.url, poolSize: 2 }))) : [fresh.db, fresh.db];
    try {
      const results = await Promise.all(replicas.map((d) => migrate(d, source())));
      expect(results.flat().sort()).toEqual(['001_schema.sql', '002_insert.sql']);
      expect((await fresh.db.query(`select count(*)::int as n from ${s}.runs`)).rows).toEqual([{ n: 1 }]);
    } finally {
      if (fresh.url) await Promise.all(replicas.map((d) => d.close()));
      await fresh.drop();
    }
  });
});
