// The admin area's units as each demo user sees them: the unit tree in scope, 404 for what is out of scope, to-do.
import { CJK, DEMO_USERS, type ErrorBody, type Harness, json, moduleHarness, type Page, type ToDo } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Unit {
  id: string;
  name: string;
  kind: string;
  creditCode: string | null;
  province: string | null;
  provinceName: string | null;
  status: string;
  registrationState: string;
  supervisingUnit: { id: string; name: string } | null;
}

const NATIONAL = '科学技术部外国专家服务司';
const BEIJING = '北京市科学技术委员会';
const UNIVERSITY = '北京示例大学';
const MINISTRY_UNIVERSITY = '示例部属大学';
const PENDING = '北京新锐科技有限公司';
const SHANGHAI = '上海市科学技术委员会';
const SHANGHAI_EMPLOYER = '上海示例研究院';
const DRAFT_MINISTRY = '示例理工大学';

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
        expect(names[0]).toBe(NATIONAL);
        expect(names.slice(1, 3).sort()).toEqual([BEIJING, SHANGHAI].sort());
        expect(names.slice(3).sort()).toEqual([DRAFT_MINISTRY, MINISTRY_UNIVERSITY, PENDING, SHANGHAI_EMPLOYER, UNIVERSITY].sort());
      }
    });

    it('filters on the server by name, kind, province and review state', async () => {
      expect(await namesFor('national_admin', `?name=${encodeURIComponent('上海')}`)).toEqual(expect.arrayContaining([SHANGHAI, SHANGHAI_EMPLOYER]));
      expect((await namesFor('national_admin', '?province=310000')).sort()).toEqual([SHANGHAI, SHANGHAI_EMPLOYER].sort());
      expect((await namesFor('national_admin', '?kind=ministry_university')).sort()).toEqual([DRAFT_MINISTRY, MINISTRY_UNIVERSITY].sort());
      expect(await namesFor('national_admin', '?registrationState=supervising_review')).toEqual([PENDING]);
      // A filter never widens the scope.
      expect(await namesFor('supervisor_bj', '?province=310000')).toEqual([]);
    });

    it('describes each unit with its credit code, province and status', async () => {
      const [unit] = (await json<Page<Unit>>(h.call('admin', '/units', 'employer_handler'))).items;
      expect(unit).toEqual({
        id: unitId(UNIVERSITY),
        name: UNIVERSITY,
        kind: 'employer',
        creditCode: '121100004000018622',
        province: '110000',
        provinceName: '北京市',
        status: 'active',
        registrationState: 'approved',
        supervisingUnit: { id: unitId(BEIJING), name: BEIJING },
      });
      const [english] = (await json<Page<Unit>>(h.call('admin', '/units', 'employer_handler', { locale: 'en-US' }))).items;
      expect(english?.provinceName).toBe('Beijing');
    });

    it('pages with limit and offset, the total unchanged, and past the last page', async () => {
      const pages = await Promise.all([0, 3, 6].map((offset) => json<Page<Unit>>(h.call('admin', `/units?limit=3&offset=${offset}`, 'national_admin'))));
      expect(pages.map((p) => p.items.length)).toEqual([3, 3, 2]);
      expect(pages.map((p) => p.total)).toEqual([8, 8, 8]);
      expect(pages.flatMap((p) => p.items).map((u) => u.name)).toEqual(await namesFor('national_admin'));
      expect(await json(h.call('admin', '/units?limit=2&offset=8', 'national_admin'))).toEqual({ items: [], total: 8 });
    });

    it.each([
      ['/units?limit=0', 'limit'],
      ['/units?limit=101', 'limit'],
      ['/units?offset=-1', 'offset'],
      ['/units?kind=planet', 'kind'],
      ['/units?registrationState=lost', 'registrationState'],
    ])('refuses %s with a field message, in Chinese by default and in English on request', async (path, field) => {
      const zh = await h.call('admin', path, 'national_admin');
      expect(zh.status).toBe(400);
      const zhBody = await json<ErrorBody>(zh);
      expect(zhBody.error.code).toBe('VALIDATION_FAILED');
      expect(zhBody.error.message).toMatch(CJK);
      expect(zhBody.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(zhBody.error.fields?.[0]?.message).toMatch(CJK);

      const en = await json<ErrorBody>(h.call('admin', path, 'national_admin', { locale: 'en-US' }));
      expect(en.error.message).not.toMatch(CJK);
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
      expect(pending).toMatchObject({ name: PENDING, status: 'pending_review', registrationState: 'supervising_review' });
    });

    it.each([
      ['employer_handler', BEIJING],
      ['employer_handler', PENDING],
      ['employer_admin', NATIONAL],
      ['ministry_univ', UNIVERSITY],
      ['supervisor_bj', MINISTRY_UNIVERSITY],
      ['supervisor_bj', NATIONAL],
      ['supervisor_bj', SHANGHAI_EMPLOYER],
      ['supervisor_sh', UNIVERSITY],
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

  describe('GET /todo', () => {
    it('gives the supervising unit the pending employer unit and the new user to review, in either language', async () => {
      const todo = await json<ToDo>(h.call('admin', '/todo', 'supervisor_bj'));
      expect(todo.count).toBe(2);
      expect(todo.items).toEqual([
        expect.objectContaining({ title: `用人单位注册审核:${PENDING}`, link: `/admin/units/${unitId(PENDING)}` }),
        expect.objectContaining({ title: `用户审核:${UNIVERSITY} 马丽`, link: expect.stringMatching(/^\/admin\/users\/[0-9a-f-]{36}$/) }),
      ]);
      const english = await json<ToDo>(h.call('admin', '/todo', 'supervisor_bj', { locale: 'en-US' }));
      expect(english.items[0]?.title).toBe(`Employer unit registration review: ${PENDING}`);
    });

    it.each(DEMO_USERS.filter((u) => u !== 'supervisor_bj'))('gives %s nothing to do', async (user) => {
      expect(await json(h.call('admin', '/todo', user))).toEqual({ count: 0, items: [] });
    });
  });

  it.each(['/units', `/units/5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c`, '/users', '/todo'])('refuses %s without an assertion', async (path) => {
    const response = await h.call('admin', path, null);
    expect(response.status).toBe(401);
    expect((await json<ErrorBody>(response)).error.code).toBe('ASSERTION_INVALID');
  });
});
