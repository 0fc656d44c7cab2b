// 认领申请 over HTTP: ask for an expert another unit entered, list and read claims, accept, decline or withdraw.
// Each route parses, asks the claims service (services/claims.ts), and answers.
import {
  describeRoute,
  type ModuleApp,
  type ModuleContext,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
  TRANSITION_LABELS,
  transitionRequest,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { ProbeGuard } from './library-probes.ts';
import { EXPERT_LABELS } from './record.ts';
import {
  CLAIM_STATES,
  claimFlow,
  claimForDecision,
  claimListQuery,
  claimOf,
  claimRequest,
  decideClaim,
  listClaims,
  requireClaiming,
  submitClaim,
} from './services/claims.ts';
import { INVITING_ROLES } from './services/experts.ts';

const CLAIM_LABELS = { ...EXPERT_LABELS, note: { 'zh-CN': '认领说明', 'en-US': 'Note' } };

/** The request's shape is the same for every claim (the flow's actions); which actions a person may fire is per claim. */
const claimTransition = transitionRequest(claimFlow(''));
const transitionResponse = z.object({ id: z.uuid(), state: z.enum(CLAIM_STATES), version: z.number().int() });

export function registerClaimRoutes(app: ModuleApp, ctx: ModuleContext, guard: ProbeGuard): void {
  const { db } = ctx;

  /**
   * Asks for an expert. 201 with the claim; 200 with the claim already waiting; 200 `{ claim: null, expertId }` when
   * the expert is already in the caller's unit's library; 404 EXPERT_CLAIM_NO_MATCH for anything else.
   */
  app.post(
    '/claims',
    describeRoute({
      summary: "Ask to add another unit's expert to the caller's library (nationality, passport, name and birth date)",
      body: claimRequest,
      roles: INVITING_ROLES,
    }),
    async (c) => {
      const actor = c.var.identity;
      await requireClaiming(db, actor);
      const input = await parseJson(c, claimRequest, CLAIM_LABELS);
      const { claim, expertId, created } = await submitClaim(ctx, guard, actor, input, requestMeta(c));
      if (!claim) return c.json({ claim: null, expertId });
      return c.json({ claim, expertId: null }, created ? 201 : 200);
    },
  );

  app.get('/claims', describeRoute({ summary: "Claims of the caller's unit (its own or those waiting for its decision)", query: claimListQuery }), async (c) => {
    const query = parseQuery(c, claimListQuery, CLAIM_LABELS);
    return c.json(await listClaims(db, c.var.identity, query));
  });

  app.get('/claims/:id', describeRoute({ summary: 'One claim as the caller may see it' }), async (c) => {
    const id = requireObjectId(c.req.param('id'));
    return c.json(await claimOf(db, c.var.identity, id));
  });

  app.post('/claims/:id/transition', describeRoute({ summary: 'Accept, decline (with a reason) or withdraw a claim', body: claimTransition, response: transitionResponse }), async (c) => {
    const actor = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    const target = await claimForDecision(db, actor, id);
    const request = await parseJson(c, transitionRequest(target.flow), TRANSITION_LABELS);
    return c.json(await decideClaim(db, actor, target, request, requestMeta(c)));
  });
}
