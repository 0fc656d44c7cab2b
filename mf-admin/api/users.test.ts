// 用户管理 and 用户审核 through the admin API: who sees whom, a new user added by the unit's administrator
// waiting for its supervising unit, role changes and disabling — every refusal in both languages, writing nothing.
import { CJK, type ErrorBody, type Harness, json, moduleHarness, type Page, type ToDo } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface UserItem {
  id: string;
  username: string;
  displayName: string;
  role: string;
  status: string;
  reviewState: string;
  mobile: string | null;
  unit: { id: string; name: string };
}
interface UserPage extends UserItem {
  version: number;
  mode: string;
  why: string;
  actions: string[];
  manageable: boolean;
  idNumber: string | null;
}

const json200 = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const NEW_USER = {
  username: 'wang_xiaoming',
  displayName: '王小明',
  role: 'employer_handler',
  mobile: '13700000088',
  email: 'wxm@bjsl-univ.example.com',
  idNumber: '110105199001011232',
};

describe('users', () => {
  let h: Harness;
  const count = async () => (await h.db.query<{ n: number }>('select count(*)::int as n from admin.users')).rows[0]!.n;
  const userId = async (username: string) => (await h.db.query<{ id: string }>('select id from admin.users where username = $1', [username])).rows[0]!.id;

  beforeAll(async () => {
    h = await moduleHarness([]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists for each manager exactly the people of the units in its scope; a handler manages nobody', async () => {
    for (const as of ['employer_admin', 'supervisor_bj', 'supervisor_sh', 'national_admin', 'support']) {
      const visible = await h.unitsVisibleTo(as);
      const { rows } = await h.db.query<{ id: string; unit_id: string }>('select id, unit_id from admin.users');
      const expected = rows.filter((r) => visible.has(r.unit_id)).map((r) => r.id).sort();
      const page = await json<Page<UserItem>>(h.call('admin', '/users?limit=100', as));
      expect(page.items.map((u) => u.id).sort(), as).toEqual(expected);
      expect(page.total).toBe(expected.length);
    }
    for (const as of ['employer_handler', 'ministry_univ']) {
      const response = await h.call('admin', '/users', as);
      expect(response.status).toBe(403);
      expect((await json<ErrorBody>(response)).error.message).toMatch(CJK);
    }
  });

  it('shows identifiers masked in lists and detail', async () => {
    const page = await json<Page<UserItem>>(h.call('admin', `/users?name=${encodeURIComponent('张伟')}`, 'employer_admin'));
    expect(page.items).toEqual([expect.objectContaining({ username: 'employer_handler', mobile: '139****0001' })]);
    const detail = await json<UserPage>(h.call('admin', `/users/${page.items[0]!.id}`, 'employer_admin'));
    expect(detail.idNumber).toBe('110***********2413');
    expect(JSON.stringify(detail)).not.toContain('13910000001');
  });

  it.each([
    [{ idNumber: '110105199001011237' }, 'idNumber', '身份证号'],
    [{ mobile: '2370000008' }, 'mobile', '手机号'],
    [{ email: 'wxm' }, 'email', '电子邮箱'],
    [{ username: 'a b' }, 'username', '用户名'],
    [{ role: 'national_admin' }, 'role', '角色'],
    [{ displayName: '' }, 'displayName', '姓名'],
  ])('refuses a new user with %o, naming %s, and writes nothing', async (bad, field, label) => {
    const before = await count();
    const response = await h.call('admin', '/users', 'employer_admin', json200('POST', { ...NEW_USER, ...bad }));
    expect(response.status).toBe(400);
    const body = await json<ErrorBody>(response);
    expect(body.error.fields?.[0]?.field).toBe(field);
    expect(body.error.message.startsWith(label)).toBe(true);
    const en = await json<ErrorBody>(h.call('admin', '/users', 'employer_admin', { ...json200('POST', { ...NEW_USER, ...bad }), locale: 'en-US' }));
    expect(en.error.message).not.toMatch(CJK);
    expect(await count()).toBe(before);
  });

  it('refuses a taken username or mobile number (该用户已经被注册), and anyone but an employer administrator', async () => {
    const before = await count();
    const taken = await h.call('admin', '/users', 'employer_admin', json200('POST', { ...NEW_USER, username: 'EMPLOYER_HANDLER' }));
    expect((await json<ErrorBody>(taken)).error.code).toBe('USER_USERNAME_TAKEN');
    const mobile = await h.call('admin', '/users', 'employer_admin', json200('POST', { ...NEW_USER, mobile: '13910000001' }));
    expect((await json<ErrorBody>(mobile)).error.message).toContain('该用户已经被注册');
    for (const as of ['employer_handler', 'supervisor_bj', 'national_admin']) {
      expect((await h.call('admin', '/users', as, json200('POST', NEW_USER))).status).toBe(403);
    }
    expect(await count()).toBe(before);
  });

  it('adds a user who waits for the supervising unit; rejected with a reason, resubmitted, approved, the account opens', async () => {
    const created = await h.call('admin', '/users', 'employer_admin', json200('POST', NEW_USER));
    expect(created.status).toBe(201);
    const user = await json<UserPage>(created);
    expect(user).toMatchObject({ reviewState: 'pending', status: 'pending_review', actions: [], mode: 'read' });
    expect(user.why).toBe('新增用户,等待上级审核,审核通过后方可登录。');

    expect((await h.call('admin', `/users/${user.id}`, 'supervisor_sh')).status).toBe(404);
    const review = await json<UserPage>(h.call('admin', `/users/${user.id}`, 'supervisor_bj'));
    expect(review).toMatchObject({ mode: 'review', actions: ['approve', 'reject'] });
    const todo = await json<ToDo>(h.call('admin', '/todo', 'supervisor_bj'));
    expect(todo.items.map((i) => i.link)).toContain(`/admin/users/${user.id}`);

    const fire = (as: string, action: string, version: number, reason?: string) =>
      h.call('admin', `/users/${user.id}/transitions`, as, json200('POST', { action, version, ...(reason ? { reason } : {}) }));
    expect((await fire('employer_admin', 'approve', 0)).status).toBe(403);
    expect((await json<ErrorBody>(fire('supervisor_bj', 'reject', 0))).error.code).toBe('FLOW_REASON_REQUIRED');
    expect((await json<UserPage>(fire('supervisor_bj', 'reject', 0, '请使用单位邮箱'))).reviewState).toBe('rejected');
    const adminTodo = await json<ToDo>(h.call('admin', '/todo', 'employer_admin'));
    expect(adminTodo.items[0]?.title).toBe('用户审核未通过:王小明,请修改后重新提交');
    expect((await json<UserPage>(fire('employer_admin', 'resubmit', 1))).reviewState).toBe('pending');
    expect((await fire('supervisor_bj', 'approve', 1)).status).toBe(409);
    const approved = await json<UserPage>(fire('supervisor_bj', 'approve', 2));
    expect(approved).toMatchObject({ reviewState: 'approved', status: 'active' });
    const { rows } = await h.db.query<{ status: string }>('select status from admin.account_directory where user_id = $1', [user.id]);
    expect(rows[0]!.status).toBe('active');
  });

  it('lets the unit administrator change a role and disable an account (audited), never their own', async () => {
    const handler = await userId('employer_handler');
    const detail = await json<UserPage>(h.call('admin', `/users/${handler}`, 'employer_admin'));
    expect(detail.manageable).toBe(true);
    const promoted = await json<UserPage>(h.call('admin', `/users/${handler}`, 'employer_admin', json200('PATCH', { version: detail.version, role: 'employer_admin' })));
    expect(promoted.role).toBe('employer_admin');
    const disabled = await json<UserPage>(h.call('admin', `/users/${handler}/disable`, 'employer_admin', json200('POST', { version: promoted.version })));
    expect(disabled.status).toBe('disabled');
    expect((await h.call('admin', `/users/${handler}/enable`, 'employer_admin', json200('POST', { version: promoted.version }))).status).toBe(409);
    const enabled = await json<UserPage>(h.call('admin', `/users/${handler}/enable`, 'employer_admin', json200('POST', { version: disabled.version })));
    expect(enabled.status).toBe('active');
    const actions = (await h.db.query<{ action: string }>('select action from audit.records where object_id = $1 order by id', [handler])).rows.map((r) => r.action);
    expect(actions).toEqual(['user.update', 'user.disable', 'user.enable']);

    const self = await userId('employer_admin');
    const mine = await json<UserPage>(h.call('admin', `/users/${self}`, 'employer_admin'));
    const refused = await h.call('admin', `/users/${self}/disable`, 'employer_admin', json200('POST', { version: mine.version }));
    expect((await json<ErrorBody>(refused)).error.code).toBe('USER_SELF');
  });

  it('refuses to manage people outside the scope (404) and national or supervising accounts from an employer (403)', async () => {
    const shanghai = await userId('employer_sh');
    expect((await h.call('admin', `/users/${shanghai}/disable`, 'employer_admin', json200('POST', { version: 0 }))).status).toBe(404);
    expect((await h.call('admin', `/users/${shanghai}/disable`, 'supervisor_bj', json200('POST', { version: 0 }))).status).toBe(404);
    const supervisor = await userId('supervisor_bj');
    expect((await h.call('admin', `/users/${supervisor}`, 'employer_admin')).status).toBe(404);
    const { rows } = await h.db.query<{ status: string }>(`select status from admin.users where username in ('employer_sh', 'supervisor_bj')`);
    expect(rows.every((r) => r.status === 'active')).toBe(true);
  });
});
