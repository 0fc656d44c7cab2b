// 网关诊断 texts in both languages, one JSON file each (merged into the area's messages under `admin.diagnostics`).
import type { SameKeysAs } from '@wgzj/shell/kit';
import zhCN from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

const enUS: SameKeysAs<typeof zhCN, typeof enJson> = enJson;

export const diagnosticsMessages = { 'zh-CN': zhCN, 'en-US': enUS };
