// The notice service (通知公告): the one door to notices for the notice routes and the demo data. National
// administrators publish (with attachments, judged by their bytes) and withdraw (撤回); everyone signed in reads.
import { FILE_TYPE_NAMES } from '@wgzj/gateway/kit/shared/file-types';
import {
  acceptUploads,
  CommonErrors,
  Conditions,
  type Db,
  field,
  type FieldLabels,
  type Identity,
  type Locale,
  paging,
  PAGING_LABELS,
  type Queryable,
  requireObjectId,
  requireRole,
  uploadedFile,
  type UploadRules,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { checkDayOrder, day, shanghaiDayRange } from '../day-range.ts';
import { attachmentFile, attachmentsOf, insertNotice, listNoticeRows, markWithdrawn, type NoticeRow, visibleNotice } from './notice-repository.ts';
import type { RequestMeta } from './units.ts';

export { insertNotice } from './notice-repository.ts';

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

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
  accept: FILE_TYPE_NAMES,
  maxBytes: MAX_ATTACHMENT_BYTES,
  maxCount: MAX_ATTACHMENTS,
  field: 'attachments',
  noun: { 'zh-CN': '附件', 'en-US': 'Attachment' },
};

export const noticeFilter = paging.extend({
  q: z.string().trim().max(100).optional(),
  from: day(),
  to: day(),
});
export type NoticeFilter = z.output<typeof noticeFilter>;

export const publishRequest = z.object({
  title: field.text(100),
  body: field.text(5000),
  attachments: z.array(uploadedFile).optional().default([]),
});
export type PublishRequest = z.output<typeof publishRequest>;

export const withdrawRequest = z.object({ reason: z.string().trim().max(500).optional() });

export const NOTICE_PUBLISHERS = ['national_admin'] as const;

export function requireNationalAdmin(identity: Identity): void {
  requireRole(identity, NOTICE_PUBLISHERS);
}

const toNotice = (r: NoticeRow) => ({
  id: r.id,
  title: r.title,
  body: r.body,
  publishedAt: new Date(r.published_at).toISOString(),
  publisherName: r.publisher_name,
  attachmentCount: r.attachment_count,
});

async function requireVisibleNotice(db: Queryable, id: string): Promise<NoticeRow> {
  requireObjectId(id);
  const row = await visibleNotice(db, id);
  if (!row) throw CommonErrors.NOT_FOUND();
  return row;
}

export async function listNotices(db: Queryable, filter: NoticeFilter, locale: Locale) {
  checkDayOrder(filter, locale);
  const range = shanghaiDayRange(filter);
  const filters = new Conditions().also('n.withdrawn_at is null');
  if (filter.q) filters.add((n) => `strpos(lower(n.title), lower(${n})) > 0`, filter.q);
  if (range.from) filters.add((n) => `n.published_at >= ${n}`, range.from);
  if (range.to) filters.add((n) => `n.published_at < ${n}`, range.to);
  const { rows, total } = await listNoticeRows(db, filters, filter);
  return { items: rows.map(toNotice), total };
}

/** A notice as this person reads it: with its attachments, and whether they may withdraw it. */
export async function noticePage(db: Queryable, actor: Identity, id: string) {
  const notice = await requireVisibleNotice(db, id);
  const files = await attachmentsOf(db, notice.id);
  return {
    ...toNotice(notice),
    attachments: files.map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size_bytes })),
    canWithdraw: (NOTICE_PUBLISHERS as readonly string[]).includes(actor.role),
  };
}

/** One attachment of a visible notice, or 404. */
export async function noticeAttachment(db: Queryable, id: string, attachmentId: string) {
  const notice = await requireVisibleNotice(db, id);
  requireObjectId(attachmentId);
  const file = await attachmentFile(db, notice.id, attachmentId);
  if (!file) throw CommonErrors.NOT_FOUND();
  return file;
}

export async function publishNotice(db: Db, actor: Identity, request: PublishRequest, meta: RequestMeta, locale: Locale) {
  requireNationalAdmin(actor);
  const files = acceptUploads(request.attachments, ATTACHMENT_RULES, locale);
  const id = await db.transaction(async (tx) => {
    const noticeId = await insertNotice(tx, { title: request.title, body: request.body, publishedBy: actor.userId, publisherName: actor.displayName }, files);
    await writeAudit(tx, {
      actor,
      action: 'notice.publish',
      objectType: 'notice',
      objectId: noticeId,
      after: {
        title: request.title,
        attachments: files.map((f) => ({ filename: f.filename, contentType: f.contentType, size: f.bytes.byteLength })),
      },
      ...meta,
    });
    return noticeId;
  });
  return toNotice(await requireVisibleNotice(db, id));
}

export async function withdrawNotice(db: Db, actor: Identity, id: string, reason: string | undefined, meta: RequestMeta) {
  requireNationalAdmin(actor);
  requireObjectId(id);
  await db.transaction(async (tx) => {
    const row = await markWithdrawn(tx, id, actor.userId);
    if (!row) throw CommonErrors.NOT_FOUND();
    await writeAudit(tx, {
      actor,
      action: 'notice.withdraw',
      objectType: 'notice',
      objectId: id,
      before: { title: row.title, withdrawn: false },
      after: { title: row.title, withdrawn: true, withdrawnAt: new Date(row.withdrawn_at).toISOString() },
      ...(reason ? { reason } : {}),
      ...meta,
    });
  });
  return { id, withdrawn: true };
}
