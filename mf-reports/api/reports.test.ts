// The annual report library's API as each demo user sees it: data scope, 404 for what is out of scope, validation, paging, to-do.
import { CJK, DEMO_USERS, type ErrorBody, type Harness, json, moduleHarness, type Page, type ToDo } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Report {
  id: string;
  year: number;
  unitId: string;
  unitName: string | null;
  status: string;
  submittedAt: string | null;
}

const label = (r: Report) => `${r.year} ${r.unitName} ${r.status}`;

describe('reports API on the demo data', () => {
  let h: Harness;
  let reportId: (unitName: string, year: number) => string;

  beforeAll(async () => {
    h = await moduleHarness(['reports']);
    const { rows } = await h.db.query<{ id: string; unit_name: string; year: number }>(
      'select r.id, u.unit_name, r.year from reports.annual_reports r join admin.unit_directory u on u.unit_id = r.unit_id',
    );
    reportId = (unitName, year) => rows.find((r) => r.unit_name === unitName && r.year === year)!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  const labelsFor = async (user: string, query = '') =>
    (await json<Page<Report>>(h.call('reports', `/annual-reports${query}`, user))).items.map(label);

  describe('GET /annual-reports', () => {
    it('shows a supervising unit its own annual reports, newest year first, not a ministry university’s', async () => {
      expect(await labelsFor('supervisor_bj')).toEqual(['2026 北京市科学技术委员会 draft', '2025 北京市科学技术委员会 accepted']);
    });

    it('shows a ministry university its own report', async () => {
      expect(await labelsFor('ministry_univ')).toEqual(['2026 示例部属大学 submitted']);
    });

    it('shows an employer unit without reports nothing, not its supervising unit’s', async () => {
      expect(await json(h.call('reports', '/annual-reports', 'employer_handler'))).toEqual({ items: [], total: 0 });
      expect(await json(h.call('reports', '/annual-reports', 'employer_admin'))).toEqual({ items: [], total: 0 });
    });

    it('shows the national level every report', async () => {
      const all = ['2026 北京市科学技术委员会 draft', '2026 示例部属大学 submitted', '2025 北京市科学技术委员会 accepted'];
      expect(await labelsFor('national_admin')).toEqual(all);
      expect(await labelsFor('support')).toEqual(all);
    });

    it('filters by year within scope and gives submission times', async () => {
      expect(await labelsFor('national_admin', '?year=2025')).toEqual(['2025 北京市科学技术委员会 accepted']);
      expect(await labelsFor('ministry_univ', '?year=2025')).toEqual([]);
      const [accepted] = (await json<Page<Report>>(h.call('reports', '/annual-reports?year=2025', 'supervisor_bj'))).items;
      expect(accepted?.submittedAt).toBe('2026-01-20T02:00:00.000Z');
    });

    it('pages with limit and offset, the total unchanged, and past the last page', async () => {
      const pages = await Promise.all([0, 1, 2].map((offset) => json<Page<Report>>(h.call('reports', `/annual-reports?limit=1&offset=${offset}`, 'national_admin'))));
      expect(pages.map((p) => p.total)).toEqual([3, 3, 3]);
      expect(pages.flatMap((p) => p.items).map(label)).toEqual(await labelsFor('national_admin'));
      expect(await json(h.call('reports', '/annual-reports?limit=1&offset=3', 'national_admin'))).toEqual({ items: [], total: 3 });
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=1000', 'limit'],
      ['offset=x', 'offset'],
      ['year=abc', 'year'],
      ['year=1999', 'year'],
      ['year=2026.5', 'year'],
    ])('refuses %s with a field message, in Chinese by default and in English on request', async (query, field) => {
      const zh = await h.call('reports', `/annual-reports?${query}`, 'national_admin');
      expect(zh.status).toBe(400);
      const zhBody = await json<ErrorBody>(zh);
      expect(zhBody.error.code).toBe('VALIDATION_FAILED');
      expect(zhBody.error.message).toMatch(CJK);
      expect(zhBody.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(zhBody.error.fields?.[0]?.message).toMatch(CJK);

      const en = await json<ErrorBody>(h.call('reports', `/annual-reports?${query}`, 'national_admin', { locale: 'en-US' }));
      expect(en.error.message).toBe('Some fields are invalid.');
      expect(en.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(en.error.fields?.[0]?.message).not.toMatch(CJK);
    });
  });

  describe('GET /annual-reports/:id', () => {
    it('returns a report in scope', async () => {
      const id = reportId('示例部属大学', 2026);
      for (const user of ['ministry_univ', 'national_admin', 'support']) {
        const response = await h.call('reports', `/annual-reports/${id}`, user);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ id, year: 2026, unitName: '示例部属大学', status: 'submitted', submittedAt: '2026-11-10T03:30:00.000Z' });
      }
    });

    it.each([
      ['employer_handler', '北京市科学技术委员会', 2025],
      ['employer_handler', '示例部属大学', 2026],
      ['supervisor_bj', '示例部属大学', 2026],
      ['ministry_univ', '北京市科学技术委员会', 2026],
    ])('answers %s 404 for the report of %s (%i), outside its scope', async (user, unit, year) => {
      const response = await h.call('reports', `/annual-reports/${reportId(unit, year)}`, user);
      expect(response.status).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
    });

    it.each(['5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', 'not-a-uuid', '2026'])('answers 404 for id %s', async (id) => {
      const response = await h.call('reports', `/annual-reports/${id}`, 'national_admin');
      expect(response.status).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
    });
  });

  describe('GET /todo', () => {
    it('gives the national administrator the submitted report to review', async () => {
      const link = `/reports/annual-reports/${reportId('示例部属大学', 2026)}`;
      expect(await json<ToDo>(h.call('reports', '/todo', 'national_admin'))).toEqual({
        count: 1,
        items: [{ title: '2026年度报告待审核:示例部属大学', link, createdAt: '2026-11-10T03:30:00.000Z' }],
      });
      const english = await json<ToDo>(h.call('reports', '/todo', 'national_admin', { locale: 'en-US' }));
      expect(english.items[0]?.title).toBe('Annual report 2026 to review: 示例部属大学');
    });

    it.each(DEMO_USERS.filter((u) => u !== 'national_admin'))('gives %s nothing to do', async (user) => {
      expect(await json(h.call('reports', '/todo', user))).toEqual({ count: 0, items: [] });
    });
  });

  it.each(['/annual-reports', '/annual-reports/5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', '/todo'])('refuses %s without an assertion', async (path) => {
    const response = await h.call('reports', path, null);
    expect(response.status).toBe(401);
    expect((await json<ErrorBody>(response)).error.code).toBe('ASSERTION_INVALID');
  });
});

describe('reports data-scope walk: every route × every role', () => {
  let h: Harness;
  const users = [...DEMO_USERS, 'reviewer_demo'];

  beforeAll(async () => {
    h = await moduleHarness(['reports']);
    // A second province's supervising unit with its own report, and a role that sees nothing.
    const shanghai = (
      await h.db.query<{ id: string }>(
        `insert into admin.units (name, kind, credit_code, province_code) values ('上海市科学技术委员会', 'supervising', '11310000000021231X', '310000') returning id`,
      )
    ).rows[0]!.id;
    await h.db.query(`insert into reports.annual_reports (year, unit_id, status, submitted_at) values (2026, $1, 'submitted', now())`, [shanghai]);
    await h.db.query(`insert into admin.users (username, display_name, role, unit_id) values ('reviewer_demo', '评审专家', 'expert_reviewer', $1)`, [
      shanghai,
    ]);
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(users)('%s lists exactly the reports of units in its scope, and can open only those', async (user) => {
    const visible = await h.unitsVisibleTo(user);
    const { rows: all } = await h.db.query<{ id: string; unit_id: string }>('select id, unit_id from reports.annual_reports');
    const expected = all.filter((r) => visible.has(r.unit_id)).map((r) => r.id).sort();

    const page = await json<Page<Report>>(h.call('reports', '/annual-reports?limit=100', user));
    expect(page.items.map((r) => r.id).sort()).toEqual(expected);
    expect(page.total).toBe(expected.length);

    for (const report of all) {
      const response = await h.call('reports', `/annual-reports/${report.id}`, user);
      expect(response.status, `${user} opening report of unit ${report.unit_id}`).toBe(visible.has(report.unit_id) ? 200 : 404);
    }

    const todo = await json<ToDo>(h.call('reports', '/todo', user));
    for (const item of todo.items) {
      const id = item.link.split('/').pop()!;
      expect(visible.has(all.find((r) => r.id === id)!.unit_id)).toBe(true);
    }
  });

  it('the walk covers reports inside and outside each scope', async () => {
    const { rows: all } = await h.db.query<{ unit_id: string }>('select unit_id from reports.annual_reports');
    for (const user of users.filter((u) => u !== 'national_admin' && u !== 'support')) {
      const visible = await h.unitsVisibleTo(user);
      expect(all.some((r) => !visible.has(r.unit_id)), user).toBe(true);
    }
  });
});
