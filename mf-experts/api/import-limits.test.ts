// 批量导入 and the kit's bounds on what a workbook unpacks to: a zip bomb or an archive lying about its sizes is
// refused beside the file field, in the caller's language, naming the limit, and imports nothing; a sheet of
// too many rows is refused after reading one row past the limit.
import { type ErrorBody, type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { inlineRow, repeatedSheet, skeleton, zip } from '@wgzj/gateway/testing/workbooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_ROWS } from './expert-sheets.ts';

const MB = 1024 * 1024;
const HEADER = ['姓名(护照)*', '中文名', '性别*', '出生日期*', '国籍*', '护照号码*', '外国人工作许可证号', '电子邮箱', '联系电话', '境外工作单位', '职务/职称', '学科领域*'];

describe('expert import within the workbook limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await moduleHarness(['experts']);
  });
  afterAll(async () => {
    await h.close();
  });

  const importFile = (bytes: Buffer, locale = 'zh-CN') =>
    h.call('experts', '/experts/import', 'employer_handler', {
      method: 'POST',
      locale,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filename: '专家.xlsx', contentBase64: bytes.toString('base64'), mode: 'all' }),
    });
  const expertCount = async () => (await h.db.query<{ n: number }>('select count(*)::int as n from experts.experts')).rows[0]!.n;

  it('refuses a zip bomb beside the file, naming the 20 MB limit in the caller’s language, and imports nothing', async () => {
    const before = await expertCount();
    const bomb = zip([...skeleton(), await repeatedSheet('xl/worksheets/sheet1.xml', 160 * MB, inlineRow(2, ['Maria', '', '女']))]);
    const zh = await importFile(bomb);
    expect(zh.status).toBe(400);
    const body = await json<ErrorBody>(zh);
    expect(body.error.code).toBe('WORKBOOK_TOO_LARGE');
    expect(body.error.fields).toEqual([{ field: 'file', message: expect.stringContaining('导入文件解压后超过 20 MB') }]);
    const en = await json<ErrorBody>(importFile(bomb, 'en-US'));
    expect(en.error.fields?.[0]?.message).toContain('larger than 20 MB once unpacked');
    expect(await expertCount()).toBe(before);
  });

  it('refuses an archive whose sheet unpacks to more than it declares as unreadable', async () => {
    const sheet = await repeatedSheet('xl/worksheets/sheet1.xml', 40 * MB, inlineRow(2, ['Maria', '', '女']));
    const response = await importFile(zip([...skeleton(), { ...sheet, unpacked: 64 * 1024 }]));
    expect(response.status).toBe(400);
    expect((await json<ErrorBody>(response)).error.code).toBe('IMPORT_UNREADABLE');
  });

  it(`refuses a sheet of more than ${IMPORT_MAX_ROWS} rows, naming the limit`, async () => {
    const rows = (batch: number) =>
      (batch ? '' : inlineRow(1, HEADER)) +
      Array.from({ length: 1_000 }, (_, i) => inlineRow(batch * 1_000 + i + 2, [`Expert ${batch}-${i}`, '', '男', '1977-03-15', '德国', `C${batch}${i}X`])).join('');
    const sheet = await repeatedSheet('xl/worksheets/sheet1.xml', 3 * MB, rows);
    const response = await importFile(zip([...skeleton(), sheet]));
    expect(response.status).toBe(400);
    const body = await json<ErrorBody>(response);
    expect(body.error.code).toBe('IMPORT_TOO_MANY_ROWS');
    expect(body.error.message).toContain(String(IMPORT_MAX_ROWS));
  });
});
