// A plan's files on the way up as JSON (`{ slot, file: { filename, contentBase64 } }`): what each slot accepts,
// checked before anything is sent so a wrong file is refused at once (the server checks again by content).
import type { FileType } from './plan-types.ts';

const MB = 1024 * 1024;

/** What the file picker offers per type; the server checks the content again. */
const ACCEPT: Record<FileType, string[]> = {
  pdf: ['.pdf', 'application/pdf'],
  jpeg: ['.jpg', '.jpeg', 'image/jpeg'],
  png: ['.png', 'image/png'],
  docx: ['.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
};

export interface SlotRule {
  types: readonly FileType[];
  maxBytes: number;
}

/** Tables as images: JPG/PNG up to 5 MB; a contract: PDF/JPG/PNG up to 10 MB (api.md). */
export const IMAGE_RULE: SlotRule = { types: ['jpeg', 'png'], maxBytes: 5 * MB };
export const CONTRACT_RULE: SlotRule = { types: ['pdf', 'jpeg', 'png'], maxBytes: 10 * MB };

export function acceptOf(types: readonly FileType[]): string {
  return types.flatMap((t) => ACCEPT[t] ?? []).join(',');
}

/** `PDF / JPG / PNG` for the hint beside an upload. */
export function typeNames(types: readonly FileType[]): string {
  return types.map((t) => (t === 'jpeg' ? 'JPG' : t.toUpperCase())).join(' / ');
}

/** The type a file name says; the server trusts only the content, this only spares a pointless upload. */
export function typeOfName(name: string): FileType | null {
  const lower = name.toLowerCase();
  for (const [type, list] of Object.entries(ACCEPT) as Array<[FileType, string[]]>) {
    if (list.some((ext) => ext.startsWith('.') && lower.endsWith(ext))) return type;
  }
  return null;
}

export type UploadProblem = 'empty' | 'tooLarge' | 'badType';

export function uploadProblem(rule: SlotRule, file: { name: string; size: number }): UploadProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > rule.maxBytes) return 'tooLarge';
  const type = typeOfName(file.name);
  return type && rule.types.includes(type) ? null : 'badType';
}

/** Base64 in chunks (spreading 10 MB into String.fromCharCode would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The JSON body of POST /plans/:id/files. */
export async function uploadRequest(slot: string, file: File): Promise<{ slot: string; file: { filename: string; contentBase64: string } }> {
  const filename = file.name.split(/[\\/]/).pop() ?? file.name;
  return { slot, file: { filename, contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())) } };
}

/** `1.2 MB`, `340 KB`. */
export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

