// 项目库 texts in both languages.
export const messages = {
  'zh-CN': {
    projects: {
      title: '项目库',
      subtitle: '项目/平台计划',
      detailTitle: '计划详情',
      field: {
        title: '计划名称',
        projectType: '项目类型',
        unitName: '单位名称',
        status: '状态',
        year: '年度',
        updatedAt: '更新时间',
      },
      placeholder: {
        title: '请输入计划名称',
        unitName: '请输入单位名称',
        projectType: '请选择项目类型',
        status: '请选择状态',
        year: '请选择年度',
      },
      notFound: '未找到该计划',
    },
  },
  'en-US': {
    projects: {
      title: 'Projects',
      subtitle: 'Project and platform plans',
      detailTitle: 'Plan details',
      field: {
        title: 'Plan',
        projectType: 'Project type',
        unitName: 'Unit',
        status: 'Status',
        year: 'Year',
        updatedAt: 'Updated',
      },
      placeholder: {
        title: 'Plan name',
        unitName: 'Unit name',
        projectType: 'Choose a project type',
        status: 'Choose a status',
        year: 'Choose a year',
      },
      notFound: 'Plan not found',
    },
  },
};
