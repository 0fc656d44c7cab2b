// 项目库 texts in both languages: the plan screens' and the catalogue screens' (calls, templates).
import { catalogueMessages } from './catalogue/messages.ts';
import { planMessages } from './pages/messages.ts';

export const messages = {
  'zh-CN': { projects: { ...planMessages['zh-CN'], catalogue: catalogueMessages['zh-CN'] } },
  'en-US': { projects: { ...planMessages['en-US'], catalogue: catalogueMessages['en-US'] } },
};
