// 批量导入 and 导出Excel. An import is checked row by row against the same rules as the form; a file with refused
// rows writes nothing unless the person chooses to import only the valid ones. An export is the current search,
// identifiers masked, and is itself recorded.
import {
  AppError,
  acceptUpload,
  declareBodyLimit,
  defineErrors,
  type FieldIssue,
  type Identity,
  type Locale,
  localeOf,
  type ModuleContext,
  parseJson,
  parseQuery,
  readFirstSheet,
  requestMeta,
  requireRole,
  sheetOf,
  UnreadableWorkbook,
  uploadedFile,
  uploadTooLarge,
  validate,
  workbookBytes,
  writeAudit,
  xlsxResponse,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { COUNTRY_CODES, countryName } from '../shared/countries.ts';
import { disciplineByName, disciplinePath, isDisciplineCode } from '../shared/disciplines.ts';
import { createExpert, INVITING_ROLES } from './expert-service.ts';
import type { ExpertsApp } from './experts.ts';
import type { ProbeGuard } from './library-probes.ts';
import { t } from './messages.ts';
import { EXPERT_LABELS, expertInput, type ExpertInput, maskPassport, passportHash } from './record.ts';
import { requireUnitStanding } from './unit-standing.ts';
import { type ExpertSummary, SEARCH_LABELS, searchExperts, searchFilter } from './search.ts';

/** The most rows one import or export handles; a longer file is split, a wider search narrowed. */
export const IMPORT_MAX_ROWS = 2_000;
export const EXPORT_MAX_ROWS = 20_000;
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const ImportErrors = defineErrors({
  IMPORT_UNREADABLE: {
    status: 400,
    'zh-CN': '无法读取该文件,请使用下载的模板填写后以 .xlsx 格式上传。',
    'en-US': 'The file could not be read; fill in the downloaded template and upload it as .xlsx.',
  },
  IMPORT_BAD_TEMPLATE: {
    status: 400,
    'zh-CN': '文件的表头与模板不一致,请下载最新模板填写。',
    'en-US': 'The header row does not match the template; download the current template.',
  },
  IMPORT_EMPTY: { status: 400, 'zh-CN': '文件中没有专家数据。', 'en-US': 'The file holds no expert rows.' },
  IMPORT_TOO_MANY_ROWS: {
    status: 400,
    'zh-CN': `一次最多导入 ${IMPORT_MAX_ROWS} 名专家,请拆分文件后分批导入。`,
    'en-US': `At most ${IMPORT_MAX_ROWS} experts per file; split the file.`,
  },
  IMPORT_HAS_ERRORS: {
    status: 422,
    'zh-CN': '文件中有未通过校验的行,未导入任何数据;请改正后重新导入,或选择仅导入有效行。',
    'en-US': 'Some rows were refused, so nothing was imported; correct them, or choose to import only the valid rows.',
  },
});

/** The template's columns, in order; a `*` marks a required one, as on the form. */
const IMPORT_COLUMNS: ReadonlyArray<{ key: keyof ExpertInput; header: string; width: number; example: string }> = [
  { key: 'name', header: '姓名(护照)*', width: 22, example: 'Maria Garcia' },
  { key: 'chineseName', header: '中文名', width: 14, example: '玛丽亚·加西亚' },
  { key: 'gender', header: '性别*', width: 8, example: '女' },
  { key: 'birthDate', header: '出生日期*', width: 12, example: '1980-05-17' },
  { key: 'nationality', header: '国籍*', width: 12, example: '西班牙' },
  { key: 'passportNumber', header: '护照号码*', width: 16, example: 'PAB123456' },
  { key: 'workPermitNo', header: '外国人工作许可证号', width: 20, example: '' },
  { key: 'email', header: '电子邮箱', width: 22, example: 'maria.garcia@example.org' },
  { key: 'phone', header: '联系电话', width: 18, example: '+34 91 1234567' },
  { key: 'employerAbroad', header: '境外工作单位', width: 24, example: 'Universidad de Madrid' },
  { key: 'position', header: '职务/职称', width: 14, example: '教授' },
  { key: 'disciplineCode', header: '学科领域*', width: 20, example: '0805' },
  { key: 'keywords', header: '专业特长关键词', width: 24, example: '复合材料;增材制造' },
  { key: 'education', header: '教育背景', width: 24, example: '' },
  { key: 'biography', header: '个人简介', width: 30, example: '' },
];

const GENDERS: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', male: 'male', female: 'female', m: 'male', f: 'female' };

let countryByName: Map<string, string> | undefined;
/** A nationality as people type it in a sheet: the code, or the country's Chinese or English name. */
function nationalityOf(text: string): string {
  if (!countryByName) {
    countryByName = new Map();
    for (const code of COUNTRY_CODES) {
      countryByName.set(countryName(code, 'zh-CN'), code);
      countryByName.set(countryName(code, 'en-US').toLowerCase(), code);
    }
  }
  const upper = text.toUpperCase();
  if (COUNTRY_CODES.includes(upper)) return upper;
  return countryByName.get(text) ?? countryByName.get(text.toLowerCase()) ?? text;
}

/** A discipline as a code or by its name in the catalogue. */
function disciplineOf(text: string): string {
  if (isDisciplineCode(text)) return text;
  return disciplineByName(text)?.code ?? text;
}

/** One sheet row as the form would have sent it. */
function inputOf(cells: string[], index: Map<keyof ExpertInput, number>): Record<string, unknown> {
  const cell = (key: keyof ExpertInput) => {
    const i = index.get(key);
    return i === undefined ? '' : (cells[i] ?? '');
  };
  return {
    name: cell('name'),
    chineseName: cell('chineseName'),
    gender: GENDERS[cell('gender').toLowerCase()] ?? cell('gender'),
    birthDate: cell('birthDate'),
    nationality: nationalityOf(cell('nationality')),
    passportNumber: cell('passportNumber'),
    workPermitNo: cell('workPermitNo'),
    email: cell('email'),
    phone: cell('phone'),
    employerAbroad: cell('employerAbroad'),
    position: cell('position'),
    disciplineCode: disciplineOf(cell('disciplineCode')),
    keywords: cell('keywords')
      .split(/[;；,，、]/)
      .map((k) => k.trim())
      .filter(Boolean),
    education: cell('education'),
    biography: cell('biography'),
  };
}

export interface ImportReport {
  total: number;
  valid: number;
  imported: number;
  refused: Array<{ row: number; field: string; message: string }>;
}

const importRequest = uploadedFile.extend({ mode: z.enum(['check', 'all', 'valid_only']) });

const IMPORT_RULES = { accept: ['xlsx'] as const, maxBytes: IMPORT_MAX_BYTES, field: 'file', noun: { 'zh-CN': '导入文件', 'en-US': 'Import file' } };

/**
 * Every row checked: the form's rules, then the same passport twice in the file, then already in the library. A
 * passport already in the caller's own library is named as such; one held elsewhere gets the create's neutral
 * refusal and is returned in `elsewhere`, so the caller spends the probe budget on it before any answer goes out.
 */
async function checkRows(
  ctx: ModuleContext,
  actor: Identity,
  bytes: Uint8Array,
  locale: Locale,
): Promise<{ report: ImportReport; valid: ExpertInput[]; elsewhere: Array<{ nationality: string; passport: string }> }> {
  let sheet: Awaited<ReturnType<typeof readFirstSheet>>;
  try {
    sheet = await readFirstSheet(bytes, IMPORT_MAX_ROWS);
  } catch (err) {
    if (err instanceof UnreadableWorkbook) throw ImportErrors.IMPORT_UNREADABLE();
    // The kit's bounds on what a workbook unpacks to (WORKBOOK_LIMITS), shown beside the file like its other refusals.
    if (err instanceof AppError) throw err.onField(IMPORT_RULES.field, locale);
    throw err;
  }
  const headers = sheet.headers.map((h) => h.replace(/\s+/g, ''));
  const index = new Map<keyof ExpertInput, number>();
  for (const column of IMPORT_COLUMNS) {
    const at = headers.indexOf(column.header);
    if (at >= 0) index.set(column.key, at);
    else if (column.header.endsWith('*')) throw ImportErrors.IMPORT_BAD_TEMPLATE();
  }
  if (!sheet.rows.length) throw ImportErrors.IMPORT_EMPTY();
  if (sheet.rows.length > IMPORT_MAX_ROWS) throw ImportErrors.IMPORT_TOO_MANY_ROWS();

  const refused: ImportReport['refused'] = [];
  const candidates: Array<{ row: number; input: ExpertInput; hash: string }> = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    let input: ExpertInput;
    try {
      input = validate(expertInput, inputOf(cells, index), locale, EXPERT_LABELS);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      for (const issue of err.fields as FieldIssue[]) refused.push({ row, field: issue.field, message: issue.message });
      continue;
    }
    const hash = passportHash(ctx.cipher, input.nationality, input.passportNumber);
    const first = seen.get(hash);
    if (first !== undefined) {
      refused.push({
        row,
        field: 'passportNumber',
        message: t(locale, 'import.samePassportAsRow', { row: first }),
      });
      continue;
    }
    seen.set(hash, row);
    candidates.push({ row, input, hash });
  }
  const { rows } = await ctx.db.query<{ passport_hash: string; in_unit: boolean }>(
    `select e.passport_hash, exists (select 1 from experts.expert_units eu where eu.expert_id = e.id and eu.unit_id = $2) as in_unit
     from experts.experts e where e.status = 'active' and e.passport_hash = any($1::text[])`,
    [candidates.map((c) => c.hash), actor.unit.id],
  );
  const taken = new Map(rows.map((r) => [r.passport_hash, r.in_unit]));
  const elsewhere: Array<{ nationality: string; passport: string }> = [];
  for (const candidate of candidates.filter((c) => taken.has(c.hash))) {
    const own = taken.get(candidate.hash);
    if (!own) elsewhere.push({ nationality: candidate.input.nationality, passport: maskPassport(candidate.input.passportNumber) });
    refused.push({
      row: candidate.row,
      field: 'passportNumber',
      message: t(locale, own ? 'import.passportInOwnLibrary' : 'import.passportElsewhere'),
    });
  }
  refused.sort((a, b) => a.row - b.row);
  const refusedRows = new Set(refused.map((r) => r.row)).size;
  return {
    report: { total: sheet.rows.length, valid: sheet.rows.length - refusedRows, imported: 0, refused },
    valid: candidates.filter((c) => !taken.has(c.hash)).map((c) => c.input),
    elsewhere,
  };
}

const EXPORT_COLUMNS = (locale: Locale) => {
  const genders = { male: '男', female: '女' } as Record<string, string>;
  return [
    { header: '姓名', width: 22, value: (r: ExpertSummary) => r.name },
    { header: '中文名', width: 16, value: (r: ExpertSummary) => r.chineseName },
    { header: '性别', width: 8, value: (r: ExpertSummary) => (r.gender ? genders[r.gender] : '') },
    { header: '国籍', width: 14, value: (r: ExpertSummary) => countryName(r.nationality, locale) },
    { header: '护照号码', width: 16, value: (r: ExpertSummary) => r.passportMasked },
    { header: '学科领域', width: 28, value: (r: ExpertSummary) => (r.disciplineCode ? disciplinePath(r.disciplineCode, locale) : '') },
    { header: '境外工作单位', width: 26, value: (r: ExpertSummary) => r.employerAbroad },
    { header: '来华次数', width: 10, value: (r: ExpertSummary) => r.visitCount },
    { header: '最近来华', width: 12, value: (r: ExpertSummary) => r.lastVisit },
    { header: '计划来华', width: 12, value: (r: ExpertSummary) => r.plannedVisit?.date ?? '' },
  ];
};

export function registerImportExportRoutes(app: ExpertsApp, ctx: ModuleContext, guard: ProbeGuard): void {
  app.get('/experts/export', async (c) => {
    const actor = c.var.identity;
    const filter = parseQuery(c, searchFilter, SEARCH_LABELS);
    const { items, total } = await searchExperts(ctx.db, actor.scope, filter, { limit: EXPORT_MAX_ROWS, offset: 0 });
    const bytes = await workbookBytes([sheetOf('专家库', EXPORT_COLUMNS('zh-CN'), items)]);
    await writeAudit(ctx.db, {
      actor,
      action: 'expert.export',
      objectType: 'expert',
      objectId: 'export',
      after: { filter, rows: items.length, total },
      ...requestMeta(c),
    });
    return xlsxResponse(bytes, '专家库', { 'x-export-rows': String(items.length), 'x-export-total': String(total) });
  });

  app.get('/experts/import/template', async () => {
    const bytes = await workbookBytes([
      // One example row under the header, in the sheet people fill in.
      { name: '专家', columns: IMPORT_COLUMNS.map(({ header, width }) => ({ header, width })), rows: [IMPORT_COLUMNS.map((col) => col.example)] },
      sheetOf(
        '填写说明',
        [
          { header: '列', width: 22, value: (r: [string, string]) => r[0] },
          { header: '填写要求', width: 80, value: (r: [string, string]) => r[1] },
        ],
        [
          ['标 * 的列', '必填;第 2 行为示例,导入前请删除或覆盖'],
          ['性别', '填写“男”或“女”'],
          ['出生日期', '格式 YYYY-MM-DD,如 1980-05-17'],
          ['国籍', '填写国家或地区的中文名称(如 德国)或 ISO 3166-1 两位代码(如 DE)'],
          ['护照号码', '按护照原样填写;同一国籍、同一护照号码的专家只能录入一次'],
          ['学科领域', '填写学科目录中的学科名称(如 材料科学与工程)或代码(如 0805)'],
          ['专业特长关键词', '多个关键词以分号分隔,最多 10 个'],
          ['行数', `每个文件最多 ${IMPORT_MAX_ROWS} 行`],
        ],
      ),
    ]);
    return xlsxResponse(bytes, '专家导入模板');
  });

  declareBodyLimit(app, {
    method: 'POST',
    path: '/experts/import',
    // A 5 MB workbook in base64, with room to spare.
    maxBytes: 8 * 1024 * 1024,
    refusal: uploadTooLarge([IMPORT_RULES]),
  });
  app.post(
    '/experts/import',
    async (c, next) => {
      requireRole(c.var.identity, INVITING_ROLES);
      await next();
    },
    async (c) => {
      const actor = c.var.identity;
      const locale = localeOf(c);
      const request = await parseJson(c, importRequest, { filename: { 'zh-CN': '文件名', 'en-US': 'File name' }, mode: { 'zh-CN': '导入方式', 'en-US': 'Mode' } });
      await requireUnitStanding(ctx.db, actor);
      const file = acceptUpload(request, IMPORT_RULES, locale);
      const meta = requestMeta(c);
      // A file is a list of guesses as much as a form is one: the same budget, spent before the report is shown.
      await guard.ensureBudget(actor);
      const { report, valid, elsewhere } = await checkRows(ctx, actor, file.bytes, locale);
      if (elsewhere.length) {
        await guard.spend(actor, elsewhere.length, meta);
        await writeAudit(ctx.db, {
          actor,
          action: 'expert.passport_taken',
          objectType: 'expert',
          objectId: 'import',
          after: { purpose: 'import', mode: request.mode, rows: elsewhere.length, passports: elsewhere.slice(0, 50) },
          ...meta,
        });
      }
      if (request.mode === 'check') return c.json(report);
      if (request.mode === 'all' && report.refused.length) {
        const error = ImportErrors.IMPORT_HAS_ERRORS();
        return c.json({ error: { code: error.code, message: error.messageFor(locale) }, report }, 422);
      }
      await ctx.db.transaction(async (tx) => {
        for (const input of valid) await createExpert(tx, ctx.cipher, actor, input, { locale, action: 'expert.import', ...meta });
      });
      return c.json({ ...report, imported: valid.length });
    },
  );
}
