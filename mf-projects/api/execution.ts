// A plan's execution (执行中) over HTTP: each route parses, asks the execution service (services/execution.ts), and
// answers. The body limit of a proof upload is declared here so the gateway refuses an oversized one before the area.
import {
  declareBodyLimit,
  describeRoute,
  type FieldLabels,
  localeOf,
  type ModuleApp,
  type ModuleContext,
  parseJson,
  requestMeta,
  requireObjectId,
  uploadedFile,
  uploadTooLarge,
} from '@wgzj/gateway/kit';
import { shanghaiToday } from '@wgzj/gateway/kit/shared/dates';
import { EMPLOYER_ROLES } from '@wgzj/gateway/kit/shared/roles';
import type { Context } from 'hono';
import { z } from 'zod';
import { FUNDING_FIELD_NAMES } from '../shared/funding-names.ts';
import { FUNDING_FIELDS } from './funding.ts';
import {
  changeActualVisit,
  type ExecutionContext,
  executionPage,
  fileProof,
  LARGEST_PROOF,
  PROOF_KIND_NAMES,
  recordActualVisit,
  removeActualVisit,
  removeProof,
  requirePlanReadable,
} from './services/execution.ts';
import { actualVisitChange, actualVisitRequest } from './services/execution-inputs.ts';

const VISIT_LABELS: FieldLabels = {
  version: { 'zh-CN': '版本', 'en-US': 'Version' },
  plannedVisitId: { 'zh-CN': '计划来华', 'en-US': 'Planned visit' },
  expertId: { 'zh-CN': '专家', 'en-US': 'Expert' },
  carriedOut: { 'zh-CN': '是否执行', 'en-US': 'Carried out' },
  reason: { 'zh-CN': '原因', 'en-US': 'Reason' },
  arrivalDate: { 'zh-CN': '抵华日期', 'en-US': 'Arrival date' },
  departureDate: { 'zh-CN': '离华日期', 'en-US': 'Departure date' },
  city: { 'zh-CN': '来华城市', 'en-US': 'City' },
  workDone: { 'zh-CN': '工作内容', 'en-US': 'Work done' },
  ...Object.fromEntries(
    FUNDING_FIELDS.map((f) => [`funding.${f}`, { 'zh-CN': FUNDING_FIELD_NAMES['zh-CN'][f], 'en-US': FUNDING_FIELD_NAMES['en-US'][f] }]),
  ),
};

const proofRequest = z.object({ kind: z.enum(PROOF_KIND_NAMES), file: uploadedFile });
const PROOF_LABELS: FieldLabels = {
  kind: { 'zh-CN': '证明材料类别', 'en-US': 'Kind of proof' },
  'file.filename': { 'zh-CN': '文件名', 'en-US': 'File name' },
};

const MAX_PROOF_BODY = 15 * 1024 * 1024;

export function registerExecutionRoutes(app: ModuleApp, ctx: ModuleContext): void {
  /** Who asks, in which language, and today in Beijing by the area's clock (a test's fake one, or the real one). */
  const executionContext = (c: Context): ExecutionContext => ({
    db: ctx.db,
    actor: c.var.identity,
    locale: localeOf(c),
    today: shanghaiToday(ctx.clock?.() ?? new Date()),
    meta: requestMeta(c),
  });

  app.get('/plans/:id/execution', describeRoute({ summary: "Read an approved plan's execution: planned against actual visits, per expert, with the totals" }), async (c) =>
    c.json(await executionPage(ctx.db, c.var.identity, requireObjectId(c.req.param('id')), localeOf(c))),
  );

  app.post(
    '/plans/:id/execution/visits',
    describeRoute({ summary: 'Record an actual visit, or a planned one not carried out', body: actualVisitRequest, roles: EMPLOYER_ROLES }),
    async (c) => {
      const id = requireObjectId(c.req.param('id'));
      // Out of scope is 404 before anything about the body is said.
      await requirePlanReadable(ctx.db, c.var.identity, id);
      const body = await parseJson(c, actualVisitRequest, VISIT_LABELS);
      return c.json(await recordActualVisit(executionContext(c), id, body), 201);
    },
  );

  app.put(
    '/plans/:id/execution/visits/:visitId',
    describeRoute({ summary: 'Change an actual visit at the version the form saw', body: actualVisitChange, roles: EMPLOYER_ROLES }),
    async (c) => {
      const id = requireObjectId(c.req.param('id'));
      const visitId = requireObjectId(c.req.param('visitId'));
      await requirePlanReadable(ctx.db, c.var.identity, id);
      const body = await parseJson(c, actualVisitChange, VISIT_LABELS);
      return c.json(await changeActualVisit(executionContext(c), id, visitId, body));
    },
  );

  app.delete(
    '/plans/:id/execution/visits/:visitId',
    describeRoute({ summary: 'Remove an actual visit and its proofs', produces: 'none', roles: EMPLOYER_ROLES }),
    async (c) => {
      await removeActualVisit(executionContext(c), requireObjectId(c.req.param('id')), requireObjectId(c.req.param('visitId')));
      return c.body(null, 204);
    },
  );

  declareBodyLimit(app, {
    method: 'POST',
    path: '/plans/:id/execution/visits/:visitId/proofs',
    maxBytes: MAX_PROOF_BODY,
    refusal: uploadTooLarge([{ noun: { 'zh-CN': '单个文件', 'en-US': 'One file' }, maxBytes: LARGEST_PROOF }]),
  });
  app.post(
    '/plans/:id/execution/visits/:visitId/proofs',
    describeRoute({ summary: 'File a proof of an actual visit (passport page, entry/exit stamps, work photo, contract)', upload: true, roles: EMPLOYER_ROLES }),
    async (c) => {
      const id = requireObjectId(c.req.param('id'));
      const visitId = requireObjectId(c.req.param('visitId'));
      await requirePlanReadable(ctx.db, c.var.identity, id);
      const body = await parseJson(c, proofRequest, PROOF_LABELS);
      return c.json(await fileProof(executionContext(c), id, visitId, body), 201);
    },
  );

  app.delete(
    '/plans/:id/execution/visits/:visitId/proofs/:fileId',
    describeRoute({ summary: 'Remove a proof of an actual visit', produces: 'none', roles: EMPLOYER_ROLES }),
    async (c) => {
      const id = requireObjectId(c.req.param('id'));
      const visitId = requireObjectId(c.req.param('visitId'));
      await removeProof(executionContext(c), id, visitId, requireObjectId(c.req.param('fileId')));
      return c.body(null, 204);
    },
  );
}
