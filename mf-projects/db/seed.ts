// Demo calls and plans for the demo units (looked up through the admin area's published unit directory), with
// experts of each unit from the expert library's published views. Calls are open around the day of the first
// start, so a fresh demo can always start a plan; plans past draft carry the snapshot a submission freezes.
import type { Db, Queryable } from '@wgzj/gateway/kit';
import { loadParts, type PlanRow } from '../api/services/plan-repository.ts';
import { snapshotOf } from '../api/snapshot.ts';

const BEIJING_UNIVERSITY = '121100004000018622';
const MINISTRY_UNIVERSITY = '121000004000117532';
const YUAN = 100;

/** A one-pixel PNG and a one-page PDF: the demo's uploaded table images and attachments. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

interface DemoPlan {
  creditCode: string;
  title: string;
  type: string;
  /** 0: next year's open call; -1: this year's closed one. */
  callYear: 0 | -1;
  status: 'draft' | 'supervising_review' | 'national_review' | 'approved';
  content: Record<string, unknown>;
  experts: number;
  approved?: { amount: number; document: string };
}

const TALENT_CONTENT = {
  discipline: '人工智能',
  leader: '张伟',
  objectives: '引进国际一流学者,围绕可信机器学习方法开展合作研究,联合培养博士研究生。',
  tasks: '外国专家来华开展系列讲座、指导实验室研究并共同撰写论文。',
  outcomes: '发表高水平论文 3–5 篇,联合申请国际合作项目 1 项。',
  selfFunding: 200_000 * YUAN,
};

const DEMO_PLANS: DemoPlan[] = [
  { creditCode: BEIJING_UNIVERSITY, title: '人工智能前沿方法高端外国专家引进项目', type: 'high_end_foreign_expert', callYear: 0, status: 'draft', content: { discipline: '人工智能', leader: '张伟' }, experts: 1 },
  { creditCode: BEIJING_UNIVERSITY, title: '量子材料方向外国青年人才交流项目', type: 'young_foreign_talent', callYear: 0, status: 'supervising_review', content: { ...TALENT_CONTENT, discipline: '凝聚态物理' }, experts: 1 },
  {
    creditCode: BEIJING_UNIVERSITY,
    title: '“一带一路”清洁能源创新人才交流项目',
    type: 'belt_and_road_innovation',
    callYear: -1,
    status: 'approved',
    content: { ...TALENT_CONTENT, discipline: '清洁能源' },
    experts: 1,
    approved: { amount: 24_000 * YUAN, document: '国科外专批〔2026〕18号' },
  },
  {
    creditCode: MINISTRY_UNIVERSITY,
    title: '先进制造学科创新引智基地(111计划)',
    type: 'discipline_innovation_111',
    callYear: 0,
    status: 'national_review',
    content: { baseName: '先进制造学科创新引智基地', discipline: '机械工程', leader: '王芳', goals: '建设国际一流的先进制造创新引智平台。', workPlan: '举办国际研讨会两次,接收外国专家来华合作研究。', selfFunding: 500_000 * YUAN },
    experts: 1,
  },
];

async function seedCalls(tx: Queryable): Promise<void> {
  // Next year's calls are open now; this year's closed a while ago.
  await tx.query(
    `insert into projects.calls (project_type, year, opens_on, closes_on, unit_kinds)
     select code, extract(year from current_date)::int + 1, current_date - 30, current_date + 150, '{employer,ministry_university}'::text[] from projects.project_types
     union all
     select code, extract(year from current_date)::int, make_date(extract(year from current_date)::int - 1, 11, 1), make_date(extract(year from current_date)::int, 3, 31),
            '{employer,ministry_university}'::text[] from projects.project_types
     on conflict do nothing`,
  );
}

async function insertPlan(tx: Queryable, plan: DemoPlan): Promise<string | null> {
  const { rows } = await tx.query<{ id: string; year: number; unit_id: string; unit_kind: string; supervising_unit_id: string | null }>(
    `insert into projects.plans (title, project_type, year, unit_id, supervising_unit_id, unit_kind, status, call_id, template_id, policy_id, content,
       created_by, created_by_name)
     select $1, c.project_type, c.year, u.unit_id, case when u.unit_kind = 'ministry_university' then null else u.supervising_unit_id end, u.unit_kind, 'draft', c.id,
            (select id from projects.templates where project_type = c.project_type order by version desc limit 1),
            (select id from projects.funding_policies where code = c.policy_code order by version desc limit 1),
            -- The project runs through the call's year.
            $4::jsonb || jsonb_build_object('startDate', c.year || '-01-01', 'endDate', c.year || '-12-31'),
            (select user_id from admin.account_directory a where a.unit_id = u.unit_id and a.role in ('employer_handler', 'employer_admin') order by a.username = 'employer_handler' desc, a.username limit 1),
            (select display_name from admin.account_directory a where a.unit_id = u.unit_id and a.role in ('employer_handler', 'employer_admin') order by a.username = 'employer_handler' desc, a.username limit 1)
     from admin.unit_directory u, projects.calls c
     where u.credit_code = $2 and c.project_type = $3 and c.year = extract(year from current_date)::int + $5
     returning id, year, unit_id, unit_kind, supervising_unit_id`,
    [plan.title, plan.creditCode, plan.type, JSON.stringify(plan.content), plan.callYear === 0 ? 1 : 0],
  );
  return rows[0]?.id ?? null;
}

/** The expert library's published views; absent when that module runs elsewhere and has not migrated yet. */
async function libraryReady(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query(`select 1 from information_schema.views where table_schema = 'experts' and table_name = 'expert_unit_directory'`);
  return rows.length > 0;
}

async function addExperts(tx: Queryable, planId: string, year: number, count: number): Promise<void> {
  if (!(await libraryReady(tx))) return;
  const { rows } = await tx.query<{ expert_id: string }>(
    `select d.expert_id from experts.expert_directory d join experts.expert_unit_directory u on u.expert_id = d.expert_id
     join projects.plans p on p.unit_id = u.unit_id where p.id = $1 and d.status = 'active' order by d.name limit $2`,
    [planId, count],
  );
  for (const [i, expert] of rows.entries()) {
    await tx.query('insert into projects.plan_experts (plan_id, expert_id, position) values ($1, $2, $3)', [planId, expert.expert_id, i]);
    await tx.query(
      `insert into projects.plan_visits (plan_id, id, expert_id, position, start_date, end_date, city, purpose, international_travel, living_per_day, living_days,
         pocket_per_day, pocket_days, intercity_transport)
       values ($1, gen_random_uuid(), $2, 0, make_date($3, 5, 10), make_date($3, 5, 23), '北京', '合作研究与学术讲座', $4, $5, 14, $6, 14, $7)`,
      [planId, expert.expert_id, year, 12_000 * YUAN, 600 * YUAN, 250 * YUAN, 1_500 * YUAN],
    );
  }
  await tx.query(
    `update projects.plans p set expert_count = (select count(*) from projects.plan_experts e where e.plan_id = p.id),
       visit_count = (select count(*) from projects.plan_visits v where v.plan_id = p.id),
       requested_amount = coalesce((select sum(international_travel + living_per_day * living_days + pocket_per_day * pocket_days + intercity_transport + salary + other)
                                    from projects.plan_visits v where v.plan_id = p.id), 0)
     where p.id = $1`,
    [planId],
  );
}

async function addFiles(tx: Queryable, planId: string, type: string): Promise<void> {
  const image = type.startsWith('discipline') || type.startsWith('talent_demo') || type.startsWith('international') ? 'teamTable' : 'budgetTable';
  const uploader = await tx.query<{ created_by: string }>('select created_by from projects.plans where id = $1', [planId]);
  const by = uploader.rows[0]?.created_by;
  if (!by) return;
  await tx.query(
    `insert into projects.plan_files (plan_id, slot, filename, content_type, size, content, uploaded_by) values
       ($1, $2, $3, 'image/png', $4, $5, $8), ($1, 'attachment:application', '申报书签字盖章页.pdf', 'application/pdf', $6, $7, $8)`,
    [planId, `image:${image}`, image === 'teamTable' ? '团队成员表.png' : '经费预算表.png', PNG.length, PNG, PDF.length, PDF, by],
  );
}

/** A plan past draft went through the flow: its snapshot, its history lines and its feed position. */
async function moveThroughFlow(tx: Queryable, planId: string, plan: DemoPlan): Promise<void> {
  const { rows } = await tx.query<PlanRow>(
    `select p.*, t.family from projects.plans p join projects.project_types t on t.code = p.project_type where p.id = $1`,
    [planId],
  );
  const row = rows[0]!;
  const parts = (await libraryReady(tx)) ? await loadParts(tx, planId) : { experts: [], visits: [], files: [] };
  await tx.query(`insert into projects.plan_snapshots (plan_id, seq, template_id, policy_id, content, submitted_by) values ($1, 1, $2, $3, $4, $5)`, [
    planId,
    row.template_id,
    row.policy_id,
    JSON.stringify(snapshotOf(row, parts)),
    row.created_by,
  ]);
  const steps: Array<[string, string, string]> =
    row.unit_kind === 'ministry_university' ? [['submit_direct', 'draft', 'national_review']] : [['submit', 'draft', 'supervising_review']];
  if (plan.status === 'approved') steps.push(['supervising_approve', 'supervising_review', 'national_review'], ['national_approve', 'national_review', 'approved']);
  for (const [action, from, to] of steps) {
    const actor = action.startsWith('supervising') ? 'supervisor_bj' : action.startsWith('national') ? 'national_admin' : null;
    await tx.query(
      `insert into projects.plan_events (plan_id, action, from_state, to_state, actor_user_id, actor_name, actor_unit_name, actor_role)
       select $1, $2, $3, $4, a.user_id, a.display_name, a.unit_name, a.role from admin.account_directory a
       where a.user_id = coalesce((select user_id from admin.account_directory where username = $5), $6)`,
      [planId, action, from, to, actor, row.created_by],
    );
  }
  await tx.query(
    `update projects.plans set status = $2, submitted_at = now(), submission_count = 1, feed_seq = nextval('projects.plan_feed_seq'),
       approved_amount = $3, approval_document = $4, decided_at = case when $2 = 'approved' then now() end
     where id = $1`,
    [planId, plan.status, plan.approved?.amount ?? null, plan.approved?.document ?? null],
  );
}

export async function seedProjects(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await seedCalls(tx);
    for (const plan of DEMO_PLANS) {
      const id = await insertPlan(tx, plan);
      if (!id) continue;
      const { rows } = await tx.query<{ year: number }>('select year from projects.plans where id = $1', [id]);
      await addExperts(tx, id, rows[0]!.year, plan.experts);
      if (plan.status !== 'draft') {
        await addFiles(tx, id, plan.type);
        await moveThroughFlow(tx, id, plan);
      }
    }
  });
}
