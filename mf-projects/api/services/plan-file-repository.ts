// A plan's files' statements (projects.plan_files), each within the plan it belongs to; rows typed from db/rows.ts.
import type { Queryable } from '@wgzj/gateway/kit';
import type { PlanFilesRow } from '../../db/rows.ts';

export type StoredFile = Pick<PlanFilesRow, 'filename' | 'content_type' | 'content'>;

export async function fileOfPlan(db: Queryable, planId: string, fileId: string): Promise<StoredFile | undefined> {
  const { rows } = await db.query<StoredFile>('select filename, content_type, content from projects.plan_files where id = $1 and plan_id = $2', [fileId, planId]);
  return rows[0];
}

/** Whether the plan has this visit (a contract slot names one). */
export async function planHasVisit(db: Queryable, planId: string, visitId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from projects.plan_visits where plan_id = $1 and id::text = $2', [planId, visitId]);
  return rows.length > 0;
}

export async function deleteSlotFiles(tx: Queryable, planId: string, slot: string): Promise<void> {
  await tx.query('delete from projects.plan_files where plan_id = $1 and slot = $2', [planId, slot]);
}

export async function countSlotFiles(tx: Queryable, planId: string, slot: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('select count(*)::int as n from projects.plan_files where plan_id = $1 and slot = $2', [planId, slot]);
  return rows[0]!.n;
}

export type NewFile = Pick<PlanFilesRow, 'plan_id' | 'slot' | 'filename' | 'content_type' | 'size' | 'content' | 'uploaded_by'>;

/** Stores the file and marks the plan changed. */
export async function insertFile(tx: Queryable, file: NewFile): Promise<Pick<PlanFilesRow, 'id' | 'created_at'>> {
  const { rows } = await tx.query<Pick<PlanFilesRow, 'id' | 'created_at'>>(
    `insert into projects.plan_files (plan_id, slot, filename, content_type, size, content, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7)
     returning id, created_at`,
    [file.plan_id, file.slot, file.filename, file.content_type, file.size, file.content, file.uploaded_by],
  );
  await tx.query('update projects.plans set updated_at = now() where id = $1', [file.plan_id]);
  return rows[0]!;
}

/** The removed file's slot and name; undefined when the plan has no such file. */
export async function deleteFile(tx: Queryable, planId: string, fileId: string): Promise<Pick<PlanFilesRow, 'slot' | 'filename'> | undefined> {
  const { rows } = await tx.query<Pick<PlanFilesRow, 'slot' | 'filename'>>('delete from projects.plan_files where id = $1 and plan_id = $2 returning slot, filename', [
    fileId,
    planId,
  ]);
  return rows[0];
}
