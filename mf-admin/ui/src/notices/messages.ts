// 通知公告 texts in both languages (merged into the area's messages under `admin.notices`).
export const noticesMessages = {
  'zh-CN': {
    title: '通知公告',
    subtitle: '面向全部用户发布的通知',
    field: { title: '标题', publishedAt: '发布时间' },
    placeholder: { title: '请输入标题关键字' },
  },
  'en-US': {
    title: 'Notices',
    subtitle: 'Notices published to all users',
    field: { title: 'Title', publishedAt: 'Published' },
    placeholder: { title: 'Words in the title' },
  },
};
