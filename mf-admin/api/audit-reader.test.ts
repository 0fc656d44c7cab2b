// The audit log in the reader's words: the API answers each record's action, object (kind, name, page) and change as
// labelled values, in the request's language, for a record of every kind; and every action any area writes is named.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAudit, type Identity } from '@wgzj/gateway/kit';
import { CJK, type Harness, json, moduleHarness, type Page } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, actionName } from './audit-catalogue.ts';
import type { AuditRecordView } from './audit-reader.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RAW_CODE = /\b[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*\b/;

describe('audit records as a reader reads them', () => {
  let h: Harness;
  let admin: Identity;
  let ids: { unit: string; supervising: string; user: string; expert: string; notice: string; plan: string; correction: string };
  let seededType: { code: string; name: string };

  beforeAll(async () => {
    h = await moduleHarness(['experts', 'projects']);
    admin = await h.identityOf('national_admin');
    const one = async (sql: string, params: unknown[] = []) => (await h.db.query<{ id: string }>(sql, params)).rows[0]!.id;
    ids = {
      unit: await one(`select id::text as id from admin.units where name = '北京示例大学'`),
      supervising: await one(`select id::text as id from admin.units where name = '北京市科学技术委员会'`),
      user: await one(`select id::text as id from admin.users where username = 'employer_handler'`),
      expert: await one(`select id::text as id from experts.experts where name = 'Anna Schmidt'`),
      notice: await one(`select id::text as id from admin.notices order by published_at desc limit 1`),
      plan: '8d3c0e5e-6f0b-4c59-9d53-0c2f7d7e9a11',
      correction: 'b6f1c9a2-1d4e-4f7a-8c3b-2e5d6f7a8b90',
    };
    seededType = (await h.db.query<{ code: string; name: string }>('select program as code, program_name as name from projects.plan_expert_feed limit 1')).rows[0]!;
    const write = (entry: Omit<Parameters<typeof writeAudit>[1], 'actor'>) => writeAudit(h.db, { actor: admin, requestId: `reader-${entry.action}`, ...entry });
    // Summaries shaped as the areas' routes and the flow engine write them.
    await write({ action: 'unit_registration.supervising_approve', objectType: 'unit', objectId: ids.unit, before: { state: 'supervising_review', version: 3 }, after: { state: 'national_review', version: 4 } });
    await write({ action: 'unit_registration.national_approve', objectType: 'unit', objectId: ids.unit, before: { state: 'national_review', version: 4 }, after: { state: 'approved', version: 5 } });
    await write({
      action: 'unit.update',
      objectType: 'unit',
      objectId: ids.unit,
      before: { province: '110000', address: '北京市海淀区', contactName: '王芳', supervisingUnitId: null },
      after: { province: '310000', address: '北京市海淀区', contactName: '王芳', supervisingUnitId: ids.supervising },
    });
    await write({ action: 'user.create', objectType: 'user', objectId: ids.user, after: { username: 'employer_handler', role: 'employer_handler', mobile: '13800138000', reviewState: 'pending' } });
    await write({ action: 'plan.create', objectType: 'plan', objectId: ids.plan, after: { title: '量子材料外国青年人才交流项目', projectType: seededType.code } });
    await write({ action: 'expert.create', objectType: 'expert', objectId: ids.expert, after: { name: 'Anna Schmidt', chineseName: null, gender: 'female', nationality: 'DE', keywords: ['机器学习'] } });
    await write({
      action: 'plan.national_approve',
      objectType: 'plan',
      objectId: ids.plan,
      before: { state: 'expert_review', version: 6 },
      after: { state: 'approved', version: 7, approvedAmount: 1_234_500, approvedAt: '2026-12-07T02:30:00.000Z' },
    });
    await write({ action: 'expert.reveal_passport', objectType: 'expert', objectId: ids.expert, after: { name: 'Anna Schmidt', passport: 'C01****78' } });
    await write({ action: 'expert_correction.request', objectType: 'expert', objectId: ids.expert, after: { correctionId: ids.correction, changes: { position: 'Professor', gender: 'female' } } });
    await write({ action: 'expert_correction.approve', objectType: 'expert_correction', objectId: ids.correction, before: { state: 'pending', version: 0 }, after: { state: 'approved', version: 1 } });
    await write({ action: 'audit.export', objectType: 'audit_log', objectId: 'export', after: { filter: { action: 'notice.withdraw', objectType: 'notice' }, rows: 1, total: 1 } });
    await write({ action: 'notice.withdraw', objectType: 'notice', objectId: ids.notice, before: { title: '通知', withdrawn: false }, after: { title: '通知', withdrawn: true, withdrawnAt: '2026-12-07T02:30:00.000Z' } });
    await write({ action: 'mystery.thing', objectType: 'spaceship', objectId: 'x-1', after: { fuel: 3 } });
    await write({ action: 'expert_claim.pondered', objectType: 'expert', objectId: ids.expert });
  });
  afterAll(async () => {
    await h.close();
  });

  const read = async (action: string, locale = 'zh-CN') => {
    const page = await json<Page<AuditRecordView>>(h.call('admin', `/audit?requestId=reader-${action}`, 'national_admin', { locale }));
    expect(page.items).toHaveLength(1);
    return page.items[0]!;
  };

  it('a unit: its name linked to its page, the state change by name, the row version left out', async () => {
    const record = await read('unit_registration.supervising_approve');
    expect(record).toMatchObject({
      action: 'unit_registration.supervising_approve',
      actionLabel: '归口管理单位审核通过',
      actionKnown: true,
      roleLabel: '国家管理员',
      object: { type: 'unit', typeLabel: '单位', id: ids.unit, name: '北京示例大学', link: `/admin/units/${ids.unit}` },
    });
    expect(record.changes).toEqual([{ field: 'state', label: '状态', before: '归口管理单位审核中', after: '国家审核中' }]);
  });

  it('an approved unit registration reads 审核通过, not a plan’s 已批复', async () => {
    const record = await read('unit_registration.national_approve');
    expect(record.changes).toEqual([{ field: 'state', label: '状态', before: '国家审核中', after: '审核通过' }]);
    expect(record.actionLabel).not.toMatch(/批复/);
  });

  it('a unit’s information: only what changed, provinces and the supervising unit by name', async () => {
    const record = await read('unit.update');
    expect(record.changes).toEqual([
      { field: 'province', label: '所在省份', before: '北京市', after: '上海市' },
      { field: 'supervisingUnitId', label: '归口管理单位', before: null, after: '北京市科学技术委员会' },
    ]);
  });

  it('a user: the display name, the role by name, a mobile number masked even if written in clear', async () => {
    const record = await read('user.create');
    expect(record.object).toMatchObject({ type: 'user', typeLabel: '用户', name: '张伟', link: `/admin/users/${ids.user}` });
    expect(record.changes).toEqual(
      expect.arrayContaining([
        { field: 'role', label: '角色', before: null, after: '事项办理员' },
        { field: 'mobile', label: '手机号', before: null, after: '138****8000' },
        { field: 'reviewState', label: '审核状态', before: null, after: '待审核' },
      ]),
    );
    expect(JSON.stringify(record.changes)).not.toContain('13800138000');
  });

  it('a plan: its title linked to /projects/plans/:id, 已批复, the amount in 元 and the time in Beijing time', async () => {
    const record = await read('plan.national_approve');
    expect(record).toMatchObject({
      actionLabel: '批复计划',
      object: { type: 'plan', typeLabel: '项目计划', name: '量子材料外国青年人才交流项目', link: `/projects/plans/${ids.plan}` },
    });
    expect(record.changes).toEqual([
      { field: 'state', label: '状态', before: '专家评审中', after: '已批复' },
      { field: 'approvedAmount', label: '批复金额', before: null, after: '12,345.00 元' },
      { field: 'approvedAt', label: '批复时间', before: null, after: '2026-12-07 10:30:00' },
    ]);
  });

  it('a plan’s type by its name (through the project library’s published type directory), not its code', async () => {
    const record = await read('plan.create');
    expect(record.changes).toEqual([
      { field: 'title', label: '计划名称', before: null, after: '量子材料外国青年人才交流项目' },
      { field: 'projectType', label: '项目类别', before: null, after: seededType.name },
    ]);
    expect(seededType.name).toMatch(CJK);
  });

  it('a new expert: countries and genders by name, fields left empty not listed', async () => {
    const record = await read('expert.create');
    expect(record.changes).toEqual([
      { field: 'name', label: '姓名(护照)', before: null, after: 'Anna Schmidt' },
      { field: 'gender', label: '性别', before: null, after: '女' },
      { field: 'nationality', label: '国籍', before: null, after: '德国' },
      { field: 'keywords', label: '专业特长关键词', before: null, after: '机器学习' },
    ]);
    const en = await read('expert.create', 'en-US');
    expect(en.changes.map((c) => c.after)).toEqual(['Anna Schmidt', 'Female', 'Germany', '机器学习']);
  });

  it('an expert: the name from the expert library’s directory, linked to /experts/:id', async () => {
    const record = await read('expert.reveal_passport');
    expect(record).toMatchObject({ actionLabel: '查看完整护照号码', object: { type: 'expert', typeLabel: '专家', link: `/experts/${ids.expert}` } });
    expect(record.object.name).toMatch(/^Anna Schmidt/);
    expect(record.changes).toEqual([
      { field: 'name', label: '专家姓名', before: null, after: 'Anna Schmidt' },
      { field: 'passport', label: '护照号码', before: null, after: 'C01****78' },
    ]);
  });

  it('a correction request: named after its expert, opening the expert’s page', async () => {
    const record = await read('expert_correction.approve');
    expect(record.object).toMatchObject({ type: 'expert_correction', typeLabel: '专家信息更正申请', link: `/experts/${ids.expert}` });
    expect(record.object.name).toMatch(/^Anna Schmidt/);
    expect(record.changes).toEqual([{ field: 'state', label: '状态', before: '待审核', after: '已通过' }]);
    const request = await read('expert_correction.request');
    expect(request.changes).toEqual([{ field: 'changes', label: '更正内容', before: null, after: '性别:女;职务/职称:Professor' }]);
  });

  it('an export: the search it covered, in words, and no page to open', async () => {
    const record = await read('audit.export');
    expect(record.object).toMatchObject({ type: 'audit_log', typeLabel: '审计日志', name: '按查询条件导出', link: null });
    expect(record.changes).toEqual([
      { field: 'filter', label: '查询条件', before: null, after: '操作:撤回通知;对象类型:通知公告' },
      { field: 'rows', label: '导出条数', before: null, after: '1' },
      { field: 'total', label: '符合条件的总数', before: null, after: '1' },
    ]);
  });

  it('a notice: what stayed the same is not listed; 已撤回 否 → 是 and when, in Beijing time', async () => {
    const record = await read('notice.withdraw');
    expect(record.object).toMatchObject({ type: 'notice', typeLabel: '通知公告', link: `/admin/notices/${ids.notice}` });
    expect(record.object.name).toBeTruthy();
    expect(record.object.name).not.toMatch(/已撤回/);
    expect(record.changes).toEqual([
      { field: 'withdrawn', label: '已撤回', before: '否', after: '是' },
      { field: 'withdrawnAt', label: '撤回时间', before: null, after: '2026-12-07 10:30:00' },
    ]);
  });

  it('a withdrawn notice keeps its name, says so, and offers no page that would only say it is gone', async () => {
    const body = (value: unknown, requestId: string) => ({
      method: 'POST',
      body: JSON.stringify(value),
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    });
    const created = await json<{ id: string }>(h.call('admin', '/notices', 'national_admin', body({ title: '将撤回的通知', body: '正文', attachments: [] }, 'reader-gone-publish')));
    expect((await h.call('admin', `/notices/${created.id}/withdraw`, 'national_admin', body({ reason: '重复' }, 'reader-gone-withdraw'))).status).toBe(200);
    const page = await json<Page<AuditRecordView>>(h.call('admin', `/audit?objectId=${created.id}`, 'national_admin'));
    expect(page.items.map((r) => r.object)).toEqual([
      { type: 'notice', typeLabel: '通知公告', id: created.id, name: '将撤回的通知(已撤回)', link: null },
      { type: 'notice', typeLabel: '通知公告', id: created.id, name: '将撤回的通知(已撤回)', link: null },
    ]);
  });

  it('a plan by the title it has now (the project library’s published directory), its type in English for an English reader', async () => {
    const plan = (await h.db.query<{ id: string; title: string }>('select plan_id::text as id, title from projects.plan_directory limit 1')).rows[0]!;
    await writeAudit(h.db, { actor: admin, requestId: 'reader-renamed', action: 'plan.create', objectType: 'plan', objectId: plan.id, after: { title: '起初的名称', projectType: seededType.code } });
    const page = await json<Page<AuditRecordView>>(h.call('admin', '/audit?requestId=reader-renamed', 'national_admin'));
    expect(page.items[0]!.object).toMatchObject({ name: plan.title, link: `/projects/plans/${plan.id}` });
    const en = await json<Page<AuditRecordView>>(h.call('admin', '/audit?requestId=reader-renamed', 'national_admin', { locale: 'en-US' }));
    const type = en.items[0]!.changes.find((c) => c.field === 'projectType')!;
    expect(type.after).not.toMatch(CJK);
    expect(type.after).not.toBe(seededType.code);
  });

  it('answers in English when asked', async () => {
    const record = await read('plan.national_approve', 'en-US');
    expect(record).toMatchObject({ actionLabel: 'Plan approved by the national level', roleLabel: 'National administrator', object: { typeLabel: 'Plan' } });
    expect(record.changes[0]).toEqual({ field: 'state', label: 'State', before: 'In expert review', after: 'Approved' });
    expect(record.changes[1]!.after).toBe('¥12,345.00');
    for (const text of [record.actionLabel, record.object.typeLabel, ...record.changes.map((c) => c.label)]) expect(text).not.toMatch(CJK);
  });

  it('shows an action it does not know under a generic label and says so (the screen adds the code)', async () => {
    const unknown = await read('mystery.thing');
    expect(unknown).toMatchObject({ action: 'mystery.thing', actionLabel: '其他操作', actionKnown: false, object: { typeLabel: '其他对象', name: null, link: null } });
    const inGroup = await read('expert_claim.pondered');
    expect(inGroup).toMatchObject({ actionLabel: '专家认领 · 其他操作', actionKnown: false });
  });

  it('puts no raw action code in any label of a known action', async () => {
    const page = await json<Page<AuditRecordView>>(h.call('admin', '/audit?limit=100', 'national_admin'));
    for (const record of page.items.filter((r) => r.actionKnown)) {
      expect(record.actionLabel, record.action).toMatch(CJK);
      expect(record.actionLabel, record.action).not.toMatch(RAW_CODE);
      expect(record.object.typeLabel).toMatch(CJK);
      for (const change of record.changes) expect(change.label, `${record.action} ${change.field}`).not.toMatch(RAW_CODE);
    }
  });

  it('offers the search form every action and kind by name, and only to the audit log’s readers', async () => {
    const catalogue = await json<{ actionGroups: Array<{ code: string; label: string; actions: Array<{ code: string; label: string }> }>; objectTypes: Array<{ code: string; label: string }> }>(
      h.call('admin', '/audit/catalogue', 'support'),
    );
    const plan = catalogue.actionGroups.find((g) => g.code === 'plan.')!;
    expect(plan.label).toBe('项目计划');
    expect(plan.actions).toContainEqual({ code: 'plan.national_approve', label: '批复计划' });
    expect(catalogue.objectTypes).toContainEqual({ code: 'unit', label: '单位' });
    for (const user of ['employer_handler', 'supervisor_bj', 'employer_admin']) {
      expect((await h.call('admin', '/audit/catalogue', user)).status).toBe(403);
    }
  });
});

describe('the action catalogue', () => {
  /** Every `action: '<x>.<y>'` written by any area or the gateway, and every flow's `<name>.<transition>`. */
  function actionsInSource(): Set<string> {
    const found = new Set<string>();
    const dirs = ['mf-admin/api', 'mf-projects/api', 'mf-experts/api', 'mf-reports/api', 'gateway/src/accounts', 'gateway/kit'];
    for (const dir of dirs) {
      for (const file of readdirSync(join(ROOT, dir), { recursive: true }) as string[]) {
        if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
        const text = readFileSync(join(ROOT, dir, file), 'utf8');
        for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) found.add(m[1]!);
        for (const m of text.matchAll(/\{ actor(?:: \w+)?, action: '([a-z_]+\.[a-z_]+)'/g)) found.add(m[1]!);
        // A flow table at any indentation (one is drawn inside a function per claim).
        for (const flow of text.matchAll(/defineFlow\(\{\s*name: '([a-z_]+)'[\s\S]*?transitions: \{([\s\S]*?)\n\s*\},\n\s*\}\)/g)) {
          for (const t of flow[2]!.matchAll(/^\s+([a-z_]+): \{\s*from:/gm)) found.add(`${flow[1]}.${t[1]}`);
        }
      }
    }
    // Written with the kind in a template string.
    for (const kind of ['cv', 'photo']) found.add(`expert.upload_${kind}`).add(`expert.delete_${kind}`);
    for (const field of ['passport', 'phone']) found.add(`expert.reveal_${field}`);
    return found;
  }

  it('names every action the areas write, in both languages', () => {
    const actions = actionsInSource();
    expect(actions.size).toBeGreaterThan(50);
    expect(actions).toContain('plan.national_approve');
    expect(actions).toContain('unit_registration.submit');
    expect(actions).toContain('user_review.approve');
    for (const action of actions) {
      expect(actionName(action, 'zh-CN').known, action).toBe(true);
      expect(actionName(action, 'zh-CN').label, action).toMatch(CJK);
      expect(actionName(action, 'en-US').label, action).not.toMatch(CJK);
    }
  });

  it('has both languages for every group and action', () => {
    for (const [group, { group: name, actions }] of Object.entries(AUDIT_ACTIONS)) {
      expect(name['zh-CN'], group).toMatch(CJK);
      expect(name['en-US'], group).not.toMatch(CJK);
      for (const [action, label] of Object.entries(actions)) {
        expect(label['zh-CN'], `${group}.${action}`).toMatch(CJK);
        expect(label['en-US'].length, `${group}.${action}`).toBeGreaterThan(3);
      }
    }
  });
});
