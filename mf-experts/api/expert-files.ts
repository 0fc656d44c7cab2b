// An expert's CV (PDF) and photo (JPEG/PNG): checked by content and size before anything is stored, one of each
// per record, replaced by a new upload. Reading follows the record's scope; changing follows its edit rule.
import {
  acceptUpload,
  CommonErrors,
  declareBodyLimit,
  fileResponse,
  localeOf,
  type ModuleContext,
  parseJson,
  requestMeta,
  requireObjectId,
  uploadedFile,
  type UploadRules,
  uploadTooLarge,
  writeAudit,
} from '@wgzj/gateway/kit';
import { editBlocked, ExpertErrors, findExpert } from './expert-service.ts';
import { requireUnitStanding } from './unit-standing.ts';
import type { ExpertsApp } from './experts.ts';

export const FILE_RULES: Record<'cv' | 'photo', UploadRules> = {
  cv: { accept: ['pdf'], maxBytes: 10 * 1024 * 1024, field: 'cv', noun: { 'zh-CN': '简历', 'en-US': 'CV' } },
  photo: { accept: ['jpeg', 'png'], maxBytes: 2 * 1024 * 1024, field: 'photo', noun: { 'zh-CN': '照片', 'en-US': 'Photo' } },
};

const kindOf = (value: string): 'cv' | 'photo' => {
  if (value !== 'cv' && value !== 'photo') throw CommonErrors.NOT_FOUND();
  return value;
};

/** A 10 MB file in base64 and its name, with room to spare; anything bigger is refused unread. */
const MAX_UPLOAD_BODY = 15 * 1024 * 1024;

export function registerFileRoutes(app: ExpertsApp, ctx: ModuleContext): void {
  const { db } = ctx;

  app.get('/experts/:id/files/:kind', async (c) => {
    const id = requireObjectId(c.req.param('id'));
    const kind = kindOf(c.req.param('kind'));
    await findExpert(db, c.var.identity, id);
    const { rows } = await db.query<{ filename: string; content_type: string; content: Uint8Array }>(
      'select filename, content_type, content from experts.files where expert_id = $1 and kind = $2',
      [id, kind],
    );
    if (!rows[0]) throw CommonErrors.NOT_FOUND();
    return fileResponse(rows[0].content, { filename: rows[0].filename, contentType: rows[0].content_type });
  });

  declareBodyLimit(app, {
    method: 'PUT',
    path: '/experts/:id/files/:kind',
    maxBytes: MAX_UPLOAD_BODY,
    refusal: uploadTooLarge([FILE_RULES.cv, FILE_RULES.photo]),
  });
  app.put(
    '/experts/:id/files/:kind',
    async (c) => {
      const actor = c.var.identity;
      const id = requireObjectId(c.req.param('id'));
      const kind = kindOf(c.req.param('kind'));
      const locale = localeOf(c);
      const upload = await parseJson(c, uploadedFile, { filename: { 'zh-CN': '文件名', 'en-US': 'File name' }, contentBase64: { 'zh-CN': '文件内容', 'en-US': 'File content' } });
      const file = acceptUpload(upload, FILE_RULES[kind], locale);
      const meta = await db.transaction(async (tx) => {
        const row = await findExpert(tx, actor, id, { forUpdate: true });
        const blocked = editBlocked(actor, row);
        if (blocked === 'merged') throw ExpertErrors.EXPERT_MERGED();
        if (blocked === 'approved_plan') throw ExpertErrors.EXPERT_LOCKED();
        if (blocked) throw CommonErrors.FORBIDDEN();
        await requireUnitStanding(tx, actor);
        const { rows } = await tx.query<{ uploaded_at: Date }>(
          `insert into experts.files (expert_id, kind, filename, content_type, size_bytes, content, uploaded_by)
           values ($1, $2, $3, $4, $5, $6, $7)
           on conflict (expert_id, kind) do update set filename = excluded.filename, content_type = excluded.content_type,
             size_bytes = excluded.size_bytes, content = excluded.content, uploaded_by = excluded.uploaded_by, uploaded_at = now()
           returning uploaded_at`,
          [id, kind, file.filename, file.contentType, file.bytes.byteLength, file.bytes, actor.userId],
        );
        await writeAudit(tx, {
          actor,
          action: `expert.upload_${kind}`,
          objectType: 'expert',
          objectId: id,
          after: { filename: file.filename, contentType: file.contentType, size: file.bytes.byteLength },
          ...requestMeta(c),
        });
        return { filename: file.filename, contentType: file.contentType, size: file.bytes.byteLength, uploadedAt: new Date(rows[0]!.uploaded_at).toISOString() };
      });
      return c.json(meta);
    },
  );

  app.delete('/experts/:id/files/:kind', async (c) => {
    const actor = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    const kind = kindOf(c.req.param('kind'));
    await db.transaction(async (tx) => {
      const row = await findExpert(tx, actor, id, { forUpdate: true });
      if (editBlocked(actor, row)) throw CommonErrors.FORBIDDEN();
      await requireUnitStanding(tx, actor);
      const { rows } = await tx.query<{ filename: string }>('delete from experts.files where expert_id = $1 and kind = $2 returning filename', [id, kind]);
      if (!rows[0]) throw CommonErrors.NOT_FOUND();
      await writeAudit(tx, { actor, action: `expert.delete_${kind}`, objectType: 'expert', objectId: id, before: { filename: rows[0].filename }, ...requestMeta(c) });
    });
    return c.json({ deleted: true });
  });
}
