// Demo plans for the demo units (looked up through the admin area's published unit directory).
import type { Db } from '@wgzj/gateway/kit';

const DEMO_PLANS = [
  { creditCode: '121100004000018622', title: '人工智能前沿方法高端外国专家引进项目', type: 'high_end_foreign_expert', year: 2027, status: 'draft' },
  { creditCode: '121100004000018622', title: '量子材料方向外国青年人才交流项目', type: 'young_foreign_talent', year: 2027, status: 'supervising_review' },
  { creditCode: '121100004000018622', title: '“一带一路”清洁能源创新人才交流项目', type: 'belt_and_road_innovation', year: 2026, status: 'approved' },
  { creditCode: '121000004000117532', title: '先进制造学科创新引智基地(111计划)', type: 'discipline_innovation_111', year: 2027, status: 'national_review' },
];

export async function seedProjects(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const plan of DEMO_PLANS) {
      await tx.query(
        `insert into projects.plans (title, project_type, year, unit_id, supervising_unit_id, status)
         select $1, $2, $3, unit_id, supervising_unit_id, $4 from admin.unit_directory where credit_code = $5`,
        [plan.title, plan.type, plan.year, plan.status, plan.creditCode],
      );
    }
  });
}
