// Programs, calls and templates: the project types in their two families (a national admin adds, renames, stops
// and resumes them), the annual calls a national admin opens (year, dates, unit kinds), and template versions
// (a change is a new version; plans keep theirs).
import {
  defineRuleMessages,
  describeRoute,
  type FieldLabels,
  localeOf,
  type ModuleApp,
  type ModuleContext,
  parseJson,
  requestMeta,
  requireObjectId,
  requireRole,
  validate,
} from '@wgzj/gateway/kit';
import { EMPLOYER_UNIT_KINDS } from '@wgzj/gateway/kit/shared/roles';
import { z } from 'zod';
import {
  changeCall,
  changeProjectType,
  createCall,
  createProjectType,
  listCalls,
  listProjectTypes,
  listTemplates,
  publishTemplate,
} from './services/catalogue.ts';
import { isDay, templateDefinition } from './template.ts';

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
  unitKinds: z.array(z.enum(EMPLOYER_UNIT_KINDS)).min(1).transform((kinds) => [...new Set(kinds)]),
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

const callChange = callRequest.pick({ opensOn: true, closesOn: true, unitKinds: true });
/** The definition is checked by `templateDefinition` with the template labels, so a refusal names the part. */
const publishRequest = z.object({ definition: z.unknown() });
const NATIONAL = ['national_admin'] as const;

export function registerCatalogueRoutes(app: ModuleApp, ctx: ModuleContext): void {
  app.get('/project-types', describeRoute({ summary: 'List the project types, stopped ones too' }), async (c) => {
    return c.json(await listProjectTypes(ctx.db, localeOf(c)));
  });

  app.post('/project-types', describeRoute({ summary: 'Add a project type with a first template copied from its family', body: typeRequest, roles: NATIONAL }), async (c) => {
    const me = c.var.identity;
    requireRole(me, NATIONAL);
    const body = await parseJson(c, typeRequest, TYPE_LABELS);
    return c.json(await createProjectType(ctx.db, me, body, requestMeta(c)), 201);
  });

  app.put('/project-types/:code', describeRoute({ summary: 'Rename, stop or resume a project type', body: typeChange, roles: NATIONAL }), async (c) => {
    const me = c.var.identity;
    requireRole(me, NATIONAL);
    const code = c.req.param('code');
    const body = await parseJson(c, typeChange, TYPE_LABELS);
    return c.json(await changeProjectType(ctx.db, me, code, body, requestMeta(c)));
  });

  app.get('/calls', describeRoute({ summary: 'List the annual calls and whether the caller may apply under each now' }), async (c) => {
    return c.json(await listCalls(ctx.db, c.var.identity, localeOf(c)));
  });

  app.post('/calls', describeRoute({ summary: 'Open an annual call for a project type', body: callRequest, roles: NATIONAL }), async (c) => {
    const me = c.var.identity;
    requireRole(me, NATIONAL);
    const body = await parseJson(c, callRequest, CALL_LABELS);
    return c.json(await createCall(ctx.db, me, body, requestMeta(c)), 201);
  });

  app.put('/calls/:id', describeRoute({ summary: "Change a call's dates and the unit kinds that may apply", body: callChange, roles: NATIONAL }), async (c) => {
    const me = c.var.identity;
    requireRole(me, NATIONAL);
    const id = requireObjectId(c.req.param('id'));
    const body = await parseJson(c, callChange, CALL_LABELS);
    return c.json(await changeCall(ctx.db, me, id, body, requestMeta(c)));
  });

  app.get('/templates/:projectType', describeRoute({ summary: "List a project type's template versions, newest first" }), async (c) => {
    return c.json(await listTemplates(ctx.db, c.req.param('projectType')));
  });

  app.post('/templates/:projectType/versions', describeRoute({ summary: "Publish the next version of a project type's template", body: publishRequest, roles: NATIONAL }), async (c) => {
    const me = c.var.identity;
    requireRole(me, NATIONAL);
    const raw = await parseJson(c, publishRequest);
    const definition = validate(templateDefinition, raw.definition, localeOf(c), TEMPLATE_LABELS);
    return c.json(await publishTemplate(ctx.db, me, c.req.param('projectType'), definition, requestMeta(c)), 201);
  });
}
