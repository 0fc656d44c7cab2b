// 专家库 texts in both languages, one JSON file each (zh-CN is the default; the wording follows the training slides).
import type { SameKeysAs } from '@wgzj/shell/kit';
import zhCN from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

const enUS: SameKeysAs<typeof zhCN, typeof enJson> = enJson;

export const messages = { 'zh-CN': zhCN, 'en-US': enUS };
