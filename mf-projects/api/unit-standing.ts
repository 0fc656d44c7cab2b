// Whether the caller's unit may apply yet (the kit's registration rule): a unit whose registration is not approved
// starts no plan (新报计划) and submits none (提交) — such a plan would wait at a level no one reviews. Asked by both
// routes and by the screens before the user starts.
import { defineUnitStanding } from '@wgzj/gateway/kit';

export const { unitStanding, requireUnitStanding } = defineUnitStanding({
  'zh-CN': '新报计划、提交计划',
  'en-US': 'start and submit plans',
});
