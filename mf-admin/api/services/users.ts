// The user service (用户管理): the one door to user data for the user routes, the 待办, the account lookup, the
// supervising units' accounts and the portal jump. The user page (review, edit or read, decided by the flow table in
// flows.ts), the list, a user an employer administrator adds (who waits for 用户审核), role changes and disabling.
import { EMPLOYER_ROLES, isEmployerRole, ROLES } from '@wgzj/gateway/kit/shared/roles';
import {
  allowedActions,
  auditTrail,
  CommonErrors,
  Conditions,
  type Db,
  defineErrors,
  field,
  type FieldLabels,
  fireTransition,
  type FlowSubject,
  type Identity,
  type Locale,
  maskPhone,
  type ModuleContext,
  paging,
  PAGING_LABELS,
  type Queryable,
  requireObjectId,
  requireRole,
  TRANSITION_LABELS,
  transitionRequest,
  writeAudit,
} from '@wgzj/gateway/kit';
import { z } from 'zod';
import { managesUser, mayManageUser, USER_STATES, USER_TABLE, userReviewFlow, userWaitsOn, type UserAction, type UserState } from '../flows.ts';
import { t } from '../messages.ts';
import { PERSON_FIELDS, PERSON_LABELS } from '../people.ts';
import { registrationStateOf } from './unit-repository.ts';
import type { RequestMeta } from './units.ts';
import {
  insertUser,
  listUserRows,
  setReviewedStatus,
  takenBy,
  updateRoleAndEmail,
  updateStatus,
  userInScope,
  type UserRow,
  userScopeOf,
} from './user-repository.ts';

export { accountForPortalSubject, insertUser, linkToPortal, takenUsernames, usersWaitingFor } from './user-repository.ts';

/** Roles that manage users; an employer handler (事项办理员) does not. */
export const USER_MANAGERS = ['employer_admin', 'supervising_user', 'national_admin', 'support'] as const;

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

export const userFilter = paging.extend({
  name: z.string().trim().max(100).optional(),
  unitName: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(['active', 'pending_review', 'disabled']).optional(),
  reviewState: z.enum(USER_STATES).optional(),
});
export type UserFilter = z.output<typeof userFilter>;

/** The roles an employer administrator may give are the employer roles (事项办理员, 事项管理员). */
export const newUser = z.object({ ...PERSON_FIELDS, role: z.enum(EMPLOYER_ROLES) });
export type NewUserInput = z.output<typeof newUser>;

export const userUpdate = z.object({
  version: field.version(),
  role: z.enum(EMPLOYER_ROLES).optional(),
  email: field.email().optional(),
});
export type UserUpdate = z.output<typeof userUpdate>;

export const userTransition = transitionRequest(userReviewFlow);
export type UserTransition = z.output<typeof userTransition>;

export const versionOnly = z.object({ version: field.version() });

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

export type PageMode = 'edit' | 'review' | 'read';

/** Which page this person gets: the review where the user waits for a reviewer they stand for, the editor where the
 * flow table lets them manage it, otherwise the read-only page. */
export function userPageMode(actor: Identity, subject: FlowSubject<UserState>): PageMode {
  if (userWaitsOn(actor, subject).some((party) => party !== 'unitAdministrator')) return 'review';
  return mayManageUser(actor, subject) ? 'edit' : 'read';
}

function pageMode(actor: Identity, row: UserRow, actions: UserAction[], locale: Locale) {
  const mode = userPageMode(actor, subjectOf(row));
  if (mode === 'review') return { mode, why: t(locale, 'user.review', { unit: row.unit_name }) };
  let why =
    row.review_state !== 'approved'
      ? t(locale, `user.state.${row.review_state}`)
      : t(locale, row.status === 'disabled' ? 'user.disabled' : 'user.inUse');
  if (actions.includes('resubmit')) why += t(locale, 'user.canResubmit');
  return { mode, why };
}

/** The user if the caller manages users and it is in their scope; otherwise 403 or 404. */
export async function requireUserInScope(db: Queryable, actor: Identity, userId: string): Promise<UserRow> {
  requireRole(actor, USER_MANAGERS);
  requireObjectId(userId);
  const row = await userInScope(db, actor, userId);
  if (!row) throw CommonErrors.NOT_FOUND();
  return row;
}

export async function userPage(db: Queryable, actor: Identity, row: UserRow, locale: Locale) {
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
    manageable: mayManageUser(actor, subjectOf(row)) && actor.userId !== row.id,
    ...pageMode(actor, row, actions, locale),
    history: trail.map((r) => ({ at: r.at, action: r.action, actor: r.actor.displayName ?? r.actor.username, actorUnit: r.actor.unitName, reason: r.reason })),
  };
}

export async function userPageById(db: Queryable, actor: Identity, userId: string, locale: Locale) {
  return userPage(db, actor, await requireUserInScope(db, actor, userId), locale);
}

export async function listUsers(db: Queryable, actor: Identity, q: UserFilter) {
  requireRole(actor, USER_MANAGERS);
  const filters = new Conditions(userScopeOf(actor));
  if (q.name) filters.add((n) => `(strpos(p.display_name, ${n}) > 0 or strpos(lower(p.username), lower(${n})) > 0)`, q.name);
  if (q.unitName) filters.add((n) => `strpos(n.name, ${n}) > 0`, q.unitName);
  if (q.role) filters.add((n) => `p.role = ${n}`, q.role);
  if (q.status) filters.add((n) => `p.status = ${n}`, q.status);
  if (q.reviewState) filters.add((n) => `p.review_state = ${n}`, q.reviewState);
  const { rows, total } = await listUserRows(db, filters, q);
  return { items: rows.map(toListItem), total };
}

/** An employer administrator adds a person of the unit; the account waits for 用户审核. Returns the new id. */
export async function addUser(ctx: ModuleContext, actor: Identity, input: NewUserInput, meta: RequestMeta): Promise<string> {
  const { db, cipher } = ctx;
  if ((await registrationStateOf(db, actor.unit.id)) !== 'approved') throw UserErrors.USER_UNIT_NOT_APPROVED();
  const mobileHash = cipher.lookupHash(input.mobile);
  return db.transaction(async (tx) => {
    const taken = await takenBy(tx, input.username, mobileHash);
    if (taken.some((username) => username.toLowerCase() === input.username.toLowerCase())) throw UserErrors.USER_USERNAME_TAKEN();
    if (taken[0] !== undefined) throw UserErrors.USER_MOBILE_TAKEN();
    const userId = await insertUser(tx, cipher, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      unitId: actor.unit.id,
      mobile: input.mobile,
      idNumber: input.idNumber,
      email: input.email,
      status: 'pending_review',
      reviewState: 'pending',
      createdBy: actor.userId,
    });
    await writeAudit(tx, {
      actor,
      action: 'user.create',
      objectType: 'user',
      objectId: userId,
      after: { username: input.username, role: input.role, mobile: maskPhone(input.mobile), reviewState: 'pending' },
      ...meta,
    });
    return userId;
  });
}

/** Role or e-mail of an employer user, by someone who manages it (never their own role). */
export async function updateUser(db: Db, actor: Identity, row: UserRow, input: UserUpdate, meta: RequestMeta) {
  if (!managesUser(actor, subjectOf(row)) || !isEmployerRole(row.role)) throw UserErrors.USER_NOT_MANAGEABLE();
  if (input.role && actor.userId === row.id) throw UserErrors.USER_SELF();
  await db.transaction(async (tx) => {
    if (!(await updateRoleAndEmail(tx, row.id, input.version, { role: input.role ?? null, email: input.email ?? null }))) throw CommonErrors.CONFLICT();
    await writeAudit(tx, {
      actor,
      action: 'user.update',
      objectType: 'user',
      objectId: row.id,
      before: { role: row.role, email: row.email },
      after: { role: input.role ?? row.role, email: input.email ?? row.email },
      ...meta,
    });
  });
}

/** Disabling takes effect at the person's next request: the gateway asks the account directory every time. */
export const STATUS_CHANGES = [
  { path: 'disable', status: 'disabled', action: 'user.disable' },
  { path: 'enable', status: 'active', action: 'user.enable' },
] as const;

export async function setUserStatus(
  db: Db,
  actor: Identity,
  row: UserRow,
  change: (typeof STATUS_CHANGES)[number],
  version: number,
  meta: RequestMeta,
) {
  if (!mayManageUser(actor, subjectOf(row))) throw UserErrors.USER_NOT_MANAGEABLE();
  if (actor.userId === row.id) throw UserErrors.USER_SELF();
  await db.transaction(async (tx) => {
    if (!(await updateStatus(tx, row.id, version, change.status))) throw CommonErrors.CONFLICT();
    await writeAudit(tx, {
      actor,
      action: change.action,
      objectType: 'user',
      objectId: row.id,
      before: { status: row.status },
      after: { status: change.status },
      ...meta,
    });
  });
}

export async function transitionUser(ctx: ModuleContext, actor: Identity, row: UserRow, request: UserTransition, meta: RequestMeta) {
  await fireTransition(ctx.db, userReviewFlow, USER_TABLE, {
    id: row.id,
    action: request.action,
    actor,
    expectedVersion: request.version,
    ...(request.reason ? { reason: request.reason } : {}),
    ...meta,
    // The account opens only when approved; pending and rejected accounts cannot sign in.
    alongside: (tx, moved) => setReviewedStatus(tx, moved.id, moved.state === 'approved' ? 'active' : 'pending_review'),
  });
}
