import { describe, expect, it } from 'vitest';
import { CONTRACT_RULE, IMAGE_RULE, acceptOf, formatSize, toBase64, typeNames, typeOfName, uploadProblem } from './plan-files.ts';

describe('plan files', () => {
  it('refuses before sending what the slot cannot take', () => {
    expect(uploadProblem(IMAGE_RULE, { name: 'budget.png', size: 1000 })).toBeNull();
    expect(uploadProblem(IMAGE_RULE, { name: 'budget.JPG', size: 1000 })).toBeNull();
    expect(uploadProblem(IMAGE_RULE, { name: 'budget.pdf', size: 1000 })).toBe('badType');
    expect(uploadProblem(IMAGE_RULE, { name: 'budget.png', size: 6 * 1024 * 1024 })).toBe('tooLarge');
    expect(uploadProblem(CONTRACT_RULE, { name: 'contract.pdf', size: 0 })).toBe('empty');
    expect(uploadProblem(CONTRACT_RULE, { name: 'contract.pdf', size: 9 * 1024 * 1024 })).toBeNull();
    expect(uploadProblem({ types: ['xlsx'], maxBytes: 1024 }, { name: 'noext', size: 10 })).toBe('badType');
  });

  it('tells the picker and the person which types are accepted', () => {
    expect(acceptOf(['pdf', 'jpeg'])).toBe('.pdf,application/pdf,.jpg,.jpeg,image/jpeg');
    expect(typeNames(['pdf', 'jpeg', 'png'])).toBe('PDF / JPG / PNG');
    expect(typeOfName('a.docx')).toBe('docx');
  });

  it('encodes bytes as base64, large files included', () => {
    expect(toBase64(new TextEncoder().encode('%PDF-'))).toBe('JVBERi0=');
    const big = new Uint8Array(200_000).fill(65);
    expect(atob(toBase64(big)).length).toBe(200_000);
  });

  it('reads sizes in KB and MB', () => {
    expect(formatSize(340 * 1024)).toBe('340 KB');
    expect(formatSize(12)).toBe('1 KB');
    expect(formatSize(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });
});
