// 年度报告库 texts in both languages, one JSON file each.
import type { SameKeysAs } from '@wgzj/shell/kit';
import zhCN from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

const enUS: SameKeysAs<typeof zhCN, typeof enJson> = enJson;

export const messages = { 'zh-CN': zhCN, 'en-US': enUS };
