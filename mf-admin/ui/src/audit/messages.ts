// Texts of this part of 系统管理 in both languages, one JSON file each (merged into the area's messages under
// `admin.audit`). Actions, kinds of object and fields are named by the server (mf-admin/api/audit-catalogue.ts), in
// the request's language.
import type { SameKeysAs } from '@wgzj/shell/kit';
import zhCN from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

const enUS: SameKeysAs<typeof zhCN, typeof enJson> = enJson;

export const auditMessages = { 'zh-CN': zhCN, 'en-US': enUS };
