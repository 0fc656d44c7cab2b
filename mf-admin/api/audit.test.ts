// 审计日志 as the national administrators and technical support see it: records of what happened, searched and
// exported; nobody else reads it, and nothing changes or removes a record.
import type { AuditRecord } from '@wgzj/gateway/kit';
import { CJK, type ErrorBody, type Harness, json, moduleHarness, type Page } from '@wgzj/gateway/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x41)]);
const HEADERS = ['时间', '操作人', '用户名', '单位', '角色', '操作', '对象类型', '对象', '变更内容', '理由', '客户端IP', '请求编号', '操作代码', '对象类型代码', '对象编号'];

const beijingDay = (daysAgo: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - daysAgo * 86_400_000),
  );

describe('audit log API', () => {
  let h: Harness;
  const notices: Array<{ id: string; requestId: string }> = [];

  beforeAll(async () => {
    h = await moduleHarness([]);
    for (const [i, title] of ['审计测试通知一', '审计测试通知二', '审计测试通知三'].entries()) {
      const requestId = `req-publish-${i}`;
      const response = await h.call('admin', '/notices', 'national_admin', {
        method: 'POST',
        body: JSON.stringify({ title, body: '正文', attachments: i === 0 ? [{ filename: '附件.pdf', contentBase64: PDF.toString('base64') }] : [] }),
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      });
      expect(response.status).toBe(201);
      notices.push({ id: ((await response.json()) as { id: string }).id, requestId });
    }
    const withdrawn = await h.call('admin', `/notices/${notices[2]!.id}/withdraw`, 'national_admin', {
      method: 'POST',
      body: JSON.stringify({ reason: '重复发布' }),
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-withdraw' },
    });
    expect(withdrawn.status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  const search = (query: string, as = 'national_admin') => json<Page<AuditRecord>>(h.call('admin', `/audit${query}`, as));
  const allRecords = async () => (await h.db.query('select * from audit.records order by id')).rows;

  describe('GET /audit', () => {
    it('shows who published a notice, as who they were, from where, with what', async () => {
      const page = await search(`?action=notice.publish&objectId=${notices[0]!.id}`);
      expect(page.total).toBe(1);
      expect(page.items[0]).toMatchObject({
        action: 'notice.publish',
        objectType: 'notice',
        objectId: notices[0]!.id,
        actor: { username: 'national_admin', displayName: '陈静', unitName: '科学技术部外国专家服务司', role: 'national_admin' },
        requestId: 'req-publish-0',
        clientIp: '203.0.113.7',
        after: { title: '审计测试通知一', attachments: [{ filename: '附件.pdf', contentType: 'application/pdf', size: PDF.length }] },
      });
    });

    it('lists newest first, and technical support reads it too', async () => {
      const page = await search('?objectType=notice', 'support');
      expect(page.items.map((r) => r.action)).toEqual(['notice.withdraw', 'notice.publish', 'notice.publish', 'notice.publish']);
      const times = page.items.map((r) => Date.parse(r.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('filters by action exactly, or by a prefix ending in a dot', async () => {
      expect((await search('?action=notice.publish')).total).toBe(3);
      expect((await search('?action=notice.')).total).toBe(4);
      expect((await search('?action=notice')).total).toBe(0);
    });

    it('filters by actor (part of the name or username), object and request', async () => {
      expect((await search(`?actor=${encodeURIComponent('陈')}&objectType=notice`)).total).toBe(4);
      expect((await search('?actor=nobody')).total).toBe(0);
      const withdrawal = await search('?requestId=req-withdraw');
      expect(withdrawal.items).toEqual([expect.objectContaining({ action: 'notice.withdraw', objectId: notices[2]!.id, reason: '重复发布' })]);
      expect((await search(`?objectId=${notices[1]!.id}`)).items.map((r) => r.action)).toEqual(['notice.publish']);
    });

    it('filters by Beijing days, both ends included', async () => {
      expect((await search(`?objectType=notice&from=${beijingDay(0)}&to=${beijingDay(0)}`)).total).toBe(4);
      expect((await search(`?objectType=notice&to=${beijingDay(1)}`)).total).toBe(0);
      expect((await search(`?objectType=notice&from=${beijingDay(-1)}`)).total).toBe(0);
    });

    it('pages with limit and offset, the total unchanged', async () => {
      const first = await search('?objectType=notice&limit=3');
      const second = await search('?objectType=notice&limit=3&offset=3');
      expect([first.items.length, second.items.length]).toEqual([3, 1]);
      expect([first.total, second.total]).toEqual([4, 4]);
    });

    it.each([
      ['?from=2026-13-01', 'from', /开始日期/, /^From: /],
      ['?from=2026-03-02&to=2026-03-01', 'to', /结束日期/, /^To: /],
      ['?limit=1000', 'limit', /每页条数/, /^Page size: /],
      [`?actor=${'x'.repeat(101)}`, 'actor', /操作人/, /^Actor: /],
    ])('refuses %s naming the field in either language', async (query, field, zh, en) => {
      const zhBody = await json<ErrorBody>(h.call('admin', `/audit${query}`, 'national_admin'));
      expect(zhBody.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(zhBody.error.message).toMatch(zh);
      expect(zhBody.error.message).toMatch(CJK);
      const enBody = await json<ErrorBody>(h.call('admin', `/audit${query}`, 'national_admin', { locale: 'en-US' }));
      expect(enBody.error.fields?.[0]?.message).toMatch(en);
    });

    it.each(['employer_handler', 'employer_admin', 'ministry_univ', 'supervisor_bj', 'supervisor_sh', 'employer_sh'])(
      'answers %s 403, for the search and the export, and records nothing',
      async (user) => {
        const before = await allRecords();
        for (const path of ['/audit', '/audit?action=notice.publish', '/audit/export']) {
          const response = await h.call('admin', path, user);
          expect(response.status).toBe(403);
          expect((await json<ErrorBody>(response)).error.code).toBe('FORBIDDEN');
        }
        expect(await allRecords()).toEqual(before);
      },
    );
  });

  describe('GET /audit/export', () => {
    async function readWorkbook(response: Response) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await response.arrayBuffer()) as never);
      const sheet = workbook.worksheets[0]!;
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
      return { name: sheet.name, rows };
    }

    it('gives the filtered records as an Excel workbook with Chinese headings, words for codes and Beijing times', async () => {
      const response = await h.call('admin', '/audit/export?action=notice.publish', 'national_admin');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const disposition = response.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("''")[1]!)).toMatch(/^审计日志-\d{12}\.xlsx$/);

      const { name, rows } = await readWorkbook(response);
      expect(name).toBe('审计日志');
      expect(rows[0]).toEqual(HEADERS);
      const expected = (await search('?action=notice.publish')).items;
      expect(rows.slice(1).map((r) => r[14])).toEqual(expected.map((r) => r.objectId));
      const first = rows[1]!;
      const title = (expected[0]!.after as { title: string }).title;
      expect(first.slice(1, 7)).toEqual(['陈静', 'national_admin', '科学技术部外国专家服务司', '国家管理员', '发布通知', '通知公告']);
      // The newest one was withdrawn since: its name says so.
      expect(first[7]).toBe(expected[0]!.objectId === notices[2]!.id ? `${title}(已撤回)` : title);
      expect(first[0]).toMatch(new RegExp(`^${beijingDay(0)} \\d{2}:\\d{2}:\\d{2}$`));
      expect(first[8]).toContain(`标题:${title}`);
      expect(first[8]).not.toMatch(/[{}"]/);
      expect(first.slice(10)).toEqual(['203.0.113.7', expected[0]!.requestId, 'notice.publish', 'notice', expected[0]!.objectId]);
    });

    it('is itself recorded, with the filter it used', async () => {
      const response = await h.call('admin', '/audit/export?action=notice.withdraw&requestId=req-withdraw', 'support', {
        headers: { 'x-request-id': 'req-export' },
      });
      expect(response.status).toBe(200);
      const { rows } = await readWorkbook(response);
      expect(rows.slice(1).map((r) => [r[12], r[5], r[9]])).toEqual([['notice.withdraw', '撤回通知', '重复发布']]);
      const recorded = await search('?action=audit.export&requestId=req-export');
      expect(recorded.items).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ username: 'support', role: 'support' }),
          after: { filter: { action: 'notice.withdraw', requestId: 'req-withdraw' }, rows: 1, total: 1 },
        }),
      ]);
    });

    it('exports an empty workbook (headings only) for a search that finds nothing', async () => {
      const { rows } = await readWorkbook(await h.call('admin', '/audit/export?actor=nobody', 'national_admin'));
      expect(rows).toEqual([HEADERS]);
    });

    it('refuses a bad filter before exporting, and records nothing', async () => {
      const before = await allRecords();
      const response = await h.call('admin', '/audit/export?to=yesterday', 'national_admin');
      expect(response.status).toBe(400);
      expect((await json<ErrorBody>(response)).error.fields?.map((f) => f.field)).toEqual(['to']);
      expect(await allRecords()).toEqual(before);
    });
  });

  describe('the log cannot be changed', () => {
    it.each(['PUT', 'PATCH', 'DELETE', 'POST'])('%s on /audit and /audit/:id does not succeed and changes nothing', async (method) => {
      const before = await allRecords();
      const id = String((before[0] as { id: string }).id);
      for (const path of ['/audit', `/audit/${id}`, '/audit/export']) {
        const response = await h.call('admin', path, 'national_admin', {
          method,
          body: JSON.stringify({ action: 'tampered', reason: 'x' }),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.ok).toBe(false);
        expect([404, 405]).toContain(response.status);
      }
      expect(await allRecords()).toEqual(before);
    });

    it('is refused by the database itself: update, delete and truncate', async () => {
      const before = await allRecords();
      await expect(h.db.query(`update audit.records set action = 'tampered'`)).rejects.toThrow(/cannot be changed or deleted/);
      await expect(h.db.query(`delete from audit.records where action = 'notice.publish'`)).rejects.toThrow(/cannot be changed or deleted/);
      await expect(h.db.query('truncate audit.records')).rejects.toThrow(/cannot be changed or deleted/);
      expect(await allRecords()).toEqual(before);
    });
  });
});
