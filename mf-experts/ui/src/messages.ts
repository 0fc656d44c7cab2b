// 专家库 texts in both languages.
export const messages = {
  'zh-CN': {
    experts: {
      title: '专家库',
      subtitle: '外国专家及其来访记录',
      detailTitle: '专家信息',
      field: {
        name: '姓名',
        chineseName: '中文名',
        nationality: '国籍',
        discipline: '学科领域',
        visitCount: '来访次数',
      },
      placeholder: {
        name: '请输入姓名或中文名',
        nationality: '请选择国籍',
        discipline: '请输入学科领域',
        visitCount: '最少来访次数',
      },
      notFound: '未找到该专家',
    },
  },
  'en-US': {
    experts: {
      title: 'Experts',
      subtitle: 'Foreign experts and their visits',
      detailTitle: 'Expert',
      field: {
        name: 'Name',
        chineseName: 'Chinese name',
        nationality: 'Nationality',
        discipline: 'Discipline',
        visitCount: 'Visits',
      },
      placeholder: {
        name: 'Name or Chinese name',
        nationality: 'Choose a country',
        discipline: 'Discipline',
        visitCount: 'At least … visits',
      },
      notFound: 'Expert not found',
    },
  },
};
