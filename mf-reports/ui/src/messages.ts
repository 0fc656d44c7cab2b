// 年度报告库 texts in both languages.
export const messages = {
  'zh-CN': {
    reports: {
      title: '年度报告库',
      subtitle: '归口管理单位和部属高校的年度总结',
      field: {
        year: '年度',
        unitName: '单位名称',
        status: '状态',
        submittedAt: '提交时间',
      },
      placeholder: {
        year: '请选择年度',
        unitName: '请输入单位名称',
        status: '请选择状态',
      },
      notSubmitted: '未提交',
    },
  },
  'en-US': {
    reports: {
      title: 'Annual reports',
      subtitle: 'Annual summaries of supervising units and ministry universities',
      field: {
        year: 'Year',
        unitName: 'Unit',
        status: 'Status',
        submittedAt: 'Submitted',
      },
      placeholder: {
        year: 'Choose a year',
        unitName: 'Unit name',
        status: 'Choose a status',
      },
      notSubmitted: 'Not submitted',
    },
  },
};
