// The admin area's server texts other than its errors (those are defineErrors specs beside their routes): 待办 titles,
// the line a unit or user page says about its state, the audit reader's joining words, and the initial-password SMS.
import { defineMessages } from '@wgzj/gateway/kit';

export const adminMessages = defineMessages('admin', {
  // 待办
  'todo.userRejected': { 'zh-CN': '用户审核未通过:{name},请修改后重新提交', 'en-US': 'User not approved: {name}; correct and resubmit' },
  'todo.userReview': { 'zh-CN': '用户审核:{unit} {name}', 'en-US': 'User review: {name} ({unit})' },
  'todo.unitDraft': { 'zh-CN': '请完善单位信息并提交审核:{name}', 'en-US': "Complete and submit your unit's information: {name}" },
  'todo.unitReturned': { 'zh-CN': '单位注册被退回,请修改后重新提交:{name}', 'en-US': 'Unit registration returned; correct and resubmit: {name}' },
  'todo.unitReview': { 'zh-CN': '用人单位注册审核:{name}', 'en-US': 'Employer unit registration review: {name}' },

  // A unit's page: why this person edits, reviews or reads it.
  'unit.edit.returnedWithReason': {
    'zh-CN': '单位注册信息已被退回(理由:{reason}),请修改后重新提交。',
    'en-US': 'The registration was returned (reason: {reason}); correct it and submit again.',
  },
  'unit.edit.returned': { 'zh-CN': '单位注册信息已被退回,请修改后重新提交。', 'en-US': 'The registration was returned; correct it and submit again.' },
  'unit.edit.draft': {
    'zh-CN': '单位信息尚未提交,请完善后提交审核。',
    'en-US': 'The unit information has not been submitted yet; complete it and submit it for review.',
  },
  'unit.review.supervising': {
    'zh-CN': '该单位已提交注册信息,等待您(归口管理单位)审核。',
    'en-US': 'The unit submitted its registration; it waits for your review as its supervising unit.',
  },
  'unit.review.national': {
    'zh-CN': '该单位已提交注册信息,等待您(国家管理员)审核。',
    'en-US': 'The unit submitted its registration; it waits for your review at the national level.',
  },
  'unit.state.draft': { 'zh-CN': '单位信息尚未提交审核。', 'en-US': 'The unit has not submitted its information yet.' },
  'unit.state.supervising_review': { 'zh-CN': '已提交,等待归口管理单位审核。', 'en-US': 'Submitted; waiting for the supervising unit.' },
  'unit.state.national_review': {
    'zh-CN': '已通过归口管理单位审核,等待国家审核。',
    'en-US': 'Approved by the supervising unit; waiting for the national level.',
  },
  'unit.state.returned': { 'zh-CN': '已退回用人单位修改。', 'en-US': 'Returned to the unit for correction.' },
  'unit.state.approved': { 'zh-CN': '单位注册已审核通过。', 'en-US': 'The registration is approved.' },
  'unit.state.national_review.ministryUniversity': {
    'zh-CN': '已提交,等待国家审核(部属高校直接由国家审核)。',
    'en-US': 'Submitted; waiting for the national level (ministry universities skip the supervising level).',
  },
  'unit.canWithdraw': { 'zh-CN': '您可以撤回。', 'en-US': ' You can withdraw it.' },
  'unit.canRecall': { 'zh-CN': '国家审核前,您可以撤回本级的审核意见。', 'en-US': ' Until the national level acts you can recall your approval.' },
  'unit.fieldRequired': { 'zh-CN': '{label}:不能为空', 'en-US': '{label}: is required' },

  // A user's page.
  'user.review': {
    'zh-CN': '{unit}新增的用户,等待您审核;通过后该帐号方可登录。',
    'en-US': 'A new user of {unit} waits for your review; the account opens once approved.',
  },
  'user.state.pending': { 'zh-CN': '新增用户,等待上级审核,审核通过后方可登录。', 'en-US': 'New user; waiting for review before the account opens.' },
  'user.state.rejected': { 'zh-CN': '用户审核未通过。', 'en-US': 'The user was not approved.' },
  'user.disabled': { 'zh-CN': '该帐号已停用,不能登录。', 'en-US': 'This account is disabled and cannot sign in.' },
  'user.inUse': { 'zh-CN': '帐号正常使用中。', 'en-US': 'The account is in use.' },
  'user.canResubmit': { 'zh-CN': '您可以修改后重新提交审核。', 'en-US': ' You can correct it and submit it again.' },

  // The audit reader's words between names and values.
  'audit.noticeWithdrawn': { 'zh-CN': '{title}(已撤回)', 'en-US': '{title} (withdrawn)' },
  'audit.listSeparator': { 'zh-CN': '、', 'en-US': ', ' },
  'audit.fieldValue': { 'zh-CN': '{label}:{value}', 'en-US': '{label}: {value}' },
  'audit.fieldSeparator': { 'zh-CN': ';', 'en-US': '; ' },
  'audit.content': { 'zh-CN': '内容', 'en-US': 'Content' },
  'audit.yes': { 'zh-CN': '是', 'en-US': 'Yes' },
  'audit.no': { 'zh-CN': '否', 'en-US': 'No' },
  'audit.none': { 'zh-CN': '无', 'en-US': 'None' },
  'audit.callName': { 'zh-CN': '{year} 年度申报批次 · {type}', 'en-US': '{year} call · {type}' },
  'audit.templateName': { 'zh-CN': '{type} 第 {version} 版', 'en-US': '{type}, version {version}' },
  'audit.yuan': { 'zh-CN': '{amount} 元', 'en-US': '¥{amount}' },

  // SMS (sent in Chinese only: the portal's accounts are for people in China).
  'sms.initialPassword': {
    'zh-CN':
      '【外国专家项目管理信息系统】您的政务服务平台帐号已开通,用户名:{username},初始密码:{password}。请登录政务服务平台后立即修改密码,并妥善保管,切勿告知他人。',
    'en-US':
      '[Foreign Expert Program Management System] Your government service portal account is open. Username: {username}, initial password: {password}. Sign in to the portal and change the password at once; keep it safe and tell no one.',
  },
});

export const { t } = adminMessages;
