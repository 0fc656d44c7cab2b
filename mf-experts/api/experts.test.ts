// 专家库查询 as each demo user sees it: data scope, every search filter and sort, masked identifiers, refusals.
import { CJK, type ErrorBody, type Harness, json, moduleHarness, type Page } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Expert {
  id: string;
  name: string;
  chineseName: string | null;
  nationality: string;
  disciplineCode: string | null;
  passportMasked: string | null;
  visitCount: number;
  lastVisit: string | null;
}

const BEIJING_UNIVERSITY = ['Anna Schmidt', 'James Wilson', 'Yuki Tanaka'];
const SHANGHAI_INSTITUTE = ['James Wilson', 'Maria Rossi'];
const ALL = ['Anna Schmidt', 'James Wilson', 'James Wilson', 'Maria Rossi', 'Pierre Dubois', 'Yuki Tanaka'];

describe('expert search on the demo data', () => {
  let h: Harness;
  let idOf: (name: string) => string;

  beforeAll(async () => {
    h = await moduleHarness(['experts']);
    const { rows } = await h.db.query<{ id: string; name: string }>('select id, name from experts.experts order by created_at');
    idOf = (name) => rows.find((r) => r.name === name)!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  const search = (user: string, query = '') => json<Page<Expert>>(h.call('experts', `/experts${query}`, user));
  const namesFor = async (user: string, query = '') => (await search(user, query)).items.map((e) => e.name);

  describe('data scope', () => {
    it('shows an employer unit the experts it invited', async () => {
      expect(await namesFor('employer_handler')).toEqual(BEIJING_UNIVERSITY);
      expect(await namesFor('employer_admin')).toEqual(BEIJING_UNIVERSITY);
      expect(await namesFor('ministry_univ')).toEqual(['Pierre Dubois']);
      expect(await namesFor('employer_sh')).toEqual(SHANGHAI_INSTITUTE);
    });

    it('shows a supervising unit the experts of its employer units only', async () => {
      expect(await namesFor('supervisor_bj')).toEqual(BEIJING_UNIVERSITY);
      expect(await namesFor('supervisor_sh')).toEqual(SHANGHAI_INSTITUTE);
    });

    it('shows the national level every expert', async () => {
      expect(await namesFor('national_admin')).toEqual(ALL);
      expect(await namesFor('support')).toEqual(ALL);
    });

    it('lets an expert into a unit’s scope when a plan of that unit invites it', async () => {
      const plan = '0b5c8c8e-1f6a-4c57-9a43-3f1c2d7e9a01';
      const unit = (await h.identityOf('employer_sh')).unit.id;
      const service = await h.signer.signService('experts', 'test');
      const put = await h.call('experts', `/internal/plans/${plan}/experts`, null, {
        method: 'PUT',
        headers: { 'x-identity-assertion': service, 'content-type': 'application/json' },
        body: JSON.stringify({ unitId: unit, approved: false, experts: [{ expertId: idOf('Yuki Tanaka'), visits: [] }] }),
      });
      expect(put.status).toBe(200);
      expect(await namesFor('employer_sh')).toEqual([...SHANGHAI_INSTITUTE, 'Yuki Tanaka']);
      expect(await namesFor('supervisor_sh')).toEqual([...SHANGHAI_INSTITUTE, 'Yuki Tanaka']);
      // Removing the plan's experts leaves the unit's invitation in place: it did invite them.
      await h.call('experts', `/internal/plans/${plan}/experts`, null, { method: 'DELETE', headers: { 'x-identity-assertion': service } });
      await h.db.query('delete from experts.expert_units where expert_id = $1 and unit_id = $2', [idOf('Yuki Tanaka'), unit]);
    });
  });

  describe('filters', () => {
    it('finds by Latin or Chinese name, case-insensitively, and takes % and _ literally', async () => {
      expect(await namesFor('national_admin', '?name=anna')).toEqual(['Anna Schmidt']);
      expect(await namesFor('national_admin', `?name=${encodeURIComponent('田中')}`)).toEqual(['Yuki Tanaka']);
      expect(await namesFor('national_admin', '?name=%20%20wilson%20')).toEqual(['James Wilson', 'James Wilson']);
      expect(await namesFor('employer_handler', '?name=Pierre')).toEqual([]);
      expect(await search('national_admin', '?name=%25')).toEqual({ items: [], total: 0 });
      expect(await search('national_admin', '?name=_')).toEqual({ items: [], total: 0 });
    });

    it('filters by nationality, and a discipline category takes in its disciplines', async () => {
      expect(await namesFor('national_admin', '?nationality=FR')).toEqual(['Pierre Dubois']);
      expect(await namesFor('national_admin', '?nationality=fr')).toEqual(['Pierre Dubois']);
      expect(await namesFor('national_admin', '?discipline=0805')).toEqual(['Maria Rossi', 'Yuki Tanaka']);
      // 08 工学: computer science, materials, mechanical engineering
      expect(await namesFor('national_admin', '?discipline=08')).toEqual(['Anna Schmidt', 'Maria Rossi', 'Pierre Dubois', 'Yuki Tanaka']);
      expect(await namesFor('national_admin', '?discipline=07')).toEqual(['James Wilson', 'James Wilson']);
    });

    it('filters by a visit’s year, province, program and host unit, all about the same visit', async () => {
      expect(await namesFor('national_admin', '?year=2025')).toEqual(['Anna Schmidt']);
      expect(await namesFor('national_admin', '?year=2026')).toEqual(['Anna Schmidt', 'James Wilson', 'Maria Rossi', 'Pierre Dubois']);
      expect(await namesFor('national_admin', '?province=310000')).toEqual(['Maria Rossi']);
      expect(await namesFor('national_admin', '?program=young_foreign_talent')).toEqual(['Maria Rossi', 'Pierre Dubois']);
      expect(await namesFor('national_admin', `?hostUnit=${encodeURIComponent('部属')}`)).toEqual(['Pierre Dubois']);
      // Anna visited in 2025 and in 2026 under the same program, never in Shanghai.
      expect(await namesFor('national_admin', '?year=2025&program=high_end_foreign_expert')).toEqual(['Anna Schmidt']);
      expect(await namesFor('national_admin', '?year=2025&province=310000')).toEqual([]);
    });

    it('offers the programs and years that occur among visits', async () => {
      const options = await json<{ programs: Array<{ code: string; name: string }>; years: number[] }>(h.call('experts', '/experts/filters', 'employer_handler'));
      expect(options.programs).toEqual([
        { code: 'high_end_foreign_expert', name: '高端外国专家引进计划' },
        { code: 'young_foreign_talent', name: '外国青年人才计划' },
      ]);
      expect(options.years).toEqual([2026, 2025]);
    });
  });

  describe('sorting and paging', () => {
    it('sorts by latest visit (never-visited last) and by number of visits', async () => {
      expect(await namesFor('national_admin', '?sort=latestVisit')).toEqual(['Anna Schmidt', 'Pierre Dubois', 'Maria Rossi', 'James Wilson', 'James Wilson', 'Yuki Tanaka']);
      expect((await namesFor('national_admin', '?sort=visitCount'))[0]).toBe('Anna Schmidt');
      expect((await namesFor('national_admin', '?sort=visitCount')).slice(-2)).toEqual(['James Wilson', 'Yuki Tanaka']);
    });

    it('pages with limit and offset, the total unchanged, and past the last page', async () => {
      const first = await search('national_admin', '?limit=2');
      const second = await search('national_admin', '?limit=2&offset=2');
      expect(first.items.map((e) => e.name)).toEqual(['Anna Schmidt', 'James Wilson']);
      expect(second.items.map((e) => e.name)).toEqual(['James Wilson', 'Maria Rossi']);
      expect([first.total, second.total]).toEqual([6, 6]);
      expect(await search('national_admin', '?limit=2&offset=6')).toEqual({ items: [], total: 6 });
    });
  });

  it('counts visits, gives the latest as a calendar date, and masks the passport', async () => {
    const anna = (await search('employer_handler', '?name=Anna')).items[0];
    expect(anna).toMatchObject({ chineseName: '安娜·施密特', nationality: 'DE', disciplineCode: '0812', visitCount: 2, lastVisit: '2026-09-01', passportMasked: 'C0*****47' });
    expect(JSON.stringify(anna)).not.toContain('C01X00T47');
    const yuki = (await search('employer_handler', '?name=Yuki')).items[0];
    expect(yuki).toMatchObject({ visitCount: 0, lastVisit: null });
  });

  it('keeps the visit date when the server runs on Beijing time', async () => {
    const before = process.env['TZ'];
    process.env['TZ'] = 'Asia/Shanghai';
    try {
      const response = await h.call('experts', `/experts/${idOf('Pierre Dubois')}`, 'national_admin');
      expect(await response.json()).toMatchObject({ lastVisit: '2026-06-02', birthDate: '1979-01-30' });
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['offset=-1', 'offset'],
    ['nationality=XX', 'nationality'],
    ['nationality=DEU', 'nationality'],
    ['discipline=9999', 'discipline'],
    ['province=990000', 'province'],
    ['year=abc', 'year'],
    ['sort=age', 'sort'],
    [`name=${'x'.repeat(101)}`, 'name'],
  ])('refuses %s with a field message, in Chinese by default and in English on request', async (query, field) => {
    const zh = await h.call('experts', `/experts?${query}`, 'national_admin');
    expect(zh.status).toBe(400);
    const zhBody = await json<ErrorBody>(zh);
    expect(zhBody.error.code).toBe('VALIDATION_FAILED');
    expect(zhBody.error.message).toMatch(CJK);
    expect(zhBody.error.fields?.map((f) => f.field)).toEqual([field]);

    const en = await json<ErrorBody>(h.call('experts', `/experts?${query}`, 'national_admin', { locale: 'en-US' }));
    expect(en.error.fields?.map((f) => f.field)).toEqual([field]);
    expect(en.error.message).not.toMatch(CJK);
  });

  describe('GET /experts/:id', () => {
    it('shows the record with identifiers masked, the inviting unit, and what the caller may do', async () => {
      const detail = await json<Record<string, unknown>>(h.call('experts', `/experts/${idOf('Anna Schmidt')}`, 'employer_handler'));
      expect(detail).toMatchObject({
        name: 'Anna Schmidt',
        gender: 'female',
        birthDate: '1975-04-12',
        passportMasked: 'C0*****47',
        phoneMasked: '+49****5678',
        email: 'anna.schmidt@tu-example.de',
        employerAbroad: 'Technische Universität Berlin',
        keywords: ['机器学习', '知识图谱'],
        createdByUnit: { name: '北京示例大学' },
        files: { cv: null, photo: null },
        can: { edit: true, correct: false, reveal: true, merge: false, upload: true },
        editBlocked: null,
      });
      const text = JSON.stringify(detail);
      expect(text).not.toContain('C01X00T47');
      expect(text).not.toContain('12345678');
      expect(text).not.toContain('encrypted');
    });

    it('lets a supervising unit read but not edit, and support read without revealing', async () => {
      const supervisor = await json<{ can: Record<string, boolean>; editBlocked: string }>(h.call('experts', `/experts/${idOf('Anna Schmidt')}`, 'supervisor_bj'));
      expect(supervisor.can).toMatchObject({ edit: false, reveal: true, merge: false });
      expect(supervisor.editBlocked).toBe('not_owner');
      const support = await json<{ can: Record<string, boolean> }>(h.call('experts', `/experts/${idOf('Anna Schmidt')}`, 'support'));
      expect(support.can).toMatchObject({ edit: false, reveal: false, merge: false });
    });

    it('shows the national level the likely duplicate, and an employer only the one in its scope', async () => {
      const shanghaiJames = (await h.db.query<{ id: string }>(`select id from experts.experts where name = 'James Wilson' and passport_masked = '12*****43'`)).rows[0]!.id;
      const national = await json<{ likelyDuplicates: Array<{ id: string; passportMasked: string }> }>(h.call('experts', `/experts/${shanghaiJames}`, 'national_admin'));
      expect(national.likelyDuplicates.map((d) => d.passportMasked)).toEqual(['53*****06']);
      // The Beijing university's James: the Shanghai record is outside its scope and is not shown.
      const employer = await json<{ likelyDuplicates: unknown[] }>(h.call('experts', `/experts/${idOf('James Wilson')}`, 'employer_handler'));
      expect(employer.likelyDuplicates).toEqual([]);
    });

    it.each([
      ['employer_handler', 'Pierre Dubois'],
      ['supervisor_bj', 'Maria Rossi'],
      ['ministry_univ', 'Anna Schmidt'],
      ['employer_sh', 'Yuki Tanaka'],
    ])('answers %s 404 for %s, outside its scope', async (user, name) => {
      const response = await h.call('experts', `/experts/${idOf(name)}`, user);
      expect(response.status).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
    });

    it.each(['5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', 'not-a-uuid', '42'])('answers 404 for id %s', async (id) => {
      const response = await h.call('experts', `/experts/${id}`, 'national_admin');
      expect(response.status).toBe(404);
    });

    it('lists an expert’s visits across years and host units, newest first', async () => {
      const visits = await json<{ items: Array<Record<string, unknown>> }>(h.call('experts', `/experts/${idOf('Anna Schmidt')}/visits`, 'supervisor_bj'));
      expect(visits.items).toEqual([
        expect.objectContaining({ startDate: '2026-09-01', endDate: '2026-09-14', days: 14, year: 2026, city: '北京', provinceCode: '110000', hostUnit: expect.objectContaining({ name: '北京示例大学' }), programName: '高端外国专家引进计划' }),
        expect.objectContaining({ startDate: '2025-05-06', days: 15, year: 2025 }),
      ]);
      expect((await h.call('experts', `/experts/${idOf('Anna Schmidt')}/visits`, 'employer_sh')).status).toBe(404);
    });
  });

  it.each(['/experts', '/experts/5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', '/todo'])('refuses %s without an assertion', async (path) => {
    const response = await h.call('experts', path, null);
    expect(response.status).toBe(401);
    expect((await json<ErrorBody>(response)).error.code).toBe('ASSERTION_INVALID');
  });
});
