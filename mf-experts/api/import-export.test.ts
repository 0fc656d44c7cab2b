// 批量导入 and 导出Excel: the template round-trips, every row is checked with a per-row report, a file with refused
// rows writes nothing unless only the valid rows are asked for, and an export is the caller's search, masked.
import { type ErrorBody, type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Report {
  total: number;
  valid: number;
  imported: number;
  refused: Array<{ row: number; field: string; message: string }>;
}

async function sheetRows(response: Response): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

/** A workbook with the template's header and the given rows, as base64. */
async function workbook(header: string[], rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家');
  ws.addRow(header);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('expert import and export', () => {
  let h: Harness;
  let header: string[];

  beforeAll(async () => {
    h = await moduleHarness(['experts']);
  });
  afterAll(async () => {
    await h.close();
  });

  const importFile = (contentBase64: string, mode: string, user = 'employer_handler', filename = '专家.xlsx') =>
    h.call('experts', '/experts/import', user, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filename, contentBase64, mode }) });
  const expertCount = async () => (await h.db.query<{ n: number }>('select count(*)::int as n from experts.experts')).rows[0]!.n;

  const row = (name: string, passport: string, extra: Partial<Record<'gender' | 'birth' | 'nationality' | 'discipline', string>> = {}) => [
    name,
    '',
    extra.gender ?? '男',
    extra.birth ?? '1977-03-15',
    extra.nationality ?? '德国',
    passport,
    '',
    '',
    '',
    'Universität Heidelberg',
    '教授',
    extra.discipline ?? '材料科学与工程',
    '陶瓷;涂层',
    '',
    '',
  ];

  it('offers a template with the form’s columns, required ones starred, and an example row', async () => {
    const response = await h.call('experts', '/experts/import/template', 'employer_handler');
    expect(response.headers.get('content-disposition')).toMatch(/%E4%B8%93%E5%AE%B6%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF/); // 专家导入模板
    const rows = await sheetRows(response);
    header = rows[0]!;
    expect(header.slice(0, 6)).toEqual(['姓名(护照)*', '中文名', '性别*', '出生日期*', '国籍*', '护照号码*']);
    expect(rows[1]![0]).toBe('Maria Garcia');
  });

  it('checks every row and reports what was refused and why, writing nothing', async () => {
    const before = await expertCount();
    const file = await workbook(header, [
      row('Karl Weber', 'C1234567A'),
      row('', 'C1234567B'),
      row('Hans Vogel', 'C1234567C', { nationality: '不存在国' }),
      row('Eva Klein', 'C1234567A'),
      row('Anna Schmidt', 'C01X00T47', { nationality: 'DE' }),
      row('Jörg Maier', 'C1234567D', { birth: '1977-13-01', discipline: '炼金术' }),
      row('Uwe Roth', 'C1234567E', { gender: 'M', nationality: 'de', discipline: '0805' }),
    ]);
    const report = await json<Report>(importFile(file, 'check'));
    expect(report).toMatchObject({ total: 7, valid: 2, imported: 0 });
    expect(report.refused.map((r) => [r.row, r.field])).toEqual([
      [3, 'name'],
      [4, 'nationality'],
      [5, 'passportNumber'],
      [6, 'passportNumber'],
      [7, 'birthDate'],
      [7, 'disciplineCode'],
    ]);
    expect(report.refused.find((r) => r.row === 5)!.message).toBe('护照号码:与第 2 行为同一国籍、同一护照号码');
    expect(report.refused.find((r) => r.row === 6)!.message).toMatch(/已在本单位专家库中/);
    expect(report.refused.find((r) => r.row === 3)!.message).toMatch(/^姓名/);
    expect(await expertCount()).toBe(before);
  });

  it('imports nothing from a file with refused rows unless only the valid rows are asked for', async () => {
    const before = await expertCount();
    const file = await workbook(header, [row('Karl Weber', 'C1234567A'), row('', 'C1234567B'), row('Uwe Roth', 'C1234567E', { nationality: 'DE' })]);
    const all = await importFile(file, 'all');
    expect(all.status).toBe(422);
    const body = await json<ErrorBody & { report: Report }>(all);
    expect(body.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(body.report.refused).toHaveLength(1);
    expect(await expertCount()).toBe(before);

    const valid = await json<Report>(importFile(file, 'valid_only'));
    expect(valid).toMatchObject({ total: 3, valid: 2, imported: 2 });
    expect(await expertCount()).toBe(before + 2);
    const names = (await json<{ items: Array<{ name: string; disciplineCode: string; nationality: string }> }>(h.call('experts', '/experts?name=Weber', 'employer_handler'))).items;
    expect(names).toEqual([expect.objectContaining({ name: 'Karl Weber', nationality: 'DE', disciplineCode: '0805' })]);
    const audit = await h.db.query(`select 1 from audit.records where action = 'expert.import'`);
    expect(audit.rows).toHaveLength(2);
  });

  it('imports a clean file whole', async () => {
    const file = await workbook(header, [row('Lea Braun', 'D7654321'), row('Tim Koch', 'D7654322', { gender: '男', nationality: 'AT' })]);
    expect(await json(importFile(file, 'all'))).toMatchObject({ total: 2, valid: 2, imported: 2, refused: [] });
  });

  it.each([
    ['a file that is not a workbook', Buffer.from('%PDF-1.7 not a sheet').toString('base64'), '专家.xlsx', 'FILE_TYPE_NOT_ACCEPTED'],
    ['a ZIP named .xlsx that is no workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]).toString('base64'), '专家.xlsx', 'IMPORT_UNREADABLE'],
  ])('refuses %s', async (_name, content, filename, code) => {
    const before = await expertCount();
    const response = await importFile(content, 'all', 'employer_handler', filename);
    expect(response.status).toBe(400);
    expect((await json<ErrorBody>(response)).error.code).toBe(code);
    expect(await expertCount()).toBe(before);
  });

  it('refuses a sheet whose header is not the template’s, and an empty one', async () => {
    const wrong = await workbook(['Name', 'Passport'], [['Karl', 'X1234567']]);
    expect((await json<ErrorBody>(importFile(wrong, 'check'))).error.code).toBe('IMPORT_BAD_TEMPLATE');
    const empty = await workbook(header, []);
    expect((await json<ErrorBody>(importFile(empty, 'check'))).error.code).toBe('IMPORT_EMPTY');
  });

  it.each(['supervisor_bj', 'national_admin', 'support'])('refuses %s importing: employer units invite experts', async (user) => {
    const file = await workbook(header, [row('Nobody', 'Z1234567')]);
    expect((await importFile(file, 'check', user)).status).toBe(403);
  });

  it('exports the caller’s search only, with identifiers masked, and records the export', async () => {
    const response = await h.call('experts', `/experts/export?nationality=DE`, 'employer_handler');
    expect(response.headers.get('content-type')).toMatch(/spreadsheetml/);
    const rows = await sheetRows(response);
    expect(rows[0]).toEqual(['姓名', '中文名', '性别', '国籍', '护照号码', '学科领域', '境外工作单位', '来华次数', '最近来华', '计划来华']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Anna Schmidt', 'Karl Weber', 'Lea Braun', 'Uwe Roth']);
    expect(rows[1]).toEqual(['Anna Schmidt', '安娜·施密特', '女', '德国', 'C0*****47', '工学 / 计算机科学与技术', 'Technische Universität Berlin', '2', '2026-09-01', '']);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('C01X00T47');
    const other = await sheetRows(await h.call('experts', '/experts/export', 'employer_sh'));
    expect(other.slice(1).map((r) => r[0])).toEqual(['James Wilson', 'Maria Rossi']);
    const audit = await h.db.query<{ actor_username: string }>(`select actor_username from audit.records where action = 'expert.export' order by id`);
    expect(audit.rows.map((r) => r.actor_username)).toEqual(['employer_handler', 'employer_sh']);
  });
});
