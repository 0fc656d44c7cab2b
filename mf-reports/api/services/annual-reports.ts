// The one door to annual reports (年度报告) for the routes and, later, the reporting periods and statistics.
import { CommonErrors, type Db, type Identity, listPage, scopeCondition } from '@wgzj/gateway/kit';
import type { AnnualReportsRow } from '../../db/rows.ts';

const REPORT_SCOPE = { unit: 'r.unit_id', supervisingUnit: 'r.supervising_unit_id' };

/** A report with its unit's name from the admin area's published directory (joined, so it may be missing). */
type ReportRow = Pick<AnnualReportsRow, 'id' | 'year' | 'unit_id' | 'status' | 'submitted_at'> & { unit_name: string | null };

export interface AnnualReport {
  id: string;
  year: number;
  unitId: string;
  unitName: string | null;
  status: string;
  submittedAt: string | null;
}

const toReport = (row: ReportRow): AnnualReport => ({
  id: row.id,
  year: row.year,
  unitId: row.unit_id,
  unitName: row.unit_name,
  status: row.status,
  submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
});

const REPORT_SELECT = `select r.id, r.year, r.unit_id, u.unit_name, r.status, r.submitted_at
  from reports.annual_reports r left join admin.unit_directory u on u.unit_id = r.unit_id`;

export interface ReportFilter {
  year?: number;
  limit: number;
  offset: number;
}

export function annualReportService(db: Db) {
  return {
    /** The reports in the caller's data scope, newest year first. */
    async list(actor: Identity, filter: ReportFilter): Promise<{ items: AnnualReport[]; total: number }> {
      const scope = scopeCondition(actor.scope, REPORT_SCOPE);
      const params: unknown[] = [...scope.params];
      const where = [scope.sql];
      if (filter.year) where.push(`r.year = $${params.push(filter.year)}`);
      const { rows, total } = await listPage<ReportRow>(db, {
        select: REPORT_SELECT,
        where,
        params,
        orderBy: 'x.year desc, x.unit_name, x.id',
        limit: filter.limit,
        offset: filter.offset,
      });
      return { items: rows.map(toReport), total };
    },

    /** One report, or not found when it is outside the caller's scope (never "forbidden": its existence is not told). */
    async get(actor: Identity, id: string): Promise<AnnualReport> {
      const scope = scopeCondition(actor.scope, REPORT_SCOPE, 2);
      const { rows } = await db.query<ReportRow>(`${REPORT_SELECT} where r.id = $1 and ${scope.sql}`, [id, ...scope.params]);
      if (!rows[0]) throw CommonErrors.NOT_FOUND();
      return toReport(rows[0]);
    },

    /** Submitted reports, oldest first: they wait for the national level. */
    async awaitingNationalReview(): Promise<AnnualReport[]> {
      const { rows } = await db.query<ReportRow>(`${REPORT_SELECT} where r.status = 'submitted' order by r.submitted_at`);
      return rows.map(toReport);
    },
  };
}
