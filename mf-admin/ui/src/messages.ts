// 系统管理 texts in both languages, one JSON file each; each part keeps its own pair in its folder and is merged here
// under `admin.<part>`.
import type { SameKeysAs } from '@wgzj/shell/kit';
import zhCN from './messages.zh-CN.json';
import enJson from './messages.en-US.json';
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

// The area's own texts: its menu and the page a role may not open.
const enUS: SameKeysAs<typeof zhCN, typeof enJson> = enJson;
const own = { 'zh-CN': zhCN, 'en-US': enUS };

function assemble(locale: 'zh-CN' | 'en-US') {
  const admin: Record<string, unknown> = { ...own[locale] };
  for (const [key, part] of Object.entries(parts)) admin[key] = part[locale];
  return { admin };
}

export const messages = { 'zh-CN': assemble('zh-CN'), 'en-US': assemble('en-US') };
