// A unit whose registration is not approved writes nothing to the expert library: every write route refuses with
// what to do (UNIT_REGISTRATION_PENDING) and changes nothing; an approved unit is unaffected; the screens can ask first.
import { CJK, type ErrorBody, type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsOf } from './record.ts';
import { insertExpertRow } from './services/experts.ts';

/** A unit as the portal's first jump leaves it (a draft without supervising unit), or further along its review. */
async function unitInRegistration(h: Harness, username: string, state: string): Promise<string> {
  const { rows } = await h.db.query<{ id: string }>(
    `insert into admin.units (name, kind, province_code, status, registration_state) values ($1, 'employer', '110000', 'pending_review', $2) returning id`,
    [`${username} 的单位`, state],
  );
  await h.db.query(`insert into admin.users (username, display_name, role, unit_id, status) values ($1, '赵敏', 'employer_admin', $2, 'active')`, [username, rows[0]!.id]);
  return rows[0]!.id;
}

const EXPERT = {
  name: 'Ingrid Berg',
  gender: 'female',
  birthDate: '1981-06-01',
  nationality: 'NO',
  passportNumber: 'NO1234567',
  disciplineCode: '0805',
  keywords: [],
};

async function importFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专家');
  ws.addRow(['姓名(护照)*', '中文名', '性别*', '出生日期*', '国籍*', '护照号码*', '外国人工作许可证号', '电子邮箱', '联系电话', '境外工作单位', '职务/职称', '学科领域*']);
  ws.addRow(['Ola Nordmann', '', '男', '1970-01-01', 'NO', 'NO7654321', '', '', '', '', '', '0805']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('expert writes by a unit still in registration review', () => {
  let h: Harness;
  let legacy: string;
  let owned: { id: string; version: number };

  beforeAll(async () => {
    h = await moduleHarness(['experts']);
    const unit = await unitInRegistration(h, 'new_unit_admin', 'draft');
    for (const state of ['supervising_review', 'national_review', 'returned']) await unitInRegistration(h, `unit_${state}`, state);
    // A record the unit holds from before the rule (e.g. a unit sent back to review): the edit routes must refuse too.
    legacy = await insertExpertRow(
      h.db,
      columnsOf({ ...EXPERT, passportNumber: 'NO0000001', chineseName: null, workPermitNo: null, email: null, phone: null, employerAbroad: null, position: null, education: null, biography: null } as never, h.cipher),
      { id: unit, supervisingUnitId: null },
    );
    owned = { id: legacy, version: 1 };
  });
  afterAll(async () => {
    await h.close();
  });

  const send = (method: string, path: string, user: string, body?: unknown, locale = 'zh-CN') =>
    h.call('experts', path, user, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }), locale });
  const snapshot = async () =>
    (
      await h.db.query<{ state: string }>(
        `select (select count(*) from experts.experts)::text || '/' || (select count(*) from experts.expert_units)::text || '/' ||
                (select count(*) from experts.files)::text || '/' || (select count(*) from experts.corrections)::text || '/' ||
                (select count(*) from experts.claims)::text || '/' || (select max(version) from experts.experts where id = $1)::text as state`,
        [legacy],
      )
    ).rows[0]!.state;

  const routes: Array<[string, () => Promise<Response>]> = [
    ['POST /experts', () => send('POST', '/experts', 'new_unit_admin', EXPERT)],
    ['PATCH /experts/:id', () => send('PATCH', `/experts/${owned.id}`, 'new_unit_admin', { version: owned.version, position: 'Professor' })],
    ['POST /claims', () => send('POST', '/claims', 'new_unit_admin', { nationality: 'DE', passportNumber: 'C01X00T47', name: 'Anna Schmidt', birthDate: '1975-04-12' })],
    ['PUT /experts/:id/files/cv', () => send('PUT', `/experts/${owned.id}/files/cv`, 'new_unit_admin', { filename: 'cv.pdf', contentBase64: Buffer.from('%PDF-1.7\n....').toString('base64') })],
    ['DELETE /experts/:id/files/cv', () => send('DELETE', `/experts/${owned.id}/files/cv`, 'new_unit_admin')],
    ['POST /experts/:id/corrections', () => send('POST', `/experts/${owned.id}/corrections`, 'new_unit_admin', { changes: { position: 'Dean' }, reason: '职务变更' })],
    ['POST /experts/import', async () => send('POST', '/experts/import', 'new_unit_admin', { filename: '专家.xlsx', contentBase64: await importFile(), mode: 'all' })],
  ];

  it.each(routes)('refuses %s with what to do, and changes nothing', async (_route, call) => {
    const before = await snapshot();
    const response = await call();
    expect(response.status).toBe(403);
    const body = await json<ErrorBody>(response);
    expect(body.error.code).toBe('UNIT_REGISTRATION_PENDING');
    expect(body.error.message).toBe('本单位的注册信息尚未提交审核:请先完善本单位信息并提交注册审核,审核通过后即可新增、修改或认领专家。');
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ['supervising_review', /等待归口管理单位审核/],
    ['national_review', /等待国家审核/],
    ['returned', /已被退回:请按退回理由修改后重新提交/],
  ])('tells a unit in %s what it waits for', async (state, message) => {
    const response = await send('POST', '/experts', `unit_${state}`, EXPERT);
    expect(response.status).toBe(403);
    expect((await json<ErrorBody>(response)).error.message).toMatch(message);
    const english = await json<ErrorBody>(send('POST', '/experts', `unit_${state}`, EXPERT, 'en-US'));
    expect(english.error.message).not.toMatch(CJK);
  });

  it('refuses the unit accepting a claim of its record while it is in review', async () => {
    const { rows } = await h.db.query<{ id: string }>(
      `insert into experts.claims (expert_id, unit_id, owner_unit_id, typed_name, birth_date, nationality, passport_masked, requested_by)
       select $1, unit_id, (select unit_id from admin.account_directory where username = 'new_unit_admin'), 'Ingrid Berg', '1981-06-01', 'NO', 'NO*****01', user_id
       from admin.account_directory where username = 'employer_sh' returning id`,
      [legacy],
    );
    const response = await send('POST', `/claims/${rows[0]!.id}/transition`, 'new_unit_admin', { action: 'accept', version: 1 });
    expect(response.status).toBe(403);
    expect((await json<ErrorBody>(response)).error.code).toBe('UNIT_REGISTRATION_PENDING');
    expect((await h.db.query<{ state: string }>('select state from experts.claims where id = $1', [rows[0]!.id])).rows[0]!.state).toBe('pending');
  });

  it('tells the screens before the user starts, with the registration page', async () => {
    const standing = await json<Record<string, unknown>>(h.call('experts', '/unit-standing', 'new_unit_admin'));
    const unitId = (await h.identityOf('new_unit_admin')).unit.id;
    expect(standing).toEqual({ state: 'draft', mayWrite: false, message: expect.stringMatching(/请先完善本单位信息/), registrationPage: `/admin/units/${unitId}` });
    expect(await json(h.call('experts', '/unit-standing', 'employer_handler'))).toEqual({ state: 'approved', mayWrite: true, message: null, registrationPage: null });
  });

  it('leaves an approved unit unaffected: the same create goes through', async () => {
    const response = await send('POST', '/experts', 'employer_handler', EXPERT);
    expect(response.status).toBe(201);
  });

  it('lets the unit in review still read the library', async () => {
    expect((await h.call('experts', '/experts', 'new_unit_admin')).status).toBe(200);
    expect((await h.call('experts', `/experts/${legacy}`, 'new_unit_admin')).status).toBe(200);
  });
});

describe('an import that meets another unit’s passports', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await moduleHarness(['experts']);
  });
  afterAll(async () => {
    await h.close();
  });

  const rowOf = (name: string, nationality: string, passport: string) => [name, '', '女', '1975-04-12', nationality, passport, '', '', '', '', '', '0812'];
  async function file(rows: string[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专家');
    ws.addRow(['姓名(护照)*', '中文名', '性别*', '出生日期*', '国籍*', '护照号码*', '外国人工作许可证号', '电子邮箱', '联系电话', '境外工作单位', '职务/职称', '学科领域*']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }
  const check = async (user: string, rows: string[][]) =>
    h.call('experts', '/experts/import', user, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filename: '专家.xlsx', contentBase64: await file(rows), mode: 'check' }) });

  it('answers such a row neutrally, spends the budget per row and audits the passports masked', async () => {
    const response = await check('employer_sh', [rowOf('Anna Schmidt', 'DE', 'C01X00T47'), rowOf('New Person', 'NL', 'NL0000001')]);
    expect(response.status).toBe(200);
    const report = await json<{ refused: Array<{ row: number; message: string }> }>(response);
    expect(report.refused).toEqual([{ row: 2, field: 'passportNumber', message: expect.stringMatching(/不能用于录入专家;如为专家库中已有的专家,请在专家库中提交认领申请/) }]);
    expect(JSON.stringify(report)).not.toMatch(/北京示例大学|Technische/);
    const { rows } = await h.db.query<{ text: string }>(`select after_summary::text as text from audit.records where action = 'expert.passport_taken'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toContain('C0*****47');
    expect(rows[0]!.text).not.toContain('C01X00T47');
  });

  it('refuses a file with more such rows than the budget holds, with no report', async () => {
    await h.db.query('delete from kit.rate_limits');
    // Four passports of other units' experts, and one of the caller's own (row 6), which costs nothing.
    const taken = [
      rowOf('A', 'DE', 'C01X00T47'),
      rowOf('B', 'GB', '533380006'),
      rowOf('C', 'JP', 'TK1234567'),
      rowOf('D', 'FR', '18AV12345'),
      rowOf('E', 'GB', '129876543'),
    ];
    // Seven of the ten answers this hour are spent: four more do not fit.
    await h.db.query(`insert into kit.rate_limits (key, window_started_at, hits) values ($1, now(), 7)`, [`expert-probe:user:${(await h.identityOf('employer_sh')).userId}`]);
    const limited = await check('employer_sh', taken);
    expect(limited.status).toBe(429);
    const body = await json<ErrorBody & { refused?: unknown }>(limited);
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.refused).toBeUndefined();
  });
});
