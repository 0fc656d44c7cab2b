// Texts of the plan screens (list, entry page, print), under `projects.`, one JSON file per locale. The English texts
// have the same keys by type, so neither language can miss one. State and funding names are the plans API's too
// (mf-projects/shared), so they are added here rather than written again.
import type { SameKeysAs } from '@wgzj/shell/kit';
import { FUNDING_FIELD_LABELS, FUNDING_SUM_NAMES } from '../../../shared/funding-names.ts';
import type { FundingField, PlanState } from '../../../shared/plan-shapes.ts';
import { PLAN_STATE_NAMES } from '../../../shared/plan-states.ts';
import zhJson from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

const enTexts: SameKeysAs<typeof zhJson, typeof enJson> = enJson;

const zhCN = {
  ...zhJson,
  state: { ...PLAN_STATE_NAMES['zh-CN'] } as Record<PlanState, string>,
  funding: {
    ...(FUNDING_FIELD_LABELS['zh-CN'] as Record<FundingField, string>),
    living: FUNDING_SUM_NAMES['zh-CN'].livingCosts as string,
    pocket: FUNDING_SUM_NAMES['zh-CN'].pocketMoney as string,
  },
};

export type PlanMessages = typeof zhCN;

const enUS: PlanMessages = {
  ...enTexts,
  state: { ...PLAN_STATE_NAMES['en-US'] },
  funding: {
    ...FUNDING_FIELD_LABELS['en-US'],
    living: FUNDING_SUM_NAMES['en-US'].livingCosts,
    pocket: FUNDING_SUM_NAMES['en-US'].pocketMoney,
  },
};

export const planMessages = { 'zh-CN': zhCN, 'en-US': enUS };
