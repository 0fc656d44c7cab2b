// Project types, calls and templates: a national admin adds and stops project types, opens calls and publishes
// template versions; a plan keeps the version it began with while new plans take the newest; nobody else may
// change any of them.
import { CJK, type ErrorBody, type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planApi } from './testing/plans.ts';

describe('calls and template versions', () => {
  let h: Harness;
  let api: ReturnType<typeof planApi>;

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    api = planApi(h);
  });
  afterAll(async () => {
    await h.close();
  });

  const call = { projectType: 'young_foreign_talent', year: 2031, opensOn: '2030-11-01', closesOn: '2031-03-31', unitKinds: ['employer'] };

  it('lets only the national admin open a call, once per type and year, with dates in order', async () => {
    for (const user of ['employer_handler', 'supervisor_bj', 'support', 'reviewer']) {
      expect((await api.send(user, 'POST', '/calls', call)).status, user).toBe(403);
    }
    expect((await api.send('national_admin', 'POST', '/calls', call)).status).toBe(201);
    const again = await api.send('national_admin', 'POST', '/calls', call);
    expect((await json<ErrorBody>(again)).error).toMatchObject({ code: 'CALL_EXISTS', message: expect.stringMatching(CJK) });
    const reversed = await api.send('national_admin', 'POST', '/calls', { ...call, year: 2032, opensOn: '2032-03-01', closesOn: '2032-01-01' });
    expect((await json<ErrorBody>(reversed)).error.code).toBe('CALL_DATES');
    const badDate = await api.send('national_admin', 'POST', '/calls', { ...call, year: 2033, opensOn: '2033-02-30' });
    expect((await json<ErrorBody>(badDate)).error.fields?.[0]).toMatchObject({ field: 'opensOn', message: '开始日期:须从日期选择器中选择日期' });
    const twice = await api.send('national_admin', 'POST', '/calls', { ...call, year: 2034, opensOn: '2034-01-01', closesOn: '2034-03-01', unitKinds: ['employer', 'employer'] });
    const { id } = await json<{ id: string }>(twice);
    const { items } = await json<{ items: Array<{ id: string; unitKinds: string[] }> }>(api.send('national_admin', 'GET', '/calls'));
    expect(items.find((c) => c.id === id)?.unitKinds).toEqual(['employer']);
  });

  it('offers an employer only the calls open to its kind of unit today', async () => {
    const { items } = await json<{ items: Array<{ year: number; projectType: string; open: boolean; canApply: boolean }> }>(api.send('employer_handler', 'GET', '/calls'));
    expect(items.find((c) => c.year === 2031)).toMatchObject({ open: false, canApply: false });
    expect(items.filter((c) => c.canApply)).toHaveLength(6);
    const ministry = await json<{ items: Array<{ canApply: boolean }> }>(api.send('ministry_univ', 'GET', '/calls'));
    expect(ministry.items.filter((c) => c.canApply)).toHaveLength(6);
    const supervisor = await json<{ items: Array<{ canApply: boolean }> }>(api.send('supervisor_bj', 'GET', '/calls'));
    expect(supervisor.items.filter((c) => c.canApply)).toHaveLength(0);
  });

  it('publishes a new template version; old plans keep theirs, new plans take it', async () => {
    const before = await api.create('employer_handler', 'high_end_foreign_expert', '旧模板计划');
    const { items } = await json<{ items: Array<{ version: number; definition: { sections: Array<{ key: string; fields: unknown[] }> } }> }>(
      api.send('national_admin', 'GET', '/templates/high_end_foreign_expert'),
    );
    const definition = structuredClone(items[0]!.definition);
    definition.sections[0]!.fields.push({
      key: 'cooperationCountry',
      type: 'text',
      label: { 'zh-CN': '合作国家', 'en-US': 'Partner country' },
      required: true,
      maxLength: 50,
      help: { 'zh-CN': '填写外方合作机构所在国家。', 'en-US': 'Where the partner institution is.' },
    });
    expect((await api.send('employer_handler', 'POST', '/templates/high_end_foreign_expert/versions', { definition })).status).toBe(403);
    const published = await api.send('national_admin', 'POST', '/templates/high_end_foreign_expert/versions', { definition });
    expect(published.status).toBe(201);
    expect(await json(published)).toMatchObject({ version: 2 });

    const old = await api.detail('employer_handler', before);
    expect(old.template.version).toBe(1);
    expect(old.problems.map((p) => p.path)).not.toContain('content.cooperationCountry');
    const after = await api.create('employer_handler', 'high_end_foreign_expert', '新模板计划');
    const fresh = await api.detail('employer_handler', after);
    expect(fresh.template.version).toBe(2);
    expect(fresh.problems).toContainEqual(expect.objectContaining({ path: 'content.cooperationCountry', message: '合作国家不能为空' }));
  });

  it('refuses a template that could not render: repeated keys, an unknown field type, no rubric', async () => {
    const { items } = await json<{ items: Array<{ definition: Record<string, unknown> & { sections: Array<{ fields: Array<Record<string, unknown>> }> } }> }>(
      api.send('national_admin', 'GET', '/templates/young_foreign_talent'),
    );
    const base = items[0]!.definition;
    const repeated = structuredClone(base);
    repeated.sections[0]!.fields.push({ ...repeated.sections[0]!.fields[0]! });
    const unknownType = structuredClone(base);
    unknownType.sections[0]!.fields[0]!['type'] = 'signature';
    const noRubric = { ...structuredClone(base), rubric: [] };
    for (const definition of [repeated, unknownType, noRubric]) {
      const response = await api.send('national_admin', 'POST', '/templates/young_foreign_talent/versions', { definition });
      expect(response.status).toBe(400);
      expect((await json<ErrorBody>(response)).error.message).toMatch(CJK);
    }
    const { items: still } = await json<{ items: unknown[] }>(api.send('national_admin', 'GET', '/templates/young_foreign_talent'));
    expect(still).toHaveLength(1);
  });

  it('names the part of a refused template, in the caller’s language, so the editor can show it there', async () => {
    const { items } = await json<{ items: Array<{ definition: Record<string, unknown> & { sections: Array<{ fields: Array<Record<string, unknown>> }>; attachments: Array<Record<string, unknown>> } }> }>(
      api.send('national_admin', 'GET', '/templates/young_foreign_talent'),
    );
    const definition = structuredClone(items[0]!.definition);
    definition.sections[0]!.fields[0]!['label'] = { 'zh-CN': '', 'en-US': 'Field' };
    definition.attachments[0]!['maxMb'] = 50;
    definition['experts'] = { min: -1, max: 3 };
    const refusal = async (locale: string) =>
      (await json<ErrorBody>(api.send('national_admin', 'POST', '/templates/young_foreign_talent/versions', { definition }, {}, locale))).error;

    const zh = await refusal('zh-CN');
    expect(zh.code).toBe('VALIDATION_FAILED');
    expect(zh.message).toMatch(/^字段名称\(中文\):/);
    expect(zh.fields).toEqual([
      { field: 'sections.0.fields.0.label.zh-CN', message: expect.stringMatching(/^字段名称\(中文\):/) },
      { field: 'attachments.0.maxMb', message: expect.stringMatching(/^大小上限\(MB\):/) },
      { field: 'experts.min', message: expect.stringMatching(/^外国专家最少人数:/) },
    ]);
    const en = await refusal('en-US');
    expect(en.fields?.map((f) => f.message.split(':')[0])).toEqual(['Field name (Chinese)', 'Size limit (MB)', 'Least number of experts']);
  });

  it('says in the caller’s language which key repeats, which date may not be its own reference, and which minimum is too high', async () => {
    const { items } = await json<{ items: Array<{ definition: Record<string, unknown> & { sections: Array<{ key: string; fields: Array<Record<string, unknown>> }>; rubric: Array<Record<string, unknown>> } }> }>(
      api.send('national_admin', 'GET', '/templates/young_foreign_talent'),
    );
    const definition = structuredClone(items[0]!.definition);
    const fields = definition.sections[0]!.fields;
    const dateAt = fields.findIndex((f) => f['type'] === 'date');
    fields[dateAt]!['after'] = fields[dateAt]!['key'];
    fields.push({ key: 'headcount', type: 'integer', label: { 'zh-CN': '人数', 'en-US': 'Headcount' }, required: false, min: 10, max: 5 });
    definition.sections[1]!.key = definition.sections[0]!.key;
    definition.rubric.push({ ...definition.rubric[0]! });
    const refusal = async (locale: string) =>
      (await json<ErrorBody>(api.send('national_admin', 'POST', '/templates/young_foreign_talent/versions', { definition }, {}, locale))).error;

    const zh = await refusal('zh-CN');
    expect(zh.fields).toEqual([
      { field: `sections.0.fields.${dateAt}.after`, message: '不早于:须为本模板中另一个日期字段' },
      { field: `sections.0.fields.${fields.length - 1}.min`, message: '最小值:不能大于最大值' },
      { field: 'sections.1.key', message: '部分标识:与前面的标识重复,请换一个' },
      { field: `rubric.${definition.rubric.length - 1}.key`, message: '评分项标识:与前面的标识重复,请换一个' },
    ]);
    const en = await refusal('en-US');
    expect(en.fields?.map((f) => f.message)).toContain('Rubric item key: repeats a key used above; choose another');
  });

  describe('project types (项目类别)', () => {
    const type = { code: 'visiting_scholar_2030', family: 'talent', nameZh: '外国访问学者计划', nameEn: 'Visiting Foreign Scholars Program' };
    interface TypeItem { code: string; family: string; name: string; nameZh: string; nameEn: string; active: boolean; templateVersion: number | null }
    const types = async (user = 'national_admin', locale?: string) =>
      (await json<{ items: TypeItem[] }>(api.send(user, 'GET', '/project-types', undefined, {}, locale))).items;
    const plansUnder = async (code: string) =>
      (await h.db.query<{ n: number }>('select count(*)::int as n from projects.plans where project_type = $1', [code])).rows[0]!.n;

    it('lets only the national admin add, rename or stop one', async () => {
      for (const user of ['employer_handler', 'supervisor_bj']) {
        expect((await api.send(user, 'POST', '/project-types', type)).status, user).toBe(403);
        expect((await api.send(user, 'PUT', '/project-types/young_foreign_talent', { nameZh: '改名', nameEn: 'Renamed', active: false })).status, user).toBe(403);
      }
      expect((await types()).find((t) => t.code === 'young_foreign_talent')).toMatchObject({ nameZh: '外国青年人才计划', active: true });
      expect((await types()).map((t) => t.code)).not.toContain(type.code);
    });

    it('refuses a malformed code, naming the field in Chinese, and a code already used', async () => {
      for (const code of ['Visiting', '9lives', 'ab', 'has-dash', 'a'.repeat(41)]) {
        const response = await api.send('national_admin', 'POST', '/project-types', { ...type, code });
        expect(response.status, code).toBe(400);
        expect((await json<ErrorBody>(response)).error.fields?.[0], code).toMatchObject({ field: 'code', message: expect.stringMatching(/^类别代码:/) });
      }
      const noName = await json<ErrorBody>(api.send('national_admin', 'POST', '/project-types', { ...type, nameZh: ' ' }));
      expect(noName.error.fields?.[0]).toEqual({ field: 'nameZh', message: '类别名称(中文):不能为空' });
      const used = await api.send('national_admin', 'POST', '/project-types', { ...type, code: 'young_foreign_talent' });
      expect(used.status).toBe(409);
      expect((await json<ErrorBody>(used)).error).toMatchObject({ code: 'PROJECT_TYPE_EXISTS', message: expect.stringMatching(CJK) });
      expect((await types()).find((t) => t.code === 'young_foreign_talent')?.family).toBe('talent');
    });

    it('creates one last in the list with its family’s newest template as version 1, ready for a call and plans', async () => {
      const created = await api.send('national_admin', 'POST', '/project-types', type);
      expect(created.status).toBe(201);
      expect(await json(created)).toEqual({ code: type.code, templateVersion: 1 });
      const list = await types('employer_handler', 'en-US');
      expect(list.at(-1)).toEqual({ ...type, name: type.nameEn, active: true, templateVersion: 1 });

      // The family's first active type is high_end_foreign_expert, whose newest version (2) was published above.
      const template = async (code: string) =>
        (await json<{ items: Array<{ version: number; definition: unknown }> }>(api.send('national_admin', 'GET', `/templates/${code}`))).items;
      const source = await template('high_end_foreign_expert');
      const copy = await template(type.code);
      expect(copy.map((v) => v.version)).toEqual([1]);
      expect(copy[0]!.definition).toEqual(source[0]!.definition);
      const { rows } = await h.db.query('select 1 from audit.records where action = $1 and object_id = $2', ['project_type.create', type.code]);
      expect(rows).toHaveLength(1);

      const opened = await api.send('national_admin', 'POST', '/calls', { projectType: type.code, year: 2030, opensOn: '2020-01-01', closesOn: '2099-12-31', unitKinds: ['employer'] });
      expect(opened.status).toBe(201);
      const id = await api.create('employer_handler', type.code, '访问学者计划');
      expect((await api.detail('employer_handler', id)).template.version).toBe(1);
    });

    it('stops one: its calls take no plans and no new call opens, existing plans stay; resuming undoes it', async () => {
      const stop = { nameZh: '外国访问学者计划(停)', nameEn: 'Visiting Scholars (stopped)', active: false };
      expect((await api.send('national_admin', 'PUT', '/project-types/no_such_type', stop)).status).toBe(404);
      expect((await api.send('national_admin', 'PUT', `/project-types/${type.code}`, stop)).status).toBe(200);
      expect((await types()).find((t) => t.code === type.code)).toMatchObject({ name: stop.nameZh, active: false });

      const calls = await json<{ items: Array<{ id: string; projectType: string; open: boolean; canApply: boolean }> }>(api.send('employer_handler', 'GET', '/calls'));
      const call = calls.items.find((c) => c.projectType === type.code)!;
      expect(call).toMatchObject({ open: true, canApply: false });
      const plans = await plansUnder(type.code);
      const refused = await api.send('employer_handler', 'POST', '/plans', { callId: call.id, title: '停用后的计划' });
      expect(refused.status).toBe(409);
      expect((await json<ErrorBody>(refused)).error.code).toBe('PLAN_NO_OPEN_CALL');
      expect(await plansUnder(type.code)).toBe(plans);
      expect(plans).toBe(1);
      const newCall = await api.send('national_admin', 'POST', '/calls', { projectType: type.code, year: 2031, opensOn: '2030-11-01', closesOn: '2031-03-31', unitKinds: ['employer'] });
      expect((await json<ErrorBody>(newCall)).error).toMatchObject({ code: 'PROJECT_TYPE_INACTIVE', message: expect.stringMatching(CJK) });
      const { rows } = await h.db.query('select before_summary as before, after_summary as after from audit.records where action = $1 and object_id = $2', ['project_type.update', type.code]);
      expect(rows).toEqual([{ before: { nameZh: type.nameZh, nameEn: type.nameEn, active: true }, after: stop }]);

      expect((await api.send('national_admin', 'PUT', `/project-types/${type.code}`, { ...stop, active: true })).status).toBe(200);
      await api.create('employer_handler', type.code, '恢复后的计划');
      expect(await plansUnder(type.code)).toBe(2);
    });
  });
});
