// Whether the caller's unit may write to the expert library yet (the kit's registration rule): a unit whose
// registration is not approved enters, edits and claims no experts. Asked by every expert write and by the screens
// before the user starts.
import { defineUnitStanding } from '@wgzj/gateway/kit';

export const { unitStanding, requireUnitStanding } = defineUnitStanding({
  'zh-CN': '新增、修改或认领专家',
  'en-US': 'add, edit and claim experts',
});
