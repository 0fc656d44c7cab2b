// 通知公告 over HTTP: the list, a notice, an attachment's download, publishing (a large body, refused unread beyond its
// limit) and withdrawing (撤回). Each route parses, asks the notice service (services/notices.ts) and answers.
import {
  declareBodyLimit,
  describeRoute,
  fileResponse,
  localeOf,
  type ModuleApp,
  type ModuleContext,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
  validate,
  CommonErrors,
} from '@wgzj/gateway/kit';
import type { Context } from 'hono';
import type { z } from 'zod';
import {
  listNotices,
  NOTICE_LABELS,
  NOTICE_PUBLISHERS,
  noticeAttachment,
  noticeFilter,
  noticePage,
  publishNotice,
  publishRequest,
  requireNationalAdmin,
  withdrawNotice,
  withdrawRequest,
} from './services/notices.ts';

export { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, NOTICE_LABELS } from './services/notices.ts';

/** Five files of 5 MB in base64 plus the text, with room to spare; anything bigger is refused unread. */
const MAX_PUBLISH_BODY = 40 * 1024 * 1024;

/** Beyond MAX_PUBLISH_BODY: the kit and the gateway refuse it unread with these words. */
const TOO_LARGE = {
  code: 'NOTICE_TOO_LARGE',
  'zh-CN': '提交的内容过大:附件最多 5 个,每个不超过 5 MB',
  'en-US': 'The request is too large: at most 5 attachments of 5 MB each',
};

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

export function registerNoticeRoutes(app: ModuleApp, ctx: ModuleContext): void {
  app.get('/notices', describeRoute({ summary: 'List the published notices, newest first', query: noticeFilter }), async (c) => {
    const filter = parseQuery(c, noticeFilter, NOTICE_LABELS);
    return c.json(await listNotices(ctx.db, filter, localeOf(c)));
  });

  app.get('/notices/:id', describeRoute({ summary: 'A notice with its attachments' }), async (c) =>
    c.json(await noticePage(ctx.db, c.var.identity, c.req.param('id'))),
  );

  app.get('/notices/:id/attachments/:attachmentId', describeRoute({ summary: "Download a notice's attachment", produces: 'file' }), async (c) => {
    const file = await noticeAttachment(ctx.db, c.req.param('id'), c.req.param('attachmentId'));
    return fileResponse(file.content, { filename: file.filename, contentType: file.content_type });
  });

  declareBodyLimit(app, { method: 'POST', path: '/notices', maxBytes: MAX_PUBLISH_BODY, refusal: TOO_LARGE });
  app.post(
    '/notices',
    describeRoute({ summary: 'Publish a notice with up to five attachments', body: publishRequest, roles: NOTICE_PUBLISHERS }),
    async (c, next) => {
      // Who may publish is decided before a large body is read.
      requireNationalAdmin(c.var.identity);
      await next();
    },
    async (c) => {
      const request = await parseJson(c, publishRequest, NOTICE_LABELS);
      return c.json(await publishNotice(ctx.db, c.var.identity, request, requestMeta(c), localeOf(c)), 201);
    },
  );

  app.post('/notices/:id/withdraw', describeRoute({ summary: 'Withdraw a notice', body: withdrawRequest, roles: NOTICE_PUBLISHERS }), async (c) => {
    const actor = c.var.identity;
    requireNationalAdmin(actor);
    const id = c.req.param('id');
    requireObjectId(id);
    const { reason } = await parseOptionalJson(c, withdrawRequest);
    return c.json(await withdrawNotice(ctx.db, actor, id, reason, requestMeta(c)));
  });
}
