// A notice's attachments on the way up: the same limits the server enforces (5 files, 5 MB, PDF/JPEG/PNG/DOCX/XLSX
// by content), checked before anything is sent, and each file read into base64 for the JSON body.

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** What the file picker offers; the content is still checked, since a name proves nothing. */
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

export type AttachmentProblem = 'tooLarge' | 'badType' | 'tooMany';

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Mirrors the server's check (mf-admin/api/notices.ts): PDF, JPEG, PNG by signature; DOCX/XLSX are ZIPs with that name. */
export function looksSupported(bytes: Uint8Array, filename: string): boolean {
  const name = filename.toLowerCase();
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return name.endsWith('.pdf');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return name.endsWith('.jpg') || name.endsWith('.jpeg');
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return name.endsWith('.png');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return name.endsWith('.docx') || name.endsWith('.xlsx');
  return false;
}

/** Why a file cannot be attached next to `alreadyChosen` others, or null when it can. */
export function problemOf(file: { name: string; size: number }, head: Uint8Array, alreadyChosen: number): AttachmentProblem | null {
  if (alreadyChosen >= MAX_ATTACHMENTS) return 'tooMany';
  if (file.size > MAX_ATTACHMENT_BYTES) return 'tooLarge';
  if (!looksSupported(head, file.name)) return 'badType';
  return null;
}

/** Base64 of bytes, in chunks (a 5 MB spread into String.fromCharCode would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A path separator would make the server refuse the name; browsers give bare names, but be sure. */
export function bareName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** `1.2 MB`, `340 KB`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
