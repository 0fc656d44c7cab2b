// Every statement the expert service issues on records: the record as a detail page and the edit rules read it,
// what a detail page shows beside it (units, files, flags, merges, a pending correction), the search form's
// choices, an expert's CV and photo, and the writes of a record (insert, update, likely-duplicate flags).
// Rows are typed from db/rows.ts; reads of the admin area's published unit directory keep their narrow types.
import type { Queryable } from '@wgzj/gateway/kit';
import type { CorrectionsRow, DuplicateFlagsRow, ExpertsRow, FilesRow, MergesRow, VisitsRow } from '../../db/rows.ts';
import { type ExpertSummaryRow, SUMMARY_COLUMNS } from '../search.ts';

export interface ExpertRow
  extends ExpertSummaryRow,
    Pick<
      ExpertsRow,
      | 'work_permit_no'
      | 'email'
      | 'phone_masked'
      | 'position'
      | 'keywords'
      | 'education'
      | 'biography'
      | 'merged_into'
      | 'version'
      | 'created_by_unit_id'
      | 'passport_encrypted'
      | 'phone_encrypted'
    > {
  /** An approved plan uses the record. */
  locked: boolean;
}

const ROW_SELECT = `select ${SUMMARY_COLUMNS}, e.work_permit_no, e.email, e.phone_masked,
    e.position, e.keywords, e.education, e.biography, e.merged_into, e.version, e.created_by_unit_id, e.passport_encrypted,
    e.phone_encrypted, exists (select 1 from experts.plan_links l where l.expert_id = e.id and l.approved) as locked
  from experts.experts e`;

/** The record under a scope condition whose parameters start at $2 (see expertScope). */
export async function selectExpert(db: Queryable, id: string, scope: { sql: string; params: unknown[] }, forUpdate: boolean): Promise<ExpertRow | undefined> {
  const { rows } = await db.query<ExpertRow>(`${ROW_SELECT} where e.id = $1 and ${scope.sql}${forUpdate ? ' for update of e' : ''}`, [id, ...scope.params]);
  return rows[0];
}

/** Another active record holding this identity hash, if any. */
export async function otherHolderOf(tx: Queryable, hash: string, exceptId: string | null): Promise<string | undefined> {
  const { rows } = await tx.query<Pick<ExpertsRow, 'id'>>(
    `select id from experts.experts where passport_hash = $1 and status = 'active' and id is distinct from $2`,
    [hash, exceptId],
  );
  return rows[0]?.id;
}

/** The active record (other than `exceptId`) holding this identity hash, and whether it is in the unit's library. */
export async function passportHolder(
  db: Queryable,
  hash: string,
  exceptId: string | null,
  unitId: string,
): Promise<(Pick<ExpertsRow, 'id' | 'name'> & { birth_date: string | null; in_unit: boolean }) | undefined> {
  const { rows } = await db.query<Pick<ExpertsRow, 'id' | 'name'> & { birth_date: string | null; in_unit: boolean }>(
    `select e.id, e.name, to_char(e.birth_date, 'YYYY-MM-DD') as birth_date,
       exists (select 1 from experts.expert_units eu where eu.expert_id = e.id and eu.unit_id = $3) as in_unit
     from experts.experts e where e.passport_hash = $1 and e.status = 'active' and e.id is distinct from $2`,
    [hash, exceptId, unitId],
  );
  return rows[0];
}

/** Flags records with the same name, birth date and nationality as `id`; returns the flagged ids. */
export async function flagLikelyDuplicates(tx: Queryable, id: string): Promise<string[]> {
  const { rows } = await tx.query<Pick<DuplicateFlagsRow, 'other_id'>>(
    `insert into experts.duplicate_flags (expert_id, other_id)
     select n.id, o.id from experts.experts n
       join experts.experts o on o.id <> n.id and o.status = 'active' and o.nationality = n.nationality
         and o.birth_date = n.birth_date and lower(o.name) = lower(n.name)
     where n.id = $1
     on conflict do nothing
     returning other_id`,
    [id],
  );
  return rows.map((r) => r.other_id);
}

/** The supervising unit of a unit, from the admin area's directory (null when it has none or is unknown). */
export async function supervisingUnitOf(db: Queryable, unitId: string): Promise<string | null> {
  const { rows } = await db.query<{ supervising_unit_id: string | null }>('select supervising_unit_id from admin.unit_directory where unit_id = $1', [unitId]);
  return rows[0]?.supervising_unit_id ?? null;
}

/** A unit by its credit code in the admin area's directory, for the demo data. */
export async function unitByCreditCode(
  db: Queryable,
  creditCode: string,
): Promise<{ unit_id: string; supervising_unit_id: string | null; province_code: string | null } | undefined> {
  const { rows } = await db.query<{ unit_id: string; supervising_unit_id: string | null; province_code: string | null }>(
    'select unit_id, supervising_unit_id, province_code from admin.unit_directory where credit_code = $1',
    [creditCode],
  );
  return rows[0];
}

/** Inserts a record from its columns (see `columnsOf`) and the unit that invited it; returns the new id. */
export async function insertExpertRow(tx: Queryable, columns: Record<string, unknown>, unit: { id: string; supervisingUnitId: string | null }): Promise<string> {
  const all = { ...columns, created_by_unit_id: unit.id, supervising_unit_id: unit.supervisingUnitId };
  const names = Object.keys(all);
  const { rows } = await tx.query<Pick<ExpertsRow, 'id'>>(
    `insert into experts.experts (${names.join(', ')}) values (${names.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    Object.values(all),
  );
  const id = rows[0]!.id;
  await tx.query('insert into experts.expert_units (expert_id, unit_id, supervising_unit_id) values ($1, $2, $3)', [id, unit.id, unit.supervisingUnitId]);
  return id;
}

/** Sets the given columns and moves the record's version on. */
export async function updateExpertColumns(tx: Queryable, id: string, columns: Record<string, unknown>): Promise<void> {
  const names = Object.keys(columns);
  const assignments = names.map((name, i) => `${name} = $${i + 2}`).join(', ');
  await tx.query(`update experts.experts set ${assignments}, version = version + 1, updated_at = now() where id = $1`, [id, ...Object.values(columns)]);
}

/** Of these identity hashes, those an active record holds, and whether that record is in the unit's library. */
export async function passportsHeld(db: Queryable, hashes: string[], unitId: string): Promise<Map<string, boolean>> {
  const { rows } = await db.query<{ passport_hash: NonNullable<ExpertsRow['passport_hash']>; in_unit: boolean }>(
    `select e.passport_hash, exists (select 1 from experts.expert_units eu where eu.expert_id = e.id and eu.unit_id = $2) as in_unit
     from experts.experts e where e.status = 'active' and e.passport_hash = any($1::text[])`,
    [hashes, unitId],
  );
  return new Map(rows.map((r) => [r.passport_hash, r.in_unit]));
}

// ---- what a detail page shows beside the record -----------------------------------------------------------------

export type FileKind = 'cv' | 'photo';
type FileMeta = Pick<FilesRow, 'filename' | 'content_type' | 'size_bytes' | 'uploaded_at'> & { kind: FileKind };
type FlaggedRow = Pick<ExpertsRow, 'id' | 'name' | 'chinese_name' | 'nationality' | 'passport_masked'> & { flag_id: string; birth_date: string | null };
type MergeRow = Pick<MergesRow, 'id' | 'survivor_id' | 'merged_id' | 'merged_at' | 'undone_at'> & { merged_name: string; merged_passport: string | null };

export interface DetailRows {
  units: Array<{ id: string; name: string | null; created: boolean }>;
  files: FileMeta[];
  duplicates: FlaggedRow[];
  merges: MergeRow[];
  correction: Pick<CorrectionsRow, 'id' | 'created_at'> | undefined;
  survivor: Pick<ExpertsRow, 'id' | 'name'> | undefined;
}

/**
 * Everything beside the record, read at once. Only flags whose other record the caller may see are read (a flag
 * must not reveal someone outside the scope): `scope` is expertScope with its parameters from $2.
 */
export async function detailRows(db: Queryable, id: string, mergedInto: string | null, scope: { sql: string; params: unknown[] }): Promise<DetailRows> {
  const [units, files, duplicates, merges, correction, survivor] = await Promise.all([
    db.query<DetailRows['units'][number]>(
      `select eu.unit_id as id, d.unit_name as name, eu.unit_id = e.created_by_unit_id as created
       from experts.expert_units eu join experts.experts e on e.id = eu.expert_id
       left join admin.unit_directory d on d.unit_id = eu.unit_id where eu.expert_id = $1 order by eu.since`,
      [id],
    ),
    db.query<FileMeta>('select kind, filename, content_type, size_bytes, uploaded_at from experts.files where expert_id = $1', [id]),
    db.query<FlaggedRow>(
      `select f.id as flag_id, e.id, e.name, e.chinese_name, to_char(e.birth_date, 'YYYY-MM-DD') as birth_date, e.nationality, e.passport_masked
       from experts.duplicate_flags f
       join experts.experts e on e.id = case when f.expert_id = $1 then f.other_id else f.expert_id end
       where (f.expert_id = $1 or f.other_id = $1) and f.resolved_at is null and e.status = 'active' and ${scope.sql}
       order by f.flagged_at`,
      [id, ...scope.params],
    ),
    db.query<MergeRow>(
      `select m.id, m.survivor_id, m.merged_id, x.name as merged_name, x.passport_masked as merged_passport, m.merged_at, m.undone_at
       from experts.merges m join experts.experts x on x.id = m.merged_id
       where m.survivor_id = $1 or m.merged_id = $1 order by m.merged_at desc`,
      [id],
    ),
    db.query<Pick<CorrectionsRow, 'id' | 'created_at'>>(`select id, created_at from experts.corrections where expert_id = $1 and state = 'pending' limit 1`, [id]),
    mergedInto
      ? db.query<Pick<ExpertsRow, 'id' | 'name'>>('select id, name from experts.experts where id = $1', [mergedInto])
      : Promise.resolve({ rows: [] as Array<Pick<ExpertsRow, 'id' | 'name'>> }),
  ]);
  return { units: units.rows, files: files.rows, duplicates: duplicates.rows, merges: merges.rows, correction: correction.rows[0], survivor: survivor.rows[0] };
}

/** The programs and years that occur among visits: the search form's choices. */
export async function visitChoices(db: Queryable): Promise<{ programs: Array<{ code: string; name: string | null }>; years: number[] }> {
  const [programs, years] = await Promise.all([
    db.query<{ code: NonNullable<VisitsRow['program']>; name: VisitsRow['program_name'] }>(
      `select program as code, max(program_name) as name from experts.visits where program is not null group by program order by program`,
    ),
    db.query<{ year: NonNullable<VisitsRow['visit_year']> }>('select distinct visit_year as year from experts.visits order by year desc'),
  ]);
  return { programs: programs.rows, years: years.rows.map((y) => y.year) };
}

// ---- CV and photo ----------------------------------------------------------------------------------------------

export async function readFile(db: Queryable, id: string, kind: FileKind): Promise<Pick<FilesRow, 'filename' | 'content_type' | 'content'> | undefined> {
  const { rows } = await db.query<Pick<FilesRow, 'filename' | 'content_type' | 'content'>>(
    'select filename, content_type, content from experts.files where expert_id = $1 and kind = $2',
    [id, kind],
  );
  return rows[0];
}

/** One of each kind per record: a new upload replaces the stored one. Returns when it was stored. */
export async function upsertFile(
  tx: Queryable,
  id: string,
  kind: FileKind,
  file: { filename: string; contentType: string; bytes: Uint8Array },
  userId: string,
): Promise<Date> {
  const { rows } = await tx.query<Pick<FilesRow, 'uploaded_at'>>(
    `insert into experts.files (expert_id, kind, filename, content_type, size_bytes, content, uploaded_by)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (expert_id, kind) do update set filename = excluded.filename, content_type = excluded.content_type,
       size_bytes = excluded.size_bytes, content = excluded.content, uploaded_by = excluded.uploaded_by, uploaded_at = now()
     returning uploaded_at`,
    [id, kind, file.filename, file.contentType, file.bytes.byteLength, file.bytes, userId],
  );
  return rows[0]!.uploaded_at;
}

/** The deleted file's name, or undefined when there was none. */
export async function removeFile(tx: Queryable, id: string, kind: FileKind): Promise<string | undefined> {
  const { rows } = await tx.query<Pick<FilesRow, 'filename'>>('delete from experts.files where expert_id = $1 and kind = $2 returning filename', [id, kind]);
  return rows[0]?.filename;
}
