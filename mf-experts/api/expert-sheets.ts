// The expert library's Excel sheets: the import template's columns, one sheet row read as the form would have
// sent it (nationality and discipline by name or code), a file checked row by row against the form's rules, and
// the export's columns. Nothing here reads the database; the import's library checks are the expert service's.
import {
  AppError,
  defineErrors,
  type FieldCipher,
  type FieldIssue,
  type Locale,
  readFirstSheet,
  sheetOf,
  UnreadableWorkbook,
  type UploadRules,
  validate,
  workbookBytes,
} from '@wgzj/gateway/kit';
import { COUNTRY_CODES, countryName } from '../shared/countries.ts';
import { disciplineByName, disciplinePath, isDisciplineCode } from '../shared/disciplines.ts';
import { t } from './messages.ts';
import { EXPERT_LABELS, expertInput, type ExpertInput, passportHash } from './record.ts';
import type { ExpertSummary } from './search.ts';

/** The most rows one import or export handles; a longer file is split, a wider search narrowed. */
export const IMPORT_MAX_ROWS = 2_000;
export const EXPORT_MAX_ROWS = 20_000;
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export const ImportErrors = defineErrors({
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
export const IMPORT_COLUMNS: ReadonlyArray<{ key: keyof ExpertInput; header: string; width: number; example: string }> = [
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

export const IMPORT_RULES: UploadRules = { accept: ['xlsx'], maxBytes: IMPORT_MAX_BYTES, field: 'file', noun: { 'zh-CN': '导入文件', 'en-US': 'Import file' } };

/** A sheet read against the form's rules: the rows refused so far, and the rest with their identity hash. */
export interface ImportedSheet {
  total: number;
  refused: Array<{ row: number; field: string; message: string }>;
  candidates: Array<{ row: number; input: ExpertInput; hash: string }>;
}

/**
 * Every row checked by the form's rules, then for the same passport twice in the file. Whether a passport is
 * already in the library is the service's question (services/experts.ts importExperts).
 */
export async function readImportSheet(bytes: Uint8Array, cipher: FieldCipher, locale: Locale): Promise<ImportedSheet> {
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

  const refused: ImportedSheet['refused'] = [];
  const candidates: ImportedSheet['candidates'] = [];
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
    const hash = passportHash(cipher, input.nationality, input.passportNumber);
    const first = seen.get(hash);
    if (first !== undefined) {
      refused.push({ row, field: 'passportNumber', message: t(locale, 'import.samePassportAsRow', { row: first }) });
      continue;
    }
    seen.set(hash, row);
    candidates.push({ row, input, hash });
  }
  return { total: sheet.rows.length, refused, candidates };
}

/** The export's columns: the list as it reads on screen, identifiers masked. */
export const EXPORT_COLUMNS = (locale: Locale) => {
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


/** The import template: the sheet people fill in, one example row under the header, and how to fill it in. */
export function templateWorkbook() {
  return workbookBytes([
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
}
