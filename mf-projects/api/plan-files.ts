// A plan's files over HTTP: each route parses, asks the file service (services/plan-files.ts), and answers. The
// body limit is declared here so the gateway refuses an oversized upload before it reaches the area.
import {
  declareBodyLimit,
  describeRoute,
  fileResponse,
  localeOf,
  type ModuleApp,
  type ModuleContext,
  parseJson,
  requestMeta,
  requireObjectId,
  uploadedFile,
  uploadTooLarge,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { LARGEST_FILE, planFile, removePlanFile, requirePlanForUpload, uploadPlanFile } from './services/plan-files.ts';

const MAX_BODY = 30 * 1024 * 1024;

const uploadRequest = z.object({ slot: z.string().max(80), file: uploadedFile });
const UPLOAD_LABELS = { slot: { 'zh-CN': '附件类别', 'en-US': 'Kind of file' }, 'file.filename': { 'zh-CN': '文件名', 'en-US': 'File name' } };

export function registerPlanFileRoutes(app: ModuleApp, ctx: ModuleContext): void {
  app.get('/plans/:id/files/:fileId', describeRoute({ summary: 'Download a file of a plan', produces: 'file' }), async (c) => {
    const id = requireObjectId(c.req.param('id'));
    const file = await planFile(ctx.db, c.var.identity, id, requireObjectId(c.req.param('fileId')));
    return fileResponse(file.content, { filename: file.filename, contentType: file.content_type });
  });

  declareBodyLimit(app, {
    method: 'POST',
    path: '/plans/:id/files',
    maxBytes: MAX_BODY,
    refusal: uploadTooLarge([{ noun: { 'zh-CN': '单个文件', 'en-US': 'One file' }, maxBytes: LARGEST_FILE }]),
  });
  app.post('/plans/:id/files', describeRoute({ summary: 'Upload a file into a slot of a draft plan', upload: true }), async (c) => {
    const me = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    await requirePlanForUpload(ctx.db, me, id);
    const body = await parseJson(c, uploadRequest, UPLOAD_LABELS);
    return c.json(await uploadPlanFile(ctx.db, me, id, body, localeOf(c), requestMeta(c)), 201);
  });

  app.delete('/plans/:id/files/:fileId', describeRoute({ summary: 'Remove a file from a draft plan', produces: 'none' }), async (c) => {
    const me = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    await removePlanFile(ctx.db, me, id, requireObjectId(c.req.param('fileId')), requestMeta(c));
    return c.body(null, 204);
  });
}
