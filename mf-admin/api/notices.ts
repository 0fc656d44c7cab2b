// 通知公告: notices the national administrators publish (with attachments) and withdraw (撤回); everyone signed in
// reads them. An attachment's type is judged by its bytes, not by the name or the browser's claim.
import {
  acceptUploads,
  CommonErrors,
  Conditions,
  declareBodyLimit,
  field,
  type FieldLabels,
  fileResponse,
  type Identity,
  listPage,
  localeOf,
  type ModuleContext,
  paging,
  PAGING_LABELS,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
  requireRole,
  uploadedFile,
  type UploadRules,
  validate,
  writeAudit,
} from '@wgzj/gateway/kit';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AdminApp } from './app.ts';
import { checkDayOrder, day, shanghaiDayRange } from './day-range.ts';

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** Five files of 5 MB in base64 plus the text, with room to spare; anything bigger is refused unread. */
const MAX_PUBLISH_BODY = 40 * 1024 * 1024;

export const NOTICE_LABELS: FieldLabels = {
  title: { 'zh-CN': '标题', 'en-US': 'Title' },
  body: { 'zh-CN': '正文', 'en-US': 'Text' },
  attachments: { 'zh-CN': '附件', 'en-US': 'Attachments' },
  'attachments.filename': { 'zh-CN': '附件文件名', 'en-US': 'Attachment file name' },
  'attachments.contentBase64': { 'zh-CN': '附件内容', 'en-US': 'Attachment content' },
  reason: { 'zh-CN': '撤回理由', 'en-US': 'Reason for withdrawal' },
  q: { 'zh-CN': '标题关键字', 'en-US': 'Title keyword' },
  from: { 'zh-CN': '开始日期', 'en-US': 'From' },
  to: { 'zh-CN': '结束日期', 'en-US': 'To' },
  ...PAGING_LABELS,
};

/** A notice carries up to five files of 5 MB: documents, spreadsheets and scans. */
const ATTACHMENT_RULES: UploadRules = {
  accept: ['pdf', 'jpeg', 'png', 'docx', 'xlsx'],
  maxBytes: MAX_ATTACHMENT_BYTES,
  maxCount: MAX_ATTACHMENTS,
  field: 'attachments',
  noun: { 'zh-CN': '附件', 'en-US': 'Attachment' },
};

/** Beyond MAX_PUBLISH_BODY: the kit and the gateway refuse it unread with these words. */
const TOO_LARGE = {
  code: 'NOTICE_TOO_LARGE',
  'zh-CN': '提交的内容过大:附件最多 5 个,每个不超过 5 MB',
  'en-US': 'The request is too large: at most 5 attachments of 5 MB each',
};

const noticeFilter = paging.extend({
  q: z.string().trim().max(100).optional(),
  from: day(),
  to: day(),
});

const publishRequest = z.object({
  title: field.text(100),
  body: field.text(5000),
  attachments: z.array(uploadedFile).optional().default([]),
});

const withdrawRequest = z.object({ reason: z.string().trim().max(500).optional() });

function requireNationalAdmin(identity: Identity): void {
  requireRole(identity, ['national_admin']);
}

interface NoticeRow {
  id: string;
  title: string;
  body: string;
  published_at: Date;
  publisher_name: string | null;
  attachment_count: number;
}

/**
 * Visible notices with their publisher's name as it was at the time; the demo notices predate named
 * publishers and show the national unit that issues every notice.
 */
const NOTICE_SELECT = `select n.id, n.title, n.body, n.published_at,
    coalesce(n.publisher_name, p.display_name,
      (select name from admin.units where kind = 'national' order by created_at limit 1)) as publisher_name,
    (select count(*)::int from admin.notice_attachments a where a.notice_id = n.id) as attachment_count
  from admin.notices n left join admin.users p on p.id = n.published_by`;

const toNotice = (r: NoticeRow) => ({
  id: r.id,
  title: r.title,
  body: r.body,
  publishedAt: new Date(r.published_at).toISOString(),
  publisherName: r.publisher_name,
  attachmentCount: r.attachment_count,
});

async function findVisibleNotice(ctx: ModuleContext, id: string): Promise<NoticeRow> {
  requireObjectId(id);
  const { rows } = await ctx.db.query<NoticeRow>(`${NOTICE_SELECT} where n.id = $1 and n.withdrawn_at is null`, [id]);
  if (!rows[0]) throw CommonErrors.NOT_FOUND();
  return rows[0];
}

/** The withdraw body is optional: none at all, or `{ reason }`. */
async function parseOptionalJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let body: unknown = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      throw CommonErrors.BAD_JSON();
    }
  }
  return validate(schema, body, localeOf(c), NOTICE_LABELS);
}

export function registerNoticeRoutes(app: AdminApp, ctx: ModuleContext): void {
  app.get('/notices', async (c) => {
    const filter = parseQuery(c, noticeFilter, NOTICE_LABELS);
    checkDayOrder(filter, localeOf(c));
    const range = shanghaiDayRange(filter);
    const filters = new Conditions().also('n.withdrawn_at is null');
    if (filter.q) filters.add((n) => `strpos(lower(n.title), lower(${n})) > 0`, filter.q);
    if (range.from) filters.add((n) => `n.published_at >= ${n}`, range.from);
    if (range.to) filters.add((n) => `n.published_at < ${n}`, range.to);
    const { rows, total } = await listPage<NoticeRow>(ctx.db, {
      select: NOTICE_SELECT,
      where: filters.where,
      params: filters.params,
      orderBy: 'x.published_at desc, x.id',
      limit: filter.limit,
      offset: filter.offset,
    });
    return c.json({ items: rows.map(toNotice), total });
  });

  app.get('/notices/:id', async (c) => {
    const notice = await findVisibleNotice(ctx, c.req.param('id'));
    const { rows } = await ctx.db.query<{ id: string; filename: string; content_type: string; size_bytes: number }>(
      `select id, filename, content_type, size_bytes from admin.notice_attachments where notice_id = $1 order by position`,
      [notice.id],
    );
    return c.json({
      ...toNotice(notice),
      attachments: rows.map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size_bytes })),
      canWithdraw: c.var.identity.role === 'national_admin',
    });
  });

  app.get('/notices/:id/attachments/:attachmentId', async (c) => {
    const notice = await findVisibleNotice(ctx, c.req.param('id'));
    const attachmentId = c.req.param('attachmentId');
    requireObjectId(attachmentId);
    const { rows } = await ctx.db.query<{ filename: string; content_type: string; content: Uint8Array }>(
      'select filename, content_type, content from admin.notice_attachments where id = $1 and notice_id = $2',
      [attachmentId, notice.id],
    );
    const file = rows[0];
    if (!file) throw CommonErrors.NOT_FOUND();
    return fileResponse(file.content, { filename: file.filename, contentType: file.content_type });
  });

  declareBodyLimit(app, { method: 'POST', path: '/notices', maxBytes: MAX_PUBLISH_BODY, refusal: TOO_LARGE });
  app.post(
    '/notices',
    async (c, next) => {
      // Who may publish is decided before a large body is read.
      requireNationalAdmin(c.var.identity);
      await next();
    },
    async (c) => {
      const actor = c.var.identity;
      const locale = localeOf(c);
      const request = await parseJson(c, publishRequest, NOTICE_LABELS);
      const files = acceptUploads(request.attachments, ATTACHMENT_RULES, locale);
      const id = await ctx.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `insert into admin.notices (title, body, published_by, publisher_name) values ($1, $2, $3, $4) returning id`,
          [request.title, request.body, actor.userId, actor.displayName],
        );
        const noticeId = rows[0]!.id;
        for (const [position, file] of files.entries()) {
          await tx.query(
            `insert into admin.notice_attachments (notice_id, position, filename, content_type, size_bytes, content)
             values ($1, $2, $3, $4, $5, $6)`,
            [noticeId, position, file.filename, file.contentType, file.bytes.byteLength, file.bytes],
          );
        }
        await writeAudit(tx, {
          actor,
          action: 'notice.publish',
          objectType: 'notice',
          objectId: noticeId,
          after: {
            title: request.title,
            attachments: files.map((f) => ({ filename: f.filename, contentType: f.contentType, size: f.bytes.byteLength })),
          },
          ...requestMeta(c),
        });
        return noticeId;
      });
      return c.json({ ...toNotice(await findVisibleNotice(ctx, id)) }, 201);
    },
  );

  app.post('/notices/:id/withdraw', async (c) => {
    const actor = c.var.identity;
    requireNationalAdmin(actor);
    const id = c.req.param('id');
    requireObjectId(id);
    const { reason } = await parseOptionalJson(c, withdrawRequest);
    await ctx.db.transaction(async (tx) => {
      // Only the first of two simultaneous withdrawals changes the row; the other finds it gone.
      const { rows } = await tx.query<{ title: string; withdrawn_at: Date }>(
        `update admin.notices set withdrawn_at = now(), withdrawn_by = $2 where id = $1 and withdrawn_at is null
         returning title, withdrawn_at`,
        [id, actor.userId],
      );
      const row = rows[0];
      if (!row) throw CommonErrors.NOT_FOUND();
      await writeAudit(tx, {
        actor,
        action: 'notice.withdraw',
        objectType: 'notice',
        objectId: id,
        before: { title: row.title, withdrawn: false },
        after: { title: row.title, withdrawn: true, withdrawnAt: new Date(row.withdrawn_at).toISOString() },
        ...(reason ? { reason } : {}),
        ...requestMeta(c),
      });
    });
    return c.json({ id, withdrawn: true });
  });
}
