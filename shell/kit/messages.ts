// Messages every area shares: common words, review states, unit kinds, roles, area names, the failure panel.
// Role and unit-kind names are the shared contract's (gateway/kit/shared/roles.ts), which the servers read too.
import { ROLE_NAMES, UNIT_KIND_NAMES, type Role, type UnitKind } from '@wgzj/gateway/kit/shared/roles';

export const kitZhCN = {
  app: { title: '外国专家项目管理信息系统' },
  area: {
    home: '首页',
    projects: '项目库',
    experts: '专家库',
    reports: '年度报告库',
    admin: '系统管理',
  },
  common: {
    query: '查询',
    reset: '重置',
    expand: '展开',
    collapse: '收起',
    more: '更多',
    back: '返回',
    loading: '正在加载…',
    empty: '暂无数据',
    retry: '重试',
    total: '共 {n} 条',
    actions: '操作',
    view: '查看',
    all: '全部',
    buildLabel: '版本 {label}',
    notFound: '页面不存在',
  },
  errors: {
    network: '网络连接失败,请检查网络后重试',
    http: '请求失败(HTTP {status})',
    unauthorized: '登录已失效,请重新登录',
  },
  status: {
    draft: '草稿',
    submitted: '已提交',
    supervising_review: '归口审核中',
    national_review: '国家审核中',
    returned: '已退回',
    approved: '已批复',
    rejected: '未通过',
  },
  unitKind: { ...UNIT_KIND_NAMES['zh-CN'] } as Record<UnitKind, string>,
  role: { ...ROLE_NAMES['zh-CN'] } as Record<Role, string>,
  unavailable: {
    title: '模块暂时不可用',
    description: '「{area}」模块暂时无法加载,可能正在发布新版本或网络不稳定。其他模块不受影响,您可以稍后重试。',
    detailToggle: '技术信息(供技术支持查看)',
    retrying: '正在重试…',
  },
};

export type KitMessages = typeof kitZhCN;

export const kitEnUS: KitMessages = {
  app: { title: 'Foreign Expert Project Management Information System' },
  area: {
    home: 'Home',
    projects: 'Projects',
    experts: 'Experts',
    reports: 'Annual reports',
    admin: 'Administration',
  },
  common: {
    query: 'Search',
    reset: 'Reset',
    expand: 'More filters',
    collapse: 'Fewer filters',
    more: 'More',
    back: 'Back',
    loading: 'Loading…',
    empty: 'No data',
    retry: 'Retry',
    total: '{n} in total',
    actions: 'Actions',
    view: 'View',
    all: 'All',
    buildLabel: 'Version {label}',
    notFound: 'Page not found',
  },
  errors: {
    network: 'Network error. Check your connection and try again.',
    http: 'Request failed (HTTP {status})',
    unauthorized: 'Your session has ended. Please sign in again.',
  },
  status: {
    draft: 'Draft',
    submitted: 'Submitted',
    supervising_review: 'Supervising review',
    national_review: 'National review',
    returned: 'Returned',
    approved: 'Approved',
    rejected: 'Rejected',
  },
  unitKind: { ...UNIT_KIND_NAMES['en-US'] },
  role: { ...ROLE_NAMES['en-US'] },
  unavailable: {
    title: 'Module temporarily unavailable',
    description:
      'The “{area}” module cannot be loaded right now; a new version may be being published or the network is unstable. Other modules keep working; please try again shortly.',
    detailToggle: 'Technical details (for technical support)',
    retrying: 'Retrying…',
  },
};
