// 通知公告 as its readers and its publishers see it: publish with attachments, find, read, download, withdraw, and
// every refusal leaving no trace.
import { CJK, DEMO_USERS, type ErrorBody, type Harness, json, moduleHarness, type Page } from '@wgzj/gateway/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Notice {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
  publisherName: string | null;
  attachmentCount: number;
}
interface NoticeDetail extends Notice {
  attachments: Array<{ id: string; filename: string; contentType: string; size: number }>;
  canWithdraw: boolean;
}

const MB = 1024 * 1024;
const PDF = (size = 2048) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x41)]);
const PNG = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-fake-image')]);
const ZIP = () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('zipped office document')]);
/** A Windows program: "MZ" header. */
const EXE = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)]);
const file = (filename: string, bytes: Buffer) => ({ filename, contentBase64: bytes.toString('base64') });

const SEEDED_TITLES = [
  '关于开展2027年度外国专家项目申报工作的通知',
  '外国专家项目管理信息系统接入政务服务平台的说明',
  '2026年度总结报告填报提醒',
];

/** A day in Beijing time, `YYYY-MM-DD`, `daysAgo` days before now. */
const beijingDay = (daysAgo: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - daysAgo * 86_400_000),
  );

describe('notices API', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await moduleHarness([]);
  });
  afterAll(async () => {
    await h.close();
  });

  const publish = (body: unknown, as = 'national_admin', locale = 'zh-CN') =>
    h.call('admin', '/notices', as, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      locale,
    });
  const withdraw = (id: string, body?: unknown, as = 'national_admin', locale = 'zh-CN') =>
    h.call('admin', `/notices/${id}/withdraw`, as, {
      method: 'POST',
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      headers: { 'content-type': 'application/json' },
      locale,
    });
  const counts = async () =>
    (
      await h.db.query<{ notices: number; attachments: number; audits: number; withdrawn: number }>(
        `select (select count(*)::int from admin.notices) as notices,
                (select count(*)::int from admin.notice_attachments) as attachments,
                (select count(*)::int from audit.records) as audits,
                (select count(*)::int from admin.notices where withdrawn_at is not null) as withdrawn`,
      )
    ).rows[0]!;
  const titles = async (query = '', as = 'employer_handler') =>
    (await json<Page<Notice>>(h.call('admin', `/notices${query}`, as))).items.map((n) => n.title);

  describe('publish, list, read and download', () => {
    let published: Notice;
    const pdf = PDF(300_000);
    const png = PNG();

    beforeAll(async () => {
      const response = await publish({
        title: '  关于2028年度项目评审安排的通知  ',
        body: '各单位:\n评审安排如下。\n一、时间……',
        attachments: [file('评审安排(定稿).pdf', pdf), file('流程图.png', png)],
      });
      expect(response.status).toBe(201);
      published = await json<Notice>(response);
    });

    it('answers with the notice as readers will see it, the title trimmed, the publisher named', () => {
      expect(published).toMatchObject({
        title: '关于2028年度项目评审安排的通知',
        body: '各单位:\n评审安排如下。\n一、时间……',
        publisherName: '陈静',
        attachmentCount: 2,
      });
      expect(Math.abs(Date.parse(published.publishedAt) - Date.now())).toBeLessThan(60_000);
      expect(published.publishedAt).toMatch(/Z$/);
    });

    it.each(DEMO_USERS)('lists it first for %s, with its publisher and attachment count', async (user) => {
      const page = await json<Page<Notice>>(h.call('admin', '/notices', user));
      expect(page.total).toBe(4);
      expect(page.items[0]).toMatchObject({ id: published.id, publisherName: '陈静', attachmentCount: 2 });
      // The demo notices had no named publisher: the national unit issued them.
      expect(page.items[1]).toMatchObject({ publisherName: '科学技术部外国专家服务司', attachmentCount: 0 });
      expect(page.items.map((n) => n.title).slice(1)).toEqual(SEEDED_TITLES);
    });

    it('keeps what the home page reads: the five newest, with id, title and time', async () => {
      const page = await json<Page<Notice>>(h.call('admin', '/notices?limit=5', 'employer_handler'));
      expect(page.items[0]).toEqual(expect.objectContaining({ id: published.id, title: published.title, publishedAt: published.publishedAt }));
    });

    it('shows the detail with the attachments in the order they were attached', async () => {
      const detail = await json<NoticeDetail>(h.call('admin', `/notices/${published.id}`, 'employer_handler'));
      expect(detail).toMatchObject({ id: published.id, title: published.title, body: published.body, publisherName: '陈静', canWithdraw: false });
      expect(detail.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size }))).toEqual([
        { filename: '评审安排(定稿).pdf', contentType: 'application/pdf', size: pdf.length },
        { filename: '流程图.png', contentType: 'image/png', size: png.length },
      ]);
      expect((await json<NoticeDetail>(h.call('admin', `/notices/${published.id}`, 'national_admin'))).canWithdraw).toBe(true);
    });

    it('downloads each attachment byte for byte, with its type and its name encoded for any browser', async () => {
      const detail = await json<NoticeDetail>(h.call('admin', `/notices/${published.id}`, 'supervisor_bj'));
      const [first, second] = detail.attachments;
      const response = await h.call('admin', `/notices/${published.id}/attachments/${first!.id}`, 'supervisor_bj');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const disposition = response.headers.get('content-disposition')!;
      // RFC 5987: UTF-8, percent-encoded, parentheses too.
      expect(disposition).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('评审安排')}%28${encodeURIComponent('定稿')}%29.pdf`);
      expect(decodeURIComponent(disposition.split("''")[1]!)).toBe('评审安排(定稿).pdf');
      expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);

      const image = await h.call('admin', `/notices/${published.id}/attachments/${second!.id}`, 'employer_handler');
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    });

    it('answers 404 for an attachment asked for under another notice, or an unknown one', async () => {
      const detail = await json<NoticeDetail>(h.call('admin', `/notices/${published.id}`, 'national_admin'));
      const other = (await json<Page<Notice>>(h.call('admin', '/notices', 'national_admin'))).items[1]!;
      for (const path of [
        `/notices/${other.id}/attachments/${detail.attachments[0]!.id}`,
        `/notices/${published.id}/attachments/5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c`,
        `/notices/${published.id}/attachments/not-a-uuid`,
      ]) {
        const response = await h.call('admin', path, 'national_admin');
        expect(response.status).toBe(404);
        expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
      }
    });

    it('accepts DOCX and XLSX (ZIP inside, matching name) and JPEG', async () => {
      const before = await counts();
      const response = await publish({
        title: '模板下载',
        body: '见附件。',
        attachments: [file('申报书模板.docx', ZIP()), file('经费测算表.xlsx', ZIP()), file('照片.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))],
      });
      expect(response.status).toBe(201);
      const detail = await json<NoticeDetail>(h.call('admin', `/notices/${(await json<Notice>(response)).id}`, 'national_admin'));
      expect(detail.attachments.map((a) => a.contentType)).toEqual([
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'image/jpeg',
      ]);
      expect(await counts()).toMatchObject({ notices: before.notices + 1, attachments: before.attachments + 3 });
      await withdraw(detail.id);
    });

    it('publishes a notice without attachments', async () => {
      const response = await publish({ title: '无附件的通知', body: '正文' });
      expect(response.status).toBe(201);
      const notice = await json<Notice>(response);
      expect(notice.attachmentCount).toBe(0);
      await withdraw(notice.id);
    });
  });

  describe('refusals change nothing and say why, in the caller\'s language', () => {
    const valid = { title: '标题', body: '正文' };
    const sixFiles = Array.from({ length: 6 }, (_, i) => file(`附件${i + 1}.pdf`, PDF()));

    it.each([
      ['a missing title', { body: '正文' }, 400, 'title', /标题/, /Title/],
      ['a blank title', { title: '   ', body: '正文' }, 400, 'title', /标题/, /Title/],
      ['a title of 101 characters', { title: '题'.repeat(101), body: '正文' }, 400, 'title', /标题/, /Title/],
      ['a body of 5001 characters', { title: '标题', body: '字'.repeat(5001) }, 400, 'body', /正文/, /Text/],
      ['a file name with a path', { ...valid, attachments: [file('../evil.pdf', PDF())] }, 400, 'attachments.0.filename', /附件文件名/, /Attachment file name/],
      ['a program renamed to .pdf', { ...valid, attachments: [file('setup.pdf', EXE())] }, 400, 'attachments', /附件“setup\.pdf”的类型不受支持,仅支持 PDF、JPEG、PNG、DOCX、XLSX/, /"setup\.pdf" is not a supported type/],
      ['a plain ZIP', { ...valid, attachments: [file('data.zip', ZIP())] }, 400, 'attachments', /附件“data\.zip”的类型不受支持/, /"data\.zip"/],
      ['a PDF named .png', { ...valid, attachments: [file('scan.png', PDF())] }, 400, 'attachments', /附件“scan\.png”.*扩展名/, /"scan\.png"/],
      ['a 6 MB file', { ...valid, attachments: [file('大文件.pdf', PDF(6 * MB))] }, 400, 'attachments', /附件“大文件\.pdf”超过 5 MB/, /larger than 5 MB/],
      ['six files', { ...valid, attachments: sixFiles }, 400, 'attachments', /附件:最多上传 5 个文件/, /at most 5 files/],
      ['content that is not base64', { ...valid, attachments: [{ filename: 'a.pdf', contentBase64: '%%%%' }] }, 400, 'attachments', /附件“a\.pdf”/, /"a\.pdf"/],
    ] as const)('refuses %s', async (_name, body, status, field, zhText, enText) => {
      const before = await counts();
      const zh = await publish(body, 'national_admin', 'zh-CN');
      expect(zh.status).toBe(status);
      const zhBody = await json<ErrorBody>(zh);
      expect(zhBody.error.message).toMatch(CJK);
      expect(zhBody.error.message).toMatch(zhText);
      expect(zhBody.error.fields?.map((f) => f.field)).toContain(field);

      const en = await json<ErrorBody>(publish(body, 'national_admin', 'en-US'));
      expect(en.error.code).toBe(zhBody.error.code);
      expect(en.error.message).toMatch(enText);
      expect(en.error.fields?.map((f) => f.field)).toContain(field);
      expect(en.error.fields!.every((f) => !CJK.test(f.message.replace(/"[^"]*"/g, '')))).toBe(true);

      expect(await counts()).toEqual(before);
    });

    it('a good file beside a bad one does not get in either', async () => {
      const before = await counts();
      const response = await publish({ ...valid, attachments: [file('good.pdf', PDF()), file('bad.pdf', EXE())] });
      expect(response.status).toBe(400);
      expect((await json<ErrorBody>(response)).error.message).toContain('bad.pdf');
      expect(await counts()).toEqual(before);
    });

    it('refuses a request larger than five full attachments could make, without reading it', async () => {
      const before = await counts();
      const response = await publish(`{"title":"标题","body":"${'a'.repeat(41 * MB)}"}`, 'national_admin', 'en-US');
      expect(response.status).toBe(413);
      expect((await json<ErrorBody>(response)).error).toMatchObject({ code: 'NOTICE_TOO_LARGE', message: expect.stringMatching(/at most 5 attachments/) });
      expect(await counts()).toEqual(before);
    });

    it('refuses a body that is not JSON', async () => {
      const before = await counts();
      const response = await publish('{"title": ');
      expect(response.status).toBe(400);
      expect((await json<ErrorBody>(response)).error.code).toBe('BAD_JSON');
      expect(await counts()).toEqual(before);
    });

    it.each(DEMO_USERS.filter((u) => u !== 'national_admin'))('refuses %s as a publisher with 403', async (user) => {
      const before = await counts();
      const zh = await publish({ ...valid, attachments: [file('a.pdf', PDF())] }, user);
      expect(zh.status).toBe(403);
      const zhBody = await json<ErrorBody>(zh);
      expect(zhBody.error.code).toBe('FORBIDDEN');
      expect(zhBody.error.message).toMatch(CJK);
      const en = await json<ErrorBody>(publish(valid, user, 'en-US'));
      expect(en.error.message).toBe('You are not allowed to do this.');
      expect(await counts()).toEqual(before);
    });
  });

  describe('search', () => {
    it('finds notices by a word of the title, case-insensitively', async () => {
      expect(await titles(`?q=${encodeURIComponent('总结')}`)).toEqual(['2026年度总结报告填报提醒']);
      expect(await titles(`?q=${encodeURIComponent('不存在的词')}`)).toEqual([]);
    });

    it('treats % and _ in the keyword as plain characters', async () => {
      expect(await titles('?q=%25')).toEqual([]);
      expect(await titles('?q=_')).toEqual([]);
    });

    it('limits to Beijing days, both ends included', async () => {
      // Demo notices are 2, 10 and 30 days old.
      expect(await titles(`?from=${beijingDay(15)}&to=${beijingDay(5)}`)).toEqual([SEEDED_TITLES[1]]);
      expect(await titles(`?to=${beijingDay(10)}`)).toEqual(SEEDED_TITLES.slice(1));
      expect(await titles(`?from=${beijingDay(30)}&to=${beijingDay(30)}`)).toEqual([SEEDED_TITLES[2]]);
    });

    it.each([
      ['?from=2026-02-30', 'from', /开始日期/],
      ['?to=20260101', 'to', /结束日期/],
      ['?from=2026-03-02&to=2026-03-01', 'to', /结束日期:不能早于开始日期/],
      [`?q=${'字'.repeat(101)}`, 'q', /标题关键字/],
    ])('refuses %s naming the field', async (query, field, message) => {
      const response = await h.call('admin', `/notices${query}`, 'employer_handler');
      expect(response.status).toBe(400);
      const body = await json<ErrorBody>(response);
      expect(body.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(body.error.message).toMatch(message);
    });
  });

  describe('GET /notices/:id', () => {
    it.each(['5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', 'not-a-uuid', "1' or '1'='1"])('answers 404 for %s', async (id) => {
      const response = await h.call('admin', `/notices/${encodeURIComponent(id)}`, 'employer_handler');
      expect(response.status).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
    });
  });

  describe('withdraw (撤回)', () => {
    let id: string;
    let attachmentId: string;
    beforeAll(async () => {
      id = (await json<Notice>(publish({ title: '将被撤回的通知', body: '正文', attachments: [file('a.pdf', PDF())] }))).id;
      attachmentId = (await json<NoticeDetail>(h.call('admin', `/notices/${id}`, 'national_admin'))).attachments[0]!.id;
    });

    it.each(DEMO_USERS.filter((u) => u !== 'national_admin'))('refuses %s with 403 and leaves the notice up', async (user) => {
      const before = await counts();
      const response = await withdraw(id, { reason: '试图撤回' }, user);
      expect(response.status).toBe(403);
      expect(await counts()).toEqual(before);
      expect((await h.call('admin', `/notices/${id}`, user)).status).toBe(200);
    });

    it('refuses a reason longer than 500 characters, naming the field', async () => {
      const before = await counts();
      const response = await withdraw(id, { reason: '理'.repeat(501) }, 'national_admin', 'en-US');
      expect(response.status).toBe(400);
      expect((await json<ErrorBody>(response)).error.fields?.[0]?.message).toMatch(/^Reason for withdrawal: /);
      expect(await counts()).toEqual(before);
    });

    it('takes the notice down for everyone, with its attachments, and records who and why', async () => {
      const response = await withdraw(id, { reason: '内容有误,重新发布' }, 'national_admin');
      expect(response.status).toBe(200);
      expect(await titles('', 'national_admin')).not.toContain('将被撤回的通知');
      for (const path of [`/notices/${id}`, `/notices/${id}/attachments/${attachmentId}`]) {
        expect((await h.call('admin', path, 'employer_handler')).status).toBe(404);
      }
      const { rows } = await h.db.query<{ actor_username: string; reason: string; after_summary: { withdrawn: boolean } }>(
        `select actor_username, reason, after_summary from audit.records where action = 'notice.withdraw' and object_id = $1`,
        [id],
      );
      expect(rows).toEqual([expect.objectContaining({ actor_username: 'national_admin', reason: '内容有误,重新发布' })]);
      expect(rows[0]!.after_summary.withdrawn).toBe(true);
    });

    it('answers 404 to a second withdrawal, an unknown notice and a non-uuid, changing nothing', async () => {
      const before = await counts();
      for (const target of [id, '5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', 'abc']) {
        expect((await withdraw(target)).status).toBe(404);
      }
      expect(await counts()).toEqual(before);
    });
  });

  describe('random bodies (property)', () => {
    const validFile = fc.constantFrom(
      file('a.pdf', PDF(64)),
      file('b.png', PNG()),
      file('c.docx', ZIP()),
      file('d.xlsx', ZIP()),
    );
    const invalidFile = fc.oneof(
      fc.constant(file('x.pdf', EXE())),
      fc.constant(file('x.zip', ZIP())),
      fc.record({ filename: fc.string({ maxLength: 130 }), contentBase64: fc.oneof(fc.base64String({ maxLength: 40 }), fc.string()) }),
      fc.record({ filename: fc.constantFrom('a/b.pdf', 'a\\b.pdf', ''), contentBase64: fc.constant(PDF(64).toString('base64')) }),
    );
    const text = (max: number) =>
      fc.oneof(fc.string({ maxLength: max + 5 }), fc.constant(' '.repeat(3)), fc.string({ minLength: max - 2, maxLength: max + 2, unit: 'grapheme-ascii' }));
    const noticeBody = fc.oneof(
      fc.jsonValue(),
      // Near misses of a good notice, so both sides of every rule are reached often.
      fc.record(
        {
          title: fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), text(100)),
          body: fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), text(50)),
          attachments: fc.array(fc.oneof(validFile, validFile, validFile, invalidFile), { maxLength: 6 }),
        },
        { requiredKeys: ['title', 'body'] },
      ),
      fc.record(
        {
          title: fc.oneof(text(100), fc.integer(), fc.constant(null)),
          body: fc.oneof(text(50), fc.constant('字'.repeat(5001)), fc.boolean()),
          attachments: fc.oneof(
            fc.array(fc.oneof(validFile, validFile, invalidFile), { maxLength: 7 }),
            fc.constant(null),
            fc.dictionary(fc.string(), fc.string()),
          ),
          extra: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    );

    /** What the rules say, written out independently of the route: is this a notice that must be published? */
    function mustPublish(value: unknown): { attachments: number } | null {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
      const v = value as Record<string, unknown>;
      const textOk = (s: unknown, max: number) => typeof s === 'string' && s.trim().length >= 1 && s.trim().length <= max;
      if (!textOk(v['title'], 100) || !textOk(v['body'], 5000)) return null;
      const files = v['attachments'];
      if (files === undefined) return { attachments: 0 };
      if (!Array.isArray(files) || files.length > 5) return null;
      const good = new Set(['a.pdf', 'b.png', 'c.docx', 'd.xlsx']);
      const validContent = new Map([
        ['a.pdf', PDF(64).toString('base64')],
        ['b.png', PNG().toString('base64')],
        ['c.docx', ZIP().toString('base64')],
        ['d.xlsx', ZIP().toString('base64')],
      ]);
      for (const f of files as Array<{ filename: unknown; contentBase64: unknown }>) {
        if (typeof f.filename !== 'string' || !good.has(f.filename) || validContent.get(f.filename) !== f.contentBase64) return null;
      }
      return { attachments: files.length };
    }

    it('POST /notices: never a 500; a notice and its files appear whole or not at all', async () => {
      const outcomes = { published: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(noticeBody, async (body) => {
          const before = await counts();
          const response = await publish(body);
          expect(response.status).toBeLessThan(500);
          const after = await counts();
          const expected = mustPublish(body);
          if (expected) {
            expect(response.status).toBe(201);
            outcomes.published++;
            expect(after).toMatchObject({ notices: before.notices + 1, attachments: before.attachments + expected.attachments, audits: before.audits + 1 });
            await withdraw((await json<Notice>(response)).id);
          } else {
            expect(response.status).toBe(400);
            outcomes.refused++;
            expect(after).toEqual(before);
          }
        }),
        { numRuns: 80 },
      );
      // Both sides of the rule were exercised, not only refusals.
      expect(outcomes.published).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(0);
    });

    it('POST /notices/:id/withdraw: never a 500; the notice is withdrawn with one audit record, or nothing changes', async () => {
      const withdrawBody = fc.oneof(
        fc.constant(undefined),
        fc.jsonValue(),
        fc.record({ reason: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('理'.repeat(501)), fc.integer(), fc.constant(null)) }, { requiredKeys: [] }),
        fc.string({ maxLength: 20 }),
      );
      const { rows } = await h.db.query<{ id: string }>(
        `insert into admin.notices (title, body) select '批量通知' || g, '正文' from generate_series(1, 60) g returning id`,
      );
      const ids = rows.map((r) => r.id);
      const outcomes = { withdrawn: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(withdrawBody, fc.boolean(), async (body, raw) => {
          const id = ids.pop();
          if (!id) return;
          const before = await counts();
          const response = await withdraw(id, raw && typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body));
          expect(response.status).toBeLessThan(500);
          const after = await counts();
          const { rows: state } = await h.db.query<{ withdrawn: boolean }>('select withdrawn_at is not null as withdrawn from admin.notices where id = $1', [id]);
          if (response.status === 200) {
            outcomes.withdrawn++;
            expect(state[0]!.withdrawn).toBe(true);
            expect(after).toEqual({ ...before, withdrawn: before.withdrawn + 1, audits: before.audits + 1 });
          } else {
            expect(response.status).toBe(400);
            outcomes.refused++;
            expect(state[0]!.withdrawn).toBe(false);
            expect(after).toEqual(before);
          }
        }),
        { numRuns: 60 },
      );
      expect(outcomes.withdrawn).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(0);
    });
  });
});
