// Plans (项目/平台计划) over HTTP: each route parses, asks the plan service (services/plans.ts), and answers.
import {
  CommonErrors,
  describeRoute,
  type FieldLabels,
  formatBeijingTime,
  idempotencyKeyOf,
  localeOf,
  type ModuleApp,
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
import { EMPLOYER_ROLES } from '@wgzj/gateway/kit/shared/roles';
import { z } from 'zod';
import { FUNDING_FIELD_NAMES } from '../shared/funding-names.ts';
import { FUNDING_FIELDS } from './funding.ts';
import { t } from './messages.ts';
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

const bulkRequest = z.object({
  action: z.enum(['approve', 'return', 'reject']),
  reason: z.string().trim().max(1000).optional(),
  items: z.array(z.object({ id: z.uuid(), version: z.number().int().min(0) })).min(1).max(100),
});

export function registerPlanRoutes(app: ModuleApp, ctx: ModuleContext): void {
  app.get('/plans', describeRoute({ summary: 'List the plans the caller may see, a page at a time', query: listQuery }), async (c) => {
    const query = parseQuery(c, listQuery, LIST_LABELS);
    return c.json(await listPlans(ctx.db, c.var.identity, query, localeOf(c)));
  });

  app.get('/plans/export', describeRoute({ summary: 'Download the listed plans as a workbook', query: listFilter, produces: 'file' }), async (c) => {
    const filter = parseQuery(c, listFilter, LIST_LABELS);
    const locale = localeOf(c);
    const items = await exportPlans(ctx.db, c.var.identity, filter, locale, requestMeta(c));
    const sheet = sheetOf(t(locale, 'export.sheet'), [
      { header: t(locale, 'export.title'), width: 40, value: (p: (typeof items)[number]) => p.title },
      { header: t(locale, 'export.projectType'), width: 30, value: (p) => p.projectTypeName },
      { header: t(locale, 'export.year'), width: 8, value: (p) => p.year },
      { header: t(locale, 'export.unit'), width: 30, value: (p) => p.unitName ?? '' },
      { header: t(locale, 'export.status'), width: 16, value: (p) => p.statusName },
      { header: t(locale, 'export.experts'), width: 10, value: (p) => p.expertCount },
      { header: t(locale, 'export.requested'), width: 18, value: (p) => p.requestedAmount / 100 },
      { header: t(locale, 'export.approved'), width: 16, value: (p) => (p.approvedAmount === null ? '' : p.approvedAmount / 100) },
      { header: t(locale, 'export.submittedAt'), width: 20, value: (p) => (p.submittedAt ? formatBeijingTime(p.submittedAt) : '') },
    ], items);
    return xlsxResponse(await workbookBytes([sheet]), t(locale, 'export.fileName'));
  });

  app.post('/plans', describeRoute({ summary: 'Start a plan under an open call', body: createRequest, roles: EMPLOYER_ROLES }), async (c) => {
    const body = await parseJson(c, createRequest, CREATE_LABELS);
    const created = await createPlan(ctx.db, c.var.identity, body, () => idempotencyKeyOf(c), requestMeta(c));
    return c.json(created.body, created.status);
  });

  app.get('/plans/:id', describeRoute({ summary: 'Read a plan as the caller may edit, review, score or read it' }), async (c) => {
    return c.json(await planPage(ctx.db, c.var.identity, requireObjectId(c.req.param('id')), localeOf(c)));
  });

  // The plan page, once shown, marks the caller's news about it (站内消息) read: a POST of its own, since a GET
  // (a prefetch, a link preview, a retried load) must never change anything.
  app.post('/plans/:id/notifications/read', describeRoute({ summary: "Mark the caller's news about a plan read" }), async (c) => {
    return c.json(await markPlanNewsRead(ctx.db, c.var.identity, requireObjectId(c.req.param('id'))));
  });

  app.put('/plans/:id', describeRoute({ summary: 'Save a draft plan at the version the editor saw', body: saveRequest }), async (c) => {
    const id = requireObjectId(c.req.param('id'));
    const me = c.var.identity;
    // Out of scope is 404 before anything about the body is said.
    await requireReadable(ctx.db, me, id);
    const body = await parseJson(c, saveRequest, SAVE_LABELS);
    return c.json(await saveDraft(ctx.db, me, id, body, localeOf(c)));
  });

  app.delete('/plans/:id', describeRoute({ summary: 'Delete a draft never submitted', produces: 'none' }), async (c) => {
    await deleteDraft(ctx.db, c.var.identity, requireObjectId(c.req.param('id')), requestMeta(c));
    return c.body(null, 204);
  });

  app.post('/plans/:id/actions', describeRoute({ summary: 'Submit, withdraw, return, approve or otherwise move a plan on', body: actionRequest }), async (c) => {
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

  app.post('/plans/bulk', describeRoute({ summary: 'Approve, return or reject several plans at once', body: bulkRequest, roles: ['supervising_user'] }), async (c) => {
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
