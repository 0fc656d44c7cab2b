// The publish form's own checks must agree with the server's: same types, same limits.
import { describe, expect, it } from 'vitest';
import { bareName, formatSize, looksSupported, MAX_ATTACHMENT_BYTES, problemOf, toBase64 } from './attachments.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const PDF = new TextEncoder().encode('%PDF-1.7');
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 1);

describe('notice attachments on the client', () => {
  it.each([
    [PDF, 'a.pdf', true],
    [bytes(0xff, 0xd8, 0xff, 0xe0), 'photo.JPG', true],
    [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'a.png', true],
    [ZIP, 'a.docx', true],
    [ZIP, 'a.xlsx', true],
    [ZIP, 'a.zip', false],
    [bytes(0x4d, 0x5a, 0x90), 'setup.pdf', false],
    [PDF, 'a.png', false],
    [bytes(), 'empty.pdf', false],
  ] as const)('judges %s named %s by its content: %s', (head, name, ok) => {
    expect(looksSupported(head, name)).toBe(ok);
  });

  it('refuses a sixth file, a file over 5 MB, and a disguised one, in that order', () => {
    expect(problemOf({ name: 'a.pdf', size: 10 }, PDF, 5)).toBe('tooMany');
    expect(problemOf({ name: 'a.pdf', size: MAX_ATTACHMENT_BYTES + 1 }, PDF, 0)).toBe('tooLarge');
    expect(problemOf({ name: 'a.pdf', size: MAX_ATTACHMENT_BYTES }, PDF, 4)).toBeNull();
    expect(problemOf({ name: 'x.pdf', size: 3 }, bytes(0x4d, 0x5a, 0x90), 0)).toBe('badType');
  });

  it('encodes large files to the same base64 as Node', () => {
    const big = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('keeps names bare and sizes readable', () => {
    expect(bareName('C:\\Users\\me\\通知.pdf')).toBe('通知.pdf');
    expect(formatSize(1536)).toBe('2 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
