import { describe, expect, it } from 'vitest';
import { FILE_RULES, bareName, expertFileUrl, fileProblem, formatOf, formatSize, toBase64 } from './file-upload.ts';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);

describe('file uploads', () => {
  it('knows a format only when content and name agree', () => {
    expect(formatOf(PDF, 'cv.PDF')).toBe('pdf');
    expect(formatOf(PDF, 'cv.docx')).toBeNull();
    expect(formatOf(JPEG, 'a.jpeg')).toBe('jpeg');
    expect(formatOf(PNG, 'a.png')).toBe('png');
    expect(formatOf(ZIP, '导入.xlsx')).toBe('xlsx');
    expect(formatOf(ZIP, 'a.docx')).toBeNull();
    expect(formatOf(new Uint8Array(8), 'a.pdf')).toBeNull();
  });

  it('refuses a CV that is not a PDF or above 10 MB', () => {
    expect(fileProblem(FILE_RULES.cv, { name: 'cv.pdf', size: 1000 }, PDF)).toBeNull();
    expect(fileProblem(FILE_RULES.cv, { name: 'cv.pdf', size: 10 * 1024 * 1024 + 1 }, PDF)).toBe('tooLarge');
    expect(fileProblem(FILE_RULES.cv, { name: 'cv.png', size: 1000 }, PNG)).toBe('badType');
    expect(fileProblem(FILE_RULES.cv, { name: 'cv.pdf', size: 0 }, PDF)).toBe('empty');
  });

  it('takes a JPEG or PNG photo up to 2 MB', () => {
    expect(fileProblem(FILE_RULES.photo, { name: 'p.jpg', size: 2 * 1024 * 1024 }, JPEG)).toBeNull();
    expect(fileProblem(FILE_RULES.photo, { name: 'p.png', size: 2 * 1024 * 1024 + 1 }, PNG)).toBe('tooLarge');
    expect(fileProblem(FILE_RULES.photo, { name: 'p.pdf', size: 10 }, PDF)).toBe('badType');
  });

  it('takes only an .xlsx to import', () => {
    expect(fileProblem(FILE_RULES.import, { name: 'experts.xlsx', size: 5000 }, ZIP)).toBeNull();
    expect(fileProblem(FILE_RULES.import, { name: 'experts.xls', size: 5000 }, ZIP)).toBe('badType');
  });

  it('encodes large files without overflowing', () => {
    expect(toBase64(new TextEncoder().encode('专家'))).toBe(Buffer.from('专家').toString('base64'));
    const big = new Uint8Array(200_000).fill(65);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('names, sizes and addresses files', () => {
    expect(bareName('C:\\fakepath\\cv.pdf')).toBe('cv.pdf');
    expect(formatSize(1536 * 1024)).toBe('1.5 MB');
    expect(formatSize(100)).toBe('1 KB');
    expect(expertFileUrl('e 1', 'cv')).toBe('/api/experts/experts/e%201/files/cv');
  });
});
