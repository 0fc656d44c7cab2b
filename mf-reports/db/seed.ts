// Demo annual summaries of the demo supervising unit and ministry university.
import type { Db } from '@wgzj/gateway/kit';

const DEMO_REPORTS = [
  { creditCode: '11110000000021231Y', year: 2025, status: 'accepted', summary: '2025年度北京地区外国专家项目执行情况总结。', submitted: '2026-01-20T02:00:00Z' },
  { creditCode: '11110000000021231Y', year: 2026, status: 'draft', summary: '', submitted: null },
  { creditCode: '121000004000117532', year: 2026, status: 'submitted', summary: '2026年度学科创新引智基地运行总结。', submitted: '2026-11-10T03:30:00Z' },
];

export async function seedReports(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const report of DEMO_REPORTS) {
      await tx.query(
        `insert into reports.annual_reports (year, unit_id, supervising_unit_id, status, summary, submitted_at)
         select $1, unit_id, supervising_unit_id, $2, $3, $4 from admin.unit_directory where credit_code = $5`,
        [report.year, report.status, report.summary, report.submitted, report.creditCode],
      );
    }
  });
}
