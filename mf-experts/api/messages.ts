// The expert library's server texts other than its errors (those are defineErrors specs beside their routes): 待办
// titles, the import's refusals of a row, and how a correction shows a phone number it does not reveal.
import { defineMessages } from '@wgzj/gateway/kit';

export const expertMessages = defineMessages('experts', {
  // 待办
  'todo.correction': { 'zh-CN': '专家信息更正申请审核:{name}', 'en-US': 'Expert correction request: {name}' },
  'todo.duplicate': { 'zh-CN': '疑似重复专家待处理:{name}', 'en-US': 'Likely duplicate expert: {name}' },
  'todo.correctionRejected': { 'zh-CN': '专家信息更正申请未通过:{name}', 'en-US': 'Correction request not approved: {name}' },
  'todo.claimOverdue': { 'zh-CN': '专家认领申请超过 7 天未处理:{name}', 'en-US': 'Expert claim waiting over a week: {name}' },
  'todo.claimIncoming': { 'zh-CN': '专家认领申请待处理:{name}', 'en-US': 'Expert claim to decide: {name}' },
  'todo.claimAccepted': { 'zh-CN': '专家认领申请已通过:{name}', 'en-US': 'Expert claim accepted: {name}' },
  'todo.claimDeclined': { 'zh-CN': '专家认领申请未通过:{name}', 'en-US': 'Expert claim declined: {name}' },

  // A correction's requested phone number, shown to the reviewer without the number.
  'correction.phoneRemoved': { 'zh-CN': '(删除)', 'en-US': '(removed)' },
  'correction.phoneChanged': { 'zh-CN': '(已更改)', 'en-US': '(changed)' },

  // An import row refused for its passport.
  'import.samePassportAsRow': {
    'zh-CN': '护照号码:与第 {row} 行为同一国籍、同一护照号码',
    'en-US': 'Passport number: same nationality and passport as row {row}',
  },
  'import.passportInOwnLibrary': {
    'zh-CN': '护照号码:该国籍和护照号码的专家已在本单位专家库中',
    'en-US': "Passport number: an expert with this nationality and passport is already in your unit's library",
  },
  'import.passportElsewhere': {
    'zh-CN': '护照号码:该国籍和护照号码不能用于录入专家;如为专家库中已有的专家,请在专家库中提交认领申请',
    'en-US':
      'Passport number: this nationality and passport number cannot be used for a new record; if the expert is already in the library, ask to claim it there',
  },
});

export const { t } = expertMessages;
