// The review-flow engine on a real database: rules as data, one door for state changes, audit in the same
// transaction, stale and concurrent transitions refused. On a PostgreSQL server (DATABASE_URL) the ten
// approvals really run at once; PGlite's single connection runs them one after another.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import type { Identity } from './identity.ts';
import { KIT_MIGRATIONS, migrate } from './migrate.ts';
import { allowedActions, defineFlow, fireTransition, type FlowSubject, type FlowTable } from './review-flow.ts';
import { openTestDatabase, type TestDatabase } from '@wgzj/gateway/testing';

const EMPLOYER = 'u-employer';
const SUPERVISOR = 'u-supervisor';
const OTHER_SUPERVISOR = 'u-other-supervisor';

const person = (role: Identity['role'], unitId: string, kind: Identity['unit']['kind']): Identity => ({
  userId: `${role}@${unitId}`,
  username: `${role}@${unitId}`,
  displayName: '测试',
  role,
  unit: { id: unitId, name: unitId, kind },
  scope: { level: 'unit', unitId },
});
const handler = person('employer_handler', EMPLOYER, 'employer');
const supervisor = person('supervising_user', SUPERVISOR, 'supervising');
const strangerSupervisor = person('supervising_user', OTHER_SUPERVISOR, 'supervising');
const national = person('national_admin', 'u-national', 'national');

/** The shape of the employer-unit registration review (用人单位审核流程), as a test flow. */
const flow = defineFlow({
  name: 'test_registration',
  states: ['draft', 'supervising_review', 'national_review', 'returned', 'approved'] as const,
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'supervising_review', allowed: (a, s) => a.unit.id === s.unitId },
    withdraw: { from: ['supervising_review'], to: 'draft', allowed: (a, s) => a.unit.id === s.unitId },
    approve: {
      from: ['supervising_review'],
      to: 'national_review',
      allowed: (a, s) => a.role === 'supervising_user' && a.unit.id === s.supervisingUnitId,
    },
    return: {
      from: ['supervising_review'],
      to: 'returned',
      requiresReason: true,
      allowed: (a, s) => a.role === 'supervising_user' && a.unit.id === s.supervisingUnitId,
    },
    ratify: { from: ['national_review'], to: 'approved', allowed: (a) => a.role === 'national_admin' },
  },
});

const table: FlowTable = {
  table: 'flowtest.objects',
  objectType: 'test_object',
  columns: { id: 'id', state: 'status', version: 'version', unitId: 'unit_id', supervisingUnitId: 'supervising_unit_id' },
};

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrate(database.db, KIT_MIGRATIONS);
  await database.db.exec(`create schema flowtest;
    create table flowtest.objects (id text primary key, status text not null, version int not null default 1,
      unit_id text not null, supervising_unit_id text, amount int);
    create table flowtest.uuid_objects (id uuid primary key, status text not null, version int not null default 1,
      unit_id text not null, supervising_unit_id text);`);
});
afterAll(async () => {
  await database?.drop();
});
beforeEach(async () => {
  // The audit log refuses deletes, so each test reads only the records written after it began.
  await database.db.exec('delete from flowtest.objects');
  auditFrom = (await database.db.query<{ n: string }>('select coalesce(max(id), 0)::text as n from audit.records')).rows[0]!.n;
  await database.db.query(`insert into flowtest.objects (id, status, unit_id, supervising_unit_id) values ('o1', 'supervising_review', $1, $2)`, [
    EMPLOYER,
    SUPERVISOR,
  ]);
});

let auditFrom = '0';
const auditRows = async () =>
  (await database.db.query<{ action: string; before_summary: unknown; after_summary: unknown; reason: string | null; actor_username: string }>(
    `select action, before_summary, after_summary, reason, actor_username from audit.records where object_id = 'o1' and id > $1 order by id`,
    [auditFrom],
  )).rows;
const state = async () => (await database.db.query<{ status: string; version: number }>(`select status, version from flowtest.objects where id = 'o1'`)).rows[0]!;
const code = async (work: Promise<unknown>) => {
  try {
    await work;
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

describe('review flow', () => {
  const subject: FlowSubject<'supervising_review'> = { id: 'o1', state: 'supervising_review', version: 1, unitId: EMPLOYER, supervisingUnitId: SUPERVISOR };

  it('tells each person what they may do now', () => {
    expect(allowedActions(flow, subject, handler)).toEqual(['withdraw']);
    expect(allowedActions(flow, subject, supervisor)).toEqual(['approve', 'return']);
    expect(allowedActions(flow, subject, strangerSupervisor)).toEqual([]);
    expect(allowedActions(flow, subject, national)).toEqual([]);
  });

  it('moves the object and writes its audit record in the same transaction', async () => {
    const after = await fireTransition(database.db, flow, table, { id: 'o1', action: 'approve', actor: supervisor, expectedVersion: 1, requestId: 'r-1' });
    expect(after).toMatchObject({ state: 'national_review', version: 2 });
    expect(await state()).toEqual({ status: 'national_review', version: 2 });
    expect(await auditRows()).toEqual([
      {
        action: 'test_registration.approve',
        before_summary: { state: 'supervising_review', version: 1 },
        after_summary: { state: 'national_review', version: 2 },
        reason: null,
        actor_username: supervisor.username,
      },
    ]);
  });

  it('refuses a stale version, a person without the right, and a return without a reason; nothing is written', async () => {
    expect(await code(fireTransition(database.db, flow, table, { id: 'o1', action: 'approve', actor: supervisor, expectedVersion: 7 }))).toBe('FLOW_STALE_VERSION');
    expect(await code(fireTransition(database.db, flow, table, { id: 'o1', action: 'approve', actor: strangerSupervisor, expectedVersion: 1 }))).toBe('FLOW_NOT_ALLOWED');
    expect(await code(fireTransition(database.db, flow, table, { id: 'o1', action: 'ratify', actor: national, expectedVersion: 1 }))).toBe('FLOW_NOT_ALLOWED');
    expect(await code(fireTransition(database.db, flow, table, { id: 'o1', action: 'return', actor: supervisor, expectedVersion: 1, reason: '  ' }))).toBe('FLOW_REASON_REQUIRED');
    expect(await code(fireTransition(database.db, flow, table, { id: 'nope', action: 'approve', actor: supervisor, expectedVersion: 1 }))).toBe('NOT_FOUND');
    expect(await state()).toEqual({ status: 'supervising_review', version: 1 });
    expect(await auditRows()).toEqual([]);
  });

  it('finds objects keyed by uuid, and answers text that is no uuid as not found', async () => {
    const uuidTable: FlowTable = { ...table, table: 'flowtest.uuid_objects' };
    const id = '6f1c1d2e-2b7a-4c55-9a1e-0d6f3b1c2a10';
    await database.db.query(`insert into flowtest.uuid_objects (id, status, unit_id, supervising_unit_id) values ($1, 'supervising_review', $2, $3)`, [
      id,
      EMPLOYER,
      SUPERVISOR,
    ]);
    expect(await code(fireTransition(database.db, flow, uuidTable, { id: 'o1', action: 'approve', actor: supervisor, expectedVersion: 1 }))).toBe('NOT_FOUND');
    const after = await fireTransition(database.db, flow, uuidTable, { id, action: 'approve', actor: supervisor, expectedVersion: 1 });
    expect(after).toMatchObject({ id, state: 'national_review', version: 2 });
  });

  it('lets the submitter withdraw only while the next level has not acted', async () => {
    await fireTransition(database.db, flow, table, { id: 'o1', action: 'approve', actor: supervisor, expectedVersion: 1 });
    expect(await code(fireTransition(database.db, flow, table, { id: 'o1', action: 'withdraw', actor: handler, expectedVersion: 2 }))).toBe('FLOW_NOT_ALLOWED');
  });

  it('rolls everything back when a change made alongside fails', async () => {
    const failing = fireTransition(database.db, flow, table, {
      id: 'o1',
      action: 'approve',
      actor: supervisor,
      expectedVersion: 1,
      alongside: async (tx) => {
        await tx.query(`update flowtest.objects set amount = 100 where id = 'o1'`);
        throw new Error('disk full');
      },
    });
    expect(await code(failing)).toBe('Error: disk full');
    expect(await state()).toEqual({ status: 'supervising_review', version: 1 });
    expect(await auditRows()).toEqual([]);
  });

  it('lets exactly one of ten simultaneous approvals through, with one audit record; the others get a clear conflict', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => code(fireTransition(database.db, flow, table, { id: 'o1', action: 'approve', actor: supervisor, expectedVersion: 1 }))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'FLOW_STALE_VERSION')).toHaveLength(9);
    expect(await state()).toEqual({ status: 'national_review', version: 2 });
    expect(await auditRows()).toHaveLength(1);
  });

  it('refuses a flow whose rules name a state it does not have', () => {
    expect(() =>
      defineFlow({ name: 'broken', states: ['a'] as const, transitions: { go: { from: ['a'], to: 'b' as 'a', allowed: () => true } } }),
    ).toThrow(/unknown state b/);
  });
});
