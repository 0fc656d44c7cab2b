// Texts of this part of 系统管理 in both languages (merged into the area's messages under `admin.audit`).
export const auditMessages = {
  'zh-CN': {},
  'en-US': {},
};
