// Demo experts and their visits, invited by the demo employer units; one pair is a likely duplicate for the
// national level to settle. Identifiers go in encrypted, exactly as the API writes them.
import type { Db, SeedContext } from '@wgzj/gateway/kit';
import { flagLikelyDuplicates, insertExpertRow, unitByCreditCode } from '../api/services/experts.ts';
import { recordLibraryVisits } from '../api/services/visits.ts';
import { columnsOf, type ExpertInput } from '../api/record.ts';

const BEIJING_UNIVERSITY = '121100004000018622';
const MINISTRY_UNIVERSITY = '121000004000117532';
const SHANGHAI_INSTITUTE = '91310115MA1K000029';

type Visit = [start: string, end: string, city: string, program: string, programName: string, purpose: string];

const HIGH_END: [string, string] = ['high_end_foreign_expert', '高端外国专家引进计划'];
const YOUNG: [string, string] = ['young_foreign_talent', '外国青年人才计划'];

interface DemoExpert {
  creditCode: string;
  input: Omit<ExpertInput, 'keywords'> & { keywords: string[] };
  visits: Visit[];
}

const expert = (creditCode: string, input: DemoExpert['input'], visits: Visit[] = []): DemoExpert => ({ creditCode, input, visits });
const base = { workPermitNo: null, education: null, chineseName: null, email: null, phone: null, employerAbroad: null, position: null, biography: null };

const DEMO_EXPERTS: DemoExpert[] = [
  expert(
    BEIJING_UNIVERSITY,
    {
      ...base,
      name: 'Anna Schmidt',
      chineseName: '安娜·施密特',
      gender: 'female',
      birthDate: '1975-04-12',
      nationality: 'DE',
      passportNumber: 'C01X00T47',
      email: 'anna.schmidt@tu-example.de',
      phone: '+49 30 12345678',
      employerAbroad: 'Technische Universität Berlin',
      position: '教授',
      disciplineCode: '0812',
      keywords: ['机器学习', '知识图谱'],
      education: '1994–2003 柏林工业大学 计算机科学 博士',
      biography: '长期从事机器学习与知识图谱研究,与北京示例大学合作十余年。',
    },
    [
      ['2025-05-06', '2025-05-20', '北京', ...HIGH_END, '联合授课与学术交流'],
      ['2026-09-01', '2026-09-14', '北京', ...HIGH_END, '合作研究'],
    ],
  ),
  expert(
    BEIJING_UNIVERSITY,
    {
      ...base,
      name: 'James Wilson',
      chineseName: '詹姆斯·威尔逊',
      gender: 'male',
      birthDate: '1968-11-03',
      nationality: 'GB',
      passportNumber: '533380006',
      email: 'j.wilson@phys.example.ac.uk',
      employerAbroad: 'University of Manchester',
      position: 'Professor of Physics',
      disciplineCode: '0702',
      keywords: ['凝聚态物理'],
    },
    [['2026-03-10', '2026-03-24', '北京', ...HIGH_END, '实验室建设指导']],
  ),
  expert(BEIJING_UNIVERSITY, {
    ...base,
    name: 'Yuki Tanaka',
    chineseName: '田中由纪',
    gender: 'female',
    birthDate: '1982-07-21',
    nationality: 'JP',
    passportNumber: 'TK1234567',
    employerAbroad: 'Tohoku University',
    position: '准教授',
    disciplineCode: '0805',
    keywords: ['金属材料', '增材制造'],
  }),
  expert(
    MINISTRY_UNIVERSITY,
    {
      ...base,
      name: 'Pierre Dubois',
      chineseName: '皮埃尔·杜布瓦',
      gender: 'male',
      birthDate: '1979-01-30',
      nationality: 'FR',
      passportNumber: '18AV12345',
      phone: '+33 1 23456789',
      employerAbroad: 'École Centrale de Lyon',
      position: 'Directeur de recherche',
      disciplineCode: '0802',
      keywords: ['摩擦学'],
    },
    [['2026-06-02', '2026-06-30', '上海', ...YOUNG, '短期合作研究']],
  ),
  expert(
    SHANGHAI_INSTITUTE,
    {
      ...base,
      name: 'Maria Rossi',
      chineseName: '玛丽亚·罗西',
      gender: 'female',
      birthDate: '1985-09-09',
      nationality: 'IT',
      passportNumber: 'YA7654321',
      employerAbroad: 'Politecnico di Milano',
      position: 'Associate Professor',
      disciplineCode: '0805',
      keywords: ['复合材料'],
    },
    [['2026-04-01', '2026-04-20', '上海', ...YOUNG, '联合实验']],
  ),
  // The same person entered again by another unit with a new passport: flagged as a likely duplicate.
  expert(SHANGHAI_INSTITUTE, {
    ...base,
    name: 'James Wilson',
    gender: 'male',
    birthDate: '1968-11-03',
    nationality: 'GB',
    passportNumber: '129876543',
    employerAbroad: 'University of Manchester',
    disciplineCode: '0702',
    keywords: [],
  }),
];

export async function seedExperts(db: Db, { cipher }: SeedContext): Promise<void> {
  await db.transaction(async (tx) => {
    for (const demo of DEMO_EXPERTS) {
      const unit = await unitByCreditCode(tx, demo.creditCode);
      if (!unit) continue;
      const id = await insertExpertRow(tx, columnsOf(demo.input, cipher), { id: unit.unit_id, supervisingUnitId: unit.supervising_unit_id });
      await flagLikelyDuplicates(tx, id);
      await recordLibraryVisits(
        tx,
        id,
        { unitId: unit.unit_id, supervisingUnitId: unit.supervising_unit_id, provinceCode: unit.province_code },
        demo.visits.map(([startDate, endDate, city, program, programName, purpose]) => ({ startDate, endDate, city, program, programName, purpose })),
      );
    }
  });
}
