// File names: a name that reads otherwise than it is ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"), or that
// carries a path or a control character, is refused wherever a file arrives — the kit's uploadedFile schema,
// acceptUpload, and so every upload route — with the field named in the caller's language; and a stored name
// never reaches a download header with such a character.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF, planApi, PNG } from '../../mf-projects/api/testing/plans.ts';
import { AppError } from './errors.ts';
import { acceptUpload, contentDisposition, isSafeFilename, uploadedFile, type UploadRules } from './files.ts';
import { validate } from './http.ts';
import { type ErrorBody, type Harness, json, moduleHarness } from '@wgzj/gateway/testing';

const RULES: UploadRules = { accept: ['pdf', 'png'], maxBytes: 1024 * 1024, field: 'file', noun: { 'zh-CN': '附件', 'en-US': 'Attachment' } };
const LABELS = { filename: { 'zh-CN': '文件名', 'en-US': 'File name' } };

/** Every character that changes how the text around it is laid out (UAX #9), and the other invisible troublemakers. */
const DIRECTION_CHARACTERS = [
  ['U+202A LRE', '\u202a'],
  ['U+202B RLE', '\u202b'],
  ['U+202C PDF', '\u202c'],
  ['U+202D LRO', '\u202d'],
  ['U+202E RLO', '\u202e'],
  ['U+2066 LRI', '\u2066'],
  ['U+2067 RLI', '\u2067'],
  ['U+2068 FSI', '\u2068'],
  ['U+2069 PDI', '\u2069'],
  ['U+200E LRM', '\u200e'],
  ['U+200F RLM', '\u200f'],
  ['U+061C ALM', '\u061c'],
] as const;
const OTHER_UNSAFE = [
  ['a slash', '/'],
  ['a backslash', '\\'],
  ['NUL', '\u0000'],
  ['a newline', '\n'],
  ['a tab', '\t'],
  ['DEL', '\u007f'],
  ['a C1 control (U+0085)', '\u0085'],
  ['U+2028 line separator', '\u2028'],
  ['U+2029 paragraph separator', '\u2029'],
  ['U+FEFF byte-order mark', '\ufeff'],
] as const;

describe('a file name in the kit', () => {
  it.each([...DIRECTION_CHARACTERS, ...OTHER_UNSAFE])('refuses %s in the uploadedFile schema, naming the field in the caller’s language', (_what, ch) => {
    const input = { filename: `invoice${ch}fdp.exe`, contentBase64: PDF };
    for (const [locale, text] of [
      // NUL is refused before any rule, as text no field may hold (http.ts), still naming the field.
      ['zh-CN', ch === '\u0000' ? /^文件名:不能包含空字符\(U\+0000\)/ : /^文件名:不能包含路径分隔符.*改变文字方向的字符/],
      ['en-US', ch === '\u0000' ? /^File name: must not contain the NUL character/ : /^File name: must not contain .*text direction/],
    ] as const) {
      const error = (() => {
        try {
          validate(uploadedFile, input, locale, LABELS);
        } catch (e) {
          return e as AppError;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(AppError);
      expect(error!.status).toBe(400);
      expect(error!.fields).toEqual([{ field: 'filename', message: expect.stringMatching(text) }]);
    }
  });

  it.each([...DIRECTION_CHARACTERS, ...OTHER_UNSAFE])('refuses %s in acceptUpload too, for a caller that skipped the schema', (_what, ch) => {
    const refuse = (locale: 'zh-CN' | 'en-US') => {
      try {
        acceptUpload({ filename: `invoice${ch}fdp.pdf`, contentBase64: PDF }, RULES, locale);
      } catch (e) {
        return e as AppError;
      }
      return null;
    };
    expect(refuse('zh-CN')).toMatchObject({ code: 'FILE_NAME_NOT_ACCEPTED', fields: [{ field: 'file', message: expect.stringMatching(/^附件的文件名不能包含/) }] });
    expect(refuse('en-US')?.fields[0]?.message).toMatch(/^The attachment's name must not contain/);
  });

  it.each(['盖章页.pdf', 'Lebenslauf Müller (2026).pdf', 'سيرة ذاتية.pdf', 'קורות חיים.pdf', 'résumé_v2.final.pdf', '👩‍🔬 CV.pdf'])(
    'accepts %s: letters of any script, spaces and punctuation are names',
    (name) => {
      expect(isSafeFilename(name)).toBe(true);
      expect(acceptUpload({ filename: name, contentBase64: PDF }, RULES, 'zh-CN').filename).toBe(name);
    },
  );

  it('keeps a direction-changing character stored before these checks out of the download header', () => {
    expect(contentDisposition('invoice\u202efdp.exe')).toBe("attachment; filename*=UTF-8''invoicefdp.exe");
    expect(contentDisposition('a\u2066b\u2069\u200e.pdf')).toBe("attachment; filename*=UTF-8''ab.pdf");
    expect(contentDisposition('盖章页.pdf')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('盖章页.pdf')}`);
  });
});

describe('every upload route refuses such a name and stores nothing', () => {
  let h: Harness;
  let planId: string;
  let expertId: string;
  const BAD = 'invoice\u202efdp.pdf';

  beforeAll(async () => {
    h = await moduleHarness(['admin', 'experts', 'projects']);
    const api = planApi(h);
    planId = await api.create('employer_handler', 'young_foreign_talent', '文件名测试计划');
    expertId = (await api.expertsOf('employer_handler'))[0]!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  const send = (area: string, method: string, path: string, as: string, body: unknown, locale = 'zh-CN') =>
    h.call(area, path, as, { method, locale, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const count = async (sql: string) => (await h.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`)).rows[0]!.n;

  const routes = [
    {
      what: 'a plan’s attachment (POST /api/projects/plans/:id/files)',
      field: 'file.filename',
      label: /^文件名:/,
      send: (filename: string, locale?: string) =>
        send('projects', 'POST', `/plans/${planId}/files`, 'employer_handler', { slot: 'attachment:application', file: { filename, contentBase64: PDF } }, locale),
      stored: () => count('projects.plan_files'),
    },
    {
      what: 'an expert’s CV (PUT /api/experts/experts/:id/files/cv)',
      field: 'filename',
      label: /^文件名:/,
      send: (filename: string, locale?: string) => send('experts', 'PUT', `/experts/${expertId}/files/cv`, 'employer_handler', { filename, contentBase64: PDF }, locale),
      stored: () => count('experts.files'),
    },
    {
      what: 'a notice’s attachment (POST /api/admin/notices)',
      field: 'attachments.0.filename',
      label: /^附件文件名:/,
      send: (filename: string, locale?: string) =>
        send('admin', 'POST', '/notices', 'national_admin', { title: '文件名测试通知', body: '正文', attachments: [{ filename, contentBase64: PDF }] }, locale),
      stored: () => count('admin.notice_attachments'),
    },
    {
      what: 'an expert import (POST /api/experts/experts/import)',
      field: 'filename',
      label: /^文件名:/,
      send: (filename: string, locale?: string) => send('experts', 'POST', '/experts/import', 'employer_handler', { filename, contentBase64: PNG, mode: 'all' }, locale),
      stored: () => count('experts.experts'),
    },
  ];

  it.each(routes)('refuses it for $what, naming the field in both languages', async (route) => {
    const before = await route.stored();
    const zh = await route.send(BAD);
    expect(zh.status).toBe(400);
    const body = await json<ErrorBody>(zh);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields).toEqual([{ field: route.field, message: expect.stringMatching(route.label) }]);
    expect(body.error.fields![0]!.message).toContain('改变文字方向的字符');
    const en = await json<ErrorBody>(route.send(BAD, 'en-US'));
    expect(en.error.fields![0]!.message).toContain('change the text direction');
    expect(await route.stored()).toBe(before);
  });

  it.each(routes.slice(0, 3))('still takes a plain name for $what', async (route) => {
    const response = await route.send('盖章页.pdf');
    expect(response.status).toBeLessThan(300);
  });
});
