// 更正申请 over HTTP: an inviting unit asks for a change to a record an approved plan froze; the national level
// lists, approves or rejects. Each route parses, asks the corrections service (services/corrections.ts), and answers.
import {
  describeRoute,
  localeOf,
  type ModuleApp,
  type ModuleContext,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
  requireRole,
  TRANSITION_LABELS,
  transitionRequest,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { EXPERT_LABELS } from './record.ts';
import { CORRECTION_STATES, correctionFlow, correctionListQuery, correctionRequest, decideCorrection, listCorrections, requestCorrection } from './services/corrections.ts';
import { INVITING_ROLES } from './services/experts.ts';
import { requireUnitStanding } from './unit-standing.ts';

const correctionTransition = transitionRequest(correctionFlow);
const transitionResponse = z.object({ id: z.uuid(), state: z.enum(CORRECTION_STATES), version: z.number().int() });

export function registerCorrectionRoutes(app: ModuleApp, ctx: ModuleContext): void {
  const { db } = ctx;

  app.post(
    '/experts/:id/corrections',
    describeRoute({ summary: 'Ask for a correction of a record an approved plan uses', body: correctionRequest, roles: INVITING_ROLES }),
    async (c) => {
      const actor = c.var.identity;
      requireRole(actor, INVITING_ROLES);
      const id = requireObjectId(c.req.param('id'));
      await requireUnitStanding(db, actor);
      const request = await parseJson(c, correctionRequest, EXPERT_LABELS);
      return c.json({ id: await requestCorrection(ctx, actor, id, request, requestMeta(c)) }, 201);
    },
  );

  app.get('/corrections', describeRoute({ summary: 'Correction requests in the caller’s scope, each beside the record as it is now', query: correctionListQuery }), async (c) => {
    const query = parseQuery(c, correctionListQuery, EXPERT_LABELS);
    return c.json(await listCorrections(db, c.var.identity, query, localeOf(c)));
  });

  app.post(
    '/corrections/:id/transition',
    describeRoute({ summary: 'Approve (the change is applied) or reject (with a reason) a correction request', body: correctionTransition, response: transitionResponse, roles: ['national_admin'] }),
    async (c) => {
      const id = requireObjectId(c.req.param('id'));
      const locale = localeOf(c);
      const request = await parseJson(c, correctionTransition, TRANSITION_LABELS);
      return c.json(await decideCorrection(db, ctx.cipher, c.var.identity, id, request, { locale, ...requestMeta(c) }));
    },
  );
}
