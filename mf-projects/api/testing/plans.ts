// Test helpers for the plan API: calls as a person, and a complete plan a test can submit in one line.
import type { FundingEntry } from '../funding.ts';
import { type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';

export const YUAN = 100;
export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n').toString('base64');

export interface Detail {
  id: string;
  title: string;
  version: number;
  status: string;
  mode: string;
  why: string;
  actions: string[];
  problems: Array<{ path: string; message: string }>;
  changes: Array<{ path: string; label: string; before: string; after: string }>;
  events: Array<{ action: string; reason: string | null; sectionReasons: Record<string, string> | null }>;
  reviews: Array<{ reviewerName: string; total: number | null }>;
  reviewProgress: { assigned: number; submitted: number };
  experts: Array<{ expertId: string; name: string; visits: Array<{ id: string; total: number }> }>;
  requestedAmount: number;
  approvedAmount: number | null;
  approvalDocument: string | null;
  unit: { id: string; name: string };
  template: { version: number };
}

/** A visit's funding as the tests enter it: the API's entry, without the attachment kinds it works out. */
export type Funding = Omit<FundingEntry, 'attachments'>;

export const FUNDING: Funding = {
  internationalTravel: 12_000 * YUAN,
  livingPerDay: 600 * YUAN,
  livingDays: 14,
  pocketPerDay: 250 * YUAN,
  pocketDays: 14,
  intercityTransport: 1_500 * YUAN,
  salary: 0,
  other: 0,
};

export const TALENT_CONTENT = {
  discipline: '人工智能',
  leader: '张伟',
  startDate: '',
  endDate: '',
  objectives: '引进国际一流学者开展可信机器学习合作研究。',
  tasks: '讲座、指导实验、合写论文。',
  selfFunding: 100_000 * YUAN,
};

export const PLATFORM_CONTENT = {
  baseName: '先进制造创新引智基地',
  discipline: '机械工程',
  leader: '王芳',
  startDate: '',
  endDate: '',
  goals: '建设国际一流的先进制造引智平台。',
  workPlan: '举办国际研讨会两次。',
  selfFunding: 300_000 * YUAN,
};

export function planApi(h: Harness) {
  const send = async (user: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, locale?: string) =>
    h.call('projects', path, user, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(locale ? { locale } : {}),
    });
  const detail = (user: string, id: string, locale?: string) => json<Detail>(send(user, 'GET', `/plans/${id}`, undefined, {}, locale));
  const act = (user: string, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => send(user, 'POST', `/plans/${id}/actions`, body, headers);
  const year = new Date().getUTCFullYear() + 1;

  async function create(user: string, projectType: string, title: string): Promise<string> {
    const calls = await json<{ items: Array<{ id: string; projectType: string; canApply: boolean }> }>(send(user, 'GET', '/calls'));
    const call = calls.items.find((c) => c.projectType === projectType && c.canApply);
    if (!call) throw new Error(`no open call of ${projectType} for ${user}`);
    const response = await send(user, 'POST', '/plans', { callId: call.id, title });
    if (response.status !== 201) throw new Error(`create: ${response.status} ${await response.text()}`);
    return (await json<{ id: string }>(response)).id;
  }

  /** The experts of the user's unit in the library, by name. */
  async function expertsOf(user: string): Promise<Array<{ id: string; name: string }>> {
    const me = await h.identityOf(user);
    const { rows } = await h.db.query<{ id: string; name: string }>(
      `select d.expert_id as id, d.name from experts.expert_directory d join experts.expert_unit_directory u on u.expert_id = d.expert_id
       where u.unit_id = $1 and d.status = 'active' order by d.name`,
      [me.unit.id],
    );
    return rows;
  }

  const visit = (funding: Partial<Funding> = {}, start = `${year}-05-10`, end = `${year}-05-23`) => ({
    id: randomUUID(),
    startDate: start,
    endDate: end,
    city: '北京',
    purpose: '合作研究',
    funding: { ...FUNDING, ...funding },
  });

  async function save(user: string, id: string, body: Record<string, unknown>) {
    const current = await detail(user, id);
    return send(user, 'PUT', `/plans/${id}`, { version: current.version, title: current.title, ...body });
  }

  async function upload(user: string, id: string, slot: string, filename: string, contentBase64: string) {
    return send(user, 'POST', `/plans/${id}/files`, { slot, file: { filename, contentBase64 } });
  }

  /** A plan with everything its template asks for, ready to submit; returns its id. */
  async function complete(user: string, projectType: string, title: string, experts: string[]): Promise<string> {
    const id = await create(user, projectType, title);
    const platform = !['high_end_foreign_expert', 'young_foreign_talent', 'belt_and_road_innovation'].includes(projectType);
    const content = { ...(platform ? PLATFORM_CONTENT : TALENT_CONTENT), startDate: `${year}-03-01`, endDate: `${year}-12-31` };
    const saved = await save(user, id, { content, experts: experts.map((expertId) => ({ expertId, visits: [visit()] })) });
    if (saved.status !== 200) throw new Error(`save: ${saved.status} ${await saved.text()}`);
    await upload(user, id, platform ? 'image:teamTable' : 'image:budgetTable', 'table.png', PNG);
    await upload(user, id, 'attachment:application', 'application.pdf', PDF);
    return id;
  }

  /** A complete plan with the first expert of the user's unit in the library; returns its id. */
  async function completeWithFirstExpert(user: string, projectType: string, title: string): Promise<string> {
    const [expert] = await expertsOf(user);
    if (!expert) throw new Error(`no expert in the library of ${user}'s unit`);
    return complete(user, projectType, title, [expert.id]);
  }

  async function submit(user: string, id: string, headers: Record<string, string> = {}) {
    const current = await detail(user, id);
    return act(user, id, { action: 'submit', version: current.version }, headers);
  }

  /** An action at the version the person sees now. */
  async function move(user: string, id: string, action: string, extra: Record<string, unknown> = {}) {
    const current = await detail(user, id);
    return act(user, id, { action, version: current.version, ...extra });
  }

  return { send, detail, act, create, expertsOf, visit, save, upload, complete, completeWithFirstExpert, submit, move, year };
}

export type PlanApi = ReturnType<typeof planApi>;

/**
 * One database with the experts and projects areas for the describe block this is called in: opened before its
 * first test, closed after its last. Read `h` and `api` inside a test or hook, once the block has started.
 */
export function plansForBlock(): { readonly h: Harness; readonly api: PlanApi } {
  let opened: { h: Harness; api: PlanApi } | undefined;
  beforeAll(async () => {
    const h = await moduleHarness(['experts', 'projects']);
    opened = { h, api: planApi(h) };
  });
  afterAll(async () => {
    await opened?.h.close();
  });
  const current = () => {
    if (!opened) throw new Error('plansForBlock: read h and api inside a test or hook');
    return opened;
  };
  return {
    get h() {
      return current().h;
    },
    get api() {
      return current().api;
    },
  };
}

/**
 * The stops of the talent-plan journey in plan-flow.test.ts, in order: each names the state one of its steps starts
 * from, so a step can be run alone on a fresh database.
 */
export const JOURNEY = ['draft', 'saved', 'uploaded', 'submitted', 'resubmitted', 'returned', 'revised', 'at national level', 'reviewer assigned', 'scored'] as const;
export type JourneyStop = (typeof JOURNEY)[number];

export interface Journey {
  id: string;
  firstVisit: ReturnType<PlanApi['visit']>;
  secondVisit: ReturnType<PlanApi['visit']>;
}

async function ok(response: Response | Promise<Response>, step: string, expected = 200) {
  const r = await response;
  if (r.status !== expected) throw new Error(`${step}: ${r.status} ${await r.text()}`);
  return r;
}

/**
 * The employer_handler's talent plan brought to `stop` by the same calls the journey makes on its way there, so the
 * audit trail, snapshots and history are those of the whole journey. Refused calls are left out: they change nothing.
 */
export async function planAt(api: PlanApi, stop: JourneyStop): Promise<Journey> {
  const reached = (s: JourneyStop) => JOURNEY.indexOf(stop) >= JOURNEY.indexOf(s);
  const user = 'employer_handler';
  const experts = await api.expertsOf(user);
  const id = await api.create(user, 'high_end_foreign_expert', '可信人工智能高端外国专家引进项目');
  const firstVisit = api.visit({ internationalTravel: 16_000 * YUAN });
  const secondVisit = api.visit({}, `${api.year}-09-01`, `${api.year}-09-14`);
  const journey = { id, firstVisit, secondVisit };
  const withExperts = (funding: Partial<Funding>) => [
    { expertId: experts[0]!.id, visits: [{ ...firstVisit, funding: { ...firstVisit.funding, ...funding } }] },
    { expertId: experts[1]!.id, visits: [secondVisit] },
  ];
  const content = async () => ((await api.detail(user, id)) as Detail & { content: Record<string, unknown> }).content;
  if (!reached('saved')) return journey;
  await ok(
    api.save(user, id, {
      content: { discipline: '人工智能', leader: '张伟', startDate: `${api.year}-03-01`, endDate: `${api.year}-12-31`, objectives: '合作研究', tasks: '讲座', selfFunding: 50_000 * YUAN },
      experts: withExperts({}),
    }),
    'save',
  );
  if (!reached('uploaded')) return journey;
  await ok(api.upload(user, id, 'image:budgetTable', '经费预算表.png', PNG), 'upload budget table', 201);
  await ok(api.upload(user, id, 'attachment:application', '盖章页.pdf', PDF), 'upload application', 201);
  if (!reached('submitted')) return journey;
  await ok(api.save(user, id, { content: await content(), experts: withExperts({ internationalTravel: 12_000 * YUAN }) }), 'fix funding');
  await ok(api.submit(user, id), 'submit');
  if (!reached('resubmitted')) return journey;
  await ok(api.move(user, id, 'withdraw'), 'withdraw');
  await ok(api.submit(user, id), 'resubmit');
  if (!reached('returned')) return journey;
  await ok(api.move('supervisor_bj', id, 'return', { sectionReasons: { experts: '第一位专家的零用费标准偏高,请按 200 元/天调整。' } }), 'return');
  if (!reached('revised')) return journey;
  await ok(
    api.save(user, id, {
      content: { ...(await content()), objectives: '合作研究(已按意见修改)' },
      experts: withExperts({ internationalTravel: 12_000 * YUAN, pocketPerDay: 200 * YUAN }),
    }),
    'revise',
  );
  await ok(api.submit(user, id), 'submit the revision');
  if (!reached('at national level')) return journey;
  await ok(api.move('supervisor_bj', id, 'approve'), 'supervising approval');
  if (!reached('reviewer assigned')) return journey;
  const reviewers = await json<{ items: Array<{ userId: string; username: string }> }>(api.send('national_admin', 'GET', '/reviewers'));
  const reviewer = reviewers.items.find((r) => r.username === 'reviewer')!;
  // Assigned twice, as the journey does: the second call is a no-op for the plan but still an audited action.
  await ok(api.move('national_admin', id, 'assign_reviewers', { reviewerIds: [reviewer.userId] }), 'assign a reviewer');
  await ok(api.move('national_admin', id, 'assign_reviewers', { reviewerIds: [reviewer.userId] }), 'assign the reviewer again');
  if (!reached('scored')) return journey;
  await ok(
    api.send('reviewer', 'PUT', `/plans/${id}/review`, { scores: { necessity: 26, expertLevel: 27, feasibility: 16, outcomes: 17 }, opinion: '专家水平高,方案可行。' }),
    'score',
  );
  return journey;
}
