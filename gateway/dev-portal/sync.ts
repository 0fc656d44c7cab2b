// The sync this system uses to put what its national administrator created into the portal (问题三, 问题五):
// supervising units, and the natural-person accounts of their users. JSON over HTTP Basic client auth.
import { randomInt } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  EMAIL_PATTERN,
  hasIdNumberShape,
  isValidCreditCode,
  isValidIdNumber,
  isValidMobile,
  USERNAME_PATTERN,
} from '../kit/shared/identifiers.ts';
import { DirectoryError, type AccountDirectory, type DirectoryErrorCode, type RealnameStatus } from './accounts.ts';
import { HttpError, readBody, requireClientCredentials, sendJson, type PortalEnv } from './http.ts';

/** zh-CN names of the fields, so a 400 names the field the way the administrator knows it. */
const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  email: '电子邮箱',
  unit: '单位',
  'unit.name': '单位名称',
  'unit.creditCode': '统一社会信用代码',
  'unit.kind': '单位类型',
};

/** A string field whose absence or wrong type reads as zh-CN. */
const text = () =>
  z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? '不能为空' : '须为字符串') });

const unitSchema = z.object(
  {
    name: text().trim().min(1, '不能为空').max(100, '不能超过 100 个字符'),
    creditCode: text().trim().toUpperCase().refine(isValidCreditCode, '须为 18 位且校验位正确(GB 32100)'),
    kind: z.literal('supervising', { error: '只能为 supervising(归口管理单位)' }),
  },
  { error: (issue) => (issue.input === undefined ? '不能为空' : '须为对象') },
);

const accountSchema = z.object({
  username: text().trim().regex(USERNAME_PATTERN, '须为 3 至 64 位字母、数字或 _ . @ -'),
  // A missing name or an ID number that fails its check leaves the account in manual review (pending).
  name: z.string({ error: '须为字符串' }).trim().max(50, '不能超过 50 个字符').optional(),
  idNumber: z.string({ error: '须为字符串' }).trim().toUpperCase()
    .refine(hasIdNumberShape, '须为 18 位(17 位数字加 1 位数字或 X)').nullable().optional(),
  phone: text().trim().refine(isValidMobile, '须为 11 位大陆手机号码'),
  email: text().trim().pipe(z.email({ pattern: EMAIL_PATTERN, error: '格式不正确' })),
  unit: unitSchema,
});

const CONFLICTS: Partial<Record<DirectoryErrorCode, string>> = {
  USERNAME_TAKEN: '用户名已被政务服务平台的其他帐号使用',
  ALREADY_REGISTERED: '该用户已经被注册,请检查用户证件号码或手机号码是否正确',
  UNIT_CONFLICT: '该统一社会信用代码已属于名称或类型不同的单位,请核对单位信息',
};

/** 12 characters with each class present; no look-alikes (0/O, 1/l/I), so it can be read over the phone. */
export function generateInitialPassword(): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '@#$%&*'];
  const all = classes.join('');
  const chars = classes.map((c) => c[randomInt(c.length)]!);
  while (chars.length < 12) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** 实名认证 passes on its own when the data is consistent; anything else goes to manual review. */
export function realnameStatusFor(account: { name?: string | undefined; idNumber?: string | null | undefined }): RealnameStatus {
  return account.name && account.idNumber && isValidIdNumber(account.idNumber) ? 'verified' : 'pending';
}

/** `labelPrefix` places a bare unit body's fields (`creditCode`) among the labels (`unit.creditCode`). */
function badInput(c: Context, error: z.ZodError, labelPrefix = ''): Response {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const label = FIELD_LABELS[`${labelPrefix}${field}`];
  const message = field ? `${label ? `${label}(${field})` : field}:${issue.message}` : issue.message;
  return sendJson(c, 400, { code: 'INVALID_INPUT', field: field || null, message });
}

export interface SyncRouteDeps {
  accounts: AccountDirectory;
  client: { clientId: string; clientSecret: string };
  log: Logger;
}

const NOT_FOUND = { code: 'NOT_FOUND', message: '接口不存在' } as const;
const SYNC_PATHS = new Set(['/sync/units', '/sync/accounts']);

/** The body as a JSON object, or the 400 that says why it is not one (a body over the limit is no JSON either). */
async function jsonObject(c: Context): Promise<{ body: object } | { refusal: Response }> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(c));
  } catch {
    return { refusal: sendJson(c, 400, { code: 'INVALID_JSON', field: null, message: '请求体须为 JSON' }) };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { refusal: sendJson(c, 400, { code: 'INVALID_INPUT', field: null, message: '请求体须为 JSON 对象' }) };
  }
  return { body };
}

/** `POST /sync/units` and `POST /sync/accounts`; any other path under /sync/ is a JSON 404, any other method a 405. */
export function createSyncRoutes({ accounts, client, log }: SyncRouteDeps) {
  const app = new Hono<PortalEnv>();

  function conflict(c: Context, err: unknown): Response {
    if (err instanceof DirectoryError && CONFLICTS[err.code]) {
      log.info({ event: 'sync_refused', path: c.req.path, code: err.code }, 'sync refused');
      return sendJson(c, 409, { code: err.code, message: CONFLICTS[err.code] });
    }
    throw err;
  }

  app.use('/sync/:rest{.*}', requireClientCredentials(client, '需要有效的客户端凭据(HTTP Basic)'));

  app.post('/sync/units', async (c) => {
    const read = await jsonObject(c);
    if ('refusal' in read) return read.refusal;
    const parsed = unitSchema.safeParse(read.body);
    if (!parsed.success) return badInput(c, parsed.error, 'unit.');
    try {
      const { unit, created } = accounts.syncUnit(parsed.data);
      log.info({ event: 'unit_synced', creditCode: unit.creditCode, kind: unit.kind, created }, 'unit synced');
      return sendJson(c, created ? 201 : 200, { name: unit.name, creditCode: unit.creditCode, kind: unit.kind });
    } catch (err) {
      return conflict(c, err);
    }
  });

  app.post('/sync/accounts', async (c) => {
    const read = await jsonObject(c);
    if ('refusal' in read) return read.refusal;
    const parsed = accountSchema.safeParse(read.body);
    if (!parsed.success) return badInput(c, parsed.error);
    const input = parsed.data;
    const initialPassword = generateInitialPassword();
    const realnameStatus = realnameStatusFor(input);
    try {
      const { account, created } = accounts.syncAccount({
        username: input.username,
        name: input.name ?? '',
        idNumber: input.idNumber ?? null,
        phoneNumber: input.phone,
        email: input.email,
        unit: input.unit,
        realnameStatus,
      }, initialPassword);
      // The password goes to the caller once, in this answer, and nowhere else.
      log.info({ event: 'account_synced', username: account.username, creditCode: input.unit.creditCode,
        realnameStatus, created }, 'account synced');
      return created
        ? sendJson(c, 201, { username: account.username, realnameStatus, initialPassword })
        : sendJson(c, 200, { username: account.username, realnameStatus });
    } catch (err) {
      return conflict(c, err);
    }
  });

  app.all('/sync/:rest{.*}', (c) =>
    SYNC_PATHS.has(c.req.path)
      ? sendJson(c, 405, { code: 'METHOD_NOT_ALLOWED', message: '请使用 POST' })
      : sendJson(c, 404, NOT_FOUND));

  app.onError((err, c) => {
    if (err instanceof HttpError) return sendJson(c, err.status, { code: err.code, message: err.message });
    throw err;
  });

  return app;
}
