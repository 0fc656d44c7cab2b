// The shell's own texts (header, navigation, home); area texts live in each remote.
export const shellZhCN = {
  shell: {
    logout: '退出',
    mainNav: '主导航',
    language: '语言',
    todo: '待办',
    todoBadge: '待办事项',
    home: {
      notices: '通知公告',
      todo: '待办事项',
      noNotices: '暂无通知公告',
      noTodo: '暂无待办事项',
      todoUnavailable: '以下模块的待办暂时无法获取:{areas}',
      welcome: '欢迎您,{name}',
      entry: { newPlan: '新报计划' },
    },
    loadingSession: '正在验证登录状态…',
    sessionError: '无法连接服务器,请稍后刷新页面重试。',
  },
};

export const shellEnUS: typeof shellZhCN = {
  shell: {
    logout: 'Sign out',
    mainNav: 'Main navigation',
    language: 'Language',
    todo: 'To-do',
    todoBadge: 'To-do items',
    home: {
      notices: 'Notices',
      todo: 'To-do',
      noNotices: 'No notices',
      noTodo: 'Nothing to do',
      todoUnavailable: 'To-do items of these modules are unavailable right now: {areas}',
      welcome: 'Welcome, {name}',
      entry: { newPlan: 'New plan' },
    },
    loadingSession: 'Checking your session…',
    sessionError: 'Cannot reach the server. Please refresh the page later.',
  },
};
