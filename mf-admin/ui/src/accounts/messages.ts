// Texts of 帐号查询 (account lookup and password reset by an administrator) in both languages, one JSON file each,
// merged into the area's messages under `admin.accounts`.
import type { SameKeysAs } from '@wgzj/shell/kit';
import zhCN from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

const enUS: SameKeysAs<typeof zhCN, typeof enJson> = enJson;

export const accountsMessages = { 'zh-CN': zhCN, 'en-US': enUS };
