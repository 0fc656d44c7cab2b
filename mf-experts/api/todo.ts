// 待办 of the expert library over HTTP (the to-do contract); what waits for whom is the to-do service's.
import { describeRoute, localeOf, type ModuleApp, type ModuleContext } from '@wgzj/gateway/kit';
import { z } from 'zod';
import { toDoOf } from './services/todo.ts';

const toDoList = z.object({
  count: z.number().int(),
  items: z.array(z.object({ title: z.string(), link: z.string(), createdAt: z.string() })),
});

export function registerToDoRoutes(app: ModuleApp, ctx: ModuleContext): void {
  app.get('/todo', describeRoute({ summary: 'What waits for the caller in the expert library (count and the first items)', response: toDoList }), async (c) =>
    c.json(await toDoOf(ctx.db, c.var.identity, localeOf(c))),
  );
}
