// A plan's files: the template's attachments, its tables uploaded as images, and a contract per visit with a
// salary. Content-checked and size-limited by the kit before anything is stored; only the draft's unit changes them.
import {
  AppError,
  acceptUpload,
  CommonErrors,
  declareBodyLimit,
  fileResponse,
  localeOf,
  type ModuleContext,
  parseJson,
  type Queryable,
  requestMeta,
  requireObjectId,
  uploadedFile,
  type UploadRules,
  uploadTooLarge,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { assertEditable, type ProjectsApp } from './plans.ts';
import { findPlan, type PlanRow, templateOf } from './plan-store.ts';
import { fieldsOf } from './template.ts';

const MAX_BODY = 30 * 1024 * 1024;
/** The largest file any slot takes: a template attachment may allow up to 20 MB (template.ts). */
const LARGEST_FILE = 20 * 1024 * 1024;
const IMAGE_RULES = { accept: ['jpeg', 'png'] as const, maxBytes: 5 * 1024 * 1024 };
const CONTRACT_RULES = { accept: ['pdf', 'jpeg', 'png'] as const, maxBytes: 10 * 1024 * 1024 };
/** How many files one slot keeps: an image field and a contract hold one (a new upload replaces it). */
const MANY = 5;

/** What a slot accepts, as the template says; an unknown slot is a 404 like an unknown plan. */
async function rulesFor(db: Queryable, plan: PlanRow, slot: string): Promise<{ rules: UploadRules; single: boolean }> {
  const template = templateOf(plan);
  const [kind, key] = slot.split(':');
  if (kind === 'attachment') {
    const a = template.attachments.find((x) => x.key === key);
    if (a) return { rules: { accept: a.accept, maxBytes: a.maxMb * 1024 * 1024, field: `attachments.${a.key}`, noun: a.label, maxCount: MANY }, single: false };
  }
  if (kind === 'image') {
    const f = fieldsOf(template).find((x) => x.key === key && x.type === 'image');
    if (f) return { rules: { ...IMAGE_RULES, field: `content.${f.key}`, noun: f.label }, single: true };
  }
  if (kind === 'contract' && key) {
    const { rows } = await db.query('select 1 from projects.plan_visits where plan_id = $1 and id::text = $2', [plan.id, key]);
    if (rows.length) {
      return { rules: { ...CONTRACT_RULES, field: `visits.${key}.salary`, noun: { 'zh-CN': '聘用合同', 'en-US': 'Employment contract' } }, single: true };
    }
  }
  throw CommonErrors.NOT_FOUND();
}

const uploadRequest = z.object({ slot: z.string().max(80), file: uploadedFile });

export function registerPlanFileRoutes(app: ProjectsApp, ctx: ModuleContext): void {
  app.get('/plans/:id/files/:fileId', async (c) => {
    const plan = await findPlan(ctx.db, c.var.identity, requireObjectId(c.req.param('id')));
    const fileId = requireObjectId(c.req.param('fileId'));
    const { rows } = await ctx.db.query<{ filename: string; content_type: string; content: Uint8Array }>(
      'select filename, content_type, content from projects.plan_files where id = $1 and plan_id = $2',
      [fileId, plan.id],
    );
    if (!rows[0]) throw CommonErrors.NOT_FOUND();
    return fileResponse(rows[0].content, { filename: rows[0].filename, contentType: rows[0].content_type });
  });

  declareBodyLimit(app, {
    method: 'POST',
    path: '/plans/:id/files',
    maxBytes: MAX_BODY,
    refusal: uploadTooLarge([{ noun: { 'zh-CN': '单个文件', 'en-US': 'One file' }, maxBytes: LARGEST_FILE }]),
  });
  app.post(
    '/plans/:id/files',
    async (c) => {
      const me = c.var.identity;
      const id = requireObjectId(c.req.param('id'));
      await findPlan(ctx.db, me, id);
      const body = await parseJson(c, uploadRequest, { slot: { 'zh-CN': '附件类别', 'en-US': 'Kind of file' }, 'file.filename': { 'zh-CN': '文件名', 'en-US': 'File name' } });
      const locale = localeOf(c);
      const saved = await ctx.db.transaction(async (tx) => {
        const plan = await findPlan(tx, me, id, true);
        assertEditable(plan, me);
        const { rules, single } = await rulesFor(tx, plan, body.slot);
        const file = acceptUpload(body.file, rules, locale);
        if (single) await tx.query('delete from projects.plan_files where plan_id = $1 and slot = $2', [plan.id, body.slot]);
        else {
          const { rows } = await tx.query<{ n: number }>('select count(*)::int as n from projects.plan_files where plan_id = $1 and slot = $2', [plan.id, body.slot]);
          if (rows[0]!.n >= MANY) {
            throw new AppError('FILE_TOO_MANY', {
              status: 400,
              'zh-CN': `${rules.noun?.['zh-CN'] ?? '附件'}最多上传 ${MANY} 个文件。`,
              'en-US': `${rules.noun?.['en-US'] ?? 'Attachments'}: at most ${MANY} files.`,
            });
          }
        }
        const { rows } = await tx.query<{ id: string; created_at: Date }>(
          `insert into projects.plan_files (plan_id, slot, filename, content_type, size, content, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7)
           returning id, created_at`,
          [plan.id, body.slot, file.filename, file.contentType, file.bytes.length, file.bytes, me.userId],
        );
        await tx.query('update projects.plans set updated_at = now() where id = $1', [plan.id]);
        await writeAudit(tx, { actor: me, action: 'plan.upload', objectType: 'plan', objectId: plan.id, after: { slot: body.slot, filename: file.filename, size: file.bytes.length }, ...requestMeta(c) });
        return { id: rows[0]!.id, slot: body.slot, filename: file.filename, size: file.bytes.length, contentType: file.contentType, createdAt: new Date(rows[0]!.created_at).toISOString() };
      });
      return c.json(saved, 201);
    },
  );

  app.delete('/plans/:id/files/:fileId', async (c) => {
    const me = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    const fileId = requireObjectId(c.req.param('fileId'));
    await ctx.db.transaction(async (tx) => {
      const plan = await findPlan(tx, me, id, true);
      assertEditable(plan, me);
      const { rows } = await tx.query<{ slot: string; filename: string }>('delete from projects.plan_files where id = $1 and plan_id = $2 returning slot, filename', [fileId, plan.id]);
      if (!rows[0]) throw CommonErrors.NOT_FOUND();
      await writeAudit(tx, { actor: me, action: 'plan.remove_file', objectType: 'plan', objectId: plan.id, before: rows[0], ...requestMeta(c) });
    });
    return c.body(null, 204);
  });
}
