// The catalogue's statements: project types, the annual calls and template versions. Rows are typed from
// db/rows.ts; dates leave the database as 'YYYY-MM-DD' text so no time zone can shift a day.
import type { Queryable } from '@wgzj/gateway/kit';
import type { CallsRow, ProjectTypesRow, TemplatesRow } from '../../db/rows.ts';

type Day = string;

export type ProjectTypeListRow = Pick<ProjectTypesRow, 'code' | 'family' | 'name_zh' | 'name_en' | 'active'> & {
  template_version: TemplatesRow['version'] | null;
};

export async function projectTypeRows(db: Queryable): Promise<ProjectTypeListRow[]> {
  const { rows } = await db.query<ProjectTypeListRow>(
    `select t.code, t.family, t.name_zh, t.name_en, t.active, (select max(version) from projects.templates v where v.project_type = t.code) as template_version
     from projects.project_types t order by t.position`,
  );
  return rows;
}

/** A new type, last in the list; false when the code is taken. */
export async function insertProjectType(tx: Queryable, type: { code: string; family: string; nameZh: string; nameEn: string }): Promise<boolean> {
  const { rows } = await tx.query<Pick<ProjectTypesRow, 'code'>>(
    `insert into projects.project_types (code, family, name_zh, name_en, position)
     select $1, $2, $3, $4, coalesce(max(position), 0) + 1 from projects.project_types
     on conflict (code) do nothing returning code`,
    [type.code, type.family, type.nameZh, type.nameEn],
  );
  return rows.length > 0;
}

/** Version 1 of a new type's template, copied from the latest version of its family's first other active type. */
export async function copyFirstTemplate(tx: Queryable, code: string, family: string, publishedBy: string): Promise<number | null> {
  const { rows } = await tx.query<Pick<TemplatesRow, 'version'>>(
    `insert into projects.templates (project_type, version, definition, published_by)
     select $1, 1, v.definition, $3 from projects.templates v
     where v.project_type = (select code from projects.project_types where family = $2 and active and code <> $1 order by position limit 1)
     order by v.version desc limit 1
     returning version`,
    [code, family, publishedBy],
  );
  return rows[0]?.version ?? null;
}

export type ProjectTypeNames = Pick<ProjectTypesRow, 'name_zh' | 'name_en' | 'active'>;

export async function lockProjectType(tx: Queryable, code: string): Promise<ProjectTypeNames | undefined> {
  const { rows } = await tx.query<ProjectTypeNames>('select name_zh, name_en, active from projects.project_types where code = $1 for update', [code]);
  return rows[0];
}

export async function updateProjectType(tx: Queryable, code: string, change: { nameZh: string; nameEn: string; active: boolean }): Promise<void> {
  await tx.query('update projects.project_types set name_zh = $2, name_en = $3, active = $4 where code = $1', [code, change.nameZh, change.nameEn, change.active]);
}

/** Whether a type exists and takes new calls; undefined when it does not exist. */
export async function projectTypeActive(tx: Queryable, code: string): Promise<boolean | undefined> {
  const { rows } = await tx.query<Pick<ProjectTypesRow, 'active'>>('select active from projects.project_types where code = $1', [code]);
  return rows[0]?.active;
}

export async function lockProjectTypeExists(tx: Queryable, code: string): Promise<boolean> {
  const { rows } = await tx.query('select 1 from projects.project_types where code = $1 for update', [code]);
  return rows.length > 0;
}

export type CallListRow = Pick<CallsRow, 'id' | 'project_type' | 'year' | 'unit_kinds' | 'policy_code'> &
  Pick<ProjectTypesRow, 'family' | 'name_zh' | 'name_en'> & {
    opens_on: Day;
    closes_on: Day;
    /** The project type's: a stopped type takes no new plans, whatever its calls' dates. */
    active: ProjectTypesRow['active'];
  };

export async function callRows(db: Queryable): Promise<CallListRow[]> {
  const { rows } = await db.query<CallListRow>(
    `select c.id, c.project_type, t.family, t.name_zh, t.name_en, c.year, to_char(c.opens_on, 'YYYY-MM-DD') as opens_on,
            to_char(c.closes_on, 'YYYY-MM-DD') as closes_on, c.unit_kinds, c.policy_code, t.active
     from projects.calls c join projects.project_types t on t.code = c.project_type order by c.year desc, t.position`,
  );
  return rows;
}

export interface CallInput {
  projectType: string;
  year: number;
  opensOn: Day;
  closesOn: Day;
  unitKinds: string[];
}

/** The new call's id; undefined when the type already has a call that year. */
export async function insertCall(tx: Queryable, call: CallInput, createdBy: string): Promise<string | undefined> {
  const { rows } = await tx.query<Pick<CallsRow, 'id'>>(
    `insert into projects.calls (project_type, year, opens_on, closes_on, unit_kinds, created_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (project_type, year) do nothing returning id`,
    [call.projectType, call.year, call.opensOn, call.closesOn, call.unitKinds, createdBy],
  );
  return rows[0]?.id;
}

export type CallDates = Pick<CallsRow, 'unit_kinds'> & { opens_on: Day; closes_on: Day };

export async function lockCall(tx: Queryable, id: string): Promise<CallDates | undefined> {
  const { rows } = await tx.query<CallDates>(
    `select to_char(opens_on, 'YYYY-MM-DD') as opens_on, to_char(closes_on, 'YYYY-MM-DD') as closes_on, unit_kinds from projects.calls where id = $1 for update`,
    [id],
  );
  return rows[0];
}

export async function updateCall(tx: Queryable, id: string, change: { opensOn: Day; closesOn: Day; unitKinds: string[] }): Promise<void> {
  await tx.query('update projects.calls set opens_on = $2, closes_on = $3, unit_kinds = $4 where id = $1', [id, change.opensOn, change.closesOn, change.unitKinds]);
}

export type TemplateVersionRow = Pick<TemplatesRow, 'id' | 'version' | 'definition' | 'published_at' | 'published_by'>;

export async function templateRows(db: Queryable, projectType: string): Promise<TemplateVersionRow[]> {
  const { rows } = await db.query<TemplateVersionRow>(
    'select id, version, definition, published_at, published_by from projects.templates where project_type = $1 order by version desc',
    [projectType],
  );
  return rows;
}

/** The next version of a type's template. */
export async function insertTemplateVersion(tx: Queryable, projectType: string, definition: unknown, publishedBy: string): Promise<Pick<TemplatesRow, 'id' | 'version'>> {
  const { rows } = await tx.query<Pick<TemplatesRow, 'id' | 'version'>>(
    `insert into projects.templates (project_type, version, definition, published_by)
     select $1, coalesce(max(version), 0) + 1, $2, $3 from projects.templates where project_type = $1 returning id, version`,
    [projectType, JSON.stringify(definition), publishedBy],
  );
  return rows[0]!;
}
