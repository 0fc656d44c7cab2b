// 审计日志: the national administrators and technical support search the audit log and export it to Excel, each record
// in the reader's words (audit-reader.ts). Only reads live here: the log is append-only (the database refuses the
// rest), and an export is itself recorded.
import {
  type AuditFilter,
  describeRoute,
  type FieldLabels,
  formatBeijingTime,
  localeOf,
  type ModuleApp,
  type ModuleContext,
  paging,
  PAGING_LABELS,
  parseQuery,
  requestMeta,
  requireRole,
  searchAudit,
  sheetOf,
  workbookBytes,
  writeAudit,
  xlsxResponse,
} from '@wgzj/gateway/kit';
import type { Context } from 'hono';
import { z } from 'zod';
import { checkDayOrder, day, shanghaiDayRange } from './day-range.ts';
import { AUDIT_ACTIONS, OBJECT_KINDS } from './audit-catalogue.ts';
import { type AuditRecordView, readableRecords } from './audit-reader.ts';

/** The most rows one workbook carries; a wider search is narrowed first. */
export const EXPORT_MAX_ROWS = 10_000;

const AUDIT_READERS = ['national_admin', 'support'] as const;

export const AUDIT_LABELS: FieldLabels = {
  from: { 'zh-CN': '开始日期', 'en-US': 'From' },
  to: { 'zh-CN': '结束日期', 'en-US': 'To' },
  actor: { 'zh-CN': '操作人', 'en-US': 'Actor' },
  action: { 'zh-CN': '操作', 'en-US': 'Action' },
  objectType: { 'zh-CN': '对象类型', 'en-US': 'Object type' },
  objectId: { 'zh-CN': '对象编号', 'en-US': 'Object ID' },
  requestId: { 'zh-CN': '请求编号', 'en-US': 'Request ID' },
  ...PAGING_LABELS,
};

const text = (max: number) => z.string().trim().max(max).optional();

export const auditQuery = z.object({
  from: day(),
  to: day(),
  actor: text(100),
  action: text(100),
  objectType: text(100),
  objectId: text(200),
  requestId: text(200),
});

const auditPage = auditQuery.extend(paging.shape);

/** The query as the kit's filter; the filter as typed, for the export's own audit record. */
function filterOf(c: Context, query: z.output<typeof auditQuery>): AuditFilter {
  checkDayOrder(query, localeOf(c));
  const filter: AuditFilter = { ...shanghaiDayRange(query) };
  for (const key of ['actor', 'action', 'objectType', 'objectId', 'requestId'] as const) {
    const value = query[key];
    if (value) filter[key] = value;
  }
  return filter;
}

const changeText = (r: AuditRecordView): string =>
  r.changes
    .map((c) => `${c.label}:${c.before === null ? '' : `${c.before} → `}${c.after ?? '—'}`)
    .join('\n');

/** The workbook reads like the screen: actions, objects and changes in words; the codes stay beside them for support. */
export const EXPORT_COLUMNS = [
  { header: '时间', width: 20, value: (r: AuditRecordView) => formatBeijingTime(r.at) },
  { header: '操作人', width: 14, value: (r: AuditRecordView) => r.actor.displayName ?? '' },
  { header: '用户名', width: 18, value: (r: AuditRecordView) => r.actor.username },
  { header: '单位', width: 28, value: (r: AuditRecordView) => r.actor.unitName ?? '' },
  { header: '角色', width: 16, value: (r: AuditRecordView) => r.roleLabel },
  { header: '操作', width: 28, value: (r: AuditRecordView) => r.actionLabel },
  { header: '对象类型', width: 14, value: (r: AuditRecordView) => r.object.typeLabel },
  { header: '对象', width: 30, value: (r: AuditRecordView) => r.object.name ?? '' },
  { header: '变更内容', width: 60, value: changeText },
  { header: '理由', width: 24, value: (r: AuditRecordView) => r.reason ?? '' },
  { header: '客户端IP', width: 16, value: (r: AuditRecordView) => r.clientIp ?? '' },
  { header: '请求编号', width: 24, value: (r: AuditRecordView) => r.requestId ?? '' },
  { header: '操作代码', width: 28, value: (r: AuditRecordView) => r.action },
  { header: '对象类型代码', width: 16, value: (r: AuditRecordView) => r.objectType },
  { header: '对象编号', width: 38, value: (r: AuditRecordView) => r.objectId },
] as const;

/** What the search form offers: every action (and each group, to find all of its actions) and every kind, named. */
function catalogueFor(locale: 'zh-CN' | 'en-US') {
  return {
    actionGroups: Object.entries(AUDIT_ACTIONS).map(([group, { group: name, actions }]) => ({
      code: `${group}.`,
      label: name[locale],
      actions: Object.entries(actions)
        // Synonyms kept for records written under another verb show once.
        .filter(([, label], i, all) => all.findIndex(([, other]) => other[locale] === label[locale]) === i)
        .map(([action, label]) => ({ code: `${group}.${action}`, label: label[locale] })),
    })),
    objectTypes: Object.entries(OBJECT_KINDS).map(([code, kind]) => ({ code, label: kind.label[locale] })),
  };
}

export function registerAuditRoutes(app: ModuleApp, ctx: ModuleContext): void {
  app.get('/audit', describeRoute({ summary: 'Search the audit log, each record in the reader’s words', query: auditPage, roles: AUDIT_READERS }), async (c) => {
    requireRole(c.var.identity, AUDIT_READERS);
    const query = parseQuery(c, auditPage, AUDIT_LABELS);
    const filter = filterOf(c, query);
    const page = await searchAudit(ctx.db, filter, { limit: query.limit, offset: query.offset });
    return c.json({ items: await readableRecords(ctx.db, page.items, localeOf(c)), total: page.total });
  });

  app.get('/audit/catalogue', describeRoute({ summary: 'The actions and kinds of object the audit search offers, named', roles: AUDIT_READERS }), (c) => {
    requireRole(c.var.identity, AUDIT_READERS);
    return c.json(catalogueFor(localeOf(c)));
  });

  app.get(
    '/audit/export',
    describeRoute({ summary: 'Export the audit records a search finds as a workbook (recorded)', query: auditQuery, produces: 'file', roles: AUDIT_READERS }),
    async (c) => {
      requireRole(c.var.identity, AUDIT_READERS);
      const query = parseQuery(c, auditQuery, AUDIT_LABELS);
      const filter = filterOf(c, query);
      const { items, total } = await searchAudit(ctx.db, filter, { limit: EXPORT_MAX_ROWS, offset: 0 });
      // The workbook's headings are Chinese, like the system's other exports; so are its words.
      const bytes = await workbookBytes([sheetOf('审计日志', EXPORT_COLUMNS, await readableRecords(ctx.db, items, 'zh-CN'))]);
      // Who took a copy of the log, and of which part, is itself recorded before the file leaves.
      await writeAudit(ctx.db, {
        actor: c.var.identity,
        action: 'audit.export',
        objectType: 'audit_log',
        objectId: 'export',
        after: { filter: { ...query }, rows: items.length, total },
        ...requestMeta(c),
      });
      return xlsxResponse(bytes, '审计日志', { 'x-export-rows': String(items.length), 'x-export-total': String(total) });
    },
  );
}
