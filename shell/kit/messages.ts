// Messages every area shares: common words, review states, unit kinds, roles, area names, the failure panel. The
// texts are one JSON file per locale beside this one; role and unit-kind names are the shared contract's
// (gateway/kit/shared/roles.ts), which the servers read too, so they are added here rather than written again.
import { ROLE_NAMES, UNIT_KIND_NAMES, type Role, type UnitKind } from '@wgzj/gateway/kit/shared/roles';
import type { SameKeysAs } from './i18n.ts';
import zhJson from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

const enTexts: SameKeysAs<typeof zhJson, typeof enJson> = enJson;

export const kitZhCN = {
  ...zhJson,
  unitKind: { ...UNIT_KIND_NAMES['zh-CN'] } as Record<UnitKind, string>,
  role: { ...ROLE_NAMES['zh-CN'] } as Record<Role, string>,
};

export type KitMessages = typeof kitZhCN;

export const kitEnUS: KitMessages = {
  ...enTexts,
  unitKind: { ...UNIT_KIND_NAMES['en-US'] },
  role: { ...ROLE_NAMES['en-US'] },
};
