// The national level's part in the expert library: settling likely duplicates (merge, undo, "different people")
// and reviewing correction requests through the flow engine. Each step is audited; nothing else moves.
import { type ErrorBody, type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Duplicates {
  items: Array<{ flagId: string; expert: { id: string; name: string }; other: { id: string; name: string } }>;
  total: number;
}

describe('duplicates, merges and correction requests', () => {
  let h: Harness;
  let beijingJames: string;
  let shanghaiJames: string;

  beforeAll(async () => {
    h = await moduleHarness(['experts']);
    const { rows } = await h.db.query<{ id: string; passport_masked: string }>(`select id, passport_masked from experts.experts where name = 'James Wilson'`);
    beijingJames = rows.find((r) => r.passport_masked === '53*****06')!.id;
    shanghaiJames = rows.find((r) => r.passport_masked === '12*****43')!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  const send = (method: string, path: string, user: string, body?: unknown) =>
    h.call('experts', path, user, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const namesFor = async (user: string) => (await json<{ items: Array<{ name: string }> }>(h.call('experts', '/experts', user))).items.map((e) => e.name);
  const state = async () =>
    JSON.stringify(
      (
        await h.db.query(
          `select e.id, e.status, e.merged_into, e.visit_count, (select array_agg(unit_id order by unit_id) from experts.expert_units u where u.expert_id = e.id) as units
           from experts.experts e order by e.id`,
        )
      ).rows,
    );

  describe('likely duplicates', () => {
    it('lists the flagged pair for the national level only', async () => {
      const list = await json<Duplicates>(h.call('experts', '/duplicates', 'national_admin'));
      expect(list.total).toBe(1);
      expect(new Set([list.items[0]!.expert.id, list.items[0]!.other.id])).toEqual(new Set([beijingJames, shanghaiJames]));
      for (const user of ['employer_handler', 'supervisor_bj', 'support']) expect((await h.call('experts', '/duplicates', user)).status).toBe(403);
    });

    it('merges the Shanghai record into the Beijing one: visits and inviting units move, the passport record stays behind', async () => {
      // The Shanghai record gets a visit first, so the merge has something to move.
      const service = await h.signer.signService('experts', 'test');
      const plan = '3e0f6f7a-2b1c-4d5e-8f90-a1b2c3d4e5f6';
      await h.call('experts', `/internal/plans/${plan}/experts`, null, {
        method: 'PUT',
        headers: { 'x-identity-assertion': service, 'content-type': 'application/json' },
        body: JSON.stringify({
          unitId: (await h.identityOf('employer_sh')).unit.id,
          approved: true,
          program: 'young_foreign_talent',
          experts: [{ expertId: shanghaiJames, visits: [{ startDate: '2026-10-08', endDate: '2026-10-15', city: '上海' }] }],
        }),
      });
      for (const user of ['employer_handler', 'supervisor_bj']) {
        expect((await send('POST', `/experts/${beijingJames}/merge`, user, { mergedId: shanghaiJames })).status).toBe(403);
      }
      const response = await send('POST', `/experts/${beijingJames}/merge`, 'national_admin', { mergedId: shanghaiJames });
      expect(response.status).toBe(200);
      const { mergeId } = await json<{ mergeId: string }>(response);

      const survivor = await json<{ visitCount: number; units: Array<{ name: string }>; merges: Array<{ id: string; undoneAt: string | null }> }>(
        h.call('experts', `/experts/${beijingJames}`, 'national_admin'),
      );
      expect(survivor.visitCount).toBe(2);
      expect(survivor.units.map((u) => u.name)).toEqual(['北京示例大学', '上海示例研究院']);
      expect(survivor.merges).toEqual([expect.objectContaining({ id: mergeId, undoneAt: null })]);
      const merged = await json<{ status: string; mergedInto: { id: string } }>(h.call('experts', `/experts/${shanghaiJames}`, 'national_admin'));
      expect(merged).toMatchObject({ status: 'merged', mergedInto: { id: beijingJames } });
      // The Shanghai institute now finds its expert as the surviving record; the merged one is out of searches.
      expect(await namesFor('employer_sh')).toEqual(['James Wilson', 'Maria Rossi']);
      expect((await h.call('experts', `/experts/${beijingJames}`, 'employer_sh')).status).toBe(200);
      expect((await json<Duplicates>(h.call('experts', '/duplicates', 'national_admin'))).total).toBe(0);
      const audit = await h.db.query(`select 1 from audit.records where action = 'expert.merge' and object_id = $1`, [beijingJames]);
      expect(audit.rows).toHaveLength(1);
    });

    it('refuses merging a record that is already merged, or a record into itself, changing nothing', async () => {
      const before = await state();
      const again = await send('POST', `/experts/${beijingJames}/merge`, 'national_admin', { mergedId: shanghaiJames });
      expect(again.status).toBe(409);
      expect((await json<ErrorBody>(again)).error.code).toBe('MERGE_NOT_ACTIVE');
      expect((await send('POST', `/experts/${beijingJames}/merge`, 'national_admin', { mergedId: beijingJames })).status).toBe(400);
      expect(await state()).toBe(before);
    });

    it('undoes the merge record by record: the visit, the plan link and the unit go back', async () => {
      const { rows } = await h.db.query<{ id: string }>('select id from experts.merges where survivor_id = $1', [beijingJames]);
      const mergeId = rows[0]!.id;
      expect((await send('POST', `/merges/${mergeId}/undo`, 'supervisor_bj')).status).toBe(403);
      expect((await send('POST', `/merges/${mergeId}/undo`, 'national_admin')).status).toBe(200);
      const restored = await json<{ status: string; visitCount: number; mergedInto: null }>(h.call('experts', `/experts/${shanghaiJames}`, 'national_admin'));
      expect(restored).toMatchObject({ status: 'active', visitCount: 1, mergedInto: null });
      const survivor = await json<{ visitCount: number; units: Array<{ name: string }> }>(h.call('experts', `/experts/${beijingJames}`, 'national_admin'));
      expect(survivor).toMatchObject({ visitCount: 1, units: [{ name: '北京示例大学' }] });
      const link = await h.db.query<{ expert_id: string }>('select expert_id from experts.plan_links');
      expect(link.rows).toEqual([{ expert_id: shanghaiJames }]);
      // They are again a likely duplicate, and the undo cannot be repeated.
      expect((await json<Duplicates>(h.call('experts', '/duplicates', 'national_admin'))).total).toBe(1);
      const twice = await send('POST', `/merges/${mergeId}/undo`, 'national_admin');
      expect((await json<ErrorBody>(twice)).error.code).toBe('MERGE_ALREADY_UNDONE');
    });

    it('settles a flag as two different people', async () => {
      const { items } = await json<Duplicates>(h.call('experts', '/duplicates', 'national_admin'));
      expect((await send('POST', `/duplicates/${items[0]!.flagId}/distinct`, 'employer_handler')).status).toBe(403);
      expect((await send('POST', `/duplicates/${items[0]!.flagId}/distinct`, 'national_admin')).status).toBe(200);
      expect((await json<Duplicates>(h.call('experts', '/duplicates', 'national_admin'))).total).toBe(0);
      expect((await send('POST', `/duplicates/${items[0]!.flagId}/distinct`, 'national_admin')).status).toBe(404);
    });
  });

  describe('correction requests', () => {
    let correctionId: string;

    it('is refused while no approved plan uses the record: it can be edited directly', async () => {
      const anna = (await h.db.query<{ id: string }>(`select id from experts.experts where name = 'Anna Schmidt'`)).rows[0]!.id;
      const response = await send('POST', `/experts/${anna}/corrections`, 'employer_handler', { changes: { position: 'Dean' }, reason: '职务变更' });
      expect(response.status).toBe(409);
      expect((await json<ErrorBody>(response)).error.code).toBe('CORRECTION_NOT_NEEDED');
    });

    it('lets the inviting unit ask for a change to a frozen record, without storing the passport in clear', async () => {
      // The Shanghai James is used by the approved plan linked above.
      const empty = await send('POST', `/experts/${shanghaiJames}/corrections`, 'employer_sh', { changes: {}, reason: '无' });
      expect((await json<ErrorBody>(empty)).error.code).toBe('CORRECTION_EMPTY');
      const noReason = await send('POST', `/experts/${shanghaiJames}/corrections`, 'employer_sh', { changes: { position: 'Professor' }, reason: ' ' });
      expect(noReason.status).toBe(400);
      const response = await send('POST', `/experts/${shanghaiJames}/corrections`, 'employer_sh', {
        changes: { position: 'Professor', passportNumber: 'PX7777777' },
        reason: '护照已换发',
      });
      expect(response.status).toBe(201);
      correctionId = (await json<{ id: string }>(response)).id;
      const stored = await h.db.query<{ changes: string }>('select changes::text from experts.corrections where id = $1', [correctionId]);
      expect(stored.rows[0]!.changes).not.toContain('PX7777777');
      const again = await send('POST', `/experts/${shanghaiJames}/corrections`, 'employer_sh', { changes: { position: 'Dean' }, reason: '再次' });
      expect((await json<ErrorBody>(again)).error.code).toBe('CORRECTION_PENDING');
    });

    it('shows the request to the national level with the change masked, and to the requesting unit without actions', async () => {
      const national = await json<{ items: Array<{ id: string; changes: Record<string, unknown>; current: { position: string | null }; actions: string[] }> }>(
        h.call('experts', '/corrections', 'national_admin'),
      );
      expect(national.items).toEqual([expect.objectContaining({ id: correctionId, changes: { position: 'Professor', passportNumber: 'PX*****77' }, actions: ['approve', 'reject'] })]);
      const unit = await json<{ items: Array<{ actions: string[] }> }>(h.call('experts', '/corrections', 'employer_sh'));
      expect(unit.items.map((i) => i.actions)).toEqual([[]]);
      expect((await json<{ items: unknown[] }>(h.call('experts', '/corrections', 'employer_handler'))).items).toEqual([]);
      const todo = await json<{ items: Array<{ title: string }> }>(h.call('experts', '/todo', 'national_admin'));
      expect(todo.items.map((i) => i.title)).toContain('专家信息更正申请审核:James Wilson');
    });

    it('refuses the requesting unit approving its own request, and a stale version', async () => {
      expect((await send('POST', `/corrections/${correctionId}/transition`, 'employer_sh', { action: 'approve', version: 1 })).status).toBe(403);
      expect((await send('POST', `/corrections/${correctionId}/transition`, 'employer_handler', { action: 'approve', version: 1 })).status).toBe(404);
      expect((await send('POST', `/corrections/${correctionId}/transition`, 'national_admin', { action: 'approve', version: 0 })).status).toBe(409);
      expect((await send('POST', `/corrections/${correctionId}/transition`, 'national_admin', { action: 'reject', version: 1 })).status).toBe(400);
    });

    it('applies the change when the national level approves, in the same transaction', async () => {
      const response = await send('POST', `/corrections/${correctionId}/transition`, 'national_admin', { action: 'approve', version: 1 });
      expect(await json(response)).toEqual({ id: correctionId, state: 'approved', version: 2 });
      const expert = await json<{ position: string; passportMasked: string }>(h.call('experts', `/experts/${shanghaiJames}`, 'employer_sh'));
      expect(expert).toMatchObject({ position: 'Professor', passportMasked: 'PX*****77' });
      const actions = await h.db.query<{ action: string }>(`select action from audit.records where object_id in ($1, $2) order by id`, [shanghaiJames, correctionId]);
      expect(actions.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['expert_correction.request', 'expert_correction.approve', 'expert.correct']));
      expect((await send('POST', `/corrections/${correctionId}/transition`, 'national_admin', { action: 'reject', version: 2, reason: '晚了' })).status).toBe(403);
    });

    it('tells the unit when a request is rejected, with the reason in the audit log', async () => {
      const request = await send('POST', `/experts/${shanghaiJames}/corrections`, 'employer_sh', { changes: { employerAbroad: 'Imperial College' }, reason: '单位变更' });
      const { id } = await json<{ id: string }>(request);
      expect((await send('POST', `/corrections/${id}/transition`, 'national_admin', { action: 'reject', version: 1, reason: '请提供证明材料' })).status).toBe(200);
      const todo = await json<{ items: Array<{ title: string; link: string }> }>(h.call('experts', '/todo', 'employer_sh'));
      expect(todo.items).toEqual([expect.objectContaining({ title: '专家信息更正申请未通过:James Wilson', link: '/experts/corrections' })]);
      const expert = await json<{ employerAbroad: string }>(h.call('experts', `/experts/${shanghaiJames}`, 'employer_sh'));
      expect(expert.employerAbroad).toBe('University of Manchester');
    });
  });
});
