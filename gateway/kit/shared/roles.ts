// The one copy of who a user can be: the role codes, the kinds of unit, the groups the rules speak of, and the names
// people read for them, for the servers and the screens alike (`@wgzj/gateway/kit/shared/roles`; no imports, so a
// browser bundle takes it as it is).

export const ROLES = [
  'employer_handler', // 外国专家项目-事项办理员
  'employer_admin', // 外国专家项目-事项管理员
  'supervising_user', // 归口管理单位用户
  'national_admin', // 国家管理员
  'support', // 技术支持
  'expert_reviewer', // 评审专家
] as const;
export type Role = (typeof ROLES)[number];

/** The employer side's roles, the ones a portal grant gives: they write their unit's plans and experts. */
export const EMPLOYER_ROLES = ['employer_handler', 'employer_admin'] as const satisfies readonly Role[];
export type EmployerRole = (typeof EMPLOYER_ROLES)[number];

export const isEmployerRole = (role: string | null | undefined): role is EmployerRole =>
  (EMPLOYER_ROLES as readonly string[]).includes(role ?? '');

/** The kinds of user the gateway's admission checks are chosen by, and diagnostics filter sign-ins by. */
export const USER_KINDS = ['national', 'supervising', 'employer'] as const;
export type UserKind = (typeof USER_KINDS)[number];

/**
 * The kind of user a role is: technical support and expert reviewers have accounts only here, as the national
 * level's do.
 */
export const ROLE_SIDES = {
  employer_handler: 'employer',
  employer_admin: 'employer',
  supervising_user: 'supervising',
  national_admin: 'national',
  support: 'national',
  expert_reviewer: 'national',
} as const satisfies Record<Role, UserKind>;

export const UNIT_KINDS = ['national', 'supervising', 'employer', 'ministry_university'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The unit kinds that apply for projects and keep experts: 用人单位 and 部属高校. */
export const EMPLOYER_UNIT_KINDS = ['employer', 'ministry_university'] as const satisfies readonly UnitKind[];
export type EmployerUnitKind = (typeof EMPLOYER_UNIT_KINDS)[number];

export const isEmployerUnitKind = (kind: string | null | undefined): kind is EmployerUnitKind =>
  (EMPLOYER_UNIT_KINDS as readonly string[]).includes(kind ?? '');

type Names<K extends string> = Record<'zh-CN' | 'en-US', Record<K, string>>;

/** A role as the screens, the audit log and the gateway's pages name it. */
export const ROLE_NAMES = {
  'zh-CN': {
    employer_handler: '事项办理员',
    employer_admin: '事项管理员',
    supervising_user: '归口管理单位用户',
    national_admin: '国家管理员',
    support: '技术支持',
    expert_reviewer: '评审专家',
  },
  'en-US': {
    employer_handler: 'Project officer',
    employer_admin: 'Project administrator',
    supervising_user: 'Supervising unit user',
    national_admin: 'National administrator',
    support: 'Technical support',
    expert_reviewer: 'Expert reviewer',
  },
} as const satisfies Names<Role>;

/** The portal's grants for this system, by the names the portal's 授权操作 screen gives them. */
export const PORTAL_GRANT_NAMES = {
  handler: '外国专家项目-事项办理员',
  admin: '外国专家项目-事项管理员',
} as const;
export type PortalGrant = keyof typeof PORTAL_GRANT_NAMES;

/** The employer role each portal grant gives here. */
export const GRANT_ROLES = { handler: 'employer_handler', admin: 'employer_admin' } as const satisfies Record<PortalGrant, EmployerRole>;

/** The grant a person's portal grants amount to here: 事项管理员 over 事项办理员 when both are held; null for neither. */
export const portalGrantOf = (grants: readonly string[]): PortalGrant | null =>
  grants.includes('admin') ? 'admin' : grants.includes('handler') ? 'handler' : null;

export const UNIT_KIND_NAMES = {
  'zh-CN': {
    national: '国家',
    supervising: '归口管理单位',
    employer: '用人单位',
    ministry_university: '部属高校',
  },
  'en-US': {
    national: 'National',
    supervising: 'Supervising unit',
    employer: 'Employer unit',
    ministry_university: 'Ministry university',
  },
} as const satisfies Names<UnitKind>;
