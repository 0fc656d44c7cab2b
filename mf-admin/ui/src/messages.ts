// 系统管理 texts in both languages; each part keeps its own file and is merged here under `admin.<part>`.
import { accountsMessages } from './accounts/messages.ts';
import { auditMessages } from './audit/messages.ts';
import { diagnosticsMessages } from './diagnostics/messages.ts';
import { noticesMessages } from './notices/messages.ts';
import { supervisingMessages } from './supervising/messages.ts';
import { unitsMessages } from './units/messages.ts';
import { usersMessages } from './users/messages.ts';

const parts = {
  units: unitsMessages,
  users: usersMessages,
  supervising: supervisingMessages,
  accounts: accountsMessages,
  notices: noticesMessages,
  audit: auditMessages,
  diagnostics: diagnosticsMessages,
};

const menu = {
  'zh-CN': {
    units: '单位管理',
    users: '用户管理',
    supervising: '归口管理单位',
    accounts: '帐号查询',
    notices: '通知公告',
    audit: '审计日志',
    diagnostics: '网关诊断',
  },
  'en-US': {
    units: 'Units',
    users: 'Users',
    supervising: 'Supervising units',
    accounts: 'Account lookup',
    notices: 'Notices',
    audit: 'Audit log',
    diagnostics: 'Gateway diagnostics',
  },
};

const forbidden = {
  'zh-CN': { title: '无权访问', description: '您的角色不能打开此页面,请从左侧或上方菜单选择您可以使用的功能。' },
  'en-US': { title: 'Not available to you', description: 'Your role cannot open this page; choose one of the items your menus offer.' },
};

function assemble(locale: 'zh-CN' | 'en-US') {
  const admin: Record<string, unknown> = { menu: menu[locale], forbidden: forbidden[locale] };
  for (const [key, part] of Object.entries(parts)) admin[key] = part[locale];
  return { admin };
}

export const messages = { 'zh-CN': assemble('zh-CN'), 'en-US': assemble('en-US') };
