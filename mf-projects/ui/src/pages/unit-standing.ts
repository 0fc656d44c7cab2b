// Whether the caller's unit may start plans yet (its registration approved): 新报计划 says so before the user starts,
// with the reason and a link to the unit's registration page. The server refuses the same (UNIT_REGISTRATION_PENDING).
import { computed, onMounted, shallowRef, watch } from 'vue';
import { api, useLocale } from '@wgzj/shell/kit';
import { PROJECTS_API } from './plan-paths.ts';

export interface UnitStanding {
  state: 'draft' | 'supervising_review' | 'national_review' | 'returned' | 'approved';
  mayWrite: boolean;
  message: string | null;
  registrationPage: string | null;
}

export function useUnitStanding() {
  const locale = useLocale();
  const standing = shallowRef<UnitStanding | null>(null);
  /** Settles once the standing is known (or could not be read), so an entry that opens at once can wait for it. */
  const ready = shallowRef(false);
  async function load(): Promise<void> {
    try {
      standing.value = await api.get<UnitStanding>(`${PROJECTS_API}/unit-standing`);
    } catch {
      // Unknown: 新报计划 stays offered and the server's refusal says what to do.
      standing.value = null;
    } finally {
      ready.value = true;
    }
  }
  onMounted(load);
  watch(locale, load);
  const mayStart = computed(() => standing.value?.mayWrite !== false);
  return { standing, mayStart, ready };
}
