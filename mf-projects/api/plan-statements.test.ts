// How much database work one plan submit costs: every statement it issues is counted (inside its transactions too),
// and the ones that read the plan row. The numbers are printed so a change that adds a read shows in the log.
import type { Db, Queryable } from '@wgzj/gateway/kit';
import { describe, expect, it } from 'vitest';
import { plansForBlock } from './testing/plans.ts';

/** Statements that read from projects.plans (a select, or a with-query, naming the table after `from`). */
const READS_PLAN = /^\s*(select|with)\b[\s\S]*\bfrom\s+projects\.plans\b(?!_)/i;

/** Counts what goes through the harness database from now on, until stop() puts the original back. */
function countStatements(db: Db) {
  const seen: string[] = [];
  const original = { query: db.query, transaction: db.transaction };
  const counting = (q: Queryable): Queryable => ({
    query: <T>(text: string, params?: readonly unknown[]) => {
      seen.push(text);
      return q.query<T>(text, params);
    },
    exec: (sql) => q.exec(sql),
  });
  const mutable = db as { -readonly [K in keyof Db]: Db[K] };
  mutable.query = <T>(text: string, params?: readonly unknown[]) => {
    seen.push(text);
    return original.query.call(db, text, params) as Promise<{ rows: T[]; rowCount: number }>;
  };
  mutable.transaction = <T>(fn: (tx: Queryable) => Promise<T>) => original.transaction.call(db, (tx) => fn(counting(tx))) as Promise<T>;
  return {
    seen,
    stop() {
      mutable.query = original.query;
      mutable.transaction = original.transaction;
    },
  };
}

describe('what one plan submit costs in statements', () => {
  const plans = plansForBlock();

  it('reads the whole plan row once', async () => {
    const { h, api } = plans;
    const id = await api.completeWithFirstExpert('employer_handler', 'high_end_foreign_expert', '语句计数计划');
    const { version } = await api.detail('employer_handler', id);
    const counter = countStatements(h.db);
    let status: number;
    try {
      status = (await api.act('employer_handler', id, { action: 'submit', version })).status;
    } finally {
      counter.stop();
    }
    expect(status).toBe(200);
    const planReads = counter.seen.filter((text) => READS_PLAN.test(text));
    console.info(`plan submit: ${counter.seen.length} statements, ${planReads.length} of them read the plan row`);
    // Before the plans service: 16 statements, 4 plan reads (route, action, engine, transition). Now the route's read
    // serves the whole submit; the one left is the review-flow engine's own check of state and version under lock.
    expect(planReads.length).toBeLessThanOrEqual(2);
    expect(planReads.filter((text) => /\bp\.title\b/.test(text))).toHaveLength(1);
  });
});
