// The expert library's API as each demo user sees it: data scope, 404 for what is out of scope, filters, validation, paging.
import { CJK, DEMO_USERS, type ErrorBody, type Harness, json, moduleHarness, type Page } from '@wgzj/gateway/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Expert {
  id: string;
  name: string;
  chineseName: string | null;
  nationality: string;
  discipline: string | null;
  visitCount: number;
  lastVisit: string | null;
}

const BEIJING_UNIVERSITY_EXPERTS = ['Anna Schmidt', 'James Wilson', 'Yuki Tanaka'];
const MINISTRY_UNIVERSITY_EXPERTS = ['Pierre Dubois'];

describe('experts API on the demo data', () => {
  let h: Harness;
  let expertId: (name: string) => string;

  beforeAll(async () => {
    h = await moduleHarness(['experts']);
    const { rows } = await h.db.query<{ id: string; name: string }>('select id, name from experts.experts');
    expertId = (name) => rows.find((r) => r.name === name)!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  const namesFor = async (user: string, query = '') =>
    (await json<Page<Expert>>(h.call('experts', `/experts${query}`, user))).items.map((e) => e.name);

  describe('GET /experts', () => {
    it('shows employer users only the experts their unit invited, by name', async () => {
      expect(await namesFor('employer_handler')).toEqual(BEIJING_UNIVERSITY_EXPERTS);
      expect(await namesFor('employer_admin')).toEqual(BEIJING_UNIVERSITY_EXPERTS);
      expect(await namesFor('ministry_univ')).toEqual(MINISTRY_UNIVERSITY_EXPERTS);
    });

    it('shows a supervising unit its employer units’ experts, not a ministry university’s', async () => {
      expect(await namesFor('supervisor_bj')).toEqual(BEIJING_UNIVERSITY_EXPERTS);
    });

    it('shows the national level every expert', async () => {
      const all = [...BEIJING_UNIVERSITY_EXPERTS, ...MINISTRY_UNIVERSITY_EXPERTS].sort();
      expect(await namesFor('national_admin')).toEqual(all);
      expect(await namesFor('support')).toEqual(all);
    });

    it('finds by Latin or Chinese name, case-insensitively, within scope', async () => {
      expect(await namesFor('national_admin', '?name=anna')).toEqual(['Anna Schmidt']);
      expect(await namesFor('national_admin', `?name=${encodeURIComponent('田中')}`)).toEqual(['Yuki Tanaka']);
      expect(await namesFor('national_admin', '?name=%20%20wilson%20')).toEqual(['James Wilson']);
      expect(await namesFor('employer_handler', '?name=Pierre')).toEqual([]);
    });

    it('takes % and _ in a name search literally', async () => {
      expect(await json(h.call('experts', '/experts?name=%25', 'national_admin'))).toEqual({ items: [], total: 0 });
      expect(await json(h.call('experts', '/experts?name=_', 'national_admin'))).toEqual({ items: [], total: 0 });
    });

    it('filters by nationality', async () => {
      expect(await namesFor('national_admin', '?nationality=FR')).toEqual(['Pierre Dubois']);
      expect(await namesFor('supervisor_bj', '?nationality=FR')).toEqual([]);
    });

    it('counts visits and gives the latest start date as a calendar date', async () => {
      const anna = (await json<Page<Expert>>(h.call('experts', '/experts?name=Anna', 'employer_handler'))).items[0];
      expect(anna).toMatchObject({ chineseName: '安娜·施密特', nationality: 'DE', visitCount: 2, lastVisit: '2026-09-01' });
      const yuki = (await json<Page<Expert>>(h.call('experts', '/experts?name=Yuki', 'employer_handler'))).items[0];
      expect(yuki).toMatchObject({ visitCount: 0, lastVisit: null });
    });

    it('keeps the visit date when the server runs on Beijing time', async () => {
      const before = process.env['TZ'];
      process.env['TZ'] = 'Asia/Shanghai';
      try {
        const response = await h.call('experts', `/experts/${expertId('Pierre Dubois')}`, 'national_admin');
        expect(await response.json()).toMatchObject({ lastVisit: '2026-06-02' });
      } finally {
        if (before === undefined) delete process.env['TZ'];
        else process.env['TZ'] = before;
      }
    });

    it('pages with limit and offset, the total unchanged, and past the last page', async () => {
      const first = await json<Page<Expert>>(h.call('experts', '/experts?limit=2', 'national_admin'));
      const second = await json<Page<Expert>>(h.call('experts', '/experts?limit=2&offset=2', 'national_admin'));
      expect(first.items.map((e) => e.name)).toEqual(['Anna Schmidt', 'James Wilson']);
      expect(second.items.map((e) => e.name)).toEqual(['Pierre Dubois', 'Yuki Tanaka']);
      expect([first.total, second.total]).toEqual([4, 4]);
      expect(await json(h.call('experts', '/experts?limit=2&offset=4', 'national_admin'))).toEqual({ items: [], total: 4 });
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=-1', 'offset'],
      ['nationality=de', 'nationality'],
      ['nationality=DEU', 'nationality'],
      [`name=${'x'.repeat(101)}`, 'name'],
    ])('refuses %s with a field message, in Chinese by default and in English on request', async (query, field) => {
      const zh = await h.call('experts', `/experts?${query}`, 'national_admin');
      expect(zh.status).toBe(400);
      const zhBody = await json<ErrorBody>(zh);
      expect(zhBody.error.code).toBe('VALIDATION_FAILED');
      expect(zhBody.error.message).toMatch(CJK);
      expect(zhBody.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(zhBody.error.fields?.[0]?.message).toMatch(CJK);

      const en = await json<ErrorBody>(h.call('experts', `/experts?${query}`, 'national_admin', { locale: 'en-US' }));
      expect(en.error.message).toBe('Some fields are invalid.');
      expect(en.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(en.error.fields?.[0]?.message).not.toMatch(CJK);
    });
  });

  describe('GET /experts/:id', () => {
    it('returns an expert in scope', async () => {
      const id = expertId('James Wilson');
      for (const user of ['employer_handler', 'supervisor_bj', 'support']) {
        const response = await h.call('experts', `/experts/${id}`, user);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ id, name: 'James Wilson', nationality: 'GB', visitCount: 1, lastVisit: '2026-03-10' });
      }
    });

    it.each([
      ['employer_handler', 'Pierre Dubois'],
      ['supervisor_bj', 'Pierre Dubois'],
      ['ministry_univ', 'Anna Schmidt'],
    ])('answers %s 404 for %s, outside its scope', async (user, name) => {
      const response = await h.call('experts', `/experts/${expertId(name)}`, user);
      expect(response.status).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
    });

    it.each(['5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', 'not-a-uuid', '42'])('answers 404 for id %s', async (id) => {
      const response = await h.call('experts', `/experts/${id}`, 'national_admin');
      expect(response.status).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
    });
  });

  it.each(DEMO_USERS)('gives %s nothing to do in the expert library', async (user) => {
    expect(await json(h.call('experts', '/todo', user))).toEqual({ count: 0, items: [] });
  });

  it.each(['/experts', '/experts/5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', '/todo'])('refuses %s without an assertion', async (path) => {
    const response = await h.call('experts', path, null);
    expect(response.status).toBe(401);
    expect((await json<ErrorBody>(response)).error.code).toBe('ASSERTION_INVALID');
  });
});

describe('experts data-scope walk: every route × every role', () => {
  let h: Harness;
  const users = [...DEMO_USERS, 'reviewer_demo'];

  beforeAll(async () => {
    h = await moduleHarness(['experts']);
    // A second province, so "supervised" has someone else's employer to leave out, and a role that sees nothing.
    const shanghai = (
      await h.db.query<{ id: string }>(
        `insert into admin.units (name, kind, credit_code, province_code) values ('上海市科学技术委员会', 'supervising', '11310000000021231X', '310000') returning id`,
      )
    ).rows[0]!.id;
    const employer = (
      await h.db.query<{ id: string }>(
        `insert into admin.units (name, kind, credit_code, province_code, supervising_unit_id) values ('上海示例研究所', 'employer', '12310000425000001X', '310000', $1) returning id`,
        [shanghai],
      )
    ).rows[0]!.id;
    await h.db.query(
      `insert into experts.experts (name, nationality, created_by_unit_id, supervising_unit_id) values ('Maria Rossi', 'IT', $1, $2)`,
      [employer, shanghai],
    );
    await h.db.query(`insert into admin.users (username, display_name, role, unit_id) values ('reviewer_demo', '评审专家', 'expert_reviewer', $1)`, [
      shanghai,
    ]);
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(users)('%s lists exactly the experts of units in its scope, and can open only those', async (user) => {
    const visible = await h.unitsVisibleTo(user);
    const { rows: all } = await h.db.query<{ id: string; unit_id: string }>('select id, created_by_unit_id as unit_id from experts.experts');
    const expected = all.filter((e) => visible.has(e.unit_id)).map((e) => e.id).sort();

    const page = await json<Page<Expert>>(h.call('experts', '/experts?limit=100', user));
    expect(page.items.map((e) => e.id).sort()).toEqual(expected);
    expect(page.total).toBe(expected.length);

    for (const expert of all) {
      const response = await h.call('experts', `/experts/${expert.id}`, user);
      expect(response.status, `${user} opening expert of unit ${expert.unit_id}`).toBe(visible.has(expert.unit_id) ? 200 : 404);
    }
  });

  it('the walk covers experts inside and outside each scope', async () => {
    const { rows: all } = await h.db.query<{ unit_id: string }>('select created_by_unit_id as unit_id from experts.experts');
    for (const user of users.filter((u) => u !== 'national_admin' && u !== 'support')) {
      const visible = await h.unitsVisibleTo(user);
      expect(all.some((e) => !visible.has(e.unit_id)), user).toBe(true);
    }
  });
});
