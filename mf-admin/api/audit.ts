// 审计日志: the national administrators and technical support search the audit log and export it to Excel. Only
// reads live here: the log is append-only (the database refuses the rest), and an export is itself recorded.
import {
  type AuditFilter,
  type AuditRecord,
  type FieldLabels,
  formatBeijingTime,
  localeOf,
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
import type { AdminApp } from './app.ts';
import { checkDayOrder, day, shanghaiDayRange } from './day-range.ts';

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

const auditQuery = z.object({
  from: day(),
  to: day(),
  actor: text(100),
  action: text(100),
  objectType: text(100),
  objectId: text(200),
  requestId: text(200),
});

const ROLE_NAMES: Record<string, string> = {
  employer_handler: '事项办理员',
  employer_admin: '事项管理员',
  supervising_user: '归口管理单位用户',
  national_admin: '国家管理员',
  support: '技术支持',
  expert_reviewer: '评审专家',
};

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

/** Long before/after values are cut by the kit's sheet writer; objects are shown as JSON. */
const cell = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

export const EXPORT_COLUMNS = [
  { header: '时间', width: 20, value: (r: AuditRecord) => formatBeijingTime(r.at) },
  { header: '操作人', width: 14, value: (r: AuditRecord) => r.actor.displayName ?? '' },
  { header: '用户名', width: 18, value: (r: AuditRecord) => r.actor.username },
  { header: '单位', width: 28, value: (r: AuditRecord) => r.actor.unitName ?? '' },
  { header: '角色', width: 16, value: (r: AuditRecord) => ROLE_NAMES[r.actor.role] ?? r.actor.role },
  { header: '操作', width: 28, value: (r: AuditRecord) => r.action },
  { header: '对象类型', width: 14, value: (r: AuditRecord) => r.objectType },
  { header: '对象编号', width: 38, value: (r: AuditRecord) => r.objectId },
  { header: '变更前', width: 40, value: (r: AuditRecord) => cell(r.before) },
  { header: '变更后', width: 40, value: (r: AuditRecord) => cell(r.after) },
  { header: '理由', width: 24, value: (r: AuditRecord) => r.reason ?? '' },
  { header: '客户端IP', width: 16, value: (r: AuditRecord) => r.clientIp ?? '' },
  { header: '请求编号', width: 24, value: (r: AuditRecord) => r.requestId ?? '' },
] as const;

export function registerAuditRoutes(app: AdminApp, ctx: ModuleContext): void {
  app.get('/audit', async (c) => {
    requireRole(c.var.identity, AUDIT_READERS);
    const query = parseQuery(c, auditQuery.extend(paging.shape), AUDIT_LABELS);
    const filter = filterOf(c, query);
    return c.json(await searchAudit(ctx.db, filter, { limit: query.limit, offset: query.offset }));
  });

  app.get('/audit/export', async (c) => {
    requireRole(c.var.identity, AUDIT_READERS);
    const query = parseQuery(c, auditQuery, AUDIT_LABELS);
    const filter = filterOf(c, query);
    const { items, total } = await searchAudit(ctx.db, filter, { limit: EXPORT_MAX_ROWS, offset: 0 });
    const bytes = await workbookBytes([sheetOf('审计日志', EXPORT_COLUMNS, items)]);
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
  });
}
