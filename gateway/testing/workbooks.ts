// Test equipment: workbooks written byte by byte (node:zlib, PKWARE's APPNOTE), so tests can make what no
// spreadsheet program would — a zip bomb, an archive that lies about its sizes — without holding it unpacked.
import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface Part {
  name: string;
  packed: Buffer;
  method: 0 | 8;
  crc: number;
  unpacked: number;
  flags?: number;
}

export const deflated = (name: string, text: string): Part => {
  const data = Buffer.from(text, 'utf8');
  return { name, packed: deflateRawSync(data), method: 8, crc: crc32(data), unpacked: data.length };
};

/** A zip archive of these parts, written as PKWARE's APPNOTE says (sizes in the local headers, no ZIP64). */
export function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.flags ?? 0, 6);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(part.crc, 14);
    local.writeUInt32LE(part.packed.length, 18);
    local.writeUInt32LE(part.unpacked, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, part.packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(part.flags ?? 0, 8);
    entry.writeUInt16LE(part.method, 10);
    entry.writeUInt32LE(part.crc, 16);
    entry.writeUInt32LE(part.packed.length, 20);
    entry.writeUInt32LE(part.unpacked, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + part.packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts every workbook has around its sheets; `order` lists the sheets' part numbers as workbook.xml does. */
export function skeleton(order: number[] = [1]): Part[] {
  return [
    deflated('[Content_Types].xml', `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
    deflated('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`),
    deflated(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${order
        .map((n) => `<sheet name="表${n}" sheetId="${n}" r:id="rId${n}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    deflated(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${order
        .map((n) => `<Relationship Id="rId${n}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`)
        .join('')}</Relationships>`,
    ),
  ];
}

export const inlineRow = (r: number, values: string[]) =>
  `<row r="${r}">${values.map((v, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
export const sheetXml = (rows: string[][]) => `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${rows.map((r, i) => inlineRow(i + 1, r)).join('')}</sheetData></worksheet>`;

/**
 * A sheet part whose XML repeats `row` (or the rows `rows` makes, a thousand at a time) until it is `bytes` long,
 * deflated as it is generated (never held whole).
 */
export async function repeatedSheet(name: string, bytes: number, row: string | ((batch: number) => string)): Promise<Part> {
  const head = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>`);
  let batch = 0;
  const next = () => Buffer.from(typeof row === 'string' ? row.repeat(Math.ceil((1024 * 1024) / row.length)) : row(batch++));
  const fixed = typeof row === 'string' ? next() : undefined;
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  let crc = crc32(head);
  let size = head.length;
  deflate.write(head);
  while (size < bytes) {
    const chunk = fixed ?? next();
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return { name, packed: Buffer.concat(out), method: 8, crc, unpacked: size };
}
