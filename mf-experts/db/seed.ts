// Demo experts and visits, invited by the demo employer units.
import type { Db } from '@wgzj/gateway/kit';

const DEMO_EXPERTS = [
  { creditCode: '121100004000018622', name: 'Anna Schmidt', chinese: '安娜·施密特', gender: 'female', birth: '1975-04-12', nationality: 'DE', discipline: '计算机科学与技术', visits: [['2025-05-06', '2025-05-20', '北京'], ['2026-09-01', '2026-09-14', '北京']] },
  { creditCode: '121100004000018622', name: 'James Wilson', chinese: '詹姆斯·威尔逊', gender: 'male', birth: '1968-11-03', nationality: 'GB', discipline: '物理学', visits: [['2026-03-10', '2026-03-24', '北京']] },
  { creditCode: '121100004000018622', name: 'Yuki Tanaka', chinese: '田中由纪', gender: 'female', birth: '1982-07-21', nationality: 'JP', discipline: '材料科学与工程', visits: [] },
  { creditCode: '121000004000117532', name: 'Pierre Dubois', chinese: '皮埃尔·杜布瓦', gender: 'male', birth: '1979-01-30', nationality: 'FR', discipline: '机械工程', visits: [['2026-06-02', '2026-06-30', '上海']] },
] as const;

export async function seedExperts(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const expert of DEMO_EXPERTS) {
      const { rows } = await tx.query<{ id: string; unit_id: string }>(
        `insert into experts.experts (name, chinese_name, gender, birth_date, nationality, discipline, created_by_unit_id, supervising_unit_id)
         select $1, $2, $3, $4, $5, $6, unit_id, supervising_unit_id from admin.unit_directory where credit_code = $7
         returning id, created_by_unit_id as unit_id`,
        [expert.name, expert.chinese, expert.gender, expert.birth, expert.nationality, expert.discipline, expert.creditCode],
      );
      const created = rows[0];
      if (!created) continue;
      for (const [start, end, city] of expert.visits) {
        await tx.query(
          'insert into experts.visits (expert_id, start_date, end_date, city, host_unit_id) values ($1, $2, $3, $4, $5)',
          [created.id, start, end, city, created.unit_id],
        );
      }
    }
  });
}
