// The catalogue service (项目类别, 申报批次, 模板): the one door to project types, the annual calls and template
// versions for the routes. A change is audited in the same transaction; the statements are in catalogue-repository.ts.
import { CommonErrors, type Db, defineErrors, type Identity, type Locale, writeAudit } from '@wgzj/gateway/kit';
import { shanghaiToday } from '@wgzj/gateway/kit/shared/dates';
import { isEmployerRole } from '@wgzj/gateway/kit/shared/roles';
import type { TemplateDefinition } from '../template.ts';
import {
  callRows,
  copyFirstTemplate,
  type CallInput,
  insertCall,
  insertProjectType,
  insertTemplateVersion,
  lockCall,
  lockProjectType,
  lockProjectTypeExists,
  projectTypeActive,
  projectTypeRows,
  templateRows,
  updateCall as updateCallRow,
  updateProjectType as updateProjectTypeRow,
} from './catalogue-repository.ts';
import type { RequestMeta } from './plans.ts';

export const CatalogueErrors = defineErrors({
  CALL_EXISTS: { status: 409, 'zh-CN': '该项目类别本年度已有申报批次,请修改现有批次。', 'en-US': 'This project type already has a call for that year; change it instead.' },
  CALL_DATES: { status: 400, 'zh-CN': '截止日期不能早于开始日期。', 'en-US': 'The closing date cannot be before the opening date.' },
  TYPE_UNKNOWN: { status: 400, 'zh-CN': '项目类别不存在。', 'en-US': 'Unknown project type.' },
  PROJECT_TYPE_EXISTS: { status: 409, 'zh-CN': '该类别代码已被使用,请换一个。', 'en-US': 'This code is already used by a project type; choose another.' },
  PROJECT_TYPE_INACTIVE: { status: 409, 'zh-CN': '该项目类别已停用,不能新建申报批次。', 'en-US': 'This project type is stopped; no new call can be opened for it.' },
});

/** The name stored in the caller's language (each type is published with both). */
const storedName = (row: { name_zh: string; name_en: string }, locale: Locale) => (locale === 'zh-CN' ? row.name_zh : row.name_en);

/** Every type, stopped ones too (the screens grey them out); `name` is in the caller's language. */
export async function listProjectTypes(db: Db, locale: Locale) {
  const rows = await projectTypeRows(db);
  return {
    items: rows.map((r) => ({
      code: r.code,
      family: r.family,
      name: storedName(r, locale),
      nameZh: r.name_zh,
      nameEn: r.name_en,
      active: r.active,
      templateVersion: r.template_version,
    })),
  };
}

export interface NewProjectType {
  code: string;
  family: string;
  nameZh: string;
  nameEn: string;
}

/**
 * A new type, last in the list, with template version 1 copied from its family's first active type, so its
 * application form renders at once; the admin then publishes its own versions.
 */
export async function createProjectType(db: Db, me: Identity, body: NewProjectType, meta: RequestMeta) {
  return db.transaction(async (tx) => {
    if (!(await insertProjectType(tx, body))) throw CatalogueErrors.PROJECT_TYPE_EXISTS();
    const templateVersion = await copyFirstTemplate(tx, body.code, body.family, me.username);
    await writeAudit(tx, { actor: me, action: 'project_type.create', objectType: 'project_type', objectId: body.code, after: { ...body, templateVersion }, ...meta });
    return { code: body.code, templateVersion };
  });
}

/** Renaming, stopping (停用: no new calls, no new plans; existing plans go on) and resuming a type. */
export async function changeProjectType(db: Db, me: Identity, code: string, body: { nameZh: string; nameEn: string; active: boolean }, meta: RequestMeta) {
  await db.transaction(async (tx) => {
    const current = await lockProjectType(tx, code);
    if (!current) throw CommonErrors.NOT_FOUND();
    await updateProjectTypeRow(tx, code, body);
    const before = { nameZh: current.name_zh, nameEn: current.name_en, active: current.active };
    await writeAudit(tx, { actor: me, action: 'project_type.update', objectType: 'project_type', objectId: code, before, after: body, ...meta });
  });
  return { code };
}

export async function listCalls(db: Db, me: Identity, locale: Locale) {
  const today = shanghaiToday();
  const rows = await callRows(db);
  return {
    items: rows.map((r) => {
      const open = r.opens_on <= today && today <= r.closes_on;
      return {
        id: r.id,
        projectType: r.project_type,
        projectTypeName: storedName(r, locale),
        family: r.family,
        year: r.year,
        opensOn: r.opens_on,
        closesOn: r.closes_on,
        unitKinds: r.unit_kinds,
        open,
        // Whether this person may start a plan under it now (新报计划 offers only these).
        canApply: r.active && open && r.unit_kinds.includes(me.unit.kind) && isEmployerRole(me.role),
      };
    }),
  };
}

export async function createCall(db: Db, me: Identity, body: CallInput, meta: RequestMeta) {
  if (body.closesOn < body.opensOn) throw CatalogueErrors.CALL_DATES();
  const id = await db.transaction(async (tx) => {
    const active = await projectTypeActive(tx, body.projectType);
    if (active === undefined) throw CatalogueErrors.TYPE_UNKNOWN();
    if (!active) throw CatalogueErrors.PROJECT_TYPE_INACTIVE();
    const created = await insertCall(tx, body, me.username);
    if (!created) throw CatalogueErrors.CALL_EXISTS();
    await writeAudit(tx, { actor: me, action: 'call.create', objectType: 'call', objectId: created, after: body, ...meta });
    return created;
  });
  return { id };
}

export async function changeCall(db: Db, me: Identity, id: string, body: { opensOn: string; closesOn: string; unitKinds: string[] }, meta: RequestMeta) {
  if (body.closesOn < body.opensOn) throw CatalogueErrors.CALL_DATES();
  await db.transaction(async (tx) => {
    const before = await lockCall(tx, id);
    if (!before) throw CommonErrors.NOT_FOUND();
    await updateCallRow(tx, id, body);
    await writeAudit(tx, { actor: me, action: 'call.update', objectType: 'call', objectId: id, before, after: body, ...meta });
  });
  return { id };
}

export async function listTemplates(db: Db, projectType: string) {
  const rows = await templateRows(db, projectType);
  if (!rows.length) throw CommonErrors.NOT_FOUND();
  return {
    items: rows.map((r) => ({ id: r.id, version: r.version, definition: r.definition, publishedAt: new Date(r.published_at).toISOString(), publishedBy: r.published_by })),
  };
}

/** Publishing a version: the whole definition, already checked; the next number; nothing earlier changes. */
export async function publishTemplate(db: Db, me: Identity, projectType: string, definition: TemplateDefinition, meta: RequestMeta) {
  return db.transaction(async (tx) => {
    if (!(await lockProjectTypeExists(tx, projectType))) throw CommonErrors.NOT_FOUND();
    const published = await insertTemplateVersion(tx, projectType, definition, me.username);
    await writeAudit(tx, { actor: me, action: 'template.publish', objectType: 'template', objectId: published.id, after: { projectType, version: published.version }, ...meta });
    return published;
  });
}
