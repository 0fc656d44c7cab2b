// Uploaded files (attachments, CVs, photos, spreadsheets to import): a file's type is judged by its bytes, never
// by its name or the browser's claim, and every file of a request is checked before anything is written.
import { z } from 'zod';
import { AppError, type Locale } from './errors.ts';
import { sizeText } from './body-limits.ts';
import { field, RULE_MESSAGES } from './fields.ts';
import { FILE_TYPES, type FileType } from './shared/file-types.ts';

// What may be uploaded anywhere in the system is the shared list the screens read too.
export { FILE_TYPES, type FileType } from './shared/file-types.ts';

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * The file's type from its content: PDF, JPEG and PNG by their signatures; DOCX and XLSX are ZIP archives,
 * so a ZIP signature counts only together with the matching file name (a bare .zip or .jar is not accepted).
 */
export function detectFileType(bytes: Uint8Array, filename: string): FileType | null {
  const name = filename.toLowerCase();
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (name.endsWith('.docx')) return 'docx';
    if (name.endsWith('.xlsx')) return 'xlsx';
  }
  return null;
}

/**
 * What a file name must not hold. A separator could point a download somewhere else on the reader's disk; control
 * characters break headers and logs; and the bidirectional controls (Unicode UAX #9: U+202A–U+202E embeddings and
 * overrides, U+2066–U+2069 isolates, U+200E/U+200F and U+061C marks) make a name read otherwise than it is —
 * "invoice\u202Efdp.exe" shows as "invoiceexe.pdf". Line and paragraph separators and the byte-order mark, too.
 */
export const UNSAFE_FILENAME_CHARACTERS = /[\\/\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/;

export function isSafeFilename(name: string): boolean {
  return !UNSAFE_FILENAME_CHARACTERS.test(name);
}

/** A file as a JSON body carries it: a name (never a path) and the content in base64. */
export const uploadedFile = z.object({
  filename: field.text(120).refine(isSafeFilename, { message: 'rule:filename' }),
  contentBase64: z.string().min(1),
});
export type UploadedFile = z.output<typeof uploadedFile>;

export interface AcceptedFile {
  filename: string;
  type: FileType;
  contentType: string;
  bytes: Buffer;
}

export interface UploadRules {
  accept: readonly FileType[];
  maxBytes: number;
  maxCount?: number;
  /** The form field the refusal is shown beside. */
  field: string;
  /** What the form calls these files (附件, 简历); 文件 / File when not said. */
  noun?: { 'zh-CN': string; 'en-US': string };
}

const typeList = (types: readonly FileType[]) => types.map((t) => t.toUpperCase()).join('、');

const nounOf = (rules: UploadRules) => rules.noun ?? { 'zh-CN': '文件', 'en-US': 'File' };

function refusal(code: string, zh: string, en: string, rules: UploadRules, locale: Locale): AppError {
  return new AppError(code, { status: 400, 'zh-CN': zh, 'en-US': en }).onField(rules.field, locale);
}

export const FileErrors = {
  type: (name: string, rules: UploadRules, locale: Locale) =>
    refusal(
      'FILE_TYPE_NOT_ACCEPTED',
      `${nounOf(rules)['zh-CN']}“${name}”的类型不受支持,仅支持 ${typeList(rules.accept)}`,
      `${nounOf(rules)['en-US']} "${name}" is not a supported type; only ${rules.accept.map((t) => t.toUpperCase()).join(', ')} are accepted`,
      rules,
      locale,
    ),
  extension: (name: string, actual: FileType, rules: UploadRules, locale: Locale) =>
    refusal(
      'FILE_EXTENSION_MISMATCH',
      `${nounOf(rules)['zh-CN']}“${name}”的内容是 ${actual.toUpperCase()} 文件,与文件扩展名不符,请改正扩展名后重新上传`,
      `${nounOf(rules)['en-US']} "${name}" is a ${actual.toUpperCase()} file but its name says otherwise; correct the extension and upload it again`,
      rules,
      locale,
    ),
  size: (name: string, rules: UploadRules, locale: Locale) =>
    refusal(
      'FILE_TOO_LARGE',
      `${nounOf(rules)['zh-CN']}“${name}”超过 ${sizeText(rules.maxBytes)},请压缩或拆分后重新上传`,
      `${nounOf(rules)['en-US']} "${name}" is larger than ${sizeText(rules.maxBytes)}; compress or split it`,
      rules,
      locale,
    ),
  encoding: (name: string, rules: UploadRules, locale: Locale) =>
    refusal(
      'FILE_UNREADABLE',
      `${nounOf(rules)['zh-CN']}“${name}”的内容无法读取(不是有效的 Base64 编码),请重新选择文件`,
      `${nounOf(rules)['en-US']} "${name}" could not be read (not valid base64); choose the file again`,
      rules,
      locale,
    ),
  /** A name with a separator, a control or a direction-changing character (UNSAFE_FILENAME_CHARACTERS). */
  name: (rules: UploadRules, locale: Locale) =>
    refusal(
      'FILE_NAME_NOT_ACCEPTED',
      `${nounOf(rules)['zh-CN']}的文件名${RULE_MESSAGES.filename['zh-CN']},请重命名后重新上传`,
      `The ${nounOf(rules)['en-US'].toLowerCase()}'s name ${RULE_MESSAGES.filename['en-US']}; rename it and upload it again`,
      rules,
      locale,
    ),
  count: (rules: UploadRules, locale: Locale) =>
    refusal(
      'FILE_TOO_MANY',
      `${nounOf(rules)['zh-CN']}:最多上传 ${rules.maxCount} 个文件`,
      `${nounOf(rules)['en-US']}: at most ${rules.maxCount} files`,
      rules,
      locale,
    ),
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes and checks one file: size (known from the length, before decoding), encoding, content type, name. */
export function acceptUpload(file: UploadedFile, rules: UploadRules, locale: Locale): AcceptedFile {
  const { filename } = file;
  // Checked again here, first, for callers that build an UploadedFile without the schema: the name is echoed in
  // every refusal below and stored for downloads.
  if (!isSafeFilename(filename)) throw FileErrors.name(rules, locale);
  const encoded = file.contentBase64.replace(/\s+/g, '');
  const padding = encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0;
  if ((encoded.length / 4) * 3 - padding > rules.maxBytes) throw FileErrors.size(filename, rules, locale);
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) throw FileErrors.encoding(filename, rules, locale);
  const bytes = Buffer.from(encoded, 'base64');
  const type = detectFileType(bytes, filename);
  if (!type || !rules.accept.includes(type)) throw FileErrors.type(filename, rules, locale);
  if (!FILE_TYPES[type].extensions.some((ext) => filename.toLowerCase().endsWith(ext))) {
    throw FileErrors.extension(filename, type, rules, locale);
  }
  return { filename, type, contentType: FILE_TYPES[type].contentType, bytes };
}

/** Every file of a request, all checked before the caller writes any: one bad file refuses them all. */
export function acceptUploads(files: readonly UploadedFile[], rules: UploadRules, locale: Locale): AcceptedFile[] {
  if (rules.maxCount !== undefined && files.length > rules.maxCount) throw FileErrors.count(rules, locale);
  return files.map((file) => acceptUpload(file, rules, locale));
}

/** RFC 5987 / 6266: the UTF-8 name percent-encoded, with the few characters encodeURIComponent leaves alone. */
export function contentDisposition(filename: string): string {
  // A name stored before uploads were checked still never reaches a browser with a direction-changing character.
  const encoded = encodeURIComponent(filename.replace(new RegExp(UNSAFE_FILENAME_CHARACTERS.source, 'g'), '')).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename*=UTF-8''${encoded}`;
}

/** A stored file as a download: the type its bytes were checked against, and no sniffing or caching. */
export function fileResponse(content: Uint8Array, file: { filename: string; contentType: string }, headers: Record<string, string> = {}): Response {
  const bytes = new Uint8Array(content);
  return new Response(bytes, {
    headers: {
      'content-type': file.contentType,
      'content-length': String(bytes.byteLength),
      'content-disposition': contentDisposition(file.filename),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      ...headers,
    },
  });
}
