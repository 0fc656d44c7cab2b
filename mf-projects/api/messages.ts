// The project library's server texts other than its errors (those are defineErrors specs beside their services):
// the plan export's sheet, what a template field's value is missing, the scoring form's problems, the approval's
// amount check, the plan diff's visit heading and the attachment count limit.
import { defineMessages } from '@wgzj/gateway/kit';

export const projectMessages = defineMessages('projects', {
  // 待办
  'todo.returned': { 'zh-CN': '退回待修改', 'en-US': 'Returned plan' },
  'todo.toScore': { 'zh-CN': '计划待评分', 'en-US': 'Plan to score' },
  'todo.toReview': { 'zh-CN': '计划待审核', 'en-US': 'Plan to review' },

  // 计划列表 exported as a workbook
  'export.sheet': { 'zh-CN': '计划列表', 'en-US': 'Plans' },
  'export.fileName': { 'zh-CN': '计划列表', 'en-US': 'plans' },
  'export.title': { 'zh-CN': '计划名称', 'en-US': 'Title' },
  'export.projectType': { 'zh-CN': '项目类别', 'en-US': 'Project type' },
  'export.year': { 'zh-CN': '年度', 'en-US': 'Year' },
  'export.unit': { 'zh-CN': '申报单位', 'en-US': 'Unit' },
  'export.status': { 'zh-CN': '状态', 'en-US': 'Status' },
  'export.experts': { 'zh-CN': '专家人数', 'en-US': 'Experts' },
  'export.requested': { 'zh-CN': '申请专家经费(元)', 'en-US': 'Expert funding applied for (yuan)' },
  'export.approved': { 'zh-CN': '批复金额(元)', 'en-US': 'Approved (yuan)' },
  'export.submittedAt': { 'zh-CN': '提交时间(北京时间)', 'en-US': 'Submitted (Beijing time)' },

  // A template field's value, checked against the template: the field's name, then what is wrong.
  'content.problem': { 'zh-CN': '{label}{text}', 'en-US': '{label} {text}' },
  'content.required': { 'zh-CN': '不能为空', 'en-US': 'is required' },
  'content.tooLong': { 'zh-CN': '不能超过 {n} 个字', 'en-US': 'must be at most {n} characters' },
  'content.integer': { 'zh-CN': '须为整数', 'en-US': 'must be a whole number' },
  'content.min': { 'zh-CN': '不能小于 {n}', 'en-US': 'must be at least {n}' },
  'content.max': { 'zh-CN': '不能大于 {n}', 'en-US': 'must be at most {n}' },
  'content.money': { 'zh-CN': '须为金额(元,最多两位小数)', 'en-US': 'must be an amount (yuan, two decimals at most)' },
  'content.moneyNegative': { 'zh-CN': '金额不能为负数', 'en-US': 'cannot be a negative amount' },
  'content.moneyMax': { 'zh-CN': '不能超过 {n} 元', 'en-US': 'may not exceed {n} yuan' },
  'content.date': { 'zh-CN': '须从日期选择器中选择日期', 'en-US': 'must be a date chosen from the picker' },
  'content.after': { 'zh-CN': '不能早于{f}', 'en-US': 'cannot be before {f}' },
  'content.option': { 'zh-CN': '须从列表中选择', 'en-US': 'must be chosen from the list' },
  'content.upload': { 'zh-CN': '须上传(表格类内容以图片上传)', 'en-US': 'must be uploaded (tables as images)' },

  // 专家评审: each rubric item out of place, at scores.<item>
  'score.missing': { 'zh-CN': '请为「{item}」打分(0–{max} 的整数)', 'en-US': 'Score “{item}” (a whole number from 0 to {max})' },
  'score.whole': { 'zh-CN': '「{item}」的评分须为整数', 'en-US': 'The score of “{item}” must be a whole number' },
  'score.negative': { 'zh-CN': '「{item}」的评分不能为负数', 'en-US': 'The score of “{item}” cannot be negative' },
  'score.tooHigh': { 'zh-CN': '「{item}」的评分不能超过 {max} 分', 'en-US': 'The score of “{item}” cannot exceed {max}' },
  'score.unknown': { 'zh-CN': '评分标准中没有这一项', 'en-US': 'The rubric has no such item' },

  // The submitter hears of a return or a decision: a news line (站内消息) and an SMS
  'notice.returned': { 'zh-CN': '计划已退回:{title}', 'en-US': 'Plan returned: {title}' },
  'notice.approved': { 'zh-CN': '计划已批复:{title}', 'en-US': 'Plan approved: {title}' },
  'notice.rejected': { 'zh-CN': '计划不予批复:{title}', 'en-US': 'Plan rejected: {title}' },
  'sms.returned': {
    'zh-CN': '【外国专家项目管理信息系统】您单位的计划《{title}》已被退回,请登录系统查看退回理由并修改后重新提交。',
    'en-US': '[Foreign Expert Program Management System] Your unit\'s plan "{title}" was returned; sign in to read the reason, correct it and submit it again.',
  },
  'sms.approved': {
    'zh-CN': '【外国专家项目管理信息系统】您单位的计划《{title}》已批复,请登录系统查看批复金额和批复文号。',
    'en-US': '[Foreign Expert Program Management System] Your unit\'s plan "{title}" was approved; sign in to read the approved amount and document number.',
  },
  'sms.rejected': {
    'zh-CN': '【外国专家项目管理信息系统】您单位的计划《{title}》未通过审核,请登录系统查看理由。',
    'en-US': '[Foreign Expert Program Management System] Your unit\'s plan "{title}" was not approved; sign in to read why.',
  },

  // 批复
  'approval.tooMuch': {
    'zh-CN': '批复金额不能超过申请的专家经费 {amount} 元',
    'en-US': 'The approved amount cannot exceed the {amount} yuan of expert funding applied for',
  },

  // What changed between two submissions: a visit's heading
  'diff.visit': { 'zh-CN': '第 {n} 次来华', 'en-US': 'visit {n}' },

  // What stands between a plan and its submission, each beside its field
  'checks.attachment': { 'zh-CN': '请上传{x}', 'en-US': 'Upload the {x}' },
  'checks.fewExperts': { 'zh-CN': '请至少选择 {n} 位外国专家', 'en-US': 'Choose at least {n} foreign experts' },
  'checks.manyExperts': { 'zh-CN': '外国专家不能超过 {n} 位', 'en-US': 'No more than {n} foreign experts' },
  'checks.noVisit': { 'zh-CN': '请为专家 {x} 填写至少一次来华', 'en-US': 'Enter at least one visit for {x}' },
  'checks.goneExpert': { 'zh-CN': '专家 {x} 已不在专家库中(可能已合并),请重新选择', 'en-US': 'Expert {x} is no longer in the library (perhaps merged); choose again' },
  'checks.startDate': { 'zh-CN': '来华开始日期不能为空', 'en-US': 'The start date of the visit is required' },
  'checks.endDate': { 'zh-CN': '来华结束日期不能为空', 'en-US': 'The end date of the visit is required' },
  'checks.city': { 'zh-CN': '来华城市不能为空', 'en-US': 'The city of the visit is required' },
  'checks.inPeriod': {
    'zh-CN': '{field}须在项目执行期内({from} 至 {to})',
    'en-US': "The {field} must lie within the project's execution period ({from} to {to})",
  },
  'checks.inYear': {
    'zh-CN': '{field}须在计划年度 {n} 年内({from} 至 {to})',
    'en-US': 'The {field} must lie within the plan year {n} ({from} to {to})',
  },
  'checks.daysOfVisit': {
    'zh-CN': '{field}不能超过来华天数 {n} 天({from} 至 {to})',
    'en-US': 'The {field} cannot exceed the {n} days of the visit ({from} to {to})',
  },

  // 执行中: an actual visit (实际来华) as recorded, each problem beside its field
  'execution.why.record': {
    'zh-CN': '计划已批复,正在执行:请逐位专家登记实际来华情况和实际支出,并上传护照及出入境记录页。',
    'en-US': 'The plan is approved and being carried out: record each expert’s actual visits and spending, and upload the passport and entry/exit pages.',
  },
  'execution.why.read': {
    'zh-CN': '计划已批复,正在执行;执行情况由计划所属单位登记。',
    'en-US': "The plan is approved and being carried out; its unit records the execution.",
  },
  'execution.plannedUnknown': { 'zh-CN': '所选的计划来华不在该计划中', 'en-US': 'The chosen planned visit is not in this plan' },
  'execution.expertMismatch': { 'zh-CN': '所选专家与计划来华的专家不一致', 'en-US': 'The expert is not the one of the planned visit' },
  'execution.expertUnknown': {
    'zh-CN': '所选专家不在本单位的专家库中,请从专家库中选择',
    'en-US': "The expert is not in your unit's expert library; choose one there",
  },
  'execution.reasonOutsidePlan': {
    'zh-CN': '批复计划中没有这次来华,请说明增加的原因(将提示审核人员)',
    'en-US': 'The approved plan has no such visit; say why it was added (reviewers are shown this)',
  },
  'execution.reasonNotCarried': { 'zh-CN': '请填写未执行的原因', 'en-US': 'Say why the visit was not carried out' },
  'execution.notCarriedOutsidePlan': {
    'zh-CN': '只有批复计划中的来华才能登记为未执行',
    'en-US': 'Only a visit of the approved plan can be recorded as not carried out',
  },
  'execution.dateRequired': { 'zh-CN': '{field}不能为空', 'en-US': 'The {field} is required' },
  'execution.notYet': {
    'zh-CN': '{field}不能晚于今天({today}):实际来华在发生后登记',
    'en-US': 'The {field} cannot be after today ({today}): actual visits are recorded once they have happened',
  },
  'execution.overPlannedVisit': {
    'zh-CN': '本次来华实际支出 {spent} 元,超过批复计划中该次来华的经费 {planned} 元',
    'en-US': 'This visit spent {spent} yuan, more than the {planned} yuan the approved plan gives it',
  },
  'execution.overApproved': {
    'zh-CN': '实际支出合计 {spent} 元,超过计划批复金额 {approved} 元',
    'en-US': 'Spending would total {spent} yuan, more than the {approved} yuan approved for the plan',
  },
  'execution.proofNotCarried': { 'zh-CN': '未执行的来华无需上传证明材料', 'en-US': 'A visit not carried out takes no proofs' },

  // Attachments
  'file.tooMany': { 'zh-CN': '{noun}最多上传 {max} 个文件。', 'en-US': '{noun}: at most {max} files.' },
  'file.attachments': { 'zh-CN': '附件', 'en-US': 'Attachments' },
});

export const { t } = projectMessages;
