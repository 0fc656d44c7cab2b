// Programs (项目类别) by name in the reader's language. The project library publishes its project types in both
// languages (projects.project_type_directory); a visit keeps the code and the Chinese name it was recorded with,
// which stand in when that directory is not there (the project library on another database, or not migrated yet).
import type { Locale, Queryable } from '@wgzj/gateway/kit';

export type ProgramNames = ReadonlyMap<string, string>;

export async function programNames(db: Queryable, locale: Locale): Promise<ProgramNames> {
  const { rows: found } = await db.query<{ found: boolean }>(`select to_regclass('projects.project_type_directory') is not null as found`);
  if (!found[0]?.found) return new Map();
  const { rows } = await db.query<{ code: string; name: string | null }>(
    `select code, ${locale === 'en-US' ? `coalesce(nullif(name_en, ''), name_zh)` : 'name_zh'} as name from projects.project_type_directory`,
  );
  return new Map(rows.filter((r) => r.name).map((r) => [r.code, r.name!]));
}

/** A program as people read it: the directory's name, else the name recorded with the visit; the code only when neither is known. */
export function programName(names: ProgramNames, code: string | null, recorded: string | null): string | null {
  if (!code) return recorded;
  return names.get(code) ?? recorded ?? code;
}
