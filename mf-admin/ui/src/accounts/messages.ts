// Texts of this part of 系统管理 in both languages (merged into the area's messages under `admin.accounts`).
export const accountsMessages = {
  'zh-CN': {},
  'en-US': {},
};
