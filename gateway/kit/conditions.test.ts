// Conditions on a real database: parameters numbered after a starting condition, and `containing` taking
// the user's own wildcard characters literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conditions, containing } from './conditions.ts';
import { openTestDatabase, type TestDatabase } from '@wgzj/gateway/testing';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.exec(`create table words (unit text, word text);
    insert into words values ('a', '100%'), ('a', '1000'), ('a', 'snake_case'), ('a', 'snakeXcase'), ('b', '100%')`);
});
afterAll(async () => {
  await database.drop();
});

const match = async (where: Conditions) =>
  (await database.db.query<{ word: string }>(`select word from words where ${where.sql} order by word`, where.params)).rows.map((r) => r.word);

describe('Conditions', () => {
  it('numbers each value after the starting condition and joins them with and', async () => {
    const where = new Conditions({ sql: 'unit = $1', params: ['a'] }).add((n) => `word ilike ${n}`, containing('100%'));
    expect(where.params).toEqual(['a', '%100\\%%']);
    expect(await match(where)).toEqual(['100%']);
  });

  it('takes _ and \\ literally', async () => {
    expect(await match(new Conditions().add((n) => `word ilike ${n}`, containing('snake_')))).toEqual(['snake_case']);
    expect(await match(new Conditions().add((n) => `word ilike ${n}`, containing('\\')))).toEqual([]);
  });

  it('matches everything when nothing was added, and keeps fixed conditions', async () => {
    expect(new Conditions().sql).toBe('true');
    expect(await match(new Conditions().also(`unit = 'b'`))).toEqual(['100%']);
  });
});
