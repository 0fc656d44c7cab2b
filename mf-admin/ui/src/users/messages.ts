// Texts of this part of 系统管理 in both languages (merged into the area's messages under `admin.users`).
export const usersMessages = {
  'zh-CN': {},
  'en-US': {},
};
