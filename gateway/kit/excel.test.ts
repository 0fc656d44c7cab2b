// Reading an uploaded workbook: what people fill in reads as they typed it, and what no real workbook is — a zip
// bomb, an archive that lies about its sizes, a sheet of a hundred thousand rows — is refused early, with the
// limit named, while the process stays small.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { readFirstSheet, UnreadableWorkbook, WORKBOOK_LIMITS, workbookBytes } from './excel.ts';
import { deflated, inlineRow, type Part, repeatedSheet, sheetXml, skeleton, zip } from '@wgzj/gateway/testing/workbooks';

/** How much more memory the process held at its peak while `work` ran (sampled), in bytes. */
async function peakGrowth(work: () => Promise<unknown>): Promise<{ rss: number; heap: number; error: unknown }> {
  const base = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss - base.rss);
    heap = Math.max(heap, now.heapUsed - base.heapUsed);
  };
  const timer = setInterval(sample, 2);
  let error: unknown;
  try {
    await work();
  } catch (e) {
    error = e;
  } finally {
    clearInterval(timer);
    sample();
  }
  return { rss, heap, error };
}

const MB = 1024 * 1024;

describe('readFirstSheet reads a workbook as people filled it in', () => {
  it('gives the header and the non-empty data rows as text, with the row numbers Excel shows', async () => {
    const bytes = await workbookBytes([{ name: '专家', columns: [{ header: '姓名', width: 10 }, { header: '国籍', width: 10 }], rows: [['Maria', '西班牙'], ['', ''], ['Li', 'DE']] }]);
    const sheet = await readFirstSheet(bytes, 10);
    expect(sheet.headers).toEqual(['姓名', '国籍']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['Maria', '西班牙'] },
      { row: 4, cells: ['Li', 'DE'] },
    ]);
  });

  it('reads dates as YYYY-MM-DD, rich text and hyperlinks as their text, formulas as their result, numbers as typed', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('专家');
    ws.addRow(['日期', '富文本', '链接', '公式', '数字']);
    ws.addRow([
      new Date(Date.UTC(1980, 4, 17)),
      { richText: [{ text: '玛丽' }, { text: '亚', font: { bold: true } }] },
      { text: ' 主页 ', hyperlink: 'https://example.org' },
      { formula: '1+1', result: 2 },
      1234.5,
    ]);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const sheet = await readFirstSheet(bytes, 10);
    expect(sheet.rows).toEqual([{ row: 2, cells: ['1980-05-17', '玛丽亚', '主页', '2', '1234.5'] }]);
  });

  it('reads the first sheet in the workbook’s order, whatever its part is called, and nothing of the others', async () => {
    const bytes = zip([
      ...skeleton([2, 1]),
      deflated('xl/worksheets/sheet1.xml', sheetXml([['第二张'], ['不读']])),
      deflated('xl/worksheets/sheet2.xml', sheetXml([['姓名'], ['第一张']])),
    ]);
    const sheet = await readFirstSheet(bytes, 10);
    expect(sheet).toEqual({ headers: ['姓名'], rows: [{ row: 2, cells: ['第一张'] }] });
  });

  it('reads a workbook without shared strings or styles, and leaves no temporary file behind', async () => {
    const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    const before = ours();
    const bytes = zip([...skeleton(), deflated('xl/worksheets/sheet1.xml', sheetXml([['姓名'], ['Maria']]))]);
    expect((await readFirstSheet(bytes, 10)).rows).toEqual([{ row: 2, cells: ['Maria'] }]);
    expect(ours()).toEqual(before);
  });

  it('stops after one row more than asked for, so a caller can refuse a long file without reading it all', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => [`专家${i}`]);
    const bytes = await workbookBytes([{ name: '专家', columns: [{ header: '姓名', width: 10 }], rows }]);
    const sheet = await readFirstSheet(bytes, 2_000);
    expect(sheet.rows).toHaveLength(2_001);
    expect(sheet.rows.at(-1)).toEqual({ row: 2_002, cells: ['专家2000'] });
  });

  it('reads 2,001 rows of a 100,000-row sheet and stops, within a few megabytes and seconds', async () => {
    // A hundred thousand different experts: about 15 MB of sheet XML, packed as a real sheet packs.
    const expert = (i: number) => inlineRow(i + 2, [`Expert ${i.toString(36)}`, ['西班牙', '德国', '日本'][i % 3]!, `P${((i * 7919) % 1e7).toString().padStart(8, '0')}`]);
    const sheet = await repeatedSheet('xl/worksheets/sheet1.xml', 15 * MB, (batch) =>
      (batch ? '' : inlineRow(1, ['姓名', '国籍', '护照号码'])) + Array.from({ length: 1_000 }, (_, i) => expert(batch * 1_000 + i)).join(''),
    );
    expect(sheet.unpacked).toBeGreaterThan(14 * MB);
    const bytes = zip([...skeleton(), sheet]);
    const started = performance.now();
    let read: Awaited<ReturnType<typeof readFirstSheet>> | undefined;
    const growth = await peakGrowth(async () => (read = await readFirstSheet(bytes, 2_000)));
    expect(growth.error).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(read!.headers).toEqual(['姓名', '国籍', '护照号码']);
    expect(read!.rows).toHaveLength(2_001);
    expect(growth.heap).toBeLessThan(60 * MB);
  });
});

describe('readFirstSheet refuses what no real workbook is, before it costs memory', () => {
  const refusal = async (bytes: Uint8Array) => readFirstSheet(bytes, 2_000).then(() => null, (e: unknown) => e);

  it('refuses a zip bomb (a sheet declaring 160 MB in a few hundred KB) naming the 20 MB limit, and stays small', async () => {
    const sheet = await repeatedSheet('xl/worksheets/sheet1.xml', 160 * MB, inlineRow(2, ['x']));
    const bytes = zip([...skeleton(), sheet]);
    expect(bytes.length).toBeLessThan(1 * MB);
    const growth = await peakGrowth(() => readFirstSheet(bytes, 2_000));
    expect(growth.error).toBeInstanceOf(AppError);
    const error = growth.error as AppError;
    expect(error.code).toBe('WORKBOOK_TOO_LARGE');
    expect(error.messageFor('zh-CN')).toContain('导入文件解压后超过 20 MB');
    expect(error.messageFor('en-US')).toContain('20 MB once unpacked');
    expect(growth.rss).toBeLessThan(60 * MB);
    expect(growth.heap).toBeLessThan(60 * MB);
  });

  it('refuses the same bomb when it declares a small size, stopping the inflating at what it declared', async () => {
    const sheet = await repeatedSheet('xl/worksheets/sheet1.xml', 160 * MB, inlineRow(2, ['x']));
    for (const declared of [10 * 1024, 15 * MB]) {
      const bytes = zip([...skeleton(), { ...sheet, unpacked: declared }]);
      const growth = await peakGrowth(() => readFirstSheet(bytes, 2_000));
      expect(growth.error).toBeInstanceOf(UnreadableWorkbook);
      expect(growth.rss).toBeLessThan(60 * MB);
      expect(growth.heap).toBeLessThan(60 * MB);
    }
  });

  it('refuses a part that declares less than it unpacks to even when it is small', async () => {
    const sheet = deflated('xl/worksheets/sheet1.xml', sheetXml([['姓名'], ['Maria']]));
    expect(await refusal(zip([...skeleton(), { ...sheet, unpacked: sheet.unpacked - 1 }]))).toBeInstanceOf(UnreadableWorkbook);
    expect(await refusal(zip([...skeleton(), { ...sheet, unpacked: sheet.unpacked + 1 }]))).toBeInstanceOf(UnreadableWorkbook);
  });

  it('refuses a workbook whose parts together declare more than 20 MB', async () => {
    const filler = (n: number): Part => ({ name: `xl/media/image${n}.png`, packed: Buffer.alloc(64 * 1024, n), method: 8, crc: 0, unpacked: 8 * MB });
    const error = (await refusal(zip([...skeleton(), deflated('xl/worksheets/sheet1.xml', sheetXml([['姓名']])), filler(1), filler(2), filler(3)]))) as AppError;
    expect(error.code).toBe('WORKBOOK_TOO_LARGE');
  });

  it('refuses a part packed far tighter than any sheet, naming the ratio', async () => {
    const sheet = await repeatedSheet('xl/worksheets/sheet1.xml', 12 * MB, inlineRow(2, ['x']));
    const error = (await refusal(zip([...skeleton(), sheet]))) as AppError;
    expect(error.code).toBe('WORKBOOK_RATIO');
    expect(error.messageFor('zh-CN')).toContain(`${WORKBOOK_LIMITS.maxRatio} 倍`);
  });

  it('refuses an archive of more parts than a workbook has, naming the number', async () => {
    const many = Array.from({ length: WORKBOOK_LIMITS.maxEntries + 1 }, (_, i) => deflated(`xl/x${i}.xml`, '<x/>'));
    const error = (await refusal(zip(many))) as AppError;
    expect(error.code).toBe('WORKBOOK_TOO_MANY_PARTS');
    expect(error.messageFor('zh-CN')).toContain('500');
  });

  it.each([
    ['not a zip at all', () => Buffer.from('%PDF-1.4 not a workbook')],
    ['an empty archive', () => zip([])],
    ['an archive without a sheet', () => zip(skeleton())],
    ['an encrypted part', () => zip([...skeleton(), { ...deflated('xl/worksheets/sheet1.xml', sheetXml([['a']])), flags: 1 }])],
    ['an unknown compression', () => zip([...skeleton(), { ...deflated('xl/worksheets/sheet1.xml', sheetXml([['a']])), method: 12 as 8 }])],
    ['ZIP64 sizes', () => zip([...skeleton(), { ...deflated('xl/worksheets/sheet1.xml', sheetXml([['a']])), unpacked: 0xffffffff }])],
    ['a part that does not inflate', () => zip([...skeleton(), { ...deflated('xl/worksheets/sheet1.xml', sheetXml([['a']])), packed: Buffer.from([0xff, 0xff, 0xff, 0xff]) }])],
    ['a sheet that is not XML', () => zip([...skeleton(), deflated('xl/worksheets/sheet1.xml', '<<<< not xml')])],
    ['a cut-off archive', () => zip([...skeleton(), deflated('xl/worksheets/sheet1.xml', sheetXml([['a']]))]).subarray(0, 200)],
  ])('refuses %s as unreadable', async (_what, make) => {
    expect(await refusal(make())).toBeInstanceOf(UnreadableWorkbook);
  });
});
