// The shell's own texts (header, navigation, home), one JSON file per locale; area texts live in each remote.
import type { SameKeysAs } from '@wgzj/shell/kit';
import zhJson from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

export const shellZhCN = zhJson;
export const shellEnUS: SameKeysAs<typeof zhJson, typeof enJson> = enJson;
