// The admin area's API as each demo user sees it: the unit tree in scope, 404 for what is out of scope, notices, to-do.
import { CJK, DEMO_USERS, type ErrorBody, type Harness, json, moduleHarness, type Page, type ToDo } from '@wgzj/gateway/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Unit {
  id: string;
  name: string;
  kind: string;
  creditCode: string | null;
  province: string | null;
  status: string;
}
interface Notice {
  id: string;
  title: string;
  publishedAt: string;
}

const NATIONAL = '科学技术部外国专家服务司';
const BEIJING = '北京市科学技术委员会';
const UNIVERSITY = '北京示例大学';
const MINISTRY_UNIVERSITY = '示例部属大学';
const PENDING = '北京新锐科技有限公司';

describe('admin API on the demo data', () => {
  let h: Harness;
  let unitId: (name: string) => string;

  beforeAll(async () => {
    h = await moduleHarness([]);
    const { rows } = await h.db.query<{ unit_id: string; unit_name: string }>('select unit_id, unit_name from admin.unit_directory');
    unitId = (name) => rows.find((r) => r.unit_name === name)!.unit_id;
  });
  afterAll(async () => {
    await h.close();
  });

  const namesFor = async (user: string, query = '') =>
    (await json<Page<Unit>>(h.call('admin', `/units${query}`, user))).items.map((u) => u.name);

  describe('GET /units', () => {
    it('shows employer users only their own unit, not the unit supervising them', async () => {
      expect(await namesFor('employer_handler')).toEqual([UNIVERSITY]);
      expect(await namesFor('employer_admin')).toEqual([UNIVERSITY]);
      expect(await namesFor('ministry_univ')).toEqual([MINISTRY_UNIVERSITY]);
    });

    it('shows a supervising unit itself and its employer units, pending ones included, not a ministry university', async () => {
      const names = await namesFor('supervisor_bj');
      expect(names[0]).toBe(BEIJING);
      expect(names.slice(1).sort()).toEqual([PENDING, UNIVERSITY].sort());
    });

    it('shows the national level every unit, national first, then supervising units', async () => {
      for (const user of ['national_admin', 'support']) {
        const names = await namesFor(user);
        expect(names.slice(0, 2)).toEqual([NATIONAL, BEIJING]);
        expect(names.slice(2).sort()).toEqual([MINISTRY_UNIVERSITY, PENDING, UNIVERSITY].sort());
      }
    });

    it('describes each unit with its credit code, province and status', async () => {
      const [unit] = (await json<Page<Unit>>(h.call('admin', '/units', 'employer_handler'))).items;
      expect(unit).toEqual({
        id: unitId(UNIVERSITY),
        name: UNIVERSITY,
        kind: 'employer',
        creditCode: '121100004000018622',
        province: '110000',
        status: 'active',
      });
    });

    it('pages with limit and offset, the total unchanged, and past the last page', async () => {
      const pages = await Promise.all([0, 2, 4].map((offset) => json<Page<Unit>>(h.call('admin', `/units?limit=2&offset=${offset}`, 'national_admin'))));
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
      expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
      expect(pages.flatMap((p) => p.items).map((u) => u.name)).toEqual(await namesFor('national_admin'));
      expect(await json(h.call('admin', '/units?limit=2&offset=5', 'national_admin'))).toEqual({ items: [], total: 5 });
    });

    it.each([
      ['/units?limit=0', 'limit'],
      ['/units?limit=101', 'limit'],
      ['/units?offset=-1', 'offset'],
      ['/notices?limit=abc', 'limit'],
    ])('refuses %s with a field message, in Chinese by default and in English on request', async (path, field) => {
      const zh = await h.call('admin', path, 'national_admin');
      expect(zh.status).toBe(400);
      const zhBody = await json<ErrorBody>(zh);
      expect(zhBody.error.code).toBe('VALIDATION_FAILED');
      expect(zhBody.error.message).toMatch(CJK);
      expect(zhBody.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(zhBody.error.fields?.[0]?.message).toMatch(CJK);

      const en = await json<ErrorBody>(h.call('admin', path, 'national_admin', { locale: 'en-US' }));
      expect(en.error.message).toBe('Some fields are invalid.');
      expect(en.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(en.error.fields?.[0]?.message).not.toMatch(CJK);
    });
  });

  describe('GET /units/:id', () => {
    it('returns a unit in scope', async () => {
      for (const user of ['employer_handler', 'supervisor_bj', 'national_admin']) {
        const response = await h.call('admin', `/units/${unitId(UNIVERSITY)}`, user);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ id: unitId(UNIVERSITY), name: UNIVERSITY, kind: 'employer' });
      }
      const pending = await json<Unit>(h.call('admin', `/units/${unitId(PENDING)}`, 'supervisor_bj'));
      expect(pending).toMatchObject({ name: PENDING, status: 'pending_review' });
    });

    it.each([
      ['employer_handler', BEIJING],
      ['employer_handler', PENDING],
      ['employer_admin', NATIONAL],
      ['ministry_univ', UNIVERSITY],
      ['supervisor_bj', MINISTRY_UNIVERSITY],
      ['supervisor_bj', NATIONAL],
    ])('answers %s 404 for %s, outside its scope', async (user, name) => {
      const response = await h.call('admin', `/units/${unitId(name)}`, user);
      expect(response.status).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
    });

    it.each(['5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', 'not-a-uuid', '121100004000018622'])('answers 404 for id %s', async (id) => {
      const response = await h.call('admin', `/units/${id}`, 'national_admin');
      expect(response.status).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
    });
  });

  describe('GET /notices', () => {
    it.each(DEMO_USERS)('shows %s every notice, newest first', async (user) => {
      const page = await json<Page<Notice>>(h.call('admin', '/notices', user));
      expect(page.total).toBe(3);
      expect(page.items.map((n) => n.title)).toEqual([
        '关于开展2027年度外国专家项目申报工作的通知',
        '外国专家项目管理信息系统接入政务服务平台的说明',
        '2026年度总结报告填报提醒',
      ]);
      const times = page.items.map((n) => Date.parse(n.publishedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('pages notices, the total unchanged, and past the last page', async () => {
      const second = await json<Page<Notice>>(h.call('admin', '/notices?limit=1&offset=1', 'employer_handler'));
      expect(second.items.map((n) => n.title)).toEqual(['外国专家项目管理信息系统接入政务服务平台的说明']);
      expect(second.total).toBe(3);
      expect(await json(h.call('admin', '/notices?limit=1&offset=3', 'employer_handler'))).toEqual({ items: [], total: 3 });
    });
  });

  describe('GET /todo', () => {
    it('gives the supervising unit the pending employer unit to review, in either language', async () => {
      const todo = await json<ToDo>(h.call('admin', '/todo', 'supervisor_bj'));
      expect(todo.count).toBe(1);
      expect(todo.items).toEqual([expect.objectContaining({ title: `用人单位注册审核:${PENDING}`, link: `/admin/units/${unitId(PENDING)}` })]);
      const english = await json<ToDo>(h.call('admin', '/todo', 'supervisor_bj', { locale: 'en-US' }));
      expect(english.items[0]?.title).toBe(`Employer unit registration review: ${PENDING}`);
    });

    it.each(DEMO_USERS.filter((u) => u !== 'supervisor_bj'))('gives %s nothing to do', async (user) => {
      expect(await json(h.call('admin', '/todo', user))).toEqual({ count: 0, items: [] });
    });
  });

  it.each(['/units', `/units/5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c`, '/notices', '/todo'])('refuses %s without an assertion', async (path) => {
    const response = await h.call('admin', path, null);
    expect(response.status).toBe(401);
    expect((await json<ErrorBody>(response)).error.code).toBe('ASSERTION_INVALID');
  });
});

describe('admin data-scope walk: every route × every role', () => {
  let h: Harness;
  const users = [...DEMO_USERS, 'reviewer_demo', 'supervisor_sh'];

  beforeAll(async () => {
    h = await moduleHarness([]);
    // A second province with its own pending employer, its own supervising user, and a role that sees nothing.
    const shanghai = (
      await h.db.query<{ id: string }>(
        `insert into admin.units (name, kind, credit_code, province_code) values ('上海市科学技术委员会', 'supervising', '11310000000021231X', '310000') returning id`,
      )
    ).rows[0]!.id;
    await h.db.query(
      `insert into admin.units (name, kind, credit_code, province_code, supervising_unit_id, status)
       values ('上海示例研究所', 'employer', '12310000425000001X', '310000', $1, 'active'),
              ('上海待审公司', 'employer', '91310000MA0000002X', '310000', $1, 'pending_review')`,
      [shanghai],
    );
    await h.db.query(
      `insert into admin.users (username, display_name, role, unit_id)
       values ('reviewer_demo', '评审专家', 'expert_reviewer', $1), ('supervisor_sh', '上海用户', 'supervising_user', $1)`,
      [shanghai],
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(users)('%s lists exactly the units in its scope, can open only those, and has to-dos only there', async (user) => {
    const visible = await h.unitsVisibleTo(user);
    const { rows: all } = await h.db.query<{ unit_id: string }>('select unit_id from admin.unit_directory');

    const page = await json<Page<Unit>>(h.call('admin', '/units?limit=100', user));
    expect(page.items.map((u) => u.id).sort()).toEqual([...visible].sort());
    expect(page.total).toBe(visible.size);

    for (const unit of all) {
      const response = await h.call('admin', `/units/${unit.unit_id}`, user);
      expect(response.status, `${user} opening unit ${unit.unit_id}`).toBe(visible.has(unit.unit_id) ? 200 : 404);
    }

    const todo = await json<ToDo>(h.call('admin', '/todo', user));
    for (const item of todo.items) expect(visible.has(item.link.split('/').pop()!)).toBe(true);
  });

  it('gives each supervising unit only its own pending employer units to review', async () => {
    const bj = await json<ToDo>(h.call('admin', '/todo', 'supervisor_bj'));
    const sh = await json<ToDo>(h.call('admin', '/todo', 'supervisor_sh'));
    expect(bj.items.map((i) => i.title)).toEqual([`用人单位注册审核:${PENDING}`]);
    expect(sh.items.map((i) => i.title)).toEqual(['用人单位注册审核:上海待审公司']);
  });

  it('the walk covers units inside and outside each scope', async () => {
    const { rows: all } = await h.db.query<{ unit_id: string }>('select unit_id from admin.unit_directory');
    for (const user of users.filter((u) => u !== 'national_admin' && u !== 'support')) {
      const visible = await h.unitsVisibleTo(user);
      expect(all.some((u) => !visible.has(u.unit_id)), user).toBe(true);
    }
  });
});
