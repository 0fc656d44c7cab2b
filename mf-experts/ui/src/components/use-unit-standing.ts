// Whether the caller's unit may write to the library yet (its registration approved), read once per page so the
// screens say so before the user starts: 新增专家, 认领专家 and 批量导入 stay disabled with the reason and a link to
// the unit's registration page. The server refuses the same writes anyway (UNIT_REGISTRATION_PENDING).
import { computed, onMounted, shallowRef, watch } from 'vue';
import { api, useLocale } from '@wgzj/shell/kit';
import type { UnitStanding } from '../expert-types.ts';

export function useUnitStanding() {
  const locale = useLocale();
  const standing = shallowRef<UnitStanding | null>(null);
  async function load(): Promise<void> {
    try {
      standing.value = await api.get<UnitStanding>('/api/experts/unit-standing');
    } catch {
      // Unknown: the buttons stay offered and the server's refusal says what to do.
      standing.value = null;
    }
  }
  onMounted(load);
  // The note comes in the page language.
  watch(locale, load);
  const mayWrite = computed(() => standing.value?.mayWrite !== false);
  return { standing, mayWrite, reload: load };
}

/** Opens a page of another area inside the shell (single-spa routes on history changes; no reload). */
export function goToOtherArea(url: string): void {
  window.history.pushState(null, '', url);
}
