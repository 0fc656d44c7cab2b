// 待办 of the admin area over HTTP: the to-do service (services/todo.ts) says what waits for this person.
import { describeRoute, localeOf, type ModuleApp, type ModuleContext } from '@wgzj/gateway/kit';
import { adminToDo } from './services/todo.ts';

export function registerToDoRoutes(app: ModuleApp, ctx: ModuleContext): void {
  app.get('/todo', describeRoute({ summary: 'What waits for the caller in the admin area (count and the first items)' }), async (c) =>
    c.json(await adminToDo(ctx.db, c.var.identity, localeOf(c))),
  );
}
