// Synthetic expert library at scale (the benchmark, load tests): N experts and M visits spread the way the real
// library is — many nationalities and disciplines, visits growing towards recent years, a few big universities
// hosting a large share — inserted set-based (`insert … select … from generate_series`) so 50,000 experts and
// 200,000 visits take seconds on PostgreSQL and well under a minute on PGlite.
//
// Deterministic: the same seed on the same database gives the same rows (ids and passport hashes included), so a
// second run with the same seed on the same database collides on the unique passport index; use another seed.
// Every row is synthetic: passport numbers exist only as a masked text and a random hash, nothing is encrypted.
import { type Db, type Queryable } from '@wgzj/gateway/kit';
import { hashedUuidSql, supervisingUnitsOf } from '@wgzj/gateway/kit/generate';
import { COUNTRY_CODES } from '../shared/countries.ts';
import { isDisciplineCode } from '../shared/disciplines.ts';

export interface GenerateOptions {
  experts: number;
  visits: number;
  /** Varies every pseudo-random choice; default 1. */
  seed?: number;
  /** Employer units to add (spread over provinces, under their supervising units); default 200, 0 for none. */
  units?: number;
}

export interface GenerateResult {
  experts: number;
  visits: number;
  expertUnits: number;
  unitsCreated: number;
  hostUnits: number;
  ms: number;
}

// ---- the vocabulary ------------------------------------------------------------------------------------

type Pair = [latin: string, chinese: string];

const MALE_FIRST: Pair[] = [
  ['James', '詹姆斯'], ['John', '约翰'], ['Robert', '罗伯特'], ['Michael', '迈克尔'], ['David', '大卫'], ['William', '威廉'],
  ['Thomas', '托马斯'], ['Daniel', '丹尼尔'], ['Peter', '彼得'], ['Paul', '保罗'], ['Mark', '马克'], ['Andrew', '安德鲁'],
  ['Hans', '汉斯'], ['Klaus', '克劳斯'], ['Stefan', '斯特凡'], ['Pierre', '皮埃尔'], ['Jean', '让'], ['Luc', '吕克'],
  ['Marco', '马可'], ['Giovanni', '乔瓦尼'], ['Carlos', '卡洛斯'], ['Javier', '哈维尔'], ['Ivan', '伊万'], ['Sergei', '谢尔盖'],
  ['Dmitri', '德米特里'], ['Hiroshi', '宏'], ['Kenji', '健二'], ['Takashi', '隆'], ['Min-jun', '敏俊'], ['Ahmed', '艾哈迈德'],
  ['Raj', '拉杰'], ['Lars', '拉尔斯'], ['Erik', '埃里克'], ['Jan', '扬'], ['Olivier', '奥利维耶'], ['Matteo', '马泰奥'],
  ['Alexander', '亚历山大'], ['Martin', '马丁'], ['George', '乔治'], ['Samuel', '塞缪尔'],
];
const FEMALE_FIRST: Pair[] = [
  ['Anna', '安娜'], ['Maria', '玛丽亚'], ['Elena', '埃琳娜'], ['Sophie', '索菲'], ['Laura', '劳拉'], ['Emma', '艾玛'],
  ['Julia', '茱莉亚'], ['Sarah', '萨拉'], ['Claire', '克莱尔'], ['Isabelle', '伊莎贝尔'], ['Chiara', '基娅拉'], ['Sofia', '索菲娅'],
  ['Olga', '奥尔加'], ['Natalia', '娜塔莉亚'], ['Yuki', '由纪'], ['Akiko', '明子'], ['Ji-woo', '智宇'], ['Priya', '普丽娅'],
  ['Ingrid', '英格丽德'], ['Astrid', '阿斯特丽德'], ['Eva', '伊娃'], ['Lucia', '露西娅'], ['Camille', '卡米耶'], ['Hannah', '汉娜'],
  ['Katarzyna', '卡塔日娜'], ['Fatima', '法蒂玛'], ['Rachel', '蕾切尔'], ['Emily', '埃米莉'],
];
const LAST: Pair[] = [
  ['Smith', '史密斯'], ['Johnson', '约翰逊'], ['Williams', '威廉姆斯'], ['Brown', '布朗'], ['Jones', '琼斯'], ['Miller', '米勒'],
  ['Davis', '戴维斯'], ['Wilson', '威尔逊'], ['Anderson', '安德森'], ['Taylor', '泰勒'], ['Moore', '摩尔'], ['Martin', '马丁'],
  ['Schmidt', '施密特'], ['Müller', '穆勒'], ['Schneider', '施耐德'], ['Fischer', '菲舍尔'], ['Weber', '韦伯'], ['Becker', '贝克尔'],
  ['Wagner', '瓦格纳'], ['Dubois', '杜布瓦'], ['Laurent', '洛朗'], ['Bernard', '贝尔纳'], ['Moreau', '莫罗'], ['Rossi', '罗西'],
  ['Russo', '鲁索'], ['Bianchi', '比安基'], ['Romano', '罗马诺'], ['García', '加西亚'], ['Fernández', '费尔南德斯'], ['López', '洛佩斯'],
  ['Martínez', '马丁内斯'], ['Ivanov', '伊万诺夫'], ['Petrov', '彼得罗夫'], ['Smirnov', '斯米尔诺夫'], ['Tanaka', '田中'], ['Suzuki', '铃木'],
  ['Sato', '佐藤'], ['Kim', '金'], ['Park', '朴'], ['Nielsen', '尼尔森'], ['Jensen', '延森'], ['Andersson', '安德松'],
  ['Johansson', '约翰松'], ['Kowalski', '科瓦尔斯基'], ['Nowak', '诺瓦克'], ['Silva', '席尔瓦'], ['Santos', '桑托斯'], ['Kumar', '库马尔'],
  ['Singh', '辛格'], ['Cohen', '科恩'], ['Horvat', '霍尔瓦特'], ['van Dijk', '范戴克'], ['de Jong', '德容'], ['Jansen', '扬森'],
  ['Novák', '诺瓦克'], ['Costa', '科斯塔'], ['O’Brien', '奥布赖恩'], ['Murphy', '墨菲'], ['Lindqvist', '林德奎斯特'], ['Hoffmann', '霍夫曼'],
];
// Experts of Chinese origin with a foreign nationality: passport name in pinyin, Chinese name as written.
const CHINESE_SURNAME: Pair[] = [
  ['Wang', '王'], ['Li', '李'], ['Zhang', '张'], ['Liu', '刘'], ['Chen', '陈'], ['Yang', '杨'], ['Zhao', '赵'], ['Huang', '黄'],
  ['Zhou', '周'], ['Wu', '吴'], ['Xu', '徐'], ['Sun', '孙'], ['Hu', '胡'], ['Zhu', '朱'], ['Lin', '林'], ['He', '何'],
];
const CHINESE_GIVEN: Pair[] = [
  ['Wei', '伟'], ['Na', '娜'], ['Min', '敏'], ['Yang', '洋'], ['Jing', '静'], ['Fan', '帆'], ['Lei', '磊'], ['Li', '丽'],
  ['Tao', '涛'], ['Hao', '昊'], ['Jun', '军'], ['Qiang', '强'], ['Bin', '斌'], ['Hong', '红'], ['Feng', '峰'], ['Ping', '平'],
];

// Most frequent first: the pick is skewed towards the head of the list.
const NATIONALITIES = [
  'US', 'DE', 'GB', 'JP', 'FR', 'KR', 'RU', 'IT', 'CA', 'AU', 'NL', 'ES', 'SE', 'CH', 'IL', 'SG', 'IN', 'BE', 'DK', 'FI',
  'NO', 'AT', 'PL', 'CZ', 'PT', 'IE', 'NZ', 'BR', 'MX', 'AR', 'UA', 'BY', 'KZ', 'PK', 'TH', 'MY', 'VN', 'ID', 'PH', 'EG',
  'ZA', 'NG', 'KE', 'TR', 'IR', 'GR', 'HU', 'RO', 'RS', 'UZ', 'MN', 'LK', 'NP', 'BD', 'SA', 'AE', 'CL', 'CO', 'HR', 'SK',
].filter((c) => COUNTRY_CODES.includes(c));

// Science and engineering first, then medicine, agriculture, economics, management and the rest.
const DISCIPLINE_CODES = [
  '0812', '0702', '0703', '0805', '0802', '0701', '0710', '0809', '0810', '0811', '0817', '0814', '0830', '0807', '0808',
  '0801', '0825', '1001', '1002', '1007', '0901', '0903', '0202', '0201', '1201', '1202', '0705', '0707', '0709', '0502',
  '0401', '0301', '1301', '0101', '0603',
].filter(isDisciplineCode);

const EMPLOYERS_ABROAD = [
  'Technische Universität München', 'University of Oxford', 'University of Cambridge', 'Massachusetts Institute of Technology',
  'Stanford University', 'University of Tokyo', 'Kyoto University', 'Seoul National University', 'ETH Zürich', 'École Polytechnique',
  'Sorbonne Université', 'Politecnico di Milano', 'Universitat de Barcelona', 'Lomonosov Moscow State University', 'University of Toronto',
  'University of Melbourne', 'National University of Singapore', 'Karolinska Institutet', 'Max Planck Society', 'Fraunhofer-Gesellschaft',
  'Siemens AG', 'Robert Bosch GmbH', 'Toyota Motor Corporation', 'Samsung Electronics', 'Indian Institute of Technology Bombay',
  'Weizmann Institute of Science', 'KU Leuven', 'Delft University of Technology', 'University of Copenhagen', 'Imperial College London',
];
const POSITIONS = [
  'Professor', 'Associate Professor', 'Assistant Professor', 'Senior Researcher', 'Research Fellow', 'Chief Engineer', 'Director',
  'Senior Engineer', '教授', '研究员',
];
const PROGRAMS: Array<[code: string, name: string, share: number]> = [
  ['high_end_foreign_expert', '高端外国专家引进计划', 0.5],
  ['young_foreign_talent', '外国青年人才计划', 0.3],
  ['belt_and_road_innovation', '“一带一路”创新人才交流外国专家项目', 0.2],
];
const PURPOSES = ['合作研究', '学术交流', '联合授课', '实验室建设指导', '技术咨询', '短期讲学', '联合培养研究生', '参加学术会议'];

/** Provinces the generated employer units are in; a province without a supervising unit gets one. */
const PROVINCES: Array<{ code: string; name: string; short: string; city: string; supervisor: string; share: number }> = [
  { code: '110000', name: '北京市', short: '北京', city: '北京', supervisor: '北京市科学技术委员会', share: 0.25 },
  { code: '310000', name: '上海市', short: '上海', city: '上海', supervisor: '上海市科学技术委员会', share: 0.2 },
  { code: '320000', name: '江苏省', short: '江苏', city: '南京', supervisor: '江苏省科学技术厅', share: 0.07 },
  { code: '330000', name: '浙江省', short: '浙江', city: '杭州', supervisor: '浙江省科学技术厅', share: 0.07 },
  { code: '440000', name: '广东省', short: '广东', city: '广州', supervisor: '广东省科学技术厅', share: 0.07 },
  { code: '420000', name: '湖北省', short: '湖北', city: '武汉', supervisor: '湖北省科学技术厅', share: 0.06 },
  { code: '510000', name: '四川省', short: '四川', city: '成都', supervisor: '四川省科学技术厅', share: 0.05 },
  { code: '610000', name: '陕西省', short: '陕西', city: '西安', supervisor: '陕西省科学技术厅', share: 0.05 },
  { code: '370000', name: '山东省', short: '山东', city: '济南', supervisor: '山东省科学技术厅', share: 0.05 },
  { code: '210000', name: '辽宁省', short: '辽宁', city: '沈阳', supervisor: '辽宁省科学技术厅', share: 0.05 },
  { code: '230000', name: '黑龙江省', short: '黑龙江', city: '哈尔滨', supervisor: '黑龙江省科学技术厅', share: 0.04 },
  { code: '120000', name: '天津市', short: '天津', city: '天津', supervisor: '天津市科学技术局', share: 0.04 },
];
const UNIT_WORDS = ['科技', '理工', '工业', '交通', '师范', '医科', '农业', '财经', '信息', '海洋'];
const UNIT_KINDS = ['大学', '研究院', '学院', '研究所', '科技有限公司'];

/** The units hosting most visits: the first BIG of the host list take BIG_SHARE of all picks. */
const BIG = 10;
const BIG_SHARE = 0.45;
/** Frequent visitors: the first tenth of the experts receive a third of the visits on top of their even share. */
const FREQUENT_VISITORS = 0.1;
const FREQUENT_SHARE = 0.35;

// ---- deterministic pseudo-randomness in SQL ---------------------------------------------------------------

/** SQL for a uniform value in [0, 1) from a row index and a salt: PostgreSQL's 64-bit integer hash (11+). */
function rnd(seed: number, index: string, salt: number): string {
  return `((hashint8extended((${index})::bigint, ${seed * 1000 + salt}) & 2147483647)::float8 / 2147483648.0)`;
}

/** SQL for an element of a 1-based array parameter, uniform (power 1) or skewed towards its head (power > 1). */
function pick(seed: number, index: string, salt: number, array: string, power = 1): string {
  const u = power === 1 ? rnd(seed, index, salt) : `power(${rnd(seed, index, salt)}, ${power})`;
  return `(${array})[1 + floor(${u} * cardinality(${array}))::int]`;
}

/** SQL for the host list position of a unit picked with the skew: a few big hosts, the rest spread evenly. */
function hostIndex(seed: number, index: string, salt: number, hosts: number): string {
  const big = Math.min(BIG, hosts);
  return `(case when ${rnd(seed, index, salt)} < ${BIG_SHARE} then 1 + floor(${rnd(seed, index, salt + 1)} * ${big})::int
    else 1 + floor(${rnd(seed, index, salt + 1)} * ${hosts})::int end)`;
}

const expertId = (seed: number, index: string) => hashedUuidSql(`'wgzj-generated-expert:${seed}:' || (${index})`);

// ---- units ---------------------------------------------------------------------------------------------

interface HostUnit {
  unit_id: string;
  supervising_unit_id: string | null;
  province_code: string | null;
}

/** Supervising units for the provinces (existing ones reused), then `count` employer units under them. */
async function addEmployerUnits(tx: Queryable, seed: number, count: number): Promise<number> {
  if (count <= 0) return 0;
  const { byProvince: supervisors, created } = await supervisingUnitsOf(tx, PROVINCES, 'GENS', seed);
  // Shares of the employer units by province; round-robin over provinces first so each province's first unit
  // (a university) sits near the head of the host list.
  const perProvince = PROVINCES.map((p) => Math.max(1, Math.round(p.share * count)));
  const rows: Array<{ name: string; credit: string; province: string; address: string; supervisor: string }> = [];
  for (let round = 0; rows.length < count && round < count; round++) {
    PROVINCES.forEach((p, i) => {
      if (round >= perProvince[i]! || rows.length >= count) return;
      const word = UNIT_WORDS[round % UNIT_WORDS.length]!;
      const kind = UNIT_KINDS[Math.floor(round / UNIT_WORDS.length) % UNIT_KINDS.length]!;
      const suffix = round >= UNIT_WORDS.length * UNIT_KINDS.length ? `第${Math.floor(round / (UNIT_WORDS.length * UNIT_KINDS.length)) + 1}` : '';
      rows.push({
        name: `${p.short}${word}${suffix}${kind}`,
        credit: `9${p.code}GEN${String(seed % 100).padStart(2, '0')}${String(rows.length + 1).padStart(6, '0')}`.slice(0, 18),
        province: p.code,
        address: `${p.city}市示例路${round + 1}号`,
        supervisor: supervisors.get(p.code)!,
      });
    });
  }
  await tx.query(
    `insert into admin.units (name, kind, credit_code, province_code, address, supervising_unit_id, status, registration_state)
     select name, 'employer', credit, province, address, supervisor, 'active', 'approved'
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[]) with ordinality as t(name, credit, province, address, supervisor, n)
     order by n`,
    [rows.map((r) => r.name), rows.map((r) => r.credit), rows.map((r) => r.province), rows.map((r) => r.address), rows.map((r) => r.supervisor)],
  );
  return rows.length + created;
}

/** Units that invite experts, big hosts first: the existing employer units, then the generated ones in order. */
async function hostUnits(tx: Queryable): Promise<HostUnit[]> {
  const { rows } = await tx.query<HostUnit>(
    `select d.unit_id, d.supervising_unit_id, d.province_code from admin.unit_directory d join admin.units u on u.id = d.unit_id
     where d.unit_kind in ('employer', 'ministry_university') and d.status = 'active' and d.registration_state = 'approved'
     order by d.credit_code like '9______GEN%', u.created_at, right(d.credit_code, 6), d.unit_id`,
  );
  return rows;
}

const CITY_OF = new Map(PROVINCES.map((p) => [p.code, p.city]));

// ---- the generator -------------------------------------------------------------------------------------

export async function generateExperts(db: Db, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const seed = Math.abs(Math.trunc(options.seed ?? 1));
  const n = Math.max(0, Math.trunc(options.experts));
  const m = n === 0 ? 0 : Math.max(0, Math.trunc(options.visits));
  const result = await db.transaction(async (tx) => {
    const unitsCreated = await addEmployerUnits(tx, seed, options.units ?? 200);
    const hosts = await hostUnits(tx);
    if (!hosts.length) throw new Error('generateExperts: no active employer unit to invite the experts');
    const unitParams = [
      hosts.map((h) => h.unit_id),
      hosts.map((h) => h.supervising_unit_id),
      hosts.map((h) => h.province_code),
      hosts.map((h) => (h.province_code && CITY_OF.get(h.province_code)) ?? '北京'),
    ];
    const units = `units as (select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) with ordinality as t(unit_id, sup, province, city, idx))`;
    const r = (index: string, salt: number) => rnd(seed, index, salt);
    const p = (index: string, salt: number, param: string, power = 1) => pick(seed, index, salt, param, power);
    const creatingUnit = (index: string) => hostIndex(seed, index, 10, hosts.length);

    // The visits are planned first (a temporary table), so each expert is inserted with its visit count and last
    // visit already right. Most visits go to any expert, a share to the tenth who come often; 70 % are hosted
    // by the expert's own unit, the rest by a unit picked with the same skew.
    const programCut = (k: number) => PROGRAMS.slice(0, k + 1).reduce((sum, x) => sum + x[2], 0);
    await tx.query(
      `create temporary table generated_visits on commit drop as
       select j, k, start_date, start_date + length as end_date,
         case when same_unit < 0.7 then ${creatingUnit('k')} else ${hostIndex(seed, 'j', 26, hosts.length)} end as host_idx,
         case when prog < ${programCut(0)} then 1 when prog < ${programCut(1)} then 2 else 3 end as program_idx,
         ${p('j', 28, '$3::text[]')} as purpose
       from (
         select j, 1 + floor(${r('j', 21)} * case when ${r('j', 20)} < ${FREQUENT_SHARE} then ceil($1::int * ${FREQUENT_VISITORS}) else $1::int end)::int as k,
           ${r('j', 22)} as same_unit, ${r('j', 23)} as prog,
           -- more visits in recent years: the square root pulls the start towards 2026
           date '2015-01-01' + floor(sqrt(${r('j', 24)}) * (date '2026-12-31' - date '2015-01-01' - 60))::int as start_date,
           3 + floor(${r('j', 25)} * 58)::int as length
         from generate_series(1, $2::int) j
       ) g`,
      [n, m, PURPOSES],
    );

    // Experts, and each one's creating unit in expert_units.
    const experts = await tx.query<{ n: number }>(
      `with ${units},
       g as (
         select i, ${r('i', 1)} < 0.7 as male, ${r('i', 2)} < 0.06 as chinese_origin, ${creatingUnit('i')} as unit_idx
         from generate_series(1, $5::int) i
       ),
       named as (
         select g.*,
           case when chinese_origin then ${p('i', 3, '$12::text[]')} || ' ' || ${p('i', 4, '$14::text[]')}
                when male then ${p('i', 3, '$6::text[]')} || ' ' || ${p('i', 4, '$10::text[]')}
                else ${p('i', 3, '$8::text[]')} || ' ' || ${p('i', 4, '$10::text[]')} end as name,
           case when chinese_origin then ${p('i', 3, '$13::text[]')} || ${p('i', 4, '$15::text[]')}
                when ${r('i', 5)} >= 0.6 then null
                when male then ${p('i', 3, '$7::text[]')} || '·' || ${p('i', 4, '$11::text[]')}
                else ${p('i', 3, '$9::text[]')} || '·' || ${p('i', 4, '$11::text[]')} end as chinese_name
         from g
       ),
       -- what the visit trigger keeps (migration 006): visits begun by today count, later ones are planned apart
       stats as (
         select k, (count(*) filter (where start_date <= experts.beijing_today()))::int as visit_count,
           max(start_date) filter (where start_date <= experts.beijing_today()) as last_visit,
           (count(*) filter (where start_date > experts.beijing_today()))::int as planned_count,
           min(start_date) filter (where start_date > experts.beijing_today()) as planned_visit
         from generated_visits group by k
       ),
       inserted as (
         insert into experts.experts (id, name, chinese_name, gender, birth_date, nationality, discipline_code, created_by_unit_id,
           supervising_unit_id, passport_hash, passport_masked, employer_abroad, position, status, visit_count, last_visit,
           planned_visit_count, planned_visit, planned_visit_state, created_at, updated_at)
         select ${expertId(seed, 'i')}, x.name, x.chinese_name, case when x.male then 'male' else 'female' end,
           date '1950-01-01' + floor(${r('i', 6)} * 16800)::int,
           ${p('i', 7, '$16::text[]', 2)},
           ${p('i', 8, '$17::text[]', 2)},
           u.unit_id, u.sup,
           encode(sha256(convert_to('wgzj-generated-passport:${seed}:' || i, 'UTF8')), 'hex'),
           chr(65 + floor(${r('i', 9)} * 26)::int) || floor(${r('i', 11)} * 10)::int || '*****' || lpad(floor(${r('i', 12)} * 100)::int::text, 2, '0'),
           ${p('i', 13, '$18::text[]')},
           ${p('i', 14, '$19::text[]', 1.5)},
           'active', coalesce(s.visit_count, 0), s.last_visit,
           coalesce(s.planned_count, 0), s.planned_visit, case when s.planned_visit is not null then 'recorded' end, c.at, c.at
         from named x join units u on u.idx = x.unit_idx
         left join stats s on s.k = x.i
         cross join lateral (select timestamptz '2015-01-01 09:00+08' + ${r('i', 15)} * interval '4000 days' as at) c
         returning id, created_by_unit_id, supervising_unit_id, created_at
       ),
       linked as (
         insert into experts.expert_units (expert_id, unit_id, supervising_unit_id, since)
         select id, created_by_unit_id, supervising_unit_id, created_at from inserted
         returning 1
       )
       select count(*)::int as n from linked`,
      [
        ...unitParams,
        n,
        MALE_FIRST.map((x) => x[0]), MALE_FIRST.map((x) => x[1]),
        FEMALE_FIRST.map((x) => x[0]), FEMALE_FIRST.map((x) => x[1]),
        LAST.map((x) => x[0]), LAST.map((x) => x[1]),
        CHINESE_SURNAME.map((x) => x[0]), CHINESE_SURNAME.map((x) => x[1]),
        CHINESE_GIVEN.map((x) => x[0]), CHINESE_GIVEN.map((x) => x[1]),
        NATIONALITIES,
        DISCIPLINE_CODES,
        EMPLOYERS_ABROAD,
        POSITIONS,
      ],
    );

    // The visits themselves, with the per-row trigger off: the two columns it keeps are already right for the
    // new experts, and one set-based update afterwards puts right any that are not.
    let visits = 0;
    let hostLinks = 0;
    if (m > 0) {
      await tx.exec('alter table experts.visits disable trigger visits_stats');
      const inserted = await tx.query<{ n: number }>(
        `with ${units},
         inserted as (
           insert into experts.visits (expert_id, start_date, end_date, city, host_unit_id, host_supervising_unit_id, province_code,
             program, program_name, purpose, created_at, updated_at)
           select ${expertId(seed, 'g.k')}, g.start_date, g.end_date, u.city, u.unit_id, u.sup, u.province,
             ($5::text[])[g.program_idx], ($6::text[])[g.program_idx], g.purpose,
             g.start_date - 30 + time '10:00', g.start_date - 30 + time '10:00'
           from generated_visits g join units u on u.idx = g.host_idx
           returning 1
         )
         select count(*)::int as n from inserted`,
        [...unitParams, PROGRAMS.map((x) => x[0]), PROGRAMS.map((x) => x[1])],
      );
      visits = inserted.rows[0]!.n;
      const links = await tx.query<{ n: number }>(
        `with ${units},
         linked as (
           insert into experts.expert_units (expert_id, unit_id, supervising_unit_id, since)
           select ${expertId(seed, 'g.k')}, u.unit_id, u.sup, min(g.start_date) - 30 + time '10:00'
           from generated_visits g join units u on u.idx = g.host_idx
           group by g.k, u.unit_id, u.sup
           on conflict do nothing
           returning 1
         )
         select count(*)::int as n from linked`,
        unitParams,
      );
      hostLinks = links.rows[0]!.n;
      // Records that had visits before (the demo's) take the new ones into account by the same rule.
      await tx.query(
        `update experts.experts e set visit_count = s.n, last_visit = s.last, planned_visit_count = s.planned, planned_visit = s.next,
           planned_visit_state = case when s.next is null then null when s.next_recorded then 'recorded' else e.planned_visit_state end
         from (
           select expert_id,
             (count(*) filter (where happened))::int as n, max(start_date) filter (where happened) as last,
             (count(*) filter (where not happened and start_date >= experts.beijing_today()))::int as planned,
             min(start_date) filter (where not happened and start_date >= experts.beijing_today()) as next,
             bool_or(plan_id is null and not happened and start_date >= experts.beijing_today()) as next_recorded
           from (select expert_id, start_date, plan_id,
                   start_date <= experts.beijing_today() and (plan_id is null or plan_state = 'approved') as happened
                 from experts.visits) v
           group by expert_id
         ) s
         where s.expert_id = e.id
           and (e.visit_count, e.last_visit, e.planned_visit_count, e.planned_visit) is distinct from (s.n, s.last, s.planned, s.next)`,
      );
      await tx.exec('alter table experts.visits enable trigger visits_stats');
    }
    return { experts: n, visits, expertUnits: experts.rows[0]!.n + hostLinks, unitsCreated, hostUnits: hosts.length };
  });
  // Fresh statistics, as autovacuum would have gathered by the time a library this size is searched.
  await db.exec('analyze admin.units; analyze experts.experts; analyze experts.visits; analyze experts.expert_units');
  return { ...result, ms: Math.round(performance.now() - started) };
}
