// Plans (项目/平台计划) over HTTP: each route parses, asks the plan service (services/plans.ts), and answers.
import {
  CommonErrors,
  type FieldLabels,
  formatBeijingTime,
  idempotencyKeyOf,
  localeOf,
  type ModuleContext,
  PAGING_LABELS,
  paging,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
  sheetOf,
  workbookBytes,
  withIdempotencyKey,
  xlsxResponse,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { FUNDING_FIELD_NAMES } from '../shared/funding-names.ts';
import { FUNDING_FIELDS } from './funding.ts';
import { ACTION_LABELS, actionRequest } from './services/plan-transitions.ts';
import { createRequest, listFilter, saveRequest } from './services/plan-inputs.ts';
import {
  createPlan,
  deleteDraft,
  exportPlans,
  listPlans,
  markPlanNewsRead,
  planPage,
  requireReadable,
  runAction,
  runBulk,
  saveDraft,
} from './services/plans.ts';
import type { ProjectsApp } from './projects-app.ts';

// Kept for plan-files.ts, which imports them from here until it moves to the service.
export { assertEditable } from './services/plans.ts';
export type { ProjectsApp } from './projects-app.ts';

const listQuery = listFilter.extend(paging.shape);

const LIST_LABELS: FieldLabels = {
  ...PAGING_LABELS,
  view: { 'zh-CN': '列表', 'en-US': 'List' },
  status: { 'zh-CN': '状态', 'en-US': 'Status' },
  year: { 'zh-CN': '年度', 'en-US': 'Year' },
  projectType: { 'zh-CN': '项目类别', 'en-US': 'Project type' },
  family: { 'zh-CN': '计划类型', 'en-US': 'Kind' },
  title: { 'zh-CN': '计划名称', 'en-US': 'Title' },
  unitName: { 'zh-CN': '申报单位', 'en-US': 'Unit' },
};

export const SAVE_LABELS: FieldLabels = {
  version: { 'zh-CN': '版本', 'en-US': 'Version' },
  title: { 'zh-CN': '计划名称', 'en-US': 'Plan title' },
  experts: { 'zh-CN': '外国专家', 'en-US': 'Foreign experts' },
  'experts.expertId': { 'zh-CN': '专家', 'en-US': 'Expert' },
  'experts.visits': { 'zh-CN': '来华', 'en-US': 'Visits' },
  'experts.visits.startDate': { 'zh-CN': '来华开始日期', 'en-US': 'Start date' },
  'experts.visits.endDate': { 'zh-CN': '来华结束日期', 'en-US': 'End date' },
  'experts.visits.city': { 'zh-CN': '来华城市', 'en-US': 'City' },
  'experts.visits.purpose': { 'zh-CN': '工作内容', 'en-US': 'Purpose' },
  ...Object.fromEntries(
    FUNDING_FIELDS.map((f) => [
      `experts.visits.funding.${f}`,
      { 'zh-CN': FUNDING_FIELD_NAMES['zh-CN'][f], 'en-US': FUNDING_FIELD_NAMES['en-US'][f] },
    ]),
  ),
};

const CREATE_LABELS: FieldLabels = { callId: { 'zh-CN': '申报批次', 'en-US': 'Call' }, title: SAVE_LABELS['title']! };

export function registerPlanRoutes(app: ProjectsApp, ctx: ModuleContext): void {
  app.get('/plans', async (c) => {
    const query = parseQuery(c, listQuery, LIST_LABELS);
    return c.json(await listPlans(ctx.db, c.var.identity, query, localeOf(c)));
  });

  app.get('/plans/export', async (c) => {
    const filter = parseQuery(c, listFilter, LIST_LABELS);
    const locale = localeOf(c);
    const en = locale === 'en-US';
    const items = await exportPlans(ctx.db, c.var.identity, filter, locale, requestMeta(c));
    const sheet = sheetOf(en ? 'Plans' : '计划列表', [
      { header: en ? 'Title' : '计划名称', width: 40, value: (p: (typeof items)[number]) => p.title },
      { header: en ? 'Project type' : '项目类别', width: 30, value: (p) => p.projectTypeName },
      { header: en ? 'Year' : '年度', width: 8, value: (p) => p.year },
      { header: en ? 'Unit' : '申报单位', width: 30, value: (p) => p.unitName ?? '' },
      { header: en ? 'Status' : '状态', width: 16, value: (p) => p.statusName },
      { header: en ? 'Experts' : '专家人数', width: 10, value: (p) => p.expertCount },
      { header: en ? 'Expert funding applied for (yuan)' : '申请专家经费(元)', width: 18, value: (p) => p.requestedAmount / 100 },
      { header: en ? 'Approved (yuan)' : '批复金额(元)', width: 16, value: (p) => (p.approvedAmount === null ? '' : p.approvedAmount / 100) },
      { header: en ? 'Submitted (Beijing time)' : '提交时间(北京时间)', width: 20, value: (p) => (p.submittedAt ? formatBeijingTime(p.submittedAt) : '') },
    ], items);
    return xlsxResponse(await workbookBytes([sheet]), en ? 'plans' : '计划列表');
  });

  app.post('/plans', async (c) => {
    const body = await parseJson(c, createRequest, CREATE_LABELS);
    const created = await createPlan(ctx.db, c.var.identity, body, () => idempotencyKeyOf(c), requestMeta(c));
    return c.json(created.body, created.status);
  });

  app.get('/plans/:id', async (c) => {
    return c.json(await planPage(ctx.db, c.var.identity, requireObjectId(c.req.param('id')), localeOf(c)));
  });

  // The plan page, once shown, marks the caller's news about it (站内消息) read: a POST of its own, since a GET
  // (a prefetch, a link preview, a retried load) must never change anything.
  app.post('/plans/:id/notifications/read', async (c) => {
    return c.json(await markPlanNewsRead(ctx.db, c.var.identity, requireObjectId(c.req.param('id'))));
  });

  app.put('/plans/:id', async (c) => {
    const id = requireObjectId(c.req.param('id'));
    const me = c.var.identity;
    // Out of scope is 404 before anything about the body is said.
    await requireReadable(ctx.db, me, id);
    const body = await parseJson(c, saveRequest, SAVE_LABELS);
    return c.json(await saveDraft(ctx.db, me, id, body, localeOf(c)));
  });

  app.delete('/plans/:id', async (c) => {
    await deleteDraft(ctx.db, c.var.identity, requireObjectId(c.req.param('id')), requestMeta(c));
    return c.body(null, 204);
  });

  app.post('/plans/:id/actions', async (c) => {
    const id = requireObjectId(c.req.param('id'));
    const me = c.var.identity;
    const plan = await requireReadable(ctx.db, me, id);
    const body = await parseJson(c, actionRequest, ACTION_LABELS);
    const locale = localeOf(c);
    const meta = requestMeta(c);
    // The same action retried with its key (a double click, a lost answer) is answered, not done twice.
    const result = await withIdempotencyKey(ctx.db, { actor: me, key: idempotencyKeyOf(c), route: `projects:plan-action:${id}`, requestBody: body }, async (db) => ({
      status: 200 as const,
      body: await runAction({ db, cipher: ctx.cipher, actor: me, locale, ...meta }, id, body, plan),
    }));
    return c.json(result.body, result.status);
  });

  const bulkRequest = z.object({
    action: z.enum(['approve', 'return', 'reject']),
    reason: z.string().trim().max(1000).optional(),
    items: z.array(z.object({ id: z.uuid(), version: z.number().int().min(0) })).min(1).max(100),
  });

  app.post('/plans/bulk', async (c) => {
    const me = c.var.identity;
    // 批量审核 is the supervising level's: the national approval needs an amount and a document number per plan.
    if (me.role !== 'supervising_user') throw CommonErrors.FORBIDDEN();
    const body = await parseJson(c, bulkRequest, { ...ACTION_LABELS, items: { 'zh-CN': '计划', 'en-US': 'Plans' } });
    const locale = localeOf(c);
    const results = await runBulk({ db: ctx.db, cipher: ctx.cipher, actor: me, locale, ...requestMeta(c) }, body.items, {
      action: body.action,
      ...(body.reason ? { reason: body.reason } : {}),
    });
    return c.json({ results });
  });
}
