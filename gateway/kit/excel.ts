// Excel in and out: exports of a search (plain text cells, Beijing time), import templates, and reading an
// uploaded workbook row by row for validation.
import ExcelJS from 'exceljs';
import { fileResponse } from './files.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const beijingTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `2026-11-28 09:30:05`, Beijing time. */
export function formatBeijingTime(iso: string | Date): string {
  const p = Object.fromEntries(beijingTime.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']}`;
}

export interface SheetColumn<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null | undefined;
}

/** A sheet ready to write: its columns' headers and widths, and each row's cells already taken from the data. */
export interface Sheet {
  name: string;
  columns: ReadonlyArray<{ header: string; width: number }>;
  rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

/** Excel keeps at most 32,767 characters in a cell. */
const cellText = (value: string | number | null | undefined): string | number => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return value.length > 32_000 ? `${value.slice(0, 32_000)}…` : value;
};

/** Rows of any shape laid out by their columns. */
export function sheetOf<T>(name: string, columns: readonly SheetColumn<T>[], rows: readonly T[]): Sheet {
  return {
    name,
    columns: columns.map(({ header, width }) => ({ header, width })),
    rows: rows.map((row) => columns.map((col) => cellText(col.value(row)))),
  };
}

/** A workbook of one or more sheets, header row bold and frozen. */
export async function workbookBytes(sheets: readonly Sheet[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((col) => ({ header: col.header, width: col.width }));
    ws.getRow(1).font = { bold: true };
    // Values go in as strings and numbers only: a cell that begins with `=` stays text, never a formula.
    for (const row of sheet.rows) ws.addRow([...row]);
  }
  // exceljs types its result loosely; in Node it is a Buffer, copied here into a plain byte array.
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as unknown as ArrayLike<number>);
}

/** A workbook as a download, named with the Beijing minute it was made (`专家库-202611281530.xlsx`). */
export function xlsxResponse(bytes: Uint8Array, baseName: string, headers: Record<string, string> = {}): Response {
  const stamp = formatBeijingTime(new Date()).replace(/[-: ]/g, '').slice(0, 12);
  return fileResponse(bytes, { filename: `${baseName}-${stamp}.xlsx`, contentType: XLSX_CONTENT_TYPE }, headers);
}

export interface SheetRow {
  /** The row number a person sees in Excel (the header is row 1). */
  row: number;
  cells: string[];
}

/** What a workbook could not be read as: not a workbook at all, or no sheet with a header row. */
export class UnreadableWorkbook extends Error {}

/** The text of a cell as a person typed it: dates as YYYY-MM-DD, rich text and hyperlinks as their text. */
function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return textOf(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

/**
 * The first sheet's header and data rows as text, skipping rows that are entirely empty. Reads at most
 * `maxRows` data rows; the caller refuses a longer file with its own message (`rows.length > maxRows`).
 */
export async function readFirstSheet(bytes: Uint8Array, maxRows: number): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableWorkbook('not an xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 1) throw new UnreadableWorkbook('no sheet');
  const headerRow = sheet.getRow(1);
  const width = headerRow.cellCount;
  const headers = Array.from({ length: width }, (_, i) => textOf(headerRow.getCell(i + 1).value));
  const rows: SheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount && rows.length <= maxRows; r++) {
    const row = sheet.getRow(r);
    const cells = Array.from({ length: width }, (_, i) => textOf(row.getCell(i + 1).value));
    if (cells.some((c) => c !== '')) rows.push({ row: r, cells });
  }
  return { headers, rows };
}
