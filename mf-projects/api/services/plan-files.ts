// A plan's files (附件): the template's attachments, its tables uploaded as images, and a contract per visit with a
// salary. The one door to them for the file routes: content-checked and size-limited by the kit before anything is
// stored; only the draft's unit changes them. The statements are in plan-file-repository.ts.
import {
  AppError,
  acceptUpload,
  CommonErrors,
  type Db,
  type Identity,
  type Locale,
  type Queryable,
  type UploadedFile,
  type UploadRules,
  writeAudit,
} from '@wgzj/gateway/kit';
import { t } from '../messages.ts';
import { fieldsOf } from '../template.ts';
import { countSlotFiles, deleteFile, deleteSlotFiles, fileOfPlan, insertFile, planHasVisit, type StoredFile } from './plan-file-repository.ts';
import { findPlan, type PlanRow, templateOf } from './plan-repository.ts';
import { assertEditable, type RequestMeta } from './plans.ts';

/** The largest file any slot takes: a template attachment may allow up to 20 MB (template.ts). */
export const LARGEST_FILE = 20 * 1024 * 1024;
const IMAGE_RULES = { accept: ['jpeg', 'png'] as const, maxBytes: 5 * 1024 * 1024 };
const CONTRACT_RULES = { accept: ['pdf', 'jpeg', 'png'] as const, maxBytes: 10 * 1024 * 1024 };
/** How many files one slot keeps: an image field and a contract hold one (a new upload replaces it). */
const MANY = 5;

/** What a slot accepts, as the template says; an unknown slot is a 404 like an unknown plan. */
async function rulesFor(db: Queryable, plan: PlanRow, slot: string): Promise<{ rules: UploadRules; single: boolean }> {
  const template = templateOf(plan);
  const [kind, key] = slot.split(':');
  if (kind === 'attachment') {
    const a = template.attachments.find((x) => x.key === key);
    if (a) return { rules: { accept: a.accept, maxBytes: a.maxMb * 1024 * 1024, field: `attachments.${a.key}`, noun: a.label, maxCount: MANY }, single: false };
  }
  if (kind === 'image') {
    const f = fieldsOf(template).find((x) => x.key === key && x.type === 'image');
    if (f) return { rules: { ...IMAGE_RULES, field: `content.${f.key}`, noun: f.label }, single: true };
  }
  if (kind === 'contract' && key && (await planHasVisit(db, plan.id, key))) {
    return { rules: { ...CONTRACT_RULES, field: `visits.${key}.salary`, noun: { 'zh-CN': '聘用合同', 'en-US': 'Employment contract' } }, single: true };
  }
  throw CommonErrors.NOT_FOUND();
}

/** A file of a plan this person may read; 404 for either unknown. */
export async function planFile(db: Db, me: Identity, planId: string, fileId: string): Promise<StoredFile> {
  const plan = await findPlan(db, me, planId);
  const file = await fileOfPlan(db, plan.id, fileId);
  if (!file) throw CommonErrors.NOT_FOUND();
  return file;
}

/** 404 unless this person may read the plan: asked before the upload's body is read. */
export async function requirePlanForUpload(db: Db, me: Identity, planId: string): Promise<void> {
  await findPlan(db, me, planId);
}

/** Stores an upload in its slot (replacing the one file an image or contract slot holds), audited. */
export async function uploadPlanFile(db: Db, me: Identity, planId: string, upload: { slot: string; file: UploadedFile }, locale: Locale, meta: RequestMeta) {
  return db.transaction(async (tx) => {
    const plan = await findPlan(tx, me, planId, true);
    assertEditable(plan, me);
    const { rules, single } = await rulesFor(tx, plan, upload.slot);
    const file = acceptUpload(upload.file, rules, locale);
    if (single) await deleteSlotFiles(tx, plan.id, upload.slot);
    else if ((await countSlotFiles(tx, plan.id, upload.slot)) >= MANY) {
      const noun = (l: Locale) => rules.noun?.[l] ?? t(l, 'file.attachments');
      throw new AppError('FILE_TOO_MANY', {
        status: 400,
        'zh-CN': t('zh-CN', 'file.tooMany', { noun: noun('zh-CN'), max: MANY }),
        'en-US': t('en-US', 'file.tooMany', { noun: noun('en-US'), max: MANY }),
      });
    }
    const stored = await insertFile(tx, {
      plan_id: plan.id,
      slot: upload.slot,
      filename: file.filename,
      content_type: file.contentType,
      size: file.bytes.length,
      content: file.bytes,
      uploaded_by: me.userId,
    });
    await writeAudit(tx, { actor: me, action: 'plan.upload', objectType: 'plan', objectId: plan.id, after: { slot: upload.slot, filename: file.filename, size: file.bytes.length }, ...meta });
    return { id: stored.id, slot: upload.slot, filename: file.filename, size: file.bytes.length, contentType: file.contentType, createdAt: new Date(stored.created_at).toISOString() };
  });
}

export async function removePlanFile(db: Db, me: Identity, planId: string, fileId: string, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await findPlan(tx, me, planId, true);
    assertEditable(plan, me);
    const removed = await deleteFile(tx, plan.id, fileId);
    if (!removed) throw CommonErrors.NOT_FOUND();
    await writeAudit(tx, { actor: me, action: 'plan.remove_file', objectType: 'plan', objectId: plan.id, before: removed, ...meta });
  });
}
