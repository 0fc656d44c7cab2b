// 用人单位审核流程 end to end through the admin API: a unit created by its first portal jump is completed by its
// own people, submitted, withdrawn, returned with a reason, resubmitted and approved at both levels; a ministry
// university goes to the national level directly. Every refusal changes nothing.
import { CJK, type ErrorBody, type Harness, json, moduleHarness, type ToDo } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface UnitPage {
  id: string;
  name: string;
  registrationState: string;
  status: string;
  version: number;
  mode: 'edit' | 'review' | 'read';
  why: string;
  actions: string[];
  missing: string[];
  editable: boolean;
  history: Array<{ action: string; actor: string; reason: string | null }>;
}

const NEW_UNIT = { name: '北京未来材料研究院', creditCode: '12110000MB0000001U', kind: 'employer' as const };
const FORM = {
  province: '110000',
  address: '北京市昌平区未来科学城1号',
  contactName: '赵敏',
  contactPhone: '010-80801234',
  contactEmail: 'office@future-materials.example.com',
};

async function linkPortalUser(h: Harness, username: string, unit: { name: string; creditCode: string; kind: string }) {
  const response = await h.call('admin', '/internal/portal-accounts/link', null, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-identity-assertion': await h.signer.signService('admin', `link-${username}`) },
    body: JSON.stringify({ subject: `test:${username}`, username, displayName: '赵敏', grant: 'admin', unit, phone: '13700000031' }),
  });
  expect(response.status).toBe(200);
}

const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const put = (body: unknown) => ({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('employer unit registration review', () => {
  let h: Harness;
  let unitId: string;
  const page = (as: string, locale = 'zh-CN') => json<UnitPage>(h.call('admin', `/units/${unitId}`, as, { locale }));
  const fire = (as: string, action: string, version: number, reason?: string) =>
    h.call('admin', `/units/${unitId}/transitions`, as, post({ action, version, ...(reason ? { reason } : {}) }));
  const auditCount = async () => (await h.db.query<{ n: number }>(`select count(*)::int as n from audit.records where object_id = $1`, [unitId])).rows[0]!.n;

  beforeAll(async () => {
    h = await moduleHarness([]);
    await linkPortalUser(h, 'future_admin', NEW_UNIT);
    unitId = (await h.db.query<{ id: string }>('select id from admin.units where credit_code = $1', [NEW_UNIT.creditCode])).rows[0]!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('opens a new unit as an editor for its own people, saying why and what is missing', async () => {
    const unit = await page('future_admin');
    expect(unit).toMatchObject({ registrationState: 'draft', status: 'pending_review', mode: 'edit', editable: true, actions: ['submit'] });
    expect(unit.why).toBe('单位信息尚未提交,请完善后提交审核。');
    expect(unit.missing).toEqual(['province', 'address', 'contactName', 'contactPhone', 'contactEmail', 'supervisingUnitId']);
    const todo = await json<ToDo>(h.call('admin', '/todo', 'future_admin'));
    expect(todo.items).toEqual([expect.objectContaining({ title: `请完善单位信息并提交审核:${NEW_UNIT.name}`, link: `/admin/units/${unitId}` })]);
  });

  it('refuses to submit an incomplete unit, naming each missing field, and moves nothing', async () => {
    const response = await fire('future_admin', 'submit', 0);
    expect(response.status).toBe(400);
    const body = await json<ErrorBody>(response);
    expect(body.error.code).toBe('UNIT_INCOMPLETE');
    expect(body.error.fields?.map((f) => f.message)).toContain('单位地址:不能为空');
    expect((await page('future_admin')).registrationState).toBe('draft');
    expect(await auditCount()).toBe(0);
  });

  it.each([
    [{ contactPhone: '12345' }, 'contactPhone', '联系电话'],
    [{ province: '999999' }, 'province', '所在省份'],
    [{ contactEmail: 'not-an-email' }, 'contactEmail', '联系邮箱'],
    [{ address: '' }, 'address', '单位地址'],
  ])('refuses the form with %o, naming %s in zh-CN and English, writing nothing', async (bad, field, label) => {
    const supervisingUnitId = (await h.db.query<{ id: string }>(`select id from admin.units where name = '北京市科学技术委员会'`)).rows[0]!.id;
    const zh = await h.call('admin', `/units/${unitId}`, 'future_admin', put({ version: 0, ...FORM, supervisingUnitId, ...bad }));
    expect(zh.status).toBe(400);
    const body = await json<ErrorBody>(zh);
    expect(body.error.message.startsWith(label)).toBe(true);
    expect(body.error.fields?.[0]).toMatchObject({ field });
    const en = await json<ErrorBody>(h.call('admin', `/units/${unitId}`, 'future_admin', { ...put({ version: 0, ...FORM, supervisingUnitId, ...bad }), locale: 'en-US' }));
    expect(en.error.message).not.toMatch(CJK);
    expect((await page('future_admin')).version).toBe(0);
  });

  it('refuses a supervising unit that is not one, and a stale version', async () => {
    const employerId = (await h.db.query<{ id: string }>(`select id from admin.units where name = '北京示例大学'`)).rows[0]!.id;
    const wrong = await h.call('admin', `/units/${unitId}`, 'future_admin', put({ version: 0, ...FORM, supervisingUnitId: employerId }));
    expect((await json<ErrorBody>(wrong)).error.code).toBe('UNIT_SUPERVISOR_UNKNOWN');
    const stale = await h.call('admin', `/units/${unitId}`, 'future_admin', put({ version: 7, ...FORM, supervisingUnitId: null }));
    expect(stale.status).toBe(400);
  });

  it('saves the completed form (audited), then submits it to the supervising unit; the submitter may withdraw', async () => {
    const supervisingUnitId = (await h.db.query<{ id: string }>(`select id from admin.units where name = '北京市科学技术委员会'`)).rows[0]!.id;
    const saved = await json<UnitPage>(h.call('admin', `/units/${unitId}`, 'future_admin', put({ version: 0, ...FORM, supervisingUnitId })));
    expect(saved).toMatchObject({ version: 1, missing: [], mode: 'edit' });
    const stale = await h.call('admin', `/units/${unitId}`, 'future_admin', put({ version: 0, ...FORM, supervisingUnitId }));
    expect(stale.status).toBe(409);

    const submitted = await json<UnitPage>(fire('future_admin', 'submit', 1));
    expect(submitted).toMatchObject({ registrationState: 'supervising_review', mode: 'read', actions: ['withdraw'] });
    expect(submitted.why).toBe('已提交,等待归口管理单位审核。您可以撤回。');
    const edit = await h.call('admin', `/units/${unitId}`, 'future_admin', put({ version: 2, ...FORM, supervisingUnitId }));
    expect((await json<ErrorBody>(edit)).error.code).toBe('UNIT_NOT_EDITABLE');

    expect((await json<UnitPage>(fire('future_admin', 'withdraw', 2))).registrationState).toBe('draft');
    expect((await json<UnitPage>(fire('future_admin', 'submit', 3))).registrationState).toBe('supervising_review');
  });

  it('is invisible to another province and reviewable by its own supervising unit', async () => {
    expect((await h.call('admin', `/units/${unitId}`, 'supervisor_sh')).status).toBe(404);
    expect((await fire('supervisor_sh', 'supervising_approve', 4)).status).toBe(404);
    const review = await page('supervisor_bj');
    expect(review).toMatchObject({ mode: 'review', actions: ['supervising_approve', 'supervising_return'] });
    expect(review.why).toBe('该单位已提交注册信息,等待您(归口管理单位)审核。');
    const todo = await json<ToDo>(h.call('admin', '/todo', 'supervisor_bj'));
    expect(todo.items.map((i) => i.link)).toContain(`/admin/units/${unitId}`);
    // The employer cannot approve itself, and the national level cannot skip the supervising unit.
    expect((await fire('future_admin', 'supervising_approve', 4)).status).toBe(403);
    expect((await fire('national_admin', 'national_approve', 4)).status).toBe(403);
  });

  it('returns only with a reason; the employer sees the reason and edits again', async () => {
    const before = await auditCount();
    const noReason = await fire('supervisor_bj', 'supervising_return', 4);
    expect((await json<ErrorBody>(noReason)).error.code).toBe('FLOW_REASON_REQUIRED');
    expect(await auditCount()).toBe(before);
    const returned = await json<UnitPage>(fire('supervisor_bj', 'supervising_return', 4, '联系人电话无法接通,请核实'));
    expect(returned.registrationState).toBe('returned');
    const mine = await page('future_admin');
    expect(mine).toMatchObject({ mode: 'edit', actions: ['submit'] });
    expect(mine.why).toBe('单位注册信息已被退回(理由:联系人电话无法接通,请核实),请修改后重新提交。');
    const todo = await json<ToDo>(h.call('admin', '/todo', 'future_admin'));
    expect(todo.items[0]?.title).toBe(`单位注册被退回,请修改后重新提交:${NEW_UNIT.name}`);
  });

  it('goes up after resubmission; the supervising unit may recall until the national level approves', async () => {
    await json(fire('future_admin', 'submit', 5));
    const approved = await json<UnitPage>(fire('supervisor_bj', 'supervising_approve', 6));
    expect(approved).toMatchObject({ registrationState: 'national_review', actions: ['recall'] });
    // The employer's next level has acted: no withdrawal any more.
    expect((await page('future_admin')).actions).toEqual([]);
    expect((await fire('future_admin', 'withdraw', 7)).status).toBe(403);
    expect((await json<UnitPage>(fire('supervisor_bj', 'recall', 7))).registrationState).toBe('supervising_review');
    await json(fire('supervisor_bj', 'supervising_approve', 8));
    expect((await page('national_admin')).mode).toBe('review');
    const done = await json<UnitPage>(fire('national_admin', 'national_approve', 9));
    expect(done).toMatchObject({ registrationState: 'approved', status: 'active', mode: 'read', actions: [] });
    expect(done.why).toBe('单位注册已审核通过。');
  });

  it('keeps the whole story in the audit log, with who, unit, role, request and address', async () => {
    const unit = await page('national_admin');
    expect(unit.history.map((e) => e.action)).toEqual([
      'unit.update',
      'unit_registration.submit',
      'unit_registration.withdraw',
      'unit_registration.submit',
      'unit_registration.supervising_return',
      'unit_registration.submit',
      'unit_registration.supervising_approve',
      'unit_registration.recall',
      'unit_registration.supervising_approve',
      'unit_registration.national_approve',
    ]);
    const { rows } = await h.db.query<{ actor_role: string; actor_unit_name: string; client_ip: string; request_id: string }>(
      `select actor_role, actor_unit_name, client_ip, request_id from audit.records where object_id = $1 and action = 'unit_registration.national_approve'`,
      [unitId],
    );
    expect(rows).toEqual([{ actor_role: 'national_admin', actor_unit_name: '科学技术部外国专家服务司', client_ip: '203.0.113.7', request_id: expect.any(String) }]);
  });

  it('sends a ministry university straight to the national level', async () => {
    await linkPortalUser(h, 'sllg_admin', { name: '示例理工大学', creditCode: '121000004000024681', kind: 'ministry_university' });
    const id = (await h.db.query<{ id: string }>(`select id from admin.units where credit_code = '121000004000024681'`)).rows[0]!.id;
    const first = await json<UnitPage>(h.call('admin', `/units/${id}`, 'sllg_admin'));
    expect(first.missing).not.toContain('supervisingUnitId');
    expect(first.actions).toEqual(['submit_to_national']);
    await json(h.call('admin', `/units/${id}`, 'sllg_admin', put({ version: first.version, ...FORM })));
    const submitted = await json<UnitPage>(h.call('admin', `/units/${id}/transitions`, 'sllg_admin', post({ action: 'submit_to_national', version: first.version + 1 })));
    expect(submitted).toMatchObject({ registrationState: 'national_review', actions: ['withdraw_from_national'] });
    expect(submitted.why).toBe('已提交,等待国家审核(部属高校直接由国家审核)。您可以撤回。');
    expect((await h.call('admin', `/units/${id}`, 'supervisor_bj')).status).toBe(404);
    const todo = await json<ToDo>(h.call('admin', '/todo', 'national_admin'));
    expect(todo.items.map((i) => i.link)).toContain(`/admin/units/${id}`);
    const done = await json<UnitPage>(h.call('admin', `/units/${id}/transitions`, 'national_admin', post({ action: 'national_approve', version: submitted.version })));
    expect(done.registrationState).toBe('approved');
  });
});

// PGlite has one connection, so only a server can show simultaneous transactions racing.
describe.skipIf(!process.env['DATABASE_URL'])('ten simultaneous national approvals on PostgreSQL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await moduleHarness([]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('lets exactly one through, writes one audit record, and tells the others someone acted first', async () => {
    const unitId = (await h.db.query<{ id: string }>(`select id from admin.units where name = '北京新锐科技有限公司'`)).rows[0]!.id;
    await json(h.call('admin', `/units/${unitId}/transitions`, 'supervisor_bj', post({ action: 'supervising_approve', version: 0 })));
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => h.call('admin', `/units/${unitId}/transitions`, 'national_admin', post({ action: 'national_approve', version: 1 }))),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    const refused = await json<ErrorBody>(answers.find((r) => r.status === 409)!);
    expect(refused.error).toMatchObject({ code: 'FLOW_STALE_VERSION', message: '该事项已被他人处理或已更新,请刷新后查看最新状态。' });
    const { rows } = await h.db.query<{ n: number }>(
      `select count(*)::int as n from audit.records where object_id = $1 and action = 'unit_registration.national_approve'`,
      [unitId],
    );
    expect(rows[0]!.n).toBe(1);
  });
});
