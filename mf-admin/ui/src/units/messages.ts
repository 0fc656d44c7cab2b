// 单位管理 texts in both languages, one JSON file each (merged into the area's messages under `admin.units`). The
// review box and the 审核记录 timeline (components/ReviewPanel.vue, ReviewHistory.vue) read theirs from `review` here.
import type { SameKeysAs } from '@wgzj/shell/kit';
import zhCN from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

const enUS: SameKeysAs<typeof zhCN, typeof enJson> = enJson;

export const unitsMessages = { 'zh-CN': zhCN, 'en-US': enUS };
