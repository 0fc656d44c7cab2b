// The project library's plans (项目/平台计划) at the size they are built for: 100,000 plans and 300,000 visits,
// generated into the stack's database after the expert library, then the module API asked one request at a time
// by a national administrator, a supervising unit's user and an employer's handler: the filtered lists
// `GET /plans?…` and the to-do `GET /todo` against 100 ms, and a submit `POST /plans/:id/actions` (validation,
// snapshot, transition) of a complete draft against 50 ms. Baselines: a bare `select … order by updated_at desc
// limit 20` over projects.plans, straight on the database and behind a bare Hono route. A benchmark prints;
// nothing here fails.
//
//   npm run bench                    — part of the whole benchmark (scripts/bench.ts), after the expert library
//   npx tsx scripts/bench-plans.ts   — this part alone (it generates the expert library first: BENCH_EXPERTS, BENCH_VISITS)
//   BENCH_PLANS, BENCH_PLAN_VISITS   — the library's size (100000, 300000)
//   BENCH_PLAN_REQUESTS              — measured requests per list or to-do after 20 warm-up ones (200)
//   BENCH_PLAN_SECONDS               — at most this long per list or to-do, fewer requests if slower (4)
//   BENCH_PLAN_SUBMITS               — drafts submitted and timed, after 10 warm-up submits (100)
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { Identity } from '@wgzj/gateway/kit';
import { startStack, type Stack } from '../gateway/testing/stack.ts';
import { identityOf, ms, type Pace, percentile, serveModuleWithBaseline, timeSequential, type Timing } from './bench-timing.ts';
import { generatePlans, type GeneratePlansResult } from '../mf-projects/db/generate.ts';
import { seedExpertLibrary } from './bench-experts.ts';

const PLANS = Number(process.env['BENCH_PLANS'] ?? 100_000);
const VISITS = Number(process.env['BENCH_PLAN_VISITS'] ?? 300_000);
const REQUESTS = Number(process.env['BENCH_PLAN_REQUESTS'] ?? 200);
const SECONDS = Number(process.env['BENCH_PLAN_SECONDS'] ?? 4);
const SUBMITS = Number(process.env['BENCH_PLAN_SUBMITS'] ?? 100);
const WARM_UP = 20;
const PACE: Pace = { requests: REQUESTS, seconds: SECONDS, warmUp: WARM_UP };
const timed = (ask: Parameters<typeof timeSequential>[0]) => timeSequential(ask, PACE);
const WARM_UP_SUBMITS = 10;
const LIST_TARGET_MS = 100;
const SUBMIT_TARGET_MS = 50;

/** A one-pixel PNG and a one-page PDF: the draft's budget table image and signed application page. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n').toString('base64');
const YUAN = 100;

interface Row {
  user: string;
  label: string;
  timing: Timing;
  /** The target in ms (p99), or none for a baseline. */
  target?: number;
}

/** Generates the plans into the stack's database (the expert library must be there already). */
export async function seedPlans(stack: Stack): Promise<GeneratePlansResult> {
  return generatePlans(stack.gateway.db, { plans: PLANS, visits: VISITS });
}


/** Calls the module as one person; the assertion is signed again after half its minute. */
function caller(stack: Stack, baseUrl: string, identity: Identity) {
  let assertion = '';
  let signedAt = -Infinity;
  return async (method: string, path: string, body?: unknown): Promise<Response> => {
    if (performance.now() - signedAt > 30_000) {
      assertion = await stack.gateway.signer.sign(identity, 'projects', 'bench');
      signedAt = performance.now();
    }
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'x-identity-assertion': assertion, 'accept-language': 'zh-CN', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
}

type Call = ReturnType<typeof caller>;

async function must<T>(response: Promise<Response>, what: string): Promise<T> {
  const res = await response;
  if (!res.ok) throw new Error(`${what}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/**
 * Complete drafts of the employer's handler, made through the API as the editor makes them: a plan under the open
 * call, content filled in, two of the unit's experts with a visit each inside the policy, the budget table image and
 * the signed application page. Returns each draft's id and the version a submit must name.
 */
async function prepareDrafts(stack: Stack, call: Call, identity: Identity, count: number): Promise<Array<{ id: string; version: number }>> {
  const calls = await must<{ items: Array<{ id: string; projectType: string; year: number; canApply: boolean }> }>(call('GET', '/calls'), 'calls');
  const open = calls.items.find((c) => c.projectType === 'high_end_foreign_expert' && c.canApply);
  if (!open) throw new Error('no open call of high_end_foreign_expert for employer_handler');
  const { rows: experts } = await stack.gateway.db.query<{ id: string }>(
    `select d.expert_id as id from experts.expert_directory d join experts.expert_unit_directory u on u.expert_id = d.expert_id
     where u.unit_id = $1 and d.status = 'active'
     order by d.expert_id limit 400`,
    [identity.unit.id],
  );
  if (experts.length < 2) throw new Error(`employer_handler's unit has ${experts.length} active experts; a draft needs two`);
  const content = {
    discipline: '人工智能',
    leader: '张伟',
    startDate: `${open.year}-03-01`,
    endDate: `${open.year}-12-31`,
    objectives: '引进国际一流学者,围绕可信机器学习方法开展合作研究,联合培养博士研究生。',
    tasks: '外国专家来华开展系列讲座、指导实验室研究并共同撰写论文。',
    outcomes: '发表高水平论文 3–5 篇,联合申请国际合作项目 1 项。',
    selfFunding: 200_000 * YUAN,
  };
  const visit = (month: number) => ({
    id: randomUUID(),
    startDate: `${open.year}-${String(month).padStart(2, '0')}-10`,
    endDate: `${open.year}-${String(month).padStart(2, '0')}-23`,
    city: '北京',
    purpose: '合作研究与学术讲座',
    funding: {
      internationalTravel: 12_000 * YUAN,
      livingPerDay: 600 * YUAN,
      livingDays: 14,
      pocketPerDay: 250 * YUAN,
      pocketDays: 14,
      intercityTransport: 1_500 * YUAN,
      salary: 0,
      other: 0,
    },
  });
  const drafts: Array<{ id: string; version: number }> = [];
  for (let i = 0; i < count; i++) {
    const title = `基准测试:人工智能前沿方法高端外国专家引进项目 ${i + 1}`;
    const { id } = await must<{ id: string }>(call('POST', '/plans', { callId: open.id, title }), 'create a draft');
    const pair = [experts[(2 * i) % experts.length]!.id, experts[(2 * i + 1) % experts.length]!.id];
    const saved = await must<{ version: number }>(
      call('PUT', `/plans/${id}`, { version: 1, title, content, experts: pair.map((expertId, k) => ({ expertId, visits: [visit(5 + k)] })) }),
      'save the draft',
    );
    await must(call('POST', `/plans/${id}/files`, { slot: 'image:budgetTable', file: { filename: '经费预算表.png', contentBase64: PNG } }), 'upload the table');
    await must(call('POST', `/plans/${id}/files`, { slot: 'attachment:application', file: { filename: '申报书签字盖章页.pdf', contentBase64: PDF } }), 'upload the application');
    drafts.push({ id, version: saved.version });
  }
  // The editor's own verdict on the first one: nothing blocks its submission.
  const first = await must<{ problems: Array<{ path: string }> }>(call('GET', `/plans/${drafts[0]!.id}`), 'read a draft');
  if (first.problems.length) throw new Error(`a prepared draft is not complete: ${first.problems.map((p) => p.path).join(', ')}`);
  return drafts;
}

export async function benchPlans(stack: Stack, seeded?: GeneratePlansResult): Promise<void> {
  const generated = seeded ?? (await seedPlans(stack));
  const db = stack.gateway.db;
  const served = await serveModuleWithBaseline(
    stack,
    'projects',
    { path: '/plans', sql: 'select id, title, status, updated_at from projects.plans order by updated_at desc limit 20' },
    PACE,
  );
  const rows: Row[] = [];
  rows.push(...served.baselines.map((b) => ({ user: '—', ...b })));

  // The lists people open most: their queue, their own plans, a year's decisions, a title typed in, a type and year.
  const [, , lastYear, thisYear, openYear] = generated.years;
  // Two characters (量子) is what people type most and what no trigram index can serve; four (人工智能) can be.
  const title = `title=${encodeURIComponent('量子')}`;
  const typeYear = `projectType=young_foreign_talent&year=${lastYear}`;
  const LISTS: Array<[user: string, label: string, query: string]> = [
    ['national_admin', 'everything (no filter)', 'view=all'],
    ['national_admin', 'status + year', `view=all&status=approved&year=${thisYear}`],
    ['national_admin', 'status + year (open call)', `view=all&status=national_review&year=${openYear}`],
    ['national_admin', 'waiting for me', 'view=review'],
    ['national_admin', 'title fragment', `view=all&${title}`],
    ['national_admin', 'title fragment, four characters', `view=all&title=${encodeURIComponent('人工智能')}`],
    ['national_admin', 'project type + year', `view=all&${typeYear}`],
    ['supervisor_bj', 'waiting for me', 'view=review'],
    ['supervisor_bj', 'everything supervised', 'view=all'],
    ['supervisor_bj', 'title fragment', `view=all&${title}`],
    ['supervisor_bj', 'project type + year', `view=all&${typeYear}`],
    ['employer_handler', 'my unit’s plans', 'view=mine'],
    ['employer_handler', 'waiting for me (returned)', 'view=review'],
    ['employer_handler', 'title fragment', `view=mine&${title}`],
    ['employer_handler', 'project type + year', `view=mine&${typeYear}`],
  ];
  const callers = new Map<string, { call: Call; identity: Identity }>();
  for (const username of ['national_admin', 'supervisor_bj', 'employer_handler']) {
    const identity = await identityOf(stack, username);
    callers.set(username, { identity, call: caller(stack, served.url, identity) });
  }
  for (const [user, label, query] of LISTS) {
    const { call } = callers.get(user)!;
    const timing = await timed(async () => {
      const res = await call('GET', `/plans?${query}`);
      if (!res.ok) return { ok: false, total: null, error: `${res.status} ${(await res.text()).slice(0, 200)}` };
      return { ok: true, total: ((await res.json()) as { total: number }).total };
    });
    rows.push({ user, label: `GET /plans — ${label} \`?${decodeURIComponent(query)}\``, timing, target: LIST_TARGET_MS });
  }
  for (const [user, { call }] of callers) {
    const timing = await timed(async () => {
      const res = await call('GET', '/todo');
      if (!res.ok) return { ok: false, total: null, error: `${res.status} ${(await res.text()).slice(0, 200)}` };
      return { ok: true, total: ((await res.json()) as { count: number }).count };
    });
    rows.push({ user, label: 'GET /todo — the to-do count and its first items', timing, target: LIST_TARGET_MS });
  }

  // Submits: each draft once, the first few unmeasured; matches = drafts that reached the supervising unit.
  const handler = callers.get('employer_handler')!;
  const preparing = performance.now();
  const drafts = await prepareDrafts(stack, handler.call, handler.identity, WARM_UP_SUBMITS + SUBMITS);
  const preparedIn = performance.now() - preparing;
  const submits: Timing = { samples: [], matches: null, errors: 0 };
  let reached = 0;
  for (const [i, draft] of drafts.entries()) {
    const started = performance.now();
    const res = await handler.call('POST', `/plans/${draft.id}/actions`, { action: 'submit', version: draft.version });
    const elapsed = performance.now() - started;
    const body = res.ok ? ((await res.json()) as { status: string }) : null;
    if (i < WARM_UP_SUBMITS) continue;
    submits.samples.push(elapsed);
    if (body?.status === 'supervising_review') reached++;
    else {
      submits.errors++;
      submits.firstError ??= body ? `status ${body.status}` : `${res.status} ${(await res.text()).slice(0, 200)}`;
    }
  }
  submits.samples.sort((a, b) => a - b);
  submits.matches = reached;
  rows.push({
    user: 'employer_handler',
    label: 'POST /plans/:id/actions `{action: submit}` — a complete draft, two experts (validation + snapshot + transition)',
    timing: submits,
    target: SUBMIT_TARGET_MS,
  });

  const s = generated.byStatus;
  console.log(
    `\nPlans: ${generated.plans.toLocaleString('en')} plans, ${generated.planExperts.toLocaleString('en')} plan experts, ` +
      `${generated.visits.toLocaleString('en')} visits over ${generated.planUnits} units, years ${generated.years[0]}–${openYear} ` +
      `(generated in ${(generated.ms / 1000).toFixed(1)} s; employer_handler's unit owns ${generated.demoEmployerPlans.toLocaleString('en')}, ` +
      `supervisor_bj's unit supervises ${generated.demoSupervisedPlans.toLocaleString('en')}), database ${db.kind}`,
  );
  console.log(
    `States: ${Object.entries(s).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}. Module API, one request at a time: ` +
      `lists and to-do ${WARM_UP} warm-up then up to ${REQUESTS} (at most ${SECONDS}s) each; ` +
      `submits ${WARM_UP_SUBMITS} warm-up then ${SUBMITS}, each on its own draft (${drafts.length} prepared through the API in ${(preparedIn / 1000).toFixed(1)} s)`,
  );
  const bareP99 = percentile(rows[1]!.timing.samples, 99);
  console.log('| user | request | matches | n | p50 ms | p99 ms | p99 vs bare route | target (p99) |');
  console.log('|---|---|---:|---:|---:|---:|---:|---|');
  for (const { user, label, timing, target } of rows) {
    const p50 = percentile(timing.samples, 50);
    const p99 = percentile(timing.samples, 99);
    const errors = timing.errors ? ` (${timing.errors} errors: ${timing.firstError})` : '';
    const verdict = target === undefined ? '—' : `< ${target} ms ${p99 < target ? '✓' : '✗'}`;
    console.log(
      `| ${user} | ${label}${errors} | ${timing.matches ?? '—'} | ${timing.samples.length} | ${ms(p50)} | ${ms(p99)} | ` +
        `${target === undefined ? '—' : (p99 / Math.max(bareP99, 0.01)).toFixed(1)} | ${verdict} |`,
    );
  }
  const measured = rows.filter((r) => r.target !== undefined);
  const slow = measured.filter((r) => percentile(r.timing.samples, 99) >= r.target!);
  console.log(
    slow.length
      ? `${slow.length} of ${measured.length} requests miss their target at p99 (fewer than 100 samples: p99 is the slowest one).`
      : 'Every request meets its target at p99.',
  );

  served.close();
}

// Run alone: a stack of its own, the expert library and then the plans generated into it, the requests timed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stack = await startStack();
  await seedExpertLibrary(stack);
  await benchPlans(stack);
  await stack.close();
  process.exit(0);
}
