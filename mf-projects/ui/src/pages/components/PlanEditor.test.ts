// @vitest-environment happy-dom
// The plan page in edit mode against a scripted server (the kit client's fetch is the only fake): 提交 saves what is
// typed first and submits only on a saved draft; a stale save stops and offers 刷新 without writing over the other
// copy; an incomplete plan's refusal names each missing field.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { h } from 'vue';
import { RouterView, createMemoryHistory, createRouter } from 'vue-router';
import { addMessages, installKit, setLocale } from '@wgzj/shell/kit';
import { messages } from '../../messages.ts';
import PlanPage from '../PlanPage.vue';
import type { PlanDetail, SaveResult } from '../plan-types.ts';

const PLAN = '/api/projects/plans/p1';

function planDetail(overrides: Partial<PlanDetail> = {}): PlanDetail {
  return {
    id: 'p1',
    title: '人工智能前沿方法',
    version: 3,
    status: 'draft',
    statusName: '草稿',
    mode: 'edit',
    why: '草稿:填写完成后提交。',
    actions: ['submit'],
    projectType: 't1',
    projectTypeName: '高端外国专家引进计划',
    family: 'talent',
    year: 2027,
    unit: { id: 'u1', name: '某研究院', kind: 'employer' },
    supervisingUnit: null,
    template: {
      id: 'tpl',
      version: 1,
      definition: {
        sections: [
          {
            key: 'basic',
            title: { 'zh-CN': '基本信息', 'en-US': 'Basics' },
            fields: [{ key: 'leader', type: 'text', label: { 'zh-CN': '项目负责人', 'en-US': 'Leader' }, required: true, maxLength: 50 }],
          },
        ],
        attachments: [],
        experts: { min: 0, max: 30 },
        rubric: [],
      },
    },
    policy: null,
    content: { leader: '张伟' },
    experts: [],
    files: [],
    problems: [],
    requestedAmount: 0,
    approvedAmount: null,
    approvalDocument: null,
    createdByName: '张伟',
    submittedAt: null,
    submissionCount: 0,
    decidedAt: null,
    updatedAt: '2027-01-05T02:00:00Z',
    events: [],
    reviews: [],
    reviewProgress: { assigned: 0, submitted: 0 },
    changes: [],
    ...overrides,
  } as PlanDetail;
}

interface Call {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (status: number, code: string, message: string, fields?: { field: string; message: string }[]) =>
  json(status, { error: { code, message, ...(fields ? { fields } : {}) } });

/** The server: each route answers from a queue the test fills (the last answer repeats), and every call is kept. */
function scriptedServer(routes: { get?: () => Response; put?: () => Response | Promise<Response>; action?: () => Response }) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = new URL(input, 'http://localhost').pathname;
    calls.push({ method, path, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    if (path === `${PLAN}/notifications/read`) return json(200, { read: 0 });
    if (method === 'GET' && path === PLAN) return (routes.get ?? (() => json(200, planDetail())))();
    if (method === 'PUT' && path === PLAN && routes.put) return routes.put();
    if (method === 'POST' && path === `${PLAN}/actions` && routes.action) return routes.action();
    return refusal(404, 'NOT_FOUND', `no route for ${method} ${path}`);
  });
  const of = (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path);
  return { calls, saves: () => of('PUT', PLAN), submits: () => of('POST', `${PLAN}/actions`), loads: () => of('GET', PLAN) };
}

const saved = (version: number, extra: Partial<SaveResult> = {}): Response =>
  json(200, { version, requestedAmount: 0, problems: [], experts: [], ...extra } satisfies SaveResult);

let wrapper: VueWrapper | null = null;
beforeEach(() => {
  addMessages(messages);
  setLocale('zh-CN');
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

async function openPlan(): Promise<VueWrapper> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'plans', component: { render: () => null } },
      { path: '/plans/:id', name: 'plan', component: PlanPage, props: true },
      { path: '/plans/:id/print', name: 'plan-print', component: { render: () => null } },
    ],
  });
  await router.push('/plans/p1');
  // Under a RouterView, as the area mounts it: the editor's leave guard needs its route record.
  wrapper = mount({ render: () => h(RouterView) }, { attachTo: document.body, global: { plugins: [{ install: installKit }, router] } });
  await vi.waitFor(() => expect(wrapper!.find('[data-testid="plan-editor"]').exists()).toBe(true));
  return wrapper;
}

const byTestId = (w: VueWrapper, id: string) => w.find(`[data-testid="${id}"]`);
/** Element Plus puts an el-input's test id on the <input> itself. */
const titleInput = (w: VueWrapper) => w.find('input[data-testid="plan-title"]');
/** Types into the plan's name (计划名称), as a person would. */
async function typeTitle(w: VueWrapper, value: string): Promise<void> {
  await titleInput(w).setValue(value);
}
/** Answers the confirm dialog (确定提交?) with its OK button. */
async function confirmDialog(): Promise<void> {
  const ok = await vi.waitFor(() => {
    const button = document.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary');
    expect(button).not.toBeNull();
    return button!;
  });
  ok.click();
  await flushPromises();
}
const messagesShown = () => [...document.querySelectorAll('.el-message')].map((m) => m.textContent?.trim() ?? '');

describe('提交 in the plan editor', () => {
  it('saves the typed draft first and submits the version that save returned, only once the save has answered', async () => {
    let answerSave!: (response: Response) => void;
    const server = scriptedServer({
      put: () => new Promise<Response>((resolve) => (answerSave = resolve)),
      action: () => json(200, { status: 'supervising_review' }),
    });
    const w = await openPlan();
    await typeTitle(w, '人工智能前沿方法(修订)');

    await byTestId(w, 'plan-submit').trigger('click');
    await confirmDialog();
    await vi.waitFor(() => expect(server.saves()).toHaveLength(1));
    expect(server.saves()[0]!.body).toMatchObject({ version: 3, title: '人工智能前沿方法(修订)' });
    // The save has not answered yet: nothing is submitted.
    await flushPromises();
    expect(server.submits()).toHaveLength(0);

    answerSave(saved(4));
    await vi.waitFor(() => expect(server.submits()).toHaveLength(1));
    expect(server.submits()[0]!.body).toEqual({ action: 'submit', version: 4 });
    const order = server.calls.filter((c) => c.method !== 'GET' && !c.path.endsWith('/notifications/read')).map((c) => c.method);
    expect(order).toEqual(['PUT', 'POST']);
    await vi.waitFor(() => expect(messagesShown()).toContain('计划已提交'));
    // The page reads the plan again to show it in its new state.
    await vi.waitFor(() => expect(server.loads()).toHaveLength(2));
  });

  it('does not submit when the save before it fails, and says why', async () => {
    const server = scriptedServer({
      put: () => refusal(503, 'DB_UNAVAILABLE', '数据库暂时不可用,请稍后重试。'),
      action: () => json(200, { status: 'supervising_review' }),
    });
    const w = await openPlan();
    await typeTitle(w, '人工智能前沿方法(修订)');

    await byTestId(w, 'plan-submit').trigger('click');
    await confirmDialog();
    await vi.waitFor(() => expect(messagesShown()).toContain('数据库暂时不可用,请稍后重试。'));
    expect(server.saves()).toHaveLength(1);
    expect(server.submits()).toHaveLength(0);
    expect(byTestId(w, 'autosave-status').text()).toContain('数据库暂时不可用,请稍后重试。');
    expect(messagesShown()).not.toContain('计划已提交');
    expect(server.loads()).toHaveLength(1);
  });

  it('names what an incomplete plan is missing, beside the list and its section, and leaves the plan a draft', async () => {
    const server = scriptedServer({
      action: () =>
        refusal(422, 'PLAN_INCOMPLETE', '计划尚未填写完整或有不符合要求的内容,请按提示修改后再提交。', [
          { field: 'content.leader', message: '请填写项目负责人' },
          { field: 'experts', message: '请至少添加 1 位专家' },
        ]),
    });
    const w = await openPlan();
    expect(byTestId(w, 'plan-complete').exists()).toBe(true);

    await byTestId(w, 'plan-submit').trigger('click');
    await confirmDialog();
    await vi.waitFor(() => expect(byTestId(w, 'plan-problems').exists()).toBe(true));
    // Nothing was typed: no save, the one submit refused.
    expect(server.saves()).toHaveLength(0);
    expect(server.submits()).toHaveLength(1);

    const problems = byTestId(w, 'plan-problems');
    expect(problems.text()).toContain('还有 2 项需要完善或不符合要求,修改后才能提交。');
    // 查看明细 is open already, one link per missing thing.
    expect(problems.findAll('[data-testid="problem-link"]').map((l) => l.text())).toEqual(['请填写项目负责人', '请至少添加 1 位专家']);
    // Each section counts its own: 项目负责人 in 基本信息 (the experts' one is counted in 专家及经费).
    expect(byTestId(w, 'section-basic').find('.el-tag').text()).toBe('1 项待完善');
    expect(byTestId(w, 'section-experts').find('.el-tag').text()).toBe('1 项待完善');
    expect(messagesShown()).toContain('计划尚未填写完整或有不符合要求的内容,请按提示修改后再提交。');
    expect(messagesShown()).not.toContain('计划已提交');
    // Still the editor: the plan was not read again as submitted.
    expect(server.loads()).toHaveLength(1);
    expect(byTestId(w, 'plan-submit').attributes('disabled')).toBeUndefined();
  });
});

describe('a stale save', () => {
  it('stops saving, says the plan changed elsewhere and offers 刷新, which reads the other copy instead of writing over it', async () => {
    const stale = '该计划已在别处修改,请刷新后再编辑。';
    let loads = 0;
    const server = scriptedServer({
      get: () => json(200, loads++ === 0 ? planDetail() : planDetail({ version: 9, title: '别处改过的名称' })),
      put: () => refusal(409, 'PLAN_STALE', stale),
    });
    const w = await openPlan();
    await typeTitle(w, '我这边的名称');
    await byTestId(w, 'plan-save').trigger('click');

    await vi.waitFor(() => expect(byTestId(w, 'plan-stale').exists()).toBe(true));
    expect(server.saves()).toHaveLength(1);
    expect(server.saves()[0]!.body).toMatchObject({ version: 3, title: '我这边的名称' });
    expect(byTestId(w, 'plan-stale').text()).toContain(stale);
    expect(byTestId(w, 'autosave-status').text()).toBe(stale);
    expect(byTestId(w, 'plan-save').attributes('disabled')).toBeDefined();
    expect(byTestId(w, 'plan-submit').attributes('disabled')).toBeDefined();

    // Typing on saves nothing more: the autosave has stopped (its delay is 1.5 s).
    await typeTitle(w, '我这边的名称 2');
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(server.saves()).toHaveLength(1);
    expect(server.submits()).toHaveLength(0);

    const reload = byTestId(w, 'plan-stale').findAll('button').find((b) => b.text() === '刷新');
    expect(reload).toBeDefined();
    await reload!.trigger('click');
    await vi.waitFor(() => expect(server.loads()).toHaveLength(2));
    await vi.waitFor(() => expect(byTestId(w, 'plan-stale').exists()).toBe(false));
    expect((titleInput(w).element as HTMLInputElement).value).toBe('别处改过的名称');
    expect(server.saves()).toHaveLength(1);
  });
});
