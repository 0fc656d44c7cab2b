// 批量导入 and 导出Excel over HTTP. An import is checked row by row against the same rules as the form; a file with
// refused rows writes nothing unless the person chooses to import only the valid ones. An export is the current
// search, identifiers masked, and is itself recorded. The sheets are expert-sheets.ts; the rules the expert service's.
import {
  acceptUpload,
  declareBodyLimit,
  describeRoute,
  localeOf,
  type ModuleApp,
  type ModuleContext,
  parseJson,
  parseQuery,
  requestMeta,
  requireRole,
  sheetOf,
  uploadedFile,
  uploadTooLarge,
  workbookBytes,
  xlsxResponse,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { EXPORT_COLUMNS, EXPORT_MAX_ROWS, IMPORT_RULES, ImportErrors, readImportSheet, templateWorkbook } from './expert-sheets.ts';
import type { ProbeGuard } from './library-probes.ts';
import { SEARCH_LABELS, searchFilter } from './search.ts';
import { exportExperts, importExperts, INVITING_ROLES, requireEntering } from './services/experts.ts';

export const importRequest = uploadedFile.extend({ mode: z.enum(['check', 'all', 'valid_only']) });
const IMPORT_LABELS = { filename: { 'zh-CN': '文件名', 'en-US': 'File name' }, mode: { 'zh-CN': '导入方式', 'en-US': 'Mode' } };

export function registerImportExportRoutes(app: ModuleApp, ctx: ModuleContext, guard: ProbeGuard): void {
  app.get(
    '/experts/export',
    describeRoute({ summary: 'Download the current search as a workbook, identifiers masked', query: searchFilter, produces: 'file' }),
    async (c) => {
      const filter = parseQuery(c, searchFilter, SEARCH_LABELS);
      const { items, total } = await exportExperts(ctx.db, c.var.identity, filter, EXPORT_MAX_ROWS, requestMeta(c));
      const bytes = await workbookBytes([sheetOf('专家库', EXPORT_COLUMNS('zh-CN'), items)]);
      return xlsxResponse(bytes, '专家库', { 'x-export-rows': String(items.length), 'x-export-total': String(total) });
    },
  );

  app.get('/experts/import/template', describeRoute({ summary: 'Download the import template', produces: 'file' }), async () =>
    xlsxResponse(await templateWorkbook(), '专家导入模板'),
  );

  declareBodyLimit(app, {
    method: 'POST',
    path: '/experts/import',
    // A 5 MB workbook in base64, with room to spare.
    maxBytes: 8 * 1024 * 1024,
    refusal: uploadTooLarge([IMPORT_RULES]),
  });
  app.post(
    '/experts/import',
    describeRoute({
      summary: 'Check or import a filled-in template (check, all rows or only the valid ones)',
      body: importRequest,
      roles: INVITING_ROLES,
    }),
    async (c, next) => {
      requireRole(c.var.identity, INVITING_ROLES);
      await next();
    },
    async (c) => {
      const actor = c.var.identity;
      const locale = localeOf(c);
      const request = await parseJson(c, importRequest, IMPORT_LABELS);
      await requireEntering(ctx.db, actor);
      const file = acceptUpload(request, IMPORT_RULES, locale);
      const { report, refused } = await importExperts(ctx, guard, actor, () => readImportSheet(file.bytes, ctx.cipher, locale), request.mode, {
        locale,
        ...requestMeta(c),
      });
      if (refused) {
        const error = ImportErrors.IMPORT_HAS_ERRORS();
        return c.json({ error: { code: error.code, message: error.messageFor(locale) }, report }, 422);
      }
      return c.json(report);
    },
  );
}
