// What the audit log's codes mean to a reader, in both languages: every action any area records (`<flow or
// object>.<verb>`, collected from every `writeAudit` and every flow's transitions), the kinds of object, the fields of
// a before/after summary and the states they name. The one catalogue the audit screen and its export read; an action
// missing here is still shown, under a generic label with its code for support.
import type { Locale } from '@wgzj/gateway/kit';
import { ROLE_NAMES as SHARED_ROLE_NAMES, ROLES, UNIT_KIND_NAMES, UNIT_KINDS } from '@wgzj/gateway/kit/shared/roles';

export type Text = Record<Locale, string>;
const x = (zh: string, en: string): Text => ({ 'zh-CN': zh, 'en-US': en });

/** Each action group (the part before the dot) and its actions. Flow actions are the flows' transition names. */
export const AUDIT_ACTIONS: Record<string, { group: Text; actions: Record<string, Text> }> = {
  notice: {
    group: x('通知公告', 'Notices'),
    actions: { publish: x('发布通知', 'Published a notice'), withdraw: x('撤回通知', 'Withdrew a notice') },
  },
  audit: { group: x('审计日志', 'Audit log'), actions: { export: x('导出审计日志', 'Exported the audit log') } },
  unit: { group: x('单位信息', 'Unit information'), actions: { update: x('修改单位信息', 'Updated unit information') } },
  unit_registration: {
    group: x('用人单位注册审核', 'Unit registration review'),
    actions: {
      submit: x('提交单位注册信息', 'Submitted the unit registration'),
      submit_to_national: x('提交单位注册信息(报国家审核)', 'Submitted the unit registration to the national level'),
      withdraw: x('撤回单位注册信息', 'Withdrew the unit registration'),
      withdraw_from_national: x('撤回单位注册信息(国家审核中)', 'Withdrew the unit registration from national review'),
      supervising_approve: x('归口管理单位审核通过', 'Approved by the supervising unit'),
      supervising_return: x('归口管理单位退回', 'Returned by the supervising unit'),
      recall: x('归口管理单位撤回审核意见', 'Supervising unit recalled its approval'),
      national_approve: x('国家审核通过单位注册', 'Registration approved by the national level'),
      national_return: x('国家退回单位注册', 'Registration returned by the national level'),
    },
  },
  user: {
    group: x('用户管理', 'Users'),
    actions: {
      create: x('新增用户', 'Added a user'),
      update: x('修改用户', 'Updated a user'),
      disable: x('停用用户', 'Disabled a user'),
      enable: x('启用用户', 'Enabled a user'),
    },
  },
  user_review: {
    group: x('用户审核', 'User review'),
    actions: {
      approve: x('用户审核通过', 'User approved'),
      reject: x('用户审核不通过', 'User rejected'),
      resubmit: x('重新提交用户审核', 'User resubmitted for review'),
    },
  },
  account: {
    group: x('帐号', 'Accounts'),
    actions: { reveal_mobile: x('查看完整手机号', 'Revealed a mobile number'), password_reset: x('重置密码', 'Reset a password') },
  },
  supervising_unit: {
    group: x('归口管理单位', 'Supervising units'),
    actions: {
      create: x('新增归口管理单位', 'Added a supervising unit'),
      add_account: x('新增归口管理单位帐号', 'Added a supervising-unit account'),
      sync_retry: x('重新同步到政务服务平台', 'Retried the portal sync'),
    },
  },
  plan: {
    group: x('项目计划', 'Plans'),
    actions: {
      create: x('新报计划', 'Started a plan'),
      delete: x('删除计划草稿', 'Deleted a draft plan'),
      upload: x('上传计划附件', 'Uploaded a plan file'),
      remove_file: x('删除计划附件', 'Removed a plan file'),
      export: x('导出计划列表', 'Exported the plan list'),
      review_score: x('专家评审打分', 'Scored a plan'),
      submit: x('提交计划', 'Submitted a plan'),
      submit_direct: x('提交计划(报国家审核)', 'Submitted a plan to the national level'),
      withdraw: x('撤回计划', 'Withdrew a plan'),
      withdraw_direct: x('撤回计划(国家审核中)', 'Withdrew a plan from national review'),
      supervising_approve: x('归口管理单位审核通过计划', 'Plan approved by the supervising unit'),
      supervising_return: x('归口管理单位退回计划', 'Plan returned by the supervising unit'),
      supervising_reject: x('归口管理单位审核不通过计划', 'Plan rejected by the supervising unit'),
      assign_reviewers: x('分配评审专家', 'Assigned reviewers'),
      national_return: x('国家退回计划', 'Plan returned by the national level'),
      national_reject: x('计划不予批复', 'Plan rejected by the national level'),
      national_approve: x('批复计划', 'Plan approved by the national level'),
    },
  },
  project_type: {
    group: x('项目类别', 'Project types'),
    actions: { create: x('新增项目类别', 'Added a project type'), update: x('修改项目类别', 'Updated a project type') },
  },
  call: {
    group: x('申报批次', 'Calls'),
    actions: { create: x('新增申报批次', 'Opened a call'), update: x('修改申报批次', 'Updated a call') },
  },
  template: { group: x('申报模板', 'Templates'), actions: { publish: x('发布申报模板新版本', 'Published a template version') } },
  expert: {
    group: x('专家库', 'Expert library'),
    actions: {
      create: x('新增专家', 'Added an expert'),
      import: x('导入专家', 'Imported an expert'),
      update: x('修改专家信息', 'Updated an expert'),
      correct: x('按更正申请修改专家信息', 'Corrected an expert (approved request)'),
      claim: x('认领专家', 'Claimed an expert'),
      merge: x('合并重复专家', 'Merged duplicate experts'),
      unmerge: x('撤销专家合并', 'Undid an expert merge'),
      mark_distinct: x('标记为不同专家', 'Marked experts as different people'),
      export: x('导出专家库', 'Exported the expert library'),
      reveal_passport: x('查看完整护照号码', 'Revealed a passport number'),
      reveal_phone: x('查看完整联系电话', 'Revealed a phone number'),
      upload_cv: x('上传专家简历', 'Uploaded an expert’s CV'),
      upload_photo: x('上传专家照片', 'Uploaded an expert’s photo'),
      delete_cv: x('删除专家简历', 'Deleted an expert’s CV'),
      delete_photo: x('删除专家照片', 'Deleted an expert’s photo'),
      // Someone typed a passport number the library already holds (a create, an edit, an import).
      passport_taken: x('填写了库中已有的护照号码', 'Entered a passport number already on record'),
      probe_limited: x('护照号码查询次数超限', 'Passport lookups over the limit'),
    },
  },
  expert_correction: {
    group: x('专家信息更正', 'Expert corrections'),
    actions: {
      request: x('提交专家信息更正申请', 'Requested a correction'),
      approve: x('更正申请审核通过', 'Correction approved'),
      reject: x('更正申请审核不通过', 'Correction rejected'),
    },
  },
  // 专家认领 (a claim is a reviewed object of the expert library): the claimant submits, the owning unit or the national
  // level decides, the claimant may withdraw while it waits.
  expert_claim: {
    group: x('专家认领', 'Expert claims'),
    actions: {
      submit: x('提交专家认领申请', 'Asked to claim an expert'),
      request: x('提交专家认领申请', 'Asked to claim an expert'),
      accept: x('同意专家认领', 'Claim accepted'),
      approve: x('同意专家认领', 'Claim accepted'),
      decline: x('拒绝专家认领', 'Claim declined'),
      reject: x('拒绝专家认领', 'Claim declined'),
      withdraw: x('撤回专家认领申请', 'Claim withdrawn'),
      national_accept: x('国家管理员同意专家认领', 'Claim accepted by the national level'),
      national_approve: x('国家管理员同意专家认领', 'Claim accepted by the national level'),
      national_decline: x('国家管理员拒绝专家认领', 'Claim declined by the national level'),
      national_reject: x('国家管理员拒绝专家认领', 'Claim declined by the national level'),
      no_match: x('专家认领未找到信息一致的专家', 'Claim matched no expert'),
      mismatch: x('专家认领信息不符', 'Claim details did not match'),
      refused: x('专家认领被拒绝(信息不符)', 'Claim refused (details did not match)'),
      not_found: x('专家认领未找到对应专家', 'Claim found no matching expert'),
    },
  },
};

export const UNKNOWN_ACTION = x('其他操作', 'Other action');

export interface ActionName {
  label: string;
  /** False for an action this catalogue does not name: the screen shows its code too, for support. */
  known: boolean;
}

export function actionName(action: string, locale: Locale): ActionName {
  const dot = action.indexOf('.');
  const group = dot > 0 ? AUDIT_ACTIONS[action.slice(0, dot)] : undefined;
  const named = group?.actions[action.slice(dot + 1)];
  if (named) return { label: named[locale], known: true };
  return { label: group ? `${group.group[locale]} · ${UNKNOWN_ACTION[locale]}` : UNKNOWN_ACTION[locale], known: false };
}

/** The kinds of object records name, with the page each one opens (an id in `:id`). */
export const OBJECT_KINDS: Record<string, { label: Text; link?: (id: string) => string }> = {
  unit: { label: x('单位', 'Unit'), link: (id) => `/admin/units/${id}` },
  user: { label: x('用户', 'User'), link: (id) => `/admin/users/${id}` },
  notice: { label: x('通知公告', 'Notice'), link: (id) => `/admin/notices/${id}` },
  plan: { label: x('项目计划', 'Plan'), link: (id) => `/projects/plans/${id}` },
  project_type: { label: x('项目类别', 'Project type'), link: () => '/projects/types' },
  call: { label: x('申报批次', 'Call'), link: () => '/projects/calls' },
  template: { label: x('申报模板', 'Template'), link: () => '/projects/templates' },
  expert: { label: x('专家', 'Expert'), link: (id) => `/experts/${id}` },
  expert_correction: { label: x('专家信息更正申请', 'Correction request') },
  expert_claim: { label: x('专家认领申请', 'Expert claim') },
  audit_log: { label: x('审计日志', 'Audit log') },
};

export const UNKNOWN_KIND = x('其他对象', 'Other object');

export function kindName(kind: string, locale: Locale): string {
  return OBJECT_KINDS[kind]?.label[locale] ?? UNKNOWN_KIND[locale];
}

/** What a record's object id means when it names no single object (an export covers a search). */
export const WHOLE_OBJECTS: Record<string, Text> = {
  export: x('按查询条件导出', 'Export of a search'),
  list: x('按查询条件导出', 'Export of a search'),
  // A claim whose passport, name and birth date found no expert names none.
  claim: x('未找到信息一致的专家', 'No matching expert'),
  import: x('批量导入', 'An import'),
  probe: x('护照号码查询', 'Passport lookups'),
};

/** The fields of before/after summaries, across areas. `hidden` fields are bookkeeping nobody reads (the row version). */
export const AUDIT_FIELDS: Record<string, Text> = {
  state: x('状态', 'State'),
  status: x('帐号状态', 'Account state'),
  reviewState: x('审核状态', 'Review state'),
  title: x('标题', 'Title'),
  name: x('名称', 'Name'),
  province: x('所在省份', 'Province'),
  address: x('单位地址', 'Address'),
  contactName: x('联系人', 'Contact person'),
  contactPhone: x('联系电话', 'Contact phone'),
  contactEmail: x('联系邮箱', 'Contact e-mail'),
  supervisingUnitId: x('归口管理单位', 'Supervising unit'),
  unitId: x('单位', 'Unit'),
  creditCode: x('统一社会信用代码', 'Unified social credit code'),
  username: x('用户名', 'Username'),
  displayName: x('姓名', 'Name'),
  role: x('角色', 'Role'),
  mobile: x('手机号', 'Mobile'),
  mobileMasked: x('手机号', 'Mobile'),
  idNumberMasked: x('身份证号', 'ID number'),
  email: x('电子邮箱', 'E-mail'),
  accounts: x('帐号', 'Accounts'),
  account: x('帐号', 'Account'),
  userId: x('用户', 'User'),
  logins: x('登录名', 'Login names'),
  sentTo: x('短信发送至', 'SMS sent to'),
  failed: x('同步失败的记录', 'Failed sync records'),
  requeued: x('重新排队的记录数', 'Records requeued'),
  kind: x('类型', 'Kind'),
  lastError: x('最后一次错误', 'Last error'),
  withdrawn: x('已撤回', 'Withdrawn'),
  withdrawnAt: x('撤回时间', 'Withdrawn at'),
  attachments: x('附件', 'Attachments'),
  filter: x('查询条件', 'Search conditions'),
  rows: x('导出条数', 'Rows exported'),
  total: x('符合条件的总数', 'Matching in total'),
  from: x('开始日期', 'From'),
  to: x('结束日期', 'To'),
  actor: x('操作人', 'Actor'),
  action: x('操作', 'Action'),
  objectType: x('对象类型', 'Object type'),
  objectId: x('对象编号', 'Object ID'),
  requestId: x('请求编号', 'Request ID'),
  view: x('列表', 'List'),
  // 项目库
  projectType: x('项目类别', 'Project type'),
  slot: x('上传位置', 'Upload slot'),
  filename: x('文件名', 'File name'),
  size: x('大小', 'Size'),
  contentType: x('文件类型', 'File type'),
  code: x('类别代码', 'Code'),
  family: x('项目大类', 'Family'),
  nameZh: x('名称(中文)', 'Name (Chinese)'),
  nameEn: x('名称(英文)', 'Name (English)'),
  active: x('启用', 'Active'),
  templateVersion: x('模板版本', 'Template version'),
  year: x('年度', 'Year'),
  opensOn: x('开始日期', 'Opens on'),
  closesOn: x('截止日期', 'Closes on'),
  unitKinds: x('可申报单位类型', 'Who may apply'),
  reviewers: x('评审专家', 'Reviewers'),
  approvedAmount: x('批复金额', 'Approved amount'),
  requestedAmount: x('申请金额', 'Amount applied for'),
  amount: x('金额', 'Amount'),
  documentNumber: x('批复文号', 'Approval document number'),
  documentNo: x('批复文号', 'Approval document number'),
  approvedAt: x('批复时间', 'Approved at'),
  submittedAt: x('提交时间', 'Submitted at'),
  createdAt: x('创建时间', 'Created at'),
  updatedAt: x('更新时间', 'Updated at'),
  reason: x('理由', 'Reason'),
  // 专家库
  chineseName: x('中文名', 'Chinese name'),
  gender: x('性别', 'Gender'),
  birthDate: x('出生日期', 'Date of birth'),
  nationality: x('国籍', 'Nationality'),
  passportNumber: x('护照号码', 'Passport number'),
  passport: x('护照号码', 'Passport number'),
  passportMasked: x('护照号码', 'Passport number'),
  phone: x('联系电话', 'Phone'),
  workPermitNo: x('外国人工作许可证号', 'Work permit number'),
  employerAbroad: x('境外工作单位', 'Current employer abroad'),
  position: x('职务/职称', 'Title / position'),
  disciplineCode: x('学科领域', 'Discipline'),
  keywords: x('专业特长关键词', 'Expertise keywords'),
  education: x('教育背景', 'Education'),
  biography: x('个人简介', 'Short biography'),
  likelyDuplicates: x('疑似重复的专家', 'Likely duplicates'),
  correctionId: x('更正申请', 'Correction request'),
  changes: x('更正内容', 'Changes'),
  mergeId: x('合并记录', 'Merge'),
  mergedId: x('被合并的专家', 'Merged expert'),
  mergedName: x('被合并的专家', 'Merged expert'),
  restoredId: x('恢复的专家', 'Restored expert'),
  otherId: x('另一位专家', 'Other expert'),
  visits: x('来华记录数', 'Visits'),
  plans: x('计划数', 'Plans'),
  units: x('邀请单位数', 'Inviting units'),
  passportKnown: x('护照号码已在库中', 'Passport number on record'),
  purpose: x('用途', 'While'),
  answer: x('系统答复', 'Answer given'),
  mode: x('导入方式', 'Import mode'),
  passports: x('护照号码', 'Passport numbers'),
  budget: x('限额', 'Limit on'),
  limit: x('上限', 'Limit'),
  typedName: x('填写的姓名', 'Name given'),
  note: x('说明', 'Note'),
};

/** The same key means something else in one action's summary (`<group>.*`: in every action of the group). */
export const AUDIT_FIELD_OVERRIDES: Record<string, Record<string, Text>> = {
  'plan.review_score': { total: x('评审总分', 'Total score') },
  'plan.create': { title: x('计划名称', 'Plan title') },
  'plan.delete': { title: x('计划名称', 'Plan title') },
  'supervising_unit.create': { name: x('单位名称', 'Unit name') },
  'expert.*': { name: x('姓名(护照)', 'Name (as in passport)') },
  'expert.reveal_passport': { name: x('专家姓名', 'Expert') },
  'expert.reveal_phone': { name: x('专家姓名', 'Expert') },
};

/**
 * Bookkeeping that a reader does not need to see: the optimistic-lock version moves with every change, and the ids of a
 * correction request or a merge name no page (the record's object is the expert).
 */
export const HIDDEN_FIELDS = new Set(['version', 'correctionId', 'mergeId', 'claimId']);

/** Fields in the order a reader expects them (the catalogue's), whatever order the stored summary keeps its keys in. */
const FIELD_ORDER = new Map(Object.keys(AUDIT_FIELDS).map((key, i) => [key, i]));
export function byFieldOrder(a: string, b: string): number {
  return (FIELD_ORDER.get(a) ?? Infinity) - (FIELD_ORDER.get(b) ?? Infinity) || a.localeCompare(b);
}

export function fieldName(action: string, field: string, locale: Locale): string {
  const group = `${action.slice(0, action.indexOf('.'))}.*`;
  return (
    AUDIT_FIELD_OVERRIDES[action]?.[field]?.[locale] ??
    AUDIT_FIELD_OVERRIDES[group]?.[field]?.[locale] ??
    AUDIT_FIELDS[field]?.[locale] ??
    field
  );
}

/** State names by the kind of object they belong to: a unit's registration is 审核通过, a plan's approval 已批复. */
export const STATE_NAMES: Record<string, Record<string, Text>> = {
  unit: {
    draft: x('草稿', 'Draft'),
    supervising_review: x('归口管理单位审核中', 'With the supervising unit'),
    national_review: x('国家审核中', 'With the national level'),
    returned: x('已退回', 'Returned'),
    approved: x('审核通过', 'Registration approved'),
  },
  user: {
    pending: x('待审核', 'Waiting for review'),
    approved: x('审核通过', 'Approved'),
    rejected: x('审核不通过', 'Not approved'),
    active: x('正常', 'Active'),
    pending_review: x('待审核', 'Waiting for review'),
    disabled: x('已停用', 'Disabled'),
  },
  plan: {
    draft: x('草稿', 'Draft'),
    supervising_review: x('归口管理单位审核中', 'With the supervising unit'),
    national_review: x('国家审核中', 'With the national level'),
    expert_review: x('专家评审中', 'In expert review'),
    returned: x('已退回', 'Returned'),
    approved: x('已批复', 'Approved'),
    rejected: x('不予批复', 'Rejected'),
  },
  expert_correction: {
    pending: x('待审核', 'Waiting for review'),
    approved: x('已通过', 'Approved'),
    rejected: x('未通过', 'Not approved'),
  },
  expert_claim: {
    pending: x('待处理', 'Waiting'),
    accepted: x('已同意', 'Accepted'),
    approved: x('已同意', 'Accepted'),
    declined: x('已拒绝', 'Declined'),
    rejected: x('已拒绝', 'Declined'),
    withdrawn: x('已撤回', 'Withdrawn'),
  },
};

/** Both languages of each shared name, keyed by its code. */
const bothNames = <K extends string>(names: Record<Locale, Record<K, string>>, codes: readonly K[]): Record<string, Text> =>
  Object.fromEntries(codes.map((code) => [code, x(names['zh-CN'][code], names['en-US'][code])]));

export const ROLE_NAMES: Record<string, Text> = bothNames(SHARED_ROLE_NAMES, ROLES);

/** Plain codes some fields hold, named. */
export const VALUE_NAMES: Record<string, Record<string, Text>> = {
  gender: { male: x('男', 'Male'), female: x('女', 'Female') },
  family: { talent: x('人才项目', 'Talent project'), platform: x('平台项目', 'Platform project') },
  unitKinds: bothNames(UNIT_KIND_NAMES, UNIT_KINDS),
  kind: { unit: x('单位', 'Unit'), account: x('帐号', 'Account') },
  purpose: { create: x('新增专家', 'Adding an expert'), edit: x('修改专家', 'Editing an expert'), import: x('导入专家', 'Importing experts') },
  answer: { claim_offered: x('提示可认领', 'Offered the claim'), refused: x('拒绝并请联系国家管理员', 'Refused, pointed to the national administrator') },
  mode: { check: x('仅检查', 'Check only'), all: x('全部导入', 'All or nothing'), valid_only: x('仅导入无误的行', 'Valid rows only') },
};
