// A visit's program (项目类别) reads by its name in the reader's language, from the project library's published
// directory; a visit recorded without a name never shows the bare code (high_end_foreign_expert) while a name is known.
import { type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Visit = { program: string | null; programName: string | null };

describe('program names in the expert library', () => {
  let h: Harness;
  let annaId: string;
  const visits = async (locale?: string) =>
    (await json<{ items: Visit[] }>(h.call('experts', `/experts/${annaId}/visits`, 'employer_handler', locale ? { locale } : {}))).items;
  const filters = async (locale?: string) =>
    (await json<{ programs: Array<{ code: string; name: string }> }>(h.call('experts', '/experts/filters', 'employer_handler', locale ? { locale } : {}))).programs;

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    annaId = (await json<{ items: Array<{ id: string }> }>(h.call('experts', '/experts?name=Anna', 'employer_handler'))).items[0]!.id;
    // A visit recorded without its program's name (an older feed, an import): only the code is on the row.
    await h.db.query(`update experts.visits set program_name = null where expert_id = $1`, [annaId]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('names a visit’s program in Chinese and in English, not by its code', async () => {
    const zh = await visits();
    expect(zh.length).toBeGreaterThan(0);
    for (const v of zh.filter((x) => x.program === 'high_end_foreign_expert')) expect(v.programName).toBe('高端外国专家引进计划');
    for (const v of await visits('en-US')) if (v.program === 'high_end_foreign_expert') expect(v.programName).toBe('High-end Foreign Experts Recruitment Program');
    expect((await visits()).map((v) => v.programName)).not.toContain('high_end_foreign_expert');
  });

  it('offers the search form’s programs by name in the reader’s language', async () => {
    expect(await filters()).toContainEqual({ code: 'high_end_foreign_expert', name: '高端外国专家引进计划' });
    expect(await filters('en-US')).toContainEqual({ code: 'young_foreign_talent', name: 'Foreign Young Talent Program' });
    expect((await filters()).map((p) => p.name)).not.toContain('high_end_foreign_expert');
  });
});

describe('program names without the project library', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await moduleHarness(['experts']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('falls back to the name recorded with the visit', async () => {
    const options = await json<{ programs: Array<{ code: string; name: string }> }>(h.call('experts', '/experts/filters', 'employer_handler', { locale: 'en-US' }));
    expect(options.programs).toContainEqual({ code: 'high_end_foreign_expert', name: '高端外国专家引进计划' });
  });
});
