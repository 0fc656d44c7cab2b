// Synthetic plans at scale (the benchmark, load tests): N plans with M visits spread the way a real project library
// is — many employer units with a few big ones, five years of calls with the open one still in review, the six
// project types, each plan's content, experts, visits and funding as its template and funding policy ask —
// inserted set-based (`insert … select … from generate_series`) so 100,000 plans and 300,000 visits take seconds on
// PostgreSQL and well under a minute on PGlite. Run it on a database with the demo data, after the expert library
// has experts (mf-experts/db/generate.ts): a plan lists experts of its own unit where the unit has enough.
//
// Deterministic: the same seed on the same database gives the same rows (plan and visit ids, credit codes), so a
// second run with the same seed collides on the primary keys; use another seed. Generated plans carry no files,
// snapshots, history lines or reviewer assignments: the lists and the to-do do not read them, and a submit makes
// its own. Their submitted ones are recorded as already applied by the expert library's feed reader (steady state),
// so the reader does not spend the benchmark copying them into experts.visits.
//
// It bypasses the plan service on purpose: this is a bulk load for the benchmark, not user data, and one service
// call per plan (its checks, audit record and transaction) would take hours for 100,000 plans. The demo seed
// (seed.ts) is the data people see. Rows read back are typed from db/rows.ts; the admin area's views keep theirs.
import { type Db, type Queryable } from '@wgzj/gateway/kit';
import { hashedUuidSql, supervisingUnitsOf } from '@wgzj/gateway/kit/generate';
import { PLAN_STATES, type PlanState } from '../api/plan-flow.ts';
import type { ProjectTypesRow, TemplatesRow } from './rows.ts';

export interface GeneratePlansOptions {
  plans: number;
  /** Visits over all plans (each plan has at least one while there are as many visits as plans). */
  visits: number;
  /** Varies every pseudo-random choice; default 1. */
  seed?: number;
  /** Employer units to add (spread over provinces, under their supervising units); default 300, 0 for none. */
  units?: number;
}

export interface GeneratePlansResult {
  plans: number;
  planExperts: number;
  visits: number;
  unitsCreated: number;
  /** Units that own generated plans. */
  planUnits: number;
  /** Plans of the demo employer (北京示例大学, employer_handler's unit). */
  demoEmployerPlans: number;
  /** Plans supervised by the demo supervising unit (北京市科学技术委员会, supervisor_bj's unit). */
  demoSupervisedPlans: number;
  byStatus: Record<PlanState, number>;
  /** The five plan years, oldest first; the last is the open call's. */
  years: number[];
  ms: number;
}

// ---- the demo units and how many plans they own ----------------------------------------------------------

const BEIJING_UNIVERSITY = '121100004000018622';
const BEIJING_SUPERVISOR = '11110000000021231Y';
/** Shares of all plans for the demo units; the rest goes to the other units, a few big ones first. */
const FIXED_SHARES = new Map([
  [BEIJING_UNIVERSITY, 0.035],
  ['121000004000117532', 0.01], // 示例部属大学
  ['91310115MA1K000029', 0.005], // 上海示例研究院
]);
/** The other units' shares fall off with their rank: (rank + 5) ^ -SKEW. */
const SKEW = 0.8;

/** Provinces of the added units, under their supervising units (existing ones reused, missing ones created). */
const PROVINCES: Array<{ code: string; short: string; city: string; supervisor: string; share: number }> = [
  { code: '110000', short: '北京', city: '北京', supervisor: '北京市科学技术委员会', share: 0.3 },
  { code: '310000', short: '上海', city: '上海', supervisor: '上海市科学技术委员会', share: 0.2 },
  { code: '320000', short: '江苏', city: '南京', supervisor: '江苏省科学技术厅', share: 0.12 },
  { code: '440000', short: '广东', city: '广州', supervisor: '广东省科学技术厅', share: 0.12 },
  { code: '420000', short: '湖北', city: '武汉', supervisor: '湖北省科学技术厅', share: 0.08 },
  { code: '510000', short: '四川', city: '成都', supervisor: '四川省科学技术厅', share: 0.06 },
  { code: '610000', short: '陕西', city: '西安', supervisor: '陕西省科学技术厅', share: 0.06 },
  { code: '370000', short: '山东', city: '济南', supervisor: '山东省科学技术厅', share: 0.06 },
];
const CITY_OF = new Map<string, string>([
  ...PROVINCES.map((p): [string, string] => [p.code, p.city]),
  ['330000', '杭州'], ['210000', '沈阳'], ['230000', '哈尔滨'], ['120000', '天津'],
]);
const UNIT_WORDS = ['材料', '生物', '电子', '航空', '能源', '化工', '环境', '光电', '软件', '机械'];
const UNIT_KINDS = ['大学', '研究院', '研究所', '科技股份有限公司', '医院', '技术研究中心'];
/** Every MINISTRY_EVERY-th added unit is a ministry university (部属高校): no supervising unit, straight to the national level. */
const MINISTRY_EVERY = 20;

// ---- what plans are about ----------------------------------------------------------------------------------

/** Oldest year first; the last is next year's open call, still being filled in and reviewed. */
const YEAR_SHARES = [0.15, 0.17, 0.21, 0.22, 0.25];
const TYPE_SHARES: Record<string, number> = {
  high_end_foreign_expert: 0.3,
  young_foreign_talent: 0.25,
  belt_and_road_innovation: 0.15,
  talent_demonstration_base: 0.12,
  discipline_innovation_111: 0.1,
  international_demonstration_college: 0.08,
};
/** Shares of the states (in PLAN_STATES order) for the open year, the year just closed, and older years. */
const STATUS_SHARES: Record<'open' | 'current' | 'older', Record<PlanState, number>> = {
  open: { draft: 0.3, supervising_review: 0.25, national_review: 0.15, expert_review: 0.1, returned: 0.12, approved: 0.04, rejected: 0.04 },
  current: { draft: 0.06, supervising_review: 0.04, national_review: 0.06, expert_review: 0.06, returned: 0.05, approved: 0.58, rejected: 0.15 },
  older: { draft: 0.04, supervising_review: 0, national_review: 0, expert_review: 0, returned: 0.03, approved: 0.7, rejected: 0.23 },
};

const TOPICS = [
  '人工智能', '量子信息科学', '量子材料', '集成电路', '新能源汽车', '先进制造', '生物医药', '基因编辑', '海洋工程', '航空发动机',
  '碳中和技术', '储能材料', '智慧农业', '作物育种', '精准医学', '脑科学', '机器人', '大数据', '网络安全', '新型显示',
  '高端装备', '空间科学', '深海探测', '环境治理', '水资源', '智能交通', '金融科技', '区域国别研究', '公共卫生', '中医药现代化',
  '纳米材料', '光电子', '催化化学', '凝聚态物理', '应用数学', '土木工程', '智能电网', '氢能', '文化遗产保护', '教育创新',
];
/** Title endings per project type (keys of TYPE_SHARES). */
const TITLE_ENDINGS: Record<string, string[]> = {
  high_end_foreign_expert: ['方向高端外国专家引进项目', '国际合作研究项目', '领域高端外国专家合作研究'],
  young_foreign_talent: ['方向外国青年人才交流项目', '领域外国青年人才合作研究'],
  belt_and_road_innovation: ['“一带一路”创新人才交流项目', '“一带一路”联合实验室人才交流项目'],
  talent_demonstration_base: ['国家引才引智示范基地建设项目', '引才引智示范基地年度计划'],
  discipline_innovation_111: ['学科创新引智基地', '学科创新引智基地(111计划)年度计划'],
  international_demonstration_college: ['国际化示范学院建设项目', '国际化示范学院年度计划'],
};
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '涛', '明', '超', '霞', '平', '刚', '华', '建国', '晓东', '海燕', '志强', '丽华', '文博'];
const CITIES = ['北京', '上海', '广州', '深圳', '南京', '杭州', '武汉', '成都', '西安', '苏州', '青岛', '合肥', '厦门', '大连', '长沙'];
const PURPOSES = ['合作研究', '学术交流', '联合授课', '实验室建设指导', '技术咨询', '短期讲学', '联合培养研究生', '参加学术会议'];

/** The share of draft visits still missing their end date and city (a draft being filled in). */
const UNFINISHED_DRAFT_VISITS = 0.25;
/** The share of drafts holding only the first two fields. */
const SKETCHY_DRAFTS = 0.4;

// ---- deterministic pseudo-randomness in SQL (as in mf-experts/db/generate.ts) ------------------------------

/** SQL for a uniform value in [0, 1) from a row index and a salt: PostgreSQL's 64-bit integer hash (11+). */
function rnd(seed: number, index: string, salt: number): string {
  return `((hashint8extended((${index})::bigint, ${seed * 1000 + salt}) & 2147483647)::float8 / 2147483648.0)`;
}

/** SQL for an element of a 1-based array parameter, uniform. */
function pick(seed: number, index: string, salt: number, array: string): string {
  return `(${array})[1 + floor(${rnd(seed, index, salt)} * cardinality(${array}))::int]`;
}

/** Lower bounds of buckets with these shares, for `width_bucket(u, bounds)` (1-based bucket of u in [0, 1)). */
function lowerBounds(shares: readonly number[]): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  let sum = 0;
  return shares.map((s) => {
    const bound = sum / total;
    sum += s;
    return bound;
  });
}

const planId = (seed: number, index: string) => hashedUuidSql(`'wgzj-generated-plan:${seed}:' || (${index})`);
const visitId = (seed: number, index: string) => hashedUuidSql(`'wgzj-generated-plan-visit:${seed}:' || (${index})`);

// ---- units ---------------------------------------------------------------------------------------------

/** Supervising units for the provinces (existing ones reused), then `count` employer units under them. */
async function addEmployerUnits(tx: Queryable, seed: number, count: number): Promise<number> {
  if (count <= 0) return 0;
  const { byProvince: supervisors, created } = await supervisingUnitsOf(tx, PROVINCES, 'PLNS', seed);
  // Round-robin over provinces, each up to its share, so every province's first units come early.
  const perProvince = PROVINCES.map((p) => Math.max(1, Math.round(p.share * count)));
  const units: Array<{ name: string; kind: string; credit: string; province: string; address: string; supervisor: string | null }> = [];
  for (let round = 0; units.length < count && round < count; round++) {
    PROVINCES.forEach((p, i) => {
      if (round >= perProvince[i]! || units.length >= count) return;
      const n = units.length + 1;
      const word = UNIT_WORDS[round % UNIT_WORDS.length]!;
      const suffix = round >= UNIT_WORDS.length * UNIT_KINDS.length ? `第${Math.floor(round / (UNIT_WORDS.length * UNIT_KINDS.length)) + 1}` : '';
      const ministry = n % MINISTRY_EVERY === 0;
      const kind = ministry ? '科技大学' : UNIT_KINDS[Math.floor(round / UNIT_WORDS.length) % UNIT_KINDS.length]!;
      const seed2 = String(seed % 100).padStart(2, '0');
      units.push({
        name: `${p.short}${word}${suffix}${kind}`,
        kind: ministry ? 'ministry_university' : 'employer',
        credit: ministry ? `12${p.code}PLN${seed2}${String(n).padStart(5, '0')}` : `9${p.code}PLN${seed2}${String(n).padStart(6, '0')}`,
        province: p.code,
        address: `${p.city}市创新大道${round + 1}号`,
        supervisor: ministry ? null : supervisors.get(p.code)!,
      });
    });
  }
  await tx.query(
    `insert into admin.units (name, kind, credit_code, province_code, address, supervising_unit_id, status, registration_state)
     select name, kind, credit, province, address, supervisor, 'active', 'approved'
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[]) with ordinality as t(name, kind, credit, province, address, supervisor, n)
     order by n`,
    [
      units.map((u) => u.name),
      units.map((u) => u.kind),
      units.map((u) => u.credit),
      units.map((u) => u.province),
      units.map((u) => u.address),
      units.map((u) => u.supervisor),
    ],
  );
  return units.length + created;
}

interface PlanUnit {
  unit_id: string;
  unit_kind: 'employer' | 'ministry_university';
  supervising_unit_id: string | null;
  province_code: string | null;
  credit_code: string | null;
  /** Its first handler or administrator, who starts its plans (null: a unit without accounts). */
  creator_id: string | null;
  creator_name: string | null;
}

/** Units that apply for plans: the demo units first, then the others in the order they were added. */
async function planUnits(tx: Queryable): Promise<PlanUnit[]> {
  const { rows } = await tx.query<PlanUnit>(
    `select d.unit_id, d.unit_kind, d.supervising_unit_id, d.province_code, d.credit_code, a.user_id as creator_id, a.display_name as creator_name
     from admin.unit_directory d join admin.units u on u.id = d.unit_id
     left join lateral (
       select user_id, display_name from admin.account_directory a
       where a.unit_id = d.unit_id and a.role in ('employer_handler', 'employer_admin') and a.status = 'active'
       order by a.username = 'employer_handler' desc, a.username limit 1
     ) a on true
     where d.unit_kind in ('employer', 'ministry_university') and d.status = 'active' and d.registration_state = 'approved'
     order by d.credit_code = any($1::text[]) desc, u.created_at, right(d.credit_code, 6), d.unit_id`,
    [[...FIXED_SHARES.keys()]],
  );
  return rows;
}

/** Each unit's share of the plans: fixed for the demo units, falling off with rank for the rest. */
function unitShares(units: readonly PlanUnit[]): number[] {
  const fixed = units.map((u) => (u.credit_code ? FIXED_SHARES.get(u.credit_code) : undefined));
  const fixedTotal = fixed.reduce<number>((sum, s) => sum + (s ?? 0), 0);
  let rank = 0;
  const ranked = fixed.map((s) => (s === undefined ? Math.pow(++rank + 5, -SKEW) : 0));
  const rankedTotal = ranked.reduce((a, b) => a + b, 0);
  return fixed.map((s, i) => s ?? (rankedTotal ? (ranked[i]! / rankedTotal) * (1 - fixedTotal) : 0));
}

// ---- the generator -------------------------------------------------------------------------------------

export async function generatePlans(db: Db, options: GeneratePlansOptions): Promise<GeneratePlansResult> {
  const started = performance.now();
  const seed = Math.abs(Math.trunc(options.seed ?? 1));
  const n = Math.max(0, Math.trunc(options.plans));
  const m = n === 0 ? 0 : Math.max(0, Math.trunc(options.visits));
  const { rows: clock } = await db.query<{ year: number }>('select extract(year from current_date)::int as year');
  const openYear = clock[0]!.year + 1;
  const years = YEAR_SHARES.map((_, i) => openYear - YEAR_SHARES.length + 1 + i);

  const result = await db.transaction(async (tx) => {
    // Earlier years' calls, closed; the seed made this year's and next year's (the open one).
    await tx.query(
      `insert into projects.calls (project_type, year, opens_on, closes_on, unit_kinds)
       select t.code, y, make_date(y - 1, 11, 1), make_date(y, 3, 31), '{employer,ministry_university}'::text[]
       from projects.project_types t cross join unnest($1::int[]) y
       on conflict (project_type, year) do nothing`,
      [years],
    );
    const unitsCreated = await addEmployerUnits(tx, seed, options.units ?? 300);
    const units = await planUnits(tx);
    if (!units.length) throw new Error('generatePlans: no active employer unit to own the plans');
    const { rows: types } = await tx.query<Pick<ProjectTypesRow, 'code'> & { family: 'talent' | 'platform'; template_id: TemplatesRow['id'] }>(
      `select t.code, t.family, (select id from projects.templates v where v.project_type = t.code order by v.version desc limit 1) as template_id
       from projects.project_types t where t.active order by t.position`,
    );
    const endings = types.map((t) => TITLE_ENDINGS[t.code] ?? ['项目']);

    const r = (index: string, salt: number) => rnd(seed, index, salt);
    const unitsCte = `units as (
      select * from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[])
        with ordinality as t(unit_id, kind, sup, city, creator_id, creator_name, idx))`;
    const unitParams = [
      units.map((u) => u.unit_id),
      units.map((u) => u.unit_kind),
      units.map((u) => (u.unit_kind === 'ministry_university' ? null : u.supervising_unit_id)),
      units.map((u) => (u.province_code && CITY_OF.get(u.province_code)) ?? '北京'),
      units.map((u) => u.creator_id),
      units.map((u) => u.creator_name),
    ];

    // Experts to list: each unit's own active experts (published views of the library), and pool 0 of every
    // active expert for units with too few; shuffled by the seed so neighbouring plans list different ones.
    await tx.query(
      `create temporary table generated_pool on commit drop as
       with ${unitsCte},
       members as (
         select u.idx::int as pool, d.expert_id from units u
         join experts.expert_unit_directory x on x.unit_id = u.unit_id
         join experts.expert_directory d on d.expert_id = x.expert_id and d.status = 'active'
         union all
         select 0, d.expert_id from experts.expert_directory d where d.status = 'active'
       )
       select pool, row_number() over (partition by pool order by md5(expert_id::text || '${seed}'))::int as n, expert_id from members`,
      unitParams,
    );
    await tx.exec('create index on generated_pool (pool, n); analyze generated_pool');
    const { rows: pooled } = await tx.query<{ n: number }>('select count(*)::int as n from generated_pool where pool = 0');
    const everyone = pooled[0]!.n;
    if (!everyone && m > 0) throw new Error('generatePlans: the expert library has no active expert; generate experts first');

    // Which plan each visit belongs to: the first n visits one to each plan, the rest at random; `r` is its rank
    // in the plan, from which its expert and its order among that expert's visits follow.
    await tx.query(
      `create temporary table generated_visit_keys on commit drop as
       select j, k, row_number() over (partition by k order by j)::int as r
       from (select j, case when j <= $1::int then j else 1 + floor(${r('j', 1)} * $1::int)::int end as k from generate_series(1, $2::int) j) g`,
      [n, m],
    );

    // The plans: unit, year, type and state, times that follow the state, how many experts, from which pool.
    const stateArray = `array[${PLAN_STATES.map((s) => `'${s}'`).join(', ')}]`;
    const statusOf = (param: string) => `(${stateArray})[width_bucket(${r('i', 5)}, ${param}::float8[])]`;
    await tx.query(
      `create temporary table generated_plans on commit drop as
       with ${unitsCte},
       sizes as (select pool, count(*)::int as size from generated_pool group by pool),
       counts as (select k, count(*)::int as c from generated_visit_keys group by k),
       g as (
         select i,
           width_bucket(${r('i', 2)}, $7::float8[]) as unit_idx,
           width_bucket(${r('i', 3)}, $8::float8[]) as year_idx,
           width_bucket(${r('i', 4)}, $9::float8[]) as type_idx
         from generate_series(1, $10::int) i
       ),
       s as (
         select g.*, $11::int - cardinality($8::float8[]) + g.year_idx as year, u.kind, u.sup, u.city, u.creator_id, u.creator_name,
           coalesce(c.c, 0) as c,
           case when c.c is null then 'draft'
                when g.year_idx = cardinality($8::float8[]) then ${statusOf('$12')}
                when g.year_idx = cardinality($8::float8[]) - 1 then ${statusOf('$13')}
                else ${statusOf('$14')} end as drawn
         from g join units u on u.idx = g.unit_idx left join counts c on c.k = g.i
       ),
       t as (
         select s.*,
           -- a ministry university's plan goes straight to the national level
           case when s.kind = 'ministry_university' and s.drawn = 'supervising_review' then 'national_review' else s.drawn end as status,
           case when s.c = 0 then 0 else least(s.c, 1 + floor(power(${r('i', 6)}, 1.6) * least(s.c, 5))::int, $15::int) end as e,
           case when s.year = $11::int
             then now() - interval '28 days' * ${r('i', 7)}
             else make_date(s.year - 1, 11, 1) + time '09:00' + interval '120 days' * ${r('i', 7)} end as created_at,
           case when s.year = $11::int then now() else least(now(), make_date(s.year, 10, 31) + time '17:00') end as closes_at
         from s
       ),
       timed as (
         select t.*,
           case when t.status <> 'draft' then t.created_at + (least(t.closes_at, t.created_at + interval '30 days') - t.created_at) * ${r('i', 8)} end as submitted_at
         from t
       ),
       decided as (
         select timed.*,
           case when timed.status in ('approved', 'rejected') then timed.submitted_at + (timed.closes_at - timed.submitted_at) * ${r('i', 9)} end as decided_at
         from timed
       )
       select d.*,
         case when sz.size >= d.e then d.unit_idx::int else 0 end as pool,
         coalesce(case when sz.size >= d.e then sz.size end, $15::int) as pool_size,
         floor(${r('i', 10)} * coalesce(case when sz.size >= d.e then sz.size end, $15::int))::int as pool_offset,
         coalesce(d.decided_at,
                  d.submitted_at + (d.closes_at - d.submitted_at) * ${r('i', 11)} * case when d.status = 'returned' then 1 else 0.3 end,
                  d.created_at + (least(d.closes_at, d.created_at + interval '60 days') - d.created_at) * ${r('i', 11)}) as updated_at
       from decided d left join sizes sz on sz.pool = d.unit_idx`,
      [
        ...unitParams,
        lowerBounds(unitShares(units)),
        lowerBounds(YEAR_SHARES),
        lowerBounds(types.map((t) => TYPE_SHARES[t.code] ?? 0.05)),
        n,
        openYear,
        lowerBounds(PLAN_STATES.map((s) => STATUS_SHARES.open[s])),
        lowerBounds(PLAN_STATES.map((s) => STATUS_SHARES.current[s])),
        lowerBounds(PLAN_STATES.map((s) => STATUS_SHARES.older[s])),
        everyone,
      ],
    );
    await tx.exec('create index on generated_plans (i); analyze generated_plans; analyze generated_visit_keys');

    // The visits: inside the plan year, 5–30 days, funding inside the historical policy's limits (fen):
    // travel 6,000–15,000 yuan, living 300–600 and pocket money 200–300 a day for every day (≤ 30),
    // intercity transport up to 3,000: at most 45,000 yuan a visit, the policy's total.
    await tx.query(
      `create temporary table generated_visits on commit drop as
       select v.j, v.k, p.e, ((v.r - 1) % p.e) + 1 as slot, (v.r - 1) / p.e as nth,
         make_date(p.year, 1, 1) + floor(${r('v.j', 20)} * 330)::int as start_date,
         5 + floor(${r('v.j', 21)} * 26)::int as days,
         p.status = 'draft' and ${r('v.j', 22)} < ${UNFINISHED_DRAFT_VISITS} as unfinished,
         case when ${r('v.j', 23)} < 0.7 then p.city else ${pick(seed, 'v.j', 24, '$1::text[]')} end as city,
         ${pick(seed, 'v.j', 25, '$2::text[]')} as purpose,
         (6000 + floor(${r('v.j', 26)} * 91)::int * 100)::bigint * 100 as international_travel,
         (300 + floor(${r('v.j', 27)} * 31)::int * 10)::bigint * 100 as living_per_day,
         (200 + floor(${r('v.j', 28)} * 11)::int * 10)::bigint * 100 as pocket_per_day,
         (floor(${r('v.j', 29)} * 31)::int * 100)::bigint * 100 as intercity_transport,
         p.pool, p.pool_size, p.pool_offset
       from generated_visit_keys v join generated_plans p on p.i = v.k`,
      [CITIES, PURPOSES],
    );
    await tx.exec('analyze generated_visits');

    // Plans, with the amounts, counts and state-dependent columns their experts and visits imply.
    const inserted = await tx.query<{ n: number }>(
      `with ${unitsCte},
       sums as (
         select k, sum(international_travel + (living_per_day + pocket_per_day) * days + intercity_transport)::bigint as requested
         from generated_visits group by k
       ),
       types as (select * from unnest($7::text[], $8::text[], $9::uuid[]) with ordinality as t(code, family, template_id, idx)),
       -- the policy in force for a call and a kind of unit, as POST /plans picks it: the latest version effective when the call opened
       policies as (
         select c.id as call_id, k.kind,
           (select f.id from projects.funding_policies f where f.code = c.policy_code and k.kind = any(f.unit_kinds) and f.effective_from <= c.opens_on
            order by f.version desc limit 1) as policy_id
         from projects.calls c cross join (values ('employer'), ('ministry_university')) k(kind)
       ),
       inserted as (
         insert into projects.plans (id, title, project_type, year, unit_id, supervising_unit_id, status, version, created_at, updated_at, call_id,
           template_id, policy_id, unit_kind, content, requested_amount, expert_count, visit_count, created_by, created_by_name, submitted_at,
           submission_count, approved_amount, approval_document, decided_at, feed_seq)
         select ${planId(seed, 'p.i')}, x.topic || x.ending, t.code, p.year, u.unit_id, u.sup, p.status,
           case when p.status = 'draft' then 1 + floor(${r('p.i', 40)} * 15)::int else 4 + floor(${r('p.i', 40)} * 25)::int end,
           p.created_at, p.updated_at, c.id, t.template_id, pol.policy_id, u.kind,
           case when p.status = 'draft' and ${r('p.i', 41)} < ${SKETCHY_DRAFTS}
             then jsonb_build_object('discipline', x.topic, 'leader', x.leader)
             when t.family = 'talent' then jsonb_build_object(
               'discipline', x.topic, 'leader', x.leader, 'startDate', x.starts, 'endDate', x.ends,
               'objectives', '围绕' || x.topic || '方向引进国际一流外国专家开展合作研究,解决关键科学与技术问题,提升团队的国际合作水平。',
               'tasks', '外国专家来华开展系列讲座,指导实验室研究,与团队共同撰写论文并联合培养研究生。',
               'outcomes', '发表高水平论文 ' || (2 + floor(${r('p.i', 42)} * 5)::int) || ' 篇,联合申请国际合作项目 1 项。',
               'selfFunding', x.self_funding)
             else jsonb_build_object(
               'baseName', x.topic || '创新引智基地', 'discipline', x.topic, 'leader', x.leader, 'startDate', x.starts, 'endDate', x.ends,
               'goals', '建设' || x.topic || '领域国际一流的引才引智平台,形成稳定的国际合作团队。',
               'workPlan', '举办国际研讨会 ' || (1 + floor(${r('p.i', 42)} * 3)::int) || ' 次,接收外国专家来华合作研究和讲学。',
               'team', '平台现有固定研究人员 ' || (10 + floor(${r('p.i', 43)} * 50)::int) || ' 人,其中高级职称过半。',
               'selfFunding', x.self_funding) end,
           coalesce(s.requested, 0), p.e, p.c, u.creator_id,
           coalesce(u.creator_name, ${pick(seed, 'p.i', 44, '$12::text[]')} || ${pick(seed, 'p.i', 45, '$13::text[]')}),
           p.submitted_at,
           case when p.status = 'draft' then 0 else 1 + (${r('p.i', 46)} < 0.12)::int end,
           case when p.status = 'approved' then round(coalesce(s.requested, 0) * (0.6 + 0.4 * ${r('p.i', 47)}) / 10000)::bigint * 10000 end,
           case when p.status = 'approved' then '国科外专批〔' || p.year || '〕' || (1 + floor(${r('p.i', 48)} * 400)::int) || '号' end,
           p.decided_at,
           case when p.status <> 'draft' then nextval('projects.plan_feed_seq') end
         from generated_plans p
         join units u on u.idx = p.unit_idx
         join types t on t.idx = p.type_idx
         join projects.calls c on c.project_type = t.code and c.year = p.year
         join policies pol on pol.call_id = c.id and pol.kind = u.kind
         left join sums s on s.k = p.i
         cross join lateral (
           select ${pick(seed, 'p.i', 49, '$10::text[]')} as topic,
             ($11::text[])[1 + floor(${r('p.i', 50)} * ($15::int[])[p.type_idx])::int + ($14::int[])[p.type_idx]] as ending,
             ${pick(seed, 'p.i', 51, '$12::text[]')} || ${pick(seed, 'p.i', 52, '$13::text[]')} as leader,
             to_char(make_date(p.year, 1, 1), 'YYYY-MM-DD') as starts, to_char(make_date(p.year, 12, 31), 'YYYY-MM-DD') as ends,
             (50000 + floor(${r('p.i', 53)} * 46)::int * 10000)::bigint * 100 as self_funding
         ) x
         returning 1
       )
       select count(*)::int as n from inserted`,
      [
        ...unitParams,
        types.map((t) => t.code),
        types.map((t) => t.family),
        types.map((t) => t.template_id),
        TOPICS,
        endings.flat(),
        SURNAMES,
        GIVEN_NAMES,
        endings.map((_, i) => endings.slice(0, i).reduce((sum, e) => sum + e.length, 0)),
        endings.map((e) => e.length),
      ],
    );

    // Their experts (position from 0, as the editor saves them), then the visits under each.
    const experts = await tx.query<{ n: number }>(
      `with inserted as (
         insert into projects.plan_experts (plan_id, expert_id, position)
         select ${planId(seed, 'p.i')}, x.expert_id, s.slot - 1
         from generated_plans p cross join generate_series(1, p.e) s(slot)
         join generated_pool x on x.pool = p.pool and x.n = ((p.pool_offset + s.slot - 1) % p.pool_size) + 1
         returning 1
       )
       select count(*)::int as n from inserted`,
    );
    const visits = await tx.query<{ n: number }>(
      `with inserted as (
         insert into projects.plan_visits (plan_id, id, expert_id, position, start_date, end_date, city, purpose, international_travel,
           living_per_day, living_days, pocket_per_day, pocket_days, intercity_transport, salary, other)
         select ${planId(seed, 'v.k')}, ${visitId(seed, 'v.j')}, x.expert_id, (v.slot - 1) * 100 + v.nth, v.start_date,
           case when v.unfinished then null else v.start_date + v.days - 1 end, case when v.unfinished then null else v.city end, v.purpose,
           v.international_travel, v.living_per_day, v.days, v.pocket_per_day, v.days, v.intercity_transport, 0, 0
         from generated_visits v
         join generated_pool x on x.pool = v.pool and x.n = ((v.pool_offset + v.slot - 1) % v.pool_size) + 1
         returning 1
       )
       select count(*)::int as n from inserted`,
    );

    // News for the people who started plans (the demo units' accounts): read, except the last fortnight's.
    await tx.query(
      `insert into projects.notifications (user_id, plan_id, title_zh, title_en, created_at, read_at)
       select p.created_by, p.id,
         case p.status when 'returned' then '计划已退回:' when 'approved' then '计划已批复:' else '计划不予批复:' end || p.title,
         case p.status when 'returned' then 'Plan returned: ' when 'approved' then 'Plan approved: ' else 'Plan rejected: ' end || p.title,
         p.updated_at, case when p.updated_at < now() - interval '14 days' then p.updated_at + interval '1 day' end
       from projects.plans p join generated_plans g on ${planId(seed, 'g.i')} = p.id
       where p.created_by is not null and p.status in ('returned', 'approved', 'rejected')`,
    );

    // The expert library has caught up with these plans (its feed reader runs every few seconds in the gateway):
    // without this, the reader would spend the benchmark applying 200 generated plans at a time.
    const { rows: library } = await tx.query(`select 1 from information_schema.tables where table_schema = 'experts' and table_name = 'plan_sync'`);
    if (library.length) {
      await tx.query(
        `insert into experts.plan_sync (plan_id, applied_seq, applied_at)
         select p.id, p.feed_seq, p.updated_at from projects.plans p join generated_plans g on ${planId(seed, 'g.i')} = p.id
         where p.feed_seq is not null
         on conflict (plan_id) do nothing`,
      );
    }

    const { rows: statuses } = await tx.query<{ status: PlanState; n: number }>('select status, count(*)::int as n from generated_plans group by status');
    const byStatus = Object.fromEntries(PLAN_STATES.map((s) => [s, statuses.find((x) => x.status === s)?.n ?? 0])) as Record<PlanState, number>;
    const { rows: demo } = await tx.query<{ own: number; supervised: number }>(
      `select count(*) filter (where u.credit_code = $1)::int as own, count(*) filter (where s.credit_code = $2)::int as supervised
       from generated_plans p join unnest($3::uuid[]) with ordinality as x(unit_id, idx) on x.idx = p.unit_idx
       join admin.unit_directory u on u.unit_id = x.unit_id left join admin.unit_directory s on s.unit_id = u.supervising_unit_id`,
      [BEIJING_UNIVERSITY, BEIJING_SUPERVISOR, unitParams[0]],
    );
    return {
      plans: inserted.rows[0]!.n,
      planExperts: experts.rows[0]!.n,
      visits: visits.rows[0]!.n,
      unitsCreated,
      planUnits: units.length,
      demoEmployerPlans: demo[0]!.own,
      demoSupervisedPlans: demo[0]!.supervised,
      byStatus,
    };
  });
  // Fresh statistics, as autovacuum would have gathered by the time a library this size is listed.
  await db.exec(
    'analyze admin.units; analyze projects.calls; analyze projects.plans; analyze projects.plan_experts; analyze projects.plan_visits; analyze projects.notifications',
  );
  return { ...result, years, ms: Math.round(performance.now() - started) };
}
