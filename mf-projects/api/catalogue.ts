// Programs, calls and templates: the project types in their two families, the annual calls a national admin opens
// (year, dates, unit kinds), and template versions (a change is a new version; plans keep theirs).
import {
  CommonErrors,
  defineErrors,
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
import { beijingToday, type ProjectsApp } from './plans.ts';
import { isDay, templateDefinition } from './template.ts';

const CatalogueErrors = defineErrors({
  CALL_EXISTS: { status: 409, 'zh-CN': '该项目类别本年度已有申报批次,请修改现有批次。', 'en-US': 'This project type already has a call for that year; change it instead.' },
  CALL_DATES: { status: 400, 'zh-CN': '截止日期不能早于开始日期。', 'en-US': 'The closing date cannot be before the opening date.' },
  TYPE_UNKNOWN: { status: 400, 'zh-CN': '项目类别不存在。', 'en-US': 'Unknown project type.' },
});

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
}

export function registerCatalogueRoutes(app: ProjectsApp, ctx: ModuleContext): void {
  app.get('/project-types', async (c) => {
    const locale = localeOf(c);
    const { rows } = await ctx.db.query<{ code: string; family: string; name_zh: string; name_en: string; template_version: number | null }>(
      `select t.code, t.family, t.name_zh, t.name_en, (select max(version) from projects.templates v where v.project_type = t.code) as template_version
       from projects.project_types t where t.active order by t.position`,
    );
    return c.json({
      items: rows.map((r) => ({ code: r.code, family: r.family, name: locale === 'zh-CN' ? r.name_zh : r.name_en, templateVersion: r.template_version })),
    });
  });

  app.get('/calls', async (c) => {
    const locale = localeOf(c);
    const me = c.var.identity;
    const today = beijingToday();
    const { rows } = await ctx.db.query<CallRow>(
      `select c.id, c.project_type, t.family, t.name_zh, t.name_en, c.year, to_char(c.opens_on, 'YYYY-MM-DD') as opens_on,
              to_char(c.closes_on, 'YYYY-MM-DD') as closes_on, c.unit_kinds, c.policy_code
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
        canApply: r.opens_on <= today && today <= r.closes_on && r.unit_kinds.includes(me.unit.kind) && ['employer_handler', 'employer_admin'].includes(me.role),
      })),
    });
  });

  app.post('/calls', async (c) => {
    const me = c.var.identity;
    requireRole(me, ['national_admin']);
    const body = await parseJson(c, callRequest, CALL_LABELS);
    if (body.closesOn < body.opensOn) throw CatalogueErrors.CALL_DATES();
    const id = await ctx.db.transaction(async (tx) => {
      const type = await tx.query('select 1 from projects.project_types where code = $1', [body.projectType]);
      if (!type.rows.length) throw CatalogueErrors.TYPE_UNKNOWN();
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
