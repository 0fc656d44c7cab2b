// 用户管理: the people of the units in the caller's scope, users an employer administrator adds (who wait for
// 用户审核 before their account opens), role changes, and disabling an account (refused at its next request).
import {
  allowedActions,
  auditTrail,
  CommonErrors,
  Conditions,
  defineErrors,
  field,
  type FieldLabels,
  fireTransition,
  type FlowSubject,
  type Identity,
  listPage,
  type Locale,
  localeOf,
  maskPhone,
  type ModuleContext,
  paging,
  PAGING_LABELS,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
  requireRole,
  scopeCondition,
  TRANSITION_LABELS,
  transitionRequest,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import type { AdminApp } from './app.ts';
import { t } from './messages.ts';
import { IDENTIFIER_COLUMNS, identifierValues, PERSON_FIELDS, PERSON_LABELS } from './people.ts';
import { USER_STATES, USER_TABLE, userReviewFlow, type UserAction, type UserState } from './flows.ts';

const USER_SCOPE = { unit: 'n.id', supervisingUnit: 'n.supervising_unit_id' };
/** Roles that manage users; an employer handler (事项办理员) does not. */
const MANAGERS = ['employer_admin', 'supervising_user', 'national_admin', 'support'] as const;
/** Roles an employer administrator may give (事项办理员, 事项管理员). */
const EMPLOYER_ROLES = ['employer_handler', 'employer_admin'] as const;

export const UserErrors = defineErrors({
  USER_USERNAME_TAKEN: { status: 409, 'zh-CN': '用户名已被使用,请换一个。', 'en-US': 'That username is taken; choose another.' },
  USER_MOBILE_TAKEN: {
    status: 409,
    'zh-CN': '该手机号已被其他帐号使用(该用户已经被注册)。',
    'en-US': 'Another account already uses this mobile number.',
  },
  USER_NOT_MANAGEABLE: {
    status: 403,
    'zh-CN': '您不能管理该用户:只有本单位的事项管理员或上级管理员可以操作。',
    'en-US': 'You cannot manage this user; only the unit administrator or a higher level can.',
  },
  USER_SELF: { status: 400, 'zh-CN': '不能停用或修改自己的帐号角色。', 'en-US': 'You cannot disable your own account or change your own role.' },
  USER_UNIT_NOT_APPROVED: {
    status: 400,
    'zh-CN': '本单位注册尚未审核通过,暂不能新增用户。',
    'en-US': 'Your unit is not approved yet; users cannot be added.',
  },
});

export const USER_LABELS: FieldLabels = {
  ...PERSON_LABELS,
  role: { 'zh-CN': '角色', 'en-US': 'Role' },
  name: { 'zh-CN': '姓名或用户名', 'en-US': 'Name or username' },
  unitName: { 'zh-CN': '单位名称', 'en-US': 'Unit name' },
  status: { 'zh-CN': '帐号状态', 'en-US': 'Status' },
  reviewState: { 'zh-CN': '审核状态', 'en-US': 'Review state' },
  ...TRANSITION_LABELS,
  ...PAGING_LABELS,
};

const userFilter = paging.extend({
  name: z.string().trim().max(100).optional(),
  unitName: z.string().trim().max(100).optional(),
  role: z.enum(['employer_handler', 'employer_admin', 'supervising_user', 'national_admin', 'support', 'expert_reviewer']).optional(),
  status: z.enum(['active', 'pending_review', 'disabled']).optional(),
  reviewState: z.enum(USER_STATES).optional(),
});

const newUser = z.object({ ...PERSON_FIELDS, role: z.enum(EMPLOYER_ROLES) });

const userUpdate = z.object({
  version: field.version(),
  role: z.enum(EMPLOYER_ROLES).optional(),
  email: field.email().optional(),
});

const userTransition = transitionRequest(userReviewFlow);

const versionOnly = z.object({ version: field.version() });

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  status: string;
  review_state: UserState;
  version: number;
  mobile_masked: string | null;
  id_number_masked: string | null;
  email: string | null;
  portal_subject: string | null;
  unit_id: string;
  unit_name: string;
  unit_kind: string;
  supervising_unit_id: string | null;
  created_at: Date;
  created_by_name: string | null;
}

const USER_SELECT = `select p.id, p.username, p.display_name, p.role, p.status, p.review_state, p.version, p.mobile_masked,
    p.id_number_masked, p.email, p.portal_subject, n.id as unit_id, n.name as unit_name, n.kind as unit_kind,
    n.supervising_unit_id, p.created_at, c.display_name as created_by_name
  from admin.users p join admin.units n on n.id = p.unit_id left join admin.users c on c.id = p.created_by`;

const toListItem = (row: UserRow) => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  status: row.status,
  reviewState: row.review_state,
  mobile: row.mobile_masked,
  unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind },
  createdAt: new Date(row.created_at).toISOString(),
});

const subjectOf = (row: UserRow): FlowSubject<UserState> => ({
  id: row.id,
  state: row.review_state,
  version: row.version,
  unitId: row.unit_id,
  supervisingUnitId: row.supervising_unit_id,
});

/** Who may change a user's role, contact or status: the unit's own administrator, its supervising unit, the national level. */
function manages(actor: Identity, row: UserRow): boolean {
  if (actor.role === 'national_admin') return true;
  if (actor.role === 'employer_admin') return actor.unit.id === row.unit_id;
  if (actor.role === 'supervising_user') return row.supervising_unit_id === actor.unit.id;
  return false;
}

function pageMode(actor: Identity, row: UserRow, actions: UserAction[], locale: Locale) {
  if (actions.includes('approve')) return { mode: 'review' as const, why: t(locale, 'user.review', { unit: row.unit_name }) };
  let why =
    row.review_state !== 'approved'
      ? t(locale, `user.state.${row.review_state}`)
      : t(locale, row.status === 'disabled' ? 'user.disabled' : 'user.inUse');
  if (actions.includes('resubmit')) why += t(locale, 'user.canResubmit');
  return { mode: manages(actor, row) && row.review_state === 'approved' ? ('edit' as const) : ('read' as const), why };
}

export function registerUserRoutes(app: AdminApp, ctx: ModuleContext): void {
  const { db, cipher } = ctx;

  function requireManager(actor: Identity): void {
    requireRole(actor, MANAGERS);
  }

  async function userInScope(actor: Identity, userId: string): Promise<UserRow> {
    requireManager(actor);
    requireObjectId(userId);
    const scope = scopeCondition(actor.scope, USER_SCOPE, 2);
    const { rows } = await db.query<UserRow>(`${USER_SELECT} where p.id = $1 and ${scope.sql}`, [userId, ...scope.params]);
    if (!rows[0]) throw CommonErrors.NOT_FOUND();
    return rows[0];
  }

  async function userPage(actor: Identity, row: UserRow, locale: Locale) {
    const actions = allowedActions(userReviewFlow, subjectOf(row), actor);
    const trail = await auditTrail(db, 'user', row.id);
    return {
      ...toListItem(row),
      idNumber: row.id_number_masked,
      email: row.email,
      linkedToPortal: row.portal_subject !== null,
      createdBy: row.created_by_name,
      version: row.version,
      actions,
      manageable: manages(actor, row) && row.review_state === 'approved' && actor.userId !== row.id,
      ...pageMode(actor, row, actions, locale),
      history: trail.map((r) => ({ at: r.at, action: r.action, actor: r.actor.displayName ?? r.actor.username, actorUnit: r.actor.unitName, reason: r.reason })),
    };
  }

  app.get('/users', async (c) => {
    const actor = c.var.identity;
    requireManager(actor);
    const q = parseQuery(c, userFilter, USER_LABELS);
    const filters = new Conditions(scopeCondition(actor.scope, USER_SCOPE));
    if (q.name) filters.add((n) => `(strpos(p.display_name, ${n}) > 0 or strpos(lower(p.username), lower(${n})) > 0)`, q.name);
    if (q.unitName) filters.add((n) => `strpos(n.name, ${n}) > 0`, q.unitName);
    if (q.role) filters.add((n) => `p.role = ${n}`, q.role);
    if (q.status) filters.add((n) => `p.status = ${n}`, q.status);
    if (q.reviewState) filters.add((n) => `p.review_state = ${n}`, q.reviewState);
    const { rows, total } = await listPage<UserRow>(db, {
      select: USER_SELECT,
      where: filters.where,
      params: filters.params,
      orderBy: `case x.review_state when 'pending' then 0 else 1 end, x.unit_name, x.display_name, x.id`,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json({ items: rows.map(toListItem), total });
  });

  app.get('/users/:id', async (c) => {
    const actor = c.var.identity;
    return c.json(await userPage(actor, await userInScope(actor, c.req.param('id')), localeOf(c)));
  });

  // An employer administrator adds a person of the unit; the account waits for 用户审核.
  app.post('/users', async (c) => {
    const actor = c.var.identity;
    requireRole(actor, ['employer_admin']);
    const input = await parseJson(c, newUser, USER_LABELS);
    const unit = await db.query<{ registration_state: string }>('select registration_state from admin.units where id = $1', [actor.unit.id]);
    if (unit.rows[0]?.registration_state !== 'approved') throw UserErrors.USER_UNIT_NOT_APPROVED();
    const mobileHash = cipher.lookupHash(input.mobile);
    const id = await db.transaction(async (tx) => {
      const taken = await tx.query<{ username: string }>('select username from admin.users where lower(username) = lower($1) or mobile_hash = $2', [
        input.username,
        mobileHash,
      ]);
      if (taken.rows.some((r) => r.username.toLowerCase() === input.username.toLowerCase())) throw UserErrors.USER_USERNAME_TAKEN();
      if (taken.rows[0]) throw UserErrors.USER_MOBILE_TAKEN();
      const { rows } = await tx.query<{ id: string }>(
        `insert into admin.users (username, display_name, role, unit_id, ${IDENTIFIER_COLUMNS}, email, status, review_state, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending_review', 'pending', $11) returning id`,
        [input.username, input.displayName, input.role, actor.unit.id, ...identifierValues(cipher, input), input.email, actor.userId],
      );
      const userId = rows[0]!.id;
      await writeAudit(tx, {
        actor,
        action: 'user.create',
        objectType: 'user',
        objectId: userId,
        after: { username: input.username, role: input.role, mobile: maskPhone(input.mobile), reviewState: 'pending' },
        ...requestMeta(c),
      });
      return userId;
    });
    return c.json(await userPage(actor, await userInScope(actor, id), localeOf(c)), 201);
  });

  app.patch('/users/:id', async (c) => {
    const actor = c.var.identity;
    const row = await userInScope(actor, c.req.param('id'));
    const input = await parseJson(c, userUpdate, USER_LABELS);
    if (!manages(actor, row) || !EMPLOYER_ROLES.includes(row.role as (typeof EMPLOYER_ROLES)[number])) throw UserErrors.USER_NOT_MANAGEABLE();
    if (input.role && actor.userId === row.id) throw UserErrors.USER_SELF();
    await db.transaction(async (tx) => {
      const updated = await tx.query(
        `update admin.users set role = coalesce($3, role), email = coalesce($4, email), version = version + 1, updated_at = now()
         where id = $1 and version = $2`,
        [row.id, input.version, input.role ?? null, input.email ?? null],
      );
      if (updated.rowCount !== 1) throw CommonErrors.CONFLICT();
      await writeAudit(tx, {
        actor,
        action: 'user.update',
        objectType: 'user',
        objectId: row.id,
        before: { role: row.role, email: row.email },
        after: { role: input.role ?? row.role, email: input.email ?? row.email },
        ...requestMeta(c),
      });
    });
    return c.json(await userPage(actor, await userInScope(actor, row.id), localeOf(c)));
  });

  // Disabling takes effect at the person's next request: the gateway asks the account directory every time.
  for (const [path, status, action] of [
    ['disable', 'disabled', 'user.disable'],
    ['enable', 'active', 'user.enable'],
  ] as const) {
    app.post(`/users/:id/${path}`, async (c) => {
      const actor = c.var.identity;
      const row = await userInScope(actor, c.req.param('id'));
      const input = await parseJson(c, versionOnly, USER_LABELS);
      if (!manages(actor, row) || row.review_state !== 'approved') throw UserErrors.USER_NOT_MANAGEABLE();
      if (actor.userId === row.id) throw UserErrors.USER_SELF();
      await db.transaction(async (tx) => {
        const updated = await tx.query(
          `update admin.users set status = $3, version = version + 1, updated_at = now() where id = $1 and version = $2`,
          [row.id, input.version, status],
        );
        if (updated.rowCount !== 1) throw CommonErrors.CONFLICT();
        await writeAudit(tx, { actor, action, objectType: 'user', objectId: row.id, before: { status: row.status }, after: { status }, ...requestMeta(c) });
      });
      return c.json(await userPage(actor, await userInScope(actor, row.id), localeOf(c)));
    });
  }

  app.post('/users/:id/transitions', async (c) => {
    const actor = c.var.identity;
    const row = await userInScope(actor, c.req.param('id'));
    const request = await parseJson(c, userTransition, USER_LABELS);
    await fireTransition(db, userReviewFlow, USER_TABLE, {
      id: row.id,
      action: request.action,
      actor,
      expectedVersion: request.version,
      ...(request.reason ? { reason: request.reason } : {}),
      ...requestMeta(c),
      alongside: async (tx, moved) => {
        // The account opens only when approved; pending and rejected accounts cannot sign in.
        const status = moved.state === 'approved' ? 'active' : 'pending_review';
        await tx.query('update admin.users set status = $2, updated_at = now() where id = $1', [moved.id, status]);
      },
    });
    return c.json(await userPage(actor, await userInScope(actor, row.id), localeOf(c)));
  });
}
