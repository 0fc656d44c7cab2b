// 最近来华 and 来华次数 count only visits that have happened: begun by today (Beijing) and recorded in the library or
// of an approved plan. Visits to come, and visits of plans not approved, are shown apart as 计划来华 with the plan's
// state. Today moves without any row changing: the daily refresh (taking an injected date here) moves them on.
import { type Harness, json, moduleHarness, type Page } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncFromPlanFeed } from './plan-feed.ts';
import { refreshDueVisitStats } from './services/visits.ts';

interface Summary {
  id: string;
  name: string;
  visitCount: number;
  lastVisit: string | null;
  plannedVisit: { date: string; planState: string; count: number } | null;
}
interface Visit {
  startDate: string;
  planId: string | null;
  planState: string | null;
  status: 'happened' | 'planned';
}

/** A day relative to today in Beijing, as YYYY-MM-DD. */
const beijingDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('最近来华 counts only visits that happened', () => {
  let h: Harness;
  let yuki: string;
  let unitId: string;

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    yuki = (await h.db.query<{ id: string }>(`select id from experts.experts where name = 'Yuki Tanaka'`)).rows[0]!.id;
    unitId = (await h.identityOf('employer_handler')).unit.id;
  });
  afterAll(async () => {
    await h.close();
  });

  const putPlan = async (planId: string, state: string, visits: Array<[string, string]>) =>
    h.call('experts', `/internal/plans/${planId}/experts`, null, {
      method: 'PUT',
      headers: { 'x-identity-assertion': await h.signer.signService('experts', 'test'), 'content-type': 'application/json' },
      body: JSON.stringify({
        unitId,
        approved: state === 'approved',
        state,
        program: 'high_end_foreign_expert',
        programName: '高端外国专家引进计划',
        experts: [{ expertId: yuki, visits: visits.map(([startDate, endDate]) => ({ startDate, endDate, city: '北京' })) }],
      }),
    });
  const summary = async (name = 'Yuki') => (await json<Page<Summary>>(h.call('experts', `/experts?name=${name}`, 'employer_handler'))).items[0]!;
  const visitsOf = async () => (await json<{ items: Visit[] }>(h.call('experts', `/experts/${yuki}/visits`, 'employer_handler'))).items;

  it('shows the tester’s case right: a planned visit of a plan in review is not the latest visit, but 计划来华', async () => {
    // The demo plan of 北京示例大学 waiting at the supervising unit plans Anna Schmidt's visit next year.
    await syncFromPlanFeed(h.contextOf('experts'));
    const anna = await summary('Anna');
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(anna.lastVisit! < beijingDay(1)).toBe(true);
    expect(anna.plannedVisit).toEqual({ date: `${nextYear}-05-10`, planState: 'supervising_review', count: 1 });
    const annaVisits = await json<{ items: Visit[] }>(h.call('experts', `/experts/${anna.id}/visits`, 'supervisor_bj'));
    expect(annaVisits.items.find((v) => v.startDate === `${nextYear}-05-10`)).toMatchObject({ status: 'planned', planState: 'supervising_review' });
  });

  it('counts a past visit of an approved plan, and not a future one nor one of a plan still in review', async () => {
    const approved = '1b2c3d4e-0000-4000-8000-000000000001';
    const inReview = '1b2c3d4e-0000-4000-8000-000000000002';
    expect((await putPlan(approved, 'approved', [[beijingDay(-20), beijingDay(-10)], [beijingDay(30), beijingDay(40)]])).status).toBe(200);
    expect((await putPlan(inReview, 'national_review', [[beijingDay(-5), beijingDay(-1)], [beijingDay(10), beijingDay(12)]])).status).toBe(200);
    expect(await summary()).toMatchObject({ visitCount: 1, lastVisit: beijingDay(-20), plannedVisit: { date: beijingDay(10), planState: 'national_review', count: 2 } });
    const visits = await visitsOf();
    expect(visits.map((v) => [v.startDate, v.status, v.planState])).toEqual([
      [beijingDay(30), 'planned', 'approved'],
      [beijingDay(10), 'planned', 'national_review'],
      [beijingDay(-5), 'planned', 'national_review'],
      [beijingDay(-20), 'happened', 'approved'],
    ]);
  });

  it('counts a visit beginning today at once', async () => {
    const today = '1b2c3d4e-0000-4000-8000-000000000003';
    expect((await putPlan(today, 'approved', [[beijingDay(0), beijingDay(3)]])).status).toBe(200);
    expect(await summary()).toMatchObject({ visitCount: 2, lastVisit: beijingDay(0) });
    await h.call('experts', `/internal/plans/${today}/experts`, null, { method: 'DELETE', headers: { 'x-identity-assertion': await h.signer.signService('experts', 'test') } });
    expect(await summary()).toMatchObject({ visitCount: 1, lastVisit: beijingDay(-20) });
  });

  it('moves on when the days pass: the daily refresh counts what has begun and shows the next planned visit', async () => {
    // Nothing changed in the rows: without the refresh, the record still shows yesterday's view of "today".
    expect(await refreshDueVisitStats(h.db, beijingDay(35))).toBe(1);
    expect(await summary()).toMatchObject({
      visitCount: 2,
      lastVisit: beijingDay(30),
      // Plans still in review stay planned, whatever the date: only the next one to come is shown.
      plannedVisit: null,
    });
    // Nothing is due again until the next planned visit comes.
    expect(await refreshDueVisitStats(h.db, beijingDay(36))).toBe(0);
  });

  it('counts the plan’s visits once it is approved', async () => {
    await refreshDueVisitStats(h.db);
    expect((await putPlan('1b2c3d4e-0000-4000-8000-000000000002', 'approved', [[beijingDay(-5), beijingDay(-1)], [beijingDay(10), beijingDay(12)]])).status).toBe(200);
    expect(await summary()).toMatchObject({ visitCount: 2, lastVisit: beijingDay(-5), plannedVisit: { date: beijingDay(10), planState: 'approved', count: 2 } });
  });

  it('sorts 按最近来华 by visits that happened: an expert with only planned visits sorts with those never visited', async () => {
    const ghost = (await h.db.query<{ id: string }>(`select id from experts.experts where name = 'James Wilson' and created_by_unit_id = $1`, [unitId])).rows[0]!.id;
    await h.db.query(`delete from experts.visits where expert_id = $1`, [ghost]);
    await h.call('experts', `/internal/plans/1b2c3d4e-0000-4000-8000-000000000009/experts`, null, {
      method: 'PUT',
      headers: { 'x-identity-assertion': await h.signer.signService('experts', 'test'), 'content-type': 'application/json' },
      body: JSON.stringify({ unitId, approved: true, state: 'approved', experts: [{ expertId: ghost, visits: [{ startDate: beijingDay(200), endDate: beijingDay(210), city: '北京' }] }] }),
    });
    const sorted = (await json<Page<Summary>>(h.call('experts', '/experts?sort=latestVisit', 'employer_handler'))).items;
    expect(sorted.at(-1)).toMatchObject({ name: 'James Wilson', lastVisit: null, visitCount: 0, plannedVisit: { date: beijingDay(200), planState: 'approved' } });
  });

  it('marks the library’s own visits planned while their date is to come', async () => {
    const maria = (await h.db.query<{ id: string }>(`select id from experts.experts where name = 'Maria Rossi'`)).rows[0]!.id;
    const host = (await h.identityOf('employer_sh')).unit.id;
    await h.db.query(`insert into experts.visits (expert_id, start_date, end_date, city, host_unit_id) values ($1, $2, $3, '上海', $4)`, [maria, beijingDay(5), beijingDay(9), host]);
    const row = (await json<Page<Summary>>(h.call('experts', '/experts?name=Maria', 'employer_sh'))).items[0]!;
    expect(row).toMatchObject({ visitCount: 1, plannedVisit: { date: beijingDay(5), planState: 'recorded', count: 1 } });
    await refreshDueVisitStats(h.db, beijingDay(6));
    expect((await json<Page<Summary>>(h.call('experts', '/experts?name=Maria', 'employer_sh'))).items[0]).toMatchObject({ visitCount: 2, lastVisit: beijingDay(5), plannedVisit: null });
  });
});
