// An expert's CV (PDF) and photo (JPEG/PNG) over HTTP: checked by content and size before anything is stored, one
// of each per record, replaced by a new upload. Reading follows the record's scope; changing follows its edit rule
// (both in the expert service).
import {
  acceptUpload,
  CommonErrors,
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
  type UploadRules,
  uploadTooLarge,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { deleteExpertFile, expertFile, type FileKind, storeExpertFile } from './services/experts.ts';

export const FILE_RULES: Record<FileKind, UploadRules> = {
  cv: { accept: ['pdf'], maxBytes: 10 * 1024 * 1024, field: 'cv', noun: { 'zh-CN': '简历', 'en-US': 'CV' } },
  photo: { accept: ['jpeg', 'png'], maxBytes: 2 * 1024 * 1024, field: 'photo', noun: { 'zh-CN': '照片', 'en-US': 'Photo' } },
};

const kindOf = (value: string): FileKind => {
  if (value !== 'cv' && value !== 'photo') throw CommonErrors.NOT_FOUND();
  return value;
};

/** A 10 MB file in base64 and its name, with room to spare; anything bigger is refused unread. */
const MAX_UPLOAD_BODY = 15 * 1024 * 1024;

const storedFile = z.object({ filename: z.string(), contentType: z.string(), size: z.number().int(), uploadedAt: z.string() });

const UPLOAD_LABELS = { filename: { 'zh-CN': '文件名', 'en-US': 'File name' }, contentBase64: { 'zh-CN': '文件内容', 'en-US': 'File content' } };

export function registerFileRoutes(app: ModuleApp, ctx: ModuleContext): void {
  const { db } = ctx;

  app.get('/experts/:id/files/:kind', describeRoute({ summary: "Download an expert's CV or photo (kind: cv or photo)", produces: 'file' }), async (c) => {
    const id = requireObjectId(c.req.param('id'));
    const kind = kindOf(c.req.param('kind'));
    const file = await expertFile(db, c.var.identity, id, kind);
    return fileResponse(file.content, { filename: file.filename, contentType: file.content_type });
  });

  declareBodyLimit(app, {
    method: 'PUT',
    path: '/experts/:id/files/:kind',
    maxBytes: MAX_UPLOAD_BODY,
    refusal: uploadTooLarge([FILE_RULES.cv, FILE_RULES.photo]),
  });
  app.put(
    '/experts/:id/files/:kind',
    describeRoute({ summary: "Upload or replace an expert's CV (PDF) or photo (JPEG/PNG)", body: uploadedFile, response: storedFile }),
    async (c) => {
      const id = requireObjectId(c.req.param('id'));
      const kind = kindOf(c.req.param('kind'));
      const upload = await parseJson(c, uploadedFile, UPLOAD_LABELS);
      const file = acceptUpload(upload, FILE_RULES[kind], localeOf(c));
      return c.json(await storeExpertFile(db, c.var.identity, id, kind, file, requestMeta(c)));
    },
  );

  app.delete('/experts/:id/files/:kind', describeRoute({ summary: "Delete an expert's CV or photo", response: z.object({ deleted: z.literal(true) }) }), async (c) => {
    const id = requireObjectId(c.req.param('id'));
    const kind = kindOf(c.req.param('kind'));
    await deleteExpertFile(db, c.var.identity, id, kind, requestMeta(c));
    return c.json({ deleted: true });
  });
}
