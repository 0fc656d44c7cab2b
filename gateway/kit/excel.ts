// Excel in and out: exports of a search (plain text cells, Beijing time), import templates, and reading an
// uploaded workbook row by row for validation.
import { Readable } from 'node:stream';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError, defineErrors } from './errors.ts';
import { fileResponse } from './files.ts';
import { formatShanghaiDateTimeSeconds } from './shared/dates.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `2026-11-28 09:30:05`, Beijing time. */
export function formatBeijingTime(iso: string | Date): string {
  return formatShanghaiDateTimeSeconds(iso);
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

/**
 * What an uploaded workbook may hold once unpacked. A few megabytes of .xlsx can unpack to hundreds (a "zip
 * bomb"): these bound what is inflated and parsed, whatever the archive declares. An import of 2,000 rows of the
 * expert template unpacks to about 2 MB.
 */
export const WORKBOOK_LIMITS = {
  /** Everything the archive declares, unpacked, and everything actually inflated while reading. */
  maxUnpackedBytes: 20 * 1024 * 1024,
  /** Parts of the archive; a workbook from Excel, WPS or LibreOffice has a few dozen. */
  maxEntries: 500,
  /** Unpacked : packed, for any part over 1 MB; spreadsheet XML packs some 10–30 to one. */
  maxRatio: 200,
} as const;
const RATIO_CHECKED_FROM = 1024 * 1024;

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const WorkbookErrors = defineErrors({
  WORKBOOK_TOO_LARGE: {
    status: 400,
    'zh-CN': `导入文件解压后超过 ${mb(WORKBOOK_LIMITS.maxUnpackedBytes)},请删除多余的工作表、图片或格式,或拆分后分批导入`,
    'en-US': `The workbook is larger than ${mb(WORKBOOK_LIMITS.maxUnpackedBytes)} once unpacked; remove extra sheets, pictures or formatting, or split it`,
  },
  WORKBOOK_TOO_MANY_PARTS: {
    status: 400,
    'zh-CN': `导入文件内含超过 ${WORKBOOK_LIMITS.maxEntries} 个部件,不是可导入的工作簿;请使用下载的模板`,
    'en-US': `The workbook holds more than ${WORKBOOK_LIMITS.maxEntries} parts, so it cannot be imported; use the downloaded template`,
  },
  WORKBOOK_RATIO: {
    status: 400,
    'zh-CN': `导入文件的压缩比异常(超过 ${WORKBOOK_LIMITS.maxRatio} 倍),已拒绝;请使用下载的模板重新填写`,
    'en-US': `The workbook is packed more than ${WORKBOOK_LIMITS.maxRatio} to one, which no real sheet is; fill in the downloaded template again`,
  },
});

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  packed: number;
  unpacked: number;
  /** Where the packed bytes start and end in the archive. */
  data: [number, number];
}

/**
 * The archive's central directory, checked against the limits before anything is inflated (PKWARE APPNOTE
 * 4.3.12 and 4.3.16). ZIP64 is not read: a workbook that needs it is far over the limits anyway.
 */
function centralDirectory(bytes: Buffer): ZipEntry[] {
  const fail = (why: string) => new UnreadableWorkbook(why);
  if (bytes.length < 22) throw fail('too short for a zip');
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw fail('no end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw fail('zip64');
  if (count > WORKBOOK_LIMITS.maxEntries) throw WorkbookErrors.WORKBOOK_TOO_MANY_PARTS();
  if (offset + size > end) throw fail('central directory outside the archive');
  const entries: ZipEntry[] = [];
  let declared = 0;
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) throw fail('broken central directory');
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const packed = bytes.readUInt32LE(at + 20);
    const unpacked = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (flags & 0x1) throw fail('encrypted');
    if (method !== 0 && method !== 8) throw fail('unknown compression');
    if (packed === 0xffffffff || unpacked === 0xffffffff) throw fail('zip64');
    declared += unpacked;
    if (unpacked > WORKBOOK_LIMITS.maxUnpackedBytes || declared > WORKBOOK_LIMITS.maxUnpackedBytes) throw WorkbookErrors.WORKBOOK_TOO_LARGE();
    if (unpacked > RATIO_CHECKED_FROM && unpacked > packed * WORKBOOK_LIMITS.maxRatio) throw WorkbookErrors.WORKBOOK_RATIO();
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw fail('broken local header');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + packed > bytes.length) throw fail('entry outside the archive');
    entries.push({ name, method, crc, packed, unpacked, data: [start, start + packed] });
  }
  return entries;
}

/**
 * Inflates an entry counting, never keeping more than a chunk: declared sizes can lie, so what an entry really
 * unpacks to is measured, and reading stops at the first byte past what it declared or past the budget left.
 */
async function measure(bytes: Buffer, entry: ZipEntry, budget: number): Promise<number> {
  const packed = bytes.subarray(...entry.data);
  if (entry.method === 0) {
    if (entry.packed !== entry.unpacked) throw new UnreadableWorkbook('stored entry sizes differ');
    return entry.packed;
  }
  const inflate = createInflateRaw();
  let total = 0;
  const measured = new Promise<number>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) {
        inflate.destroy();
        reject(WorkbookErrors.WORKBOOK_TOO_LARGE());
      } else if (total > entry.unpacked) {
        inflate.destroy();
        reject(new UnreadableWorkbook(`${entry.name} unpacks to more than it declares`));
      }
    });
    inflate.on('error', () => reject(new UnreadableWorkbook(`${entry.name} does not inflate`)));
    inflate.on('end', () => resolve(total));
  });
  inflate.end(packed);
  const size = await measured;
  if (size !== entry.unpacked) throw new UnreadableWorkbook(`${entry.name} unpacks to less than it declares`);
  return size;
}

/** A local file header and its packed bytes, as a streaming zip reader expects them (APPNOTE 4.3.7). */
function localEntry(name: string, entry: Pick<ZipEntry, 'method' | 'crc' | 'packed' | 'unpacked'>, packed: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  // Bit 11: the name is UTF-8. Sizes are in the header itself, so no data descriptor follows.
  header.writeUInt16LE(0x0800, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.packed, 18);
  header.writeUInt32LE(entry.unpacked, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, packed]);
}

function storedEntry(name: string, text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  return localEntry(name, { method: 0, crc: crc32(data), packed: data.length, unpacked: data.length }, data);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The part name of the workbook's first sheet (in the order of workbook.xml), from the two small parts that say. */
function firstSheetPart(workbookXml: string, relsXml: string): string | undefined {
  const sheet = /<(?:\w+:)?sheet\b[^>]*>/.exec(workbookXml)?.[0];
  const relId = sheet && /\s\w+:id\s*=\s*"([^"]*)"/.exec(sheet)?.[1];
  if (!relId) return undefined;
  for (const [tag] of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    if (/\sId\s*=\s*"([^"]*)"/.exec(tag)?.[1] !== relId) continue;
    const target = /\sTarget\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    if (!target) return undefined;
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  return undefined;
}

/**
 * The parts a streaming reader needs, checked and re-laid in the order it reads them without temporary files:
 * the workbook's relationships, the workbook, shared strings and styles (empty ones where the file has none), then
 * the first sheet under the name the reader looks for. Only what was measured reaches the reader.
 */
async function boundedWorkbook(bytes: Buffer): Promise<Buffer> {
  const entries = centralDirectory(bytes);
  const byName = new Map(entries.map((e) => [e.name, e]));
  let budget = WORKBOOK_LIMITS.maxUnpackedBytes;
  const textOfPart = async (entry: ZipEntry | undefined): Promise<string> => {
    if (!entry) return '';
    budget -= await measure(bytes, entry, budget);
    const packed = bytes.subarray(...entry.data);
    return (entry.method === 0 ? packed : inflateRawSync(packed, { maxOutputLength: entry.unpacked + 1 })).toString('utf8');
  };
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  const workbook = byName.get('xl/workbook.xml');
  const sheetName = firstSheetPart(await textOfPart(workbook), await textOfPart(rels));
  const sheet =
    (sheetName && byName.get(sheetName)) ||
    entries
      .filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))
      .sort((a, b) => parseInt(a.name.slice(19), 10) - parseInt(b.name.slice(19), 10))[0];
  if (!sheet) throw new UnreadableWorkbook('no sheet');
  const parts: Buffer[] = [];
  const copy = async (name: string, entry: ZipEntry | undefined, empty: string) => {
    if (!entry) return parts.push(storedEntry(name, empty));
    budget -= await measure(bytes, entry, budget);
    parts.push(localEntry(name, entry, bytes.subarray(...entry.data)));
  };
  parts.push(rels ? localEntry(rels.name, rels, bytes.subarray(...rels.data)) : storedEntry('xl/_rels/workbook.xml.rels', `<Relationships xmlns="${RELS_NS}"/>`));
  if (workbook) parts.push(localEntry(workbook.name, workbook, bytes.subarray(...workbook.data)));
  await copy('xl/sharedStrings.xml', byName.get('xl/sharedStrings.xml'), `<sst xmlns="${MAIN_NS}"/>`);
  await copy('xl/styles.xml', byName.get('xl/styles.xml'), `<styleSheet xmlns="${MAIN_NS}"/>`);
  await copy('xl/worksheets/sheet1.xml', sheet, '');
  return Buffer.concat(parts);
}

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
 * `maxRows + 1` data rows and stops there: the caller refuses a longer file with its own message
 * (`rows.length > maxRows`). What the archive unpacks to is bounded by WORKBOOK_LIMITS before and while reading
 * (WorkbookErrors); a file that is no workbook is UnreadableWorkbook.
 */
export async function readFirstSheet(bytes: Uint8Array, maxRows: number): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const archive = await boundedWorkbook(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([archive]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles say which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let headers: string[] | undefined;
  const rows: SheetRow[] = [];
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        if (headers === undefined) {
          // Row 1 is the header; a sheet whose first row is further down has none.
          headers = row.number === 1 ? Array.from({ length: row.cellCount }, (_, i) => textOf(row.getCell(i + 1).value)) : [];
          if (row.number === 1) continue;
        }
        const cells = Array.from({ length: headers.length }, (_, i) => textOf(row.getCell(i + 1).value));
        if (cells.some((c) => c !== '')) rows.push({ row: row.number, cells });
        if (rows.length > maxRows) break;
      }
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new UnreadableWorkbook('not an xlsx workbook');
  }
  if (headers === undefined) throw new UnreadableWorkbook('no sheet');
  return { headers, rows };
}
