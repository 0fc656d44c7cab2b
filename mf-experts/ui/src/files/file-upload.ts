// Files on the way up as JSON (`{ filename, contentBase64 }`): the limits the server enforces (an expert's CV and
// photo, the import workbook), checked before anything is sent so a wrong file is refused at once; the server
// checks again by content.
import type { FileKind } from '../expert-types.ts';

export type FileFormat = 'pdf' | 'jpeg' | 'png' | 'xlsx';

export interface FileRule {
  formats: readonly FileFormat[];
  maxBytes: number;
  /** What the file picker offers; the content is still checked, a name proves nothing. */
  accept: string;
}

const MB = 1024 * 1024;

/** mf-experts/api/expert-files.ts FILE_RULES and the import's limit. */
export const FILE_RULES: Record<FileKind | 'import', FileRule> = {
  cv: { formats: ['pdf'], maxBytes: 10 * MB, accept: '.pdf,application/pdf' },
  photo: { formats: ['jpeg', 'png'], maxBytes: 2 * MB, accept: '.jpg,.jpeg,.png,image/jpeg,image/png' },
  import: { formats: ['xlsx'], maxBytes: 5 * MB, accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
};

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The format the first bytes and the name agree on; an .xlsx is a ZIP by that name. */
export function formatOf(head: Uint8Array, filename: string): FileFormat | null {
  const name = filename.toLowerCase();
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return name.endsWith('.pdf') ? 'pdf' : null;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return name.endsWith('.jpg') || name.endsWith('.jpeg') ? 'jpeg' : null;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return name.endsWith('.png') ? 'png' : null;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return name.endsWith('.xlsx') ? 'xlsx' : null;
  return null;
}

export type FileProblem = 'empty' | 'tooLarge' | 'badType';

/** Why a file cannot go up under a rule, or null when it can. `head` is at least its first 8 bytes. */
export function fileProblem(rule: FileRule, file: { name: string; size: number }, head: Uint8Array): FileProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > rule.maxBytes) return 'tooLarge';
  const format = formatOf(head, file.name);
  return format && rule.formats.includes(format) ? null : 'badType';
}

/** Base64 of bytes, in chunks (a 10 MB spread into String.fromCharCode would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A path separator would make the server refuse the name; browsers give bare names, but be sure. */
export function bareName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** The JSON body of an upload. */
export async function uploadBody(file: File): Promise<{ filename: string; contentBase64: string }> {
  return { filename: bareName(file.name), contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** `1.2 MB`, `340 KB`. */
export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** GET downloads, PUT replaces, DELETE removes. */
export function expertFileUrl(expertId: string, kind: FileKind): string {
  return `/api/experts/experts/${encodeURIComponent(expertId)}/files/${kind}`;
}
