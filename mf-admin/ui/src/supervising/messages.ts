// Texts of this part of 系统管理 in both languages (merged into the area's messages under `admin.supervising`).
export const supervisingMessages = {
  'zh-CN': {},
  'en-US': {},
};
