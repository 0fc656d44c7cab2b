// Programs, calls and templates: the project types in their two families (a national admin adds, renames, stops
// and resumes them), the annual calls a national admin opens (year, dates, unit kinds), and template versions
// (a change is a new version; plans keep theirs).
import {
  CommonErrors,
  defineErrors,
  defineRuleMessages,
  type FieldLabels,
  localeOf,
  type ModuleContext,
  parseJson,
  requestMeta,
  requireObjectId,
  requireRole,
  validate,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { ProjectsApp } from './projects-app.ts';
import { beijingToday } from './services/plans.ts';
import { isDay, templateDefinition } from './template.ts';

const CatalogueErrors = defineErrors({
  CALL_EXISTS: { status: 409, 'zh-CN': '该项目类别本年度已有申报批次,请修改现有批次。', 'en-US': 'This project type already has a call for that year; change it instead.' },
  CALL_DATES: { status: 400, 'zh-CN': '截止日期不能早于开始日期。', 'en-US': 'The closing date cannot be before the opening date.' },
  TYPE_UNKNOWN: { status: 400, 'zh-CN': '项目类别不存在。', 'en-US': 'Unknown project type.' },
  PROJECT_TYPE_EXISTS: { status: 409, 'zh-CN': '该类别代码已被使用,请换一个。', 'en-US': 'This code is already used by a project type; choose another.' },
  PROJECT_TYPE_INACTIVE: { status: 409, 'zh-CN': '该项目类别已停用,不能新建申报批次。', 'en-US': 'This project type is stopped; no new call can be opened for it.' },
});

const typeRules = defineRuleMessages('projects.catalogue', {
  typeCode: {
    'zh-CN': '须以小写字母开头,只含小写字母、数字和下划线,共 3 至 40 位',
    'en-US': 'must start with a lowercase letter and have 3 to 40 lowercase letters, digits or underscores',
  },
});

/** A project type (项目类别): its code is fixed once created (plans, calls and templates name it); names and `active` change. */
const typeRequest = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{2,39}$/, typeRules.typeCode),
  family: z.enum(['talent', 'platform']),
  nameZh: z.string().trim().min(1, 'rule:required').max(100),
  nameEn: z.string().trim().min(1, 'rule:required').max(200),
});
const typeChange = typeRequest.pick({ nameZh: true, nameEn: true }).extend({ active: z.boolean() });
const TYPE_LABELS: FieldLabels = {
  code: { 'zh-CN': '类别代码', 'en-US': 'Code' },
  family: { 'zh-CN': '项目大类', 'en-US': 'Family' },
  nameZh: { 'zh-CN': '类别名称(中文)', 'en-US': 'Name (Chinese)' },
  nameEn: { 'zh-CN': '类别名称(英文)', 'en-US': 'Name (English)' },
  active: { 'zh-CN': '启用', 'en-US': 'Active' },
};

const callRequest = z.object({
  projectType: z.string().max(60),
  year: z.number().int().min(2000).max(2100),
  opensOn: z.string().refine(isDay, { message: 'rule:projects.date' }),
  closesOn: z.string().refine(isDay, { message: 'rule:projects.date' }),
  unitKinds: z.array(z.enum(['employer', 'ministry_university'])).min(1).transform((kinds) => [...new Set(kinds)]),
});
const CALL_LABELS: FieldLabels = {
  projectType: { 'zh-CN': '项目类别', 'en-US': 'Project type' },
  year: { 'zh-CN': '年度', 'en-US': 'Year' },
  opensOn: { 'zh-CN': '开始日期', 'en-US': 'Opens on' },
  closesOn: { 'zh-CN': '截止日期', 'en-US': 'Closes on' },
  unitKinds: { 'zh-CN': '可申报单位类型', 'en-US': 'Who may apply' },
};

/**
 * How the parts of a template definition are named in a refusal. Zod's own messages say only what is wrong
 * ("too small: expected string to have >=1 characters"); the label says where (rows share their column's label).
 */
const both = (zh: string, en: string): Record<string, { 'zh-CN': string; 'en-US': string }> => ({
  'zh-CN': { 'zh-CN': `${zh}(中文)`, 'en-US': `${en} (Chinese)` },
  'en-US': { 'zh-CN': `${zh}(英文)`, 'en-US': `${en} (English)` },
});
const within = (prefix: string, labels: Record<string, { 'zh-CN': string; 'en-US': string }>): FieldLabels =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [`${prefix}.${k}`, v]));
const TEMPLATE_LABELS: FieldLabels = {
  sections: { 'zh-CN': '模板内容', 'en-US': 'Template' },
  'sections.key': { 'zh-CN': '部分标识', 'en-US': 'Part key' },
  ...within('sections.title', both('部分标题', 'Part title')),
  'sections.fields': { 'zh-CN': '字段', 'en-US': 'Fields' },
  'sections.fields.key': { 'zh-CN': '字段标识', 'en-US': 'Field key' },
  'sections.fields.type': { 'zh-CN': '字段类型', 'en-US': 'Field type' },
  'sections.fields.required': { 'zh-CN': '必填', 'en-US': 'Required' },
  ...within('sections.fields.label', both('字段名称', 'Field name')),
  ...within('sections.fields.help', both('填写说明', 'Help text')),
  'sections.fields.maxLength': { 'zh-CN': '最多字数', 'en-US': 'Maximum length' },
  'sections.fields.min': { 'zh-CN': '最小值', 'en-US': 'Minimum' },
  'sections.fields.max': { 'zh-CN': '最大值', 'en-US': 'Maximum' },
  'sections.fields.after': { 'zh-CN': '不早于', 'en-US': 'Not before' },
  'sections.fields.options': { 'zh-CN': '选项', 'en-US': 'Options' },
  'sections.fields.options.value': { 'zh-CN': '选项值', 'en-US': 'Option value' },
  ...within('sections.fields.options.label', both('选项名称', 'Option name')),
  attachments: { 'zh-CN': '附件', 'en-US': 'Attachments' },
  'attachments.key': { 'zh-CN': '附件标识', 'en-US': 'Attachment key' },
  ...within('attachments.label', both('附件名称', 'Attachment name')),
  ...within('attachments.help', both('附件说明', 'Attachment help')),
  'attachments.required': { 'zh-CN': '必传', 'en-US': 'Required' },
  'attachments.accept': { 'zh-CN': '允许的格式', 'en-US': 'Formats allowed' },
  'attachments.maxMb': { 'zh-CN': '大小上限(MB)', 'en-US': 'Size limit (MB)' },
  experts: { 'zh-CN': '外国专家人数', 'en-US': 'Number of experts' },
  'experts.min': { 'zh-CN': '外国专家最少人数', 'en-US': 'Least number of experts' },
  'experts.max': { 'zh-CN': '外国专家最多人数', 'en-US': 'Greatest number of experts' },
  rubric: { 'zh-CN': '评分标准', 'en-US': 'Rubric' },
  'rubric.key': { 'zh-CN': '评分项标识', 'en-US': 'Rubric item key' },
  ...within('rubric.label', both('评分项名称', 'Rubric item name')),
  'rubric.max': { 'zh-CN': '评分项满分', 'en-US': 'Maximum score' },
};

interface CallRow {
  id: string;
  project_type: string;
  family: string;
  name_zh: string;
  name_en: string;
  year: number;
  opens_on: string;
  closes_on: string;
  unit_kinds: string[];
  policy_code: string;
  /** The project type's: a stopped type takes no new plans, whatever its calls' dates. */
  active: boolean;
}

export function registerCatalogueRoutes(app: ProjectsApp, ctx: ModuleContext): void {
  // Stopped types are listed too (the screens grey them out); `name` is in the caller's language.
  app.get('/project-types', async (c) => {
    const locale = localeOf(c);
    const { rows } = await ctx.db.query<{ code: string; family: string; name_zh: string; name_en: string; active: boolean; template_version: number | null }>(
      `select t.code, t.family, t.name_zh, t.name_en, t.active, (select max(version) from projects.templates v where v.project_type = t.code) as template_version
       from projects.project_types t order by t.position`,
    );
    return c.json({
      items: rows.map((r) => ({
        code: r.code,
        family: r.family,
        name: locale === 'zh-CN' ? r.name_zh : r.name_en,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        active: r.active,
        templateVersion: r.template_version,
      })),
    });
  });

  /**
   * A new type, last in the list, with template version 1 copied from its family's first active type, so its
   * application form renders at once; the admin then publishes its own versions.
   */
  app.post('/project-types', async (c) => {
    const me = c.var.identity;
    requireRole(me, ['national_admin']);
    const body = await parseJson(c, typeRequest, TYPE_LABELS);
    const created = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ code: string }>(
        `insert into projects.project_types (code, family, name_zh, name_en, position)
         select $1, $2, $3, $4, coalesce(max(position), 0) + 1 from projects.project_types
         on conflict (code) do nothing returning code`,
        [body.code, body.family, body.nameZh, body.nameEn],
      );
      if (!rows[0]) throw CatalogueErrors.PROJECT_TYPE_EXISTS();
      const { rows: template } = await tx.query<{ version: number }>(
        `insert into projects.templates (project_type, version, definition, published_by)
         select $1, 1, v.definition, $3 from projects.templates v
         where v.project_type = (select code from projects.project_types where family = $2 and active and code <> $1 order by position limit 1)
         order by v.version desc limit 1
         returning version`,
        [body.code, body.family, me.username],
      );
      const templateVersion = template[0]?.version ?? null;
      await writeAudit(tx, { actor: me, action: 'project_type.create', objectType: 'project_type', objectId: body.code, after: { ...body, templateVersion }, ...requestMeta(c) });
      return { code: body.code, templateVersion };
    });
    return c.json(created, 201);
  });

  /** Renaming, stopping (停用: no new calls, no new plans; existing plans go on) and resuming a type. */
  app.put('/project-types/:code', async (c) => {
    const me = c.var.identity;
    requireRole(me, ['national_admin']);
    const code = c.req.param('code');
    const body = await parseJson(c, typeChange, TYPE_LABELS);
    await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ name_zh: string; name_en: string; active: boolean }>(
        'select name_zh, name_en, active from projects.project_types where code = $1 for update',
        [code],
      );
      if (!rows[0]) throw CommonErrors.NOT_FOUND();
      await tx.query('update projects.project_types set name_zh = $2, name_en = $3, active = $4 where code = $1', [code, body.nameZh, body.nameEn, body.active]);
      const before = { nameZh: rows[0].name_zh, nameEn: rows[0].name_en, active: rows[0].active };
      await writeAudit(tx, { actor: me, action: 'project_type.update', objectType: 'project_type', objectId: code, before, after: body, ...requestMeta(c) });
    });
    return c.json({ code });
  });

  app.get('/calls', async (c) => {
    const locale = localeOf(c);
    const me = c.var.identity;
    const today = beijingToday();
    const { rows } = await ctx.db.query<CallRow>(
      `select c.id, c.project_type, t.family, t.name_zh, t.name_en, c.year, to_char(c.opens_on, 'YYYY-MM-DD') as opens_on,
              to_char(c.closes_on, 'YYYY-MM-DD') as closes_on, c.unit_kinds, c.policy_code, t.active
       from projects.calls c join projects.project_types t on t.code = c.project_type order by c.year desc, t.position`,
    );
    return c.json({
      items: rows.map((r) => ({
        id: r.id,
        projectType: r.project_type,
        projectTypeName: locale === 'zh-CN' ? r.name_zh : r.name_en,
        family: r.family,
        year: r.year,
        opensOn: r.opens_on,
        closesOn: r.closes_on,
        unitKinds: r.unit_kinds,
        open: r.opens_on <= today && today <= r.closes_on,
        // Whether this person may start a plan under it now (新报计划 offers only these).
        canApply:
          r.active && r.opens_on <= today && today <= r.closes_on && r.unit_kinds.includes(me.unit.kind) && ['employer_handler', 'employer_admin'].includes(me.role),
      })),
    });
  });

  app.post('/calls', async (c) => {
    const me = c.var.identity;
    requireRole(me, ['national_admin']);
    const body = await parseJson(c, callRequest, CALL_LABELS);
    if (body.closesOn < body.opensOn) throw CatalogueErrors.CALL_DATES();
    const id = await ctx.db.transaction(async (tx) => {
      const type = await tx.query<{ active: boolean }>('select active from projects.project_types where code = $1', [body.projectType]);
      if (!type.rows[0]) throw CatalogueErrors.TYPE_UNKNOWN();
      if (!type.rows[0].active) throw CatalogueErrors.PROJECT_TYPE_INACTIVE();
      const { rows } = await tx.query<{ id: string }>(
        `insert into projects.calls (project_type, year, opens_on, closes_on, unit_kinds, created_by) values ($1, $2, $3, $4, $5, $6)
         on conflict (project_type, year) do nothing returning id`,
        [body.projectType, body.year, body.opensOn, body.closesOn, body.unitKinds, me.username],
      );
      if (!rows[0]) throw CatalogueErrors.CALL_EXISTS();
      await writeAudit(tx, { actor: me, action: 'call.create', objectType: 'call', objectId: rows[0].id, after: body, ...requestMeta(c) });
      return rows[0].id;
    });
    return c.json({ id }, 201);
  });

  app.put('/calls/:id', async (c) => {
    const me = c.var.identity;
    requireRole(me, ['national_admin']);
    const id = requireObjectId(c.req.param('id'));
    const body = await parseJson(c, callRequest.pick({ opensOn: true, closesOn: true, unitKinds: true }), CALL_LABELS);
    if (body.closesOn < body.opensOn) throw CatalogueErrors.CALL_DATES();
    await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ opens_on: string; closes_on: string; unit_kinds: string[] }>(
        `select to_char(opens_on, 'YYYY-MM-DD') as opens_on, to_char(closes_on, 'YYYY-MM-DD') as closes_on, unit_kinds from projects.calls where id = $1 for update`,
        [id],
      );
      if (!rows[0]) throw CommonErrors.NOT_FOUND();
      await tx.query('update projects.calls set opens_on = $2, closes_on = $3, unit_kinds = $4 where id = $1', [id, body.opensOn, body.closesOn, body.unitKinds]);
      await writeAudit(tx, { actor: me, action: 'call.update', objectType: 'call', objectId: id, before: rows[0], after: body, ...requestMeta(c) });
    });
    return c.json({ id });
  });

  app.get('/templates/:projectType', async (c) => {
    const { rows } = await ctx.db.query<{ id: string; version: number; definition: unknown; published_at: Date; published_by: string }>(
      'select id, version, definition, published_at, published_by from projects.templates where project_type = $1 order by version desc',
      [c.req.param('projectType')],
    );
    if (!rows.length) throw CommonErrors.NOT_FOUND();
    return c.json({
      items: rows.map((r) => ({ id: r.id, version: r.version, definition: r.definition, publishedAt: new Date(r.published_at).toISOString(), publishedBy: r.published_by })),
    });
  });

  /** Publishing a version: the whole definition, checked; the next number; nothing earlier changes. */
  app.post('/templates/:projectType/versions', async (c) => {
    const me = c.var.identity;
    requireRole(me, ['national_admin']);
    const projectType = c.req.param('projectType');
    const raw = await parseJson(c, z.object({ definition: z.unknown() }));
    const definition = validate(templateDefinition, raw.definition, localeOf(c), TEMPLATE_LABELS);
    const published = await ctx.db.transaction(async (tx) => {
      const type = await tx.query('select 1 from projects.project_types where code = $1 for update', [projectType]);
      if (!type.rows.length) throw CommonErrors.NOT_FOUND();
      const { rows } = await tx.query<{ id: string; version: number }>(
        `insert into projects.templates (project_type, version, definition, published_by)
         select $1, coalesce(max(version), 0) + 1, $2, $3 from projects.templates where project_type = $1 returning id, version`,
        [projectType, JSON.stringify(definition), me.username],
      );
      await writeAudit(tx, { actor: me, action: 'template.publish', objectType: 'template', objectId: rows[0]!.id, after: { projectType, version: rows[0]!.version }, ...requestMeta(c) });
      return rows[0]!;
    });
    return c.json(published, 201);
  });
}
