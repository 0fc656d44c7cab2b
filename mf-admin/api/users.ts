// 用户管理 over HTTP: the people of the units in the caller's scope, users an employer administrator adds (who wait for
// 用户审核), role changes and disabling. Each route parses, asks the user service (services/users.ts) and answers.
import { describeRoute, localeOf, type ModuleApp, type ModuleContext, parseJson, parseQuery, requestMeta, requireRole } from '@wgzj/gateway/kit';
import {
  addUser,
  listUsers,
  newUser,
  requireUserInScope,
  setUserStatus,
  STATUS_CHANGES,
  transitionUser,
  updateUser,
  USER_LABELS,
  USER_MANAGERS,
  userFilter,
  userPageById,
  userTransition,
  userUpdate,
  versionOnly,
} from './services/users.ts';

export { USER_LABELS, UserErrors } from './services/users.ts';

export function registerUserRoutes(app: ModuleApp, ctx: ModuleContext): void {
  const { db } = ctx;

  app.get('/users', describeRoute({ summary: 'List the users the caller manages', query: userFilter, roles: USER_MANAGERS }), async (c) => {
    requireRole(c.var.identity, USER_MANAGERS);
    const q = parseQuery(c, userFilter, USER_LABELS);
    return c.json(await listUsers(db, c.var.identity, q));
  });

  app.get('/users/:id', describeRoute({ summary: "A user's page: the account, what the caller may do, its history", roles: USER_MANAGERS }), async (c) =>
    c.json(await userPageById(db, c.var.identity, c.req.param('id'), localeOf(c))),
  );

  app.post('/users', describeRoute({ summary: 'Add a user to the caller’s unit; the account waits for review', body: newUser, roles: ['employer_admin'] }), async (c) => {
    const actor = c.var.identity;
    requireRole(actor, ['employer_admin']);
    const input = await parseJson(c, newUser, USER_LABELS);
    const id = await addUser(ctx, actor, input, requestMeta(c));
    return c.json(await userPageById(db, actor, id, localeOf(c)), 201);
  });

  app.patch('/users/:id', describeRoute({ summary: "Change an employer user's role or e-mail", body: userUpdate, roles: USER_MANAGERS }), async (c) => {
    const actor = c.var.identity;
    const row = await requireUserInScope(db, actor, c.req.param('id'));
    const input = await parseJson(c, userUpdate, USER_LABELS);
    await updateUser(db, actor, row, input, requestMeta(c));
    return c.json(await userPageById(db, actor, row.id, localeOf(c)));
  });

  for (const change of STATUS_CHANGES) {
    app.post(
      `/users/:id/${change.path}`,
      describeRoute({ summary: `${change.path === 'disable' ? 'Disable' : 'Enable'} an account (from its next request)`, body: versionOnly, roles: USER_MANAGERS }),
      async (c) => {
        const actor = c.var.identity;
        const row = await requireUserInScope(db, actor, c.req.param('id'));
        const input = await parseJson(c, versionOnly, USER_LABELS);
        await setUserStatus(db, actor, row, change, input.version, requestMeta(c));
        return c.json(await userPageById(db, actor, row.id, localeOf(c)));
      },
    );
  }

  app.post('/users/:id/transitions', describeRoute({ summary: 'Review a new user (approve, reject) or resubmit one', body: userTransition }), async (c) => {
    const actor = c.var.identity;
    const row = await requireUserInScope(db, actor, c.req.param('id'));
    const request = await parseJson(c, userTransition, USER_LABELS);
    await transitionUser(ctx, actor, row, request, requestMeta(c));
    return c.json(await userPageById(db, actor, row.id, localeOf(c)));
  });
}
