// 用户管理 texts in both languages, one JSON file each (merged into the area's messages under `admin.users`).
// Named values are `{0}` (list interpolation): the zh-CN texts keep no Latin words, placeholders included.
import type { SameKeysAs } from '@wgzj/shell/kit';
import zhCN from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

const enUS: SameKeysAs<typeof zhCN, typeof enJson> = enJson;

export const usersMessages = { 'zh-CN': zhCN, 'en-US': enUS };
