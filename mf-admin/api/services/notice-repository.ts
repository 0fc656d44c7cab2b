// The SQL of notices (通知公告): visible notices with their publisher and attachment count, one attachment's bytes,
// publishing with attachments, withdrawing, and the demo notices.
import { type Conditions, listPage, type Queryable } from '@wgzj/gateway/kit';
import type { NoticeAttachmentsRow, NoticesRow } from '../../db/rows.ts';

export type NoticeRow = Pick<NoticesRow, 'id' | 'title' | 'body' | 'published_at' | 'publisher_name'> & { attachment_count: number };

/**
 * Visible notices with their publisher's name as it was at the time; the demo notices predate named
 * publishers and show the national unit that issues every notice.
 */
const NOTICE_SELECT = `select n.id, n.title, n.body, n.published_at,
    coalesce(n.publisher_name, p.display_name,
      (select name from admin.units where kind = 'national' order by created_at limit 1)) as publisher_name,
    (select count(*)::int from admin.notice_attachments a where a.notice_id = n.id) as attachment_count
  from admin.notices n left join admin.users p on p.id = n.published_by`;

export async function visibleNotice(db: Queryable, id: string): Promise<NoticeRow | undefined> {
  const { rows } = await db.query<NoticeRow>(`${NOTICE_SELECT} where n.id = $1 and n.withdrawn_at is null`, [id]);
  return rows[0];
}

export function listNoticeRows(db: Queryable, filters: Conditions, page: { limit: number; offset: number }) {
  return listPage<NoticeRow>(db, {
    select: NOTICE_SELECT,
    where: filters.where,
    params: filters.params,
    orderBy: 'x.published_at desc, x.id',
    limit: page.limit,
    offset: page.offset,
  });
}

export async function attachmentsOf(db: Queryable, noticeId: string) {
  const { rows } = await db.query<Pick<NoticeAttachmentsRow, 'id' | 'filename' | 'content_type' | 'size_bytes'>>(
    `select id, filename, content_type, size_bytes from admin.notice_attachments where notice_id = $1 order by position`,
    [noticeId],
  );
  return rows;
}

export async function attachmentFile(db: Queryable, noticeId: string, attachmentId: string) {
  const { rows } = await db.query<Pick<NoticeAttachmentsRow, 'filename' | 'content_type' | 'content'>>(
    'select filename, content_type, content from admin.notice_attachments where id = $1 and notice_id = $2',
    [attachmentId, noticeId],
  );
  return rows[0];
}

/** A notice and its files in order; `daysAgo` back-dates a demo notice. Returns its id. */
export async function insertNotice(
  tx: Queryable,
  notice: { title: string; body: string; publishedBy?: string | null; publisherName?: string | null; daysAgo?: number },
  files: ReadonlyArray<{ filename: string; contentType: string; bytes: Uint8Array }> = [],
): Promise<string> {
  const { rows } = await tx.query<Pick<NoticesRow, 'id'>>(
    `insert into admin.notices (title, body, published_by, publisher_name, published_at)
     values ($1, $2, $3, $4, now() - make_interval(days => $5)) returning id`,
    [notice.title, notice.body, notice.publishedBy ?? null, notice.publisherName ?? null, notice.daysAgo ?? 0],
  );
  const noticeId = rows[0]!.id;
  for (const [position, file] of files.entries()) {
    await tx.query(
      `insert into admin.notice_attachments (notice_id, position, filename, content_type, size_bytes, content)
       values ($1, $2, $3, $4, $5, $6)`,
      [noticeId, position, file.filename, file.contentType, file.bytes.byteLength, file.bytes],
    );
  }
  return noticeId;
}

/** Withdraws a visible notice; only the first of two simultaneous withdrawals gets the row, the other none. */
export async function markWithdrawn(tx: Queryable, id: string, by: string) {
  const { rows } = await tx.query<Pick<NoticesRow, 'title'> & { withdrawn_at: Date }>(
    `update admin.notices set withdrawn_at = now(), withdrawn_by = $2 where id = $1 and withdrawn_at is null
     returning title, withdrawn_at`,
    [id, by],
  );
  return rows[0];
}
