// The project library's lists as each demo user sees them on the demo data: scope, 404 for what is out of scope,
// validation, paging, to-do. The whole review chain is in plan-flow.test.ts; every route × role in scope-walk.test.ts.
import { CJK, type ErrorBody, type Harness, json, moduleHarness, type Page } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planProblems } from './plan-checks.ts';
import { loadParts, loadPlan } from './services/plan-repository.ts';

interface Plan {
  id: string;
  title: string;
  status: string;
  year: number;
  unitId: string;
  unitName: string | null;
}

/** The demo's calls: next year's is open, this year's has closed. */
const NEXT = new Date().getUTCFullYear() + 1;
const THIS = NEXT - 1;

const BEIJING_UNIVERSITY_PLANS = ['人工智能前沿方法高端外国专家引进项目', '量子材料方向外国青年人才交流项目', '“一带一路”清洁能源创新人才交流项目'];
const MINISTRY_UNIVERSITY_PLANS = ['先进制造学科创新引智基地(111计划)'];
/** The one demo plan never submitted. */
const DRAFT = '人工智能前沿方法高端外国专家引进项目';

describe('projects API on the demo data', () => {
  let h: Harness;
  let planId: (title: string) => string;

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    const { rows } = await h.db.query<{ id: string; title: string }>('select id, title from projects.plans');
    planId = (title) => rows.find((r) => r.title === title)!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  const titlesFor = async (user: string, query = '') =>
    (await json<Page<Plan>>(h.call('projects', `/plans${query}`, user))).items.map((p) => p.title).sort();

  describe('GET /plans', () => {
    it('shows employer users only their own unit’s plans', async () => {
      expect(await titlesFor('employer_handler')).toEqual([...BEIJING_UNIVERSITY_PLANS].sort());
      expect(await titlesFor('employer_admin')).toEqual([...BEIJING_UNIVERSITY_PLANS].sort());
      expect(await titlesFor('ministry_univ')).toEqual(MINISTRY_UNIVERSITY_PLANS);
    });

    it('shows a supervising unit the submitted plans of its employer units, not their drafts nor a ministry university’s', async () => {
      expect(await titlesFor('supervisor_bj')).toEqual(BEIJING_UNIVERSITY_PLANS.filter((t) => t !== DRAFT).sort());
    });

    it('shows the national level every submitted plan, and technical support every plan', async () => {
      const all = [...BEIJING_UNIVERSITY_PLANS, ...MINISTRY_UNIVERSITY_PLANS].sort();
      expect(await titlesFor('national_admin')).toEqual(all.filter((t) => t !== DRAFT));
      expect(await titlesFor('support')).toEqual(all);
    });

    it('names each plan’s unit and reports the total', async () => {
      const page = await json<Page<Plan>>(h.call('projects', '/plans', 'employer_handler'));
      expect(page.total).toBe(3);
      const me = await h.identityOf('employer_handler');
      for (const plan of page.items) expect(plan).toMatchObject({ unitId: me.unit.id, unitName: '北京示例大学' });
    });

    it('filters by status and year, within the caller’s scope', async () => {
      expect(await titlesFor('national_admin', '?status=national_review')).toEqual(MINISTRY_UNIVERSITY_PLANS);
      expect(await titlesFor('supervisor_bj', '?status=national_review')).toEqual([]);
      expect(await titlesFor('national_admin', `?year=${THIS}`)).toEqual(['“一带一路”清洁能源创新人才交流项目']);
      expect(await titlesFor('employer_handler', `?year=${NEXT}&status=draft`)).toEqual([DRAFT]);
      expect(await titlesFor('national_admin', `?year=${NEXT}&status=draft`)).toEqual([]);
      const page = await json<Page<Plan>>(h.call('projects', `/plans?year=${NEXT}`, 'employer_handler'));
      expect(page.total).toBe(2);
    });

    it('finds plans by any fragment of the title, one character or several, in any case', async () => {
      const QUANTUM = '量子材料方向外国青年人才交流项目';
      expect(await titlesFor('national_admin', `?title=${encodeURIComponent('量子')}`)).toEqual([QUANTUM]);
      expect(await titlesFor('national_admin', `?title=${encodeURIComponent('子材')}`)).toEqual([QUANTUM]);
      expect(await titlesFor('national_admin', `?title=${encodeURIComponent('量材')}`)).toEqual([]);
      expect(await titlesFor('national_admin', `?title=${encodeURIComponent('基')}`)).toEqual(['先进制造学科创新引智基地(111计划)']);
      expect(await titlesFor('national_admin', `?title=${encodeURIComponent('(111计划)')}`)).toEqual(['先进制造学科创新引智基地(111计划)']);
      expect(await titlesFor('national_admin', `?title=${encodeURIComponent('%')}`)).toEqual([]);
      const id = planId(QUANTUM);
      await h.db.query(`update projects.plans set title = 'Quantum Materials 量子' where id = $1`, [id]);
      try {
        expect(await titlesFor('national_admin', '?title=MATERIALS')).toEqual(['Quantum Materials 量子']);
        expect(await titlesFor('national_admin', '?title=um%20m')).toEqual(['Quantum Materials 量子']);
      } finally {
        await h.db.query('update projects.plans set title = $2 where id = $1', [id, QUANTUM]);
      }
    });

    it('pages with limit and offset, every plan exactly once, the total unchanged', async () => {
      const first = await json<Page<Plan>>(h.call('projects', '/plans?limit=3', 'support'));
      const second = await json<Page<Plan>>(h.call('projects', '/plans?limit=3&offset=3', 'support'));
      expect(first.items).toHaveLength(3);
      expect(second.items).toHaveLength(1);
      expect([first.total, second.total]).toEqual([4, 4]);
      const ids = [...first.items, ...second.items].map((p) => p.id);
      expect(new Set(ids).size).toBe(4);
    });

    it('still reports the total past the last page', async () => {
      const page = await json<Page<Plan>>(h.call('projects', '/plans?limit=2&offset=10', 'national_admin'));
      expect(page).toEqual({ items: [], total: 3 });
    });

    it('answers an empty list, not an error, when nothing matches', async () => {
      expect(await json(h.call('projects', '/plans?status=rejected', 'national_admin'))).toEqual({ items: [], total: 0 });
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=1.5', 'limit'],
      ['offset=-1', 'offset'],
      ['status=bogus', 'status'],
      ['year=abc', 'year'],
      ['year=1999', 'year'],
    ])('refuses %s with a field message, in Chinese by default and in English on request', async (query, field) => {
      const zh = await h.call('projects', `/plans?${query}`, 'national_admin');
      expect(zh.status).toBe(400);
      const zhBody = await json<ErrorBody>(zh);
      expect(zhBody.error.code).toBe('VALIDATION_FAILED');
      expect(zhBody.error.message).toMatch(CJK);
      expect(zhBody.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(zhBody.error.fields?.[0]?.message).toMatch(CJK);

      const en = await json<ErrorBody>(h.call('projects', `/plans?${query}`, 'national_admin', { locale: 'en-US' }));
      expect(en.error.code).toBe('VALIDATION_FAILED');
      // The headline names the field, so a toast alone says what to fix.
      expect(en.error.message).toBe(en.error.fields?.[0]?.message);
      expect(en.error.fields?.map((f) => f.field)).toEqual([field]);
      expect(en.error.fields?.[0]?.message).not.toMatch(CJK);
    });
  });

  describe('GET /plans/:id', () => {
    it('returns a plan in scope', async () => {
      const id = planId('量子材料方向外国青年人才交流项目');
      for (const user of ['employer_handler', 'supervisor_bj', 'national_admin']) {
        const response = await h.call('projects', `/plans/${id}`, user);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ id, title: '量子材料方向外国青年人才交流项目', status: 'supervising_review', year: NEXT, unit: expect.objectContaining({ name: '北京示例大学' }) });
      }
    });

    it('seeds every plan past draft complete by its template, and approved within what it asked for, as a real review would have', async () => {
      const { rows } = await h.db.query<{ id: string }>(`select id from projects.plans where status <> 'draft'`);
      expect(rows.length).toBeGreaterThan(0);
      for (const { id } of rows) {
        const plan = await loadPlan(h.db, id);
        expect(planProblems(plan, await loadParts(h.db, id), 'zh-CN')).toEqual([]);
        if (plan.approved_amount !== null) expect(Number(plan.approved_amount)).toBeLessThanOrEqual(Number(plan.requested_amount));
      }
    });

    it.each([
      ['employer_handler', '先进制造学科创新引智基地(111计划)'],
      ['employer_admin', '先进制造学科创新引智基地(111计划)'],
      ['supervisor_bj', '先进制造学科创新引智基地(111计划)'],
      ['ministry_univ', '人工智能前沿方法高端外国专家引进项目'],
      ['supervisor_bj', DRAFT],
      ['national_admin', DRAFT],
    ])('answers %s 404 for a plan outside its scope (%s), as if it did not exist', async (user, title) => {
      const response = await h.call('projects', `/plans/${planId(title)}`, user);
      expect(response.status).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
    });

    it.each(['5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', 'not-a-uuid', '1', "1' or '1'='1"])('answers 404 for id %s', async (id) => {
      const response = await h.call('projects', `/plans/${encodeURIComponent(id)}`, 'national_admin');
      expect(response.status).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NOT_FOUND');
    });
  });

  describe('GET /todo', () => {
    it('gives the supervising unit the plan waiting for its review', async () => {
      const todo = await json<{ count: number; items: Array<{ title: string; link: string }> }>(h.call('projects', '/todo', 'supervisor_bj'));
      expect(todo.count).toBe(1);
      expect(todo.items).toEqual([
        expect.objectContaining({ title: '计划待审核:量子材料方向外国青年人才交流项目', link: `/projects/plans/${planId('量子材料方向外国青年人才交流项目')}` }),
      ]);
    });

    it('gives the national administrator the plan in national review, in English on request', async () => {
      const todo = await json<{ count: number; items: Array<{ title: string; link: string }> }>(
        h.call('projects', '/todo', 'national_admin', { locale: 'en-US' }),
      );
      expect(todo.count).toBe(1);
      expect(todo.items).toEqual([
        expect.objectContaining({
          title: 'Plan to review:先进制造学科创新引智基地(111计划)',
          link: `/projects/plans/${planId('先进制造学科创新引智基地(111计划)')}`,
        }),
      ]);
    });

    it.each(['employer_handler', 'employer_admin', 'ministry_univ', 'support'])('gives %s nothing to do', async (user) => {
      expect(await json(h.call('projects', '/todo', user))).toEqual({ count: 0, items: [] });
    });
  });

  it.each(['/plans', '/plans/5f0c2a5e-8b1d-4c36-9a54-0d7e1f2a3b4c', '/todo'])('refuses %s without an assertion', async (path) => {
    const response = await h.call('projects', path, null);
    expect(response.status).toBe(401);
    expect((await json<ErrorBody>(response)).error.code).toBe('ASSERTION_INVALID');
  });
});
