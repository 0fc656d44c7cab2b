// The choices unit forms offer, loaded once per page: provinces (GB/T 2260) and active supervising units.
import { onMounted, shallowRef } from 'vue';
import { api, showApiError } from '@wgzj/shell/kit';
import type { Region, SupervisingOption } from './unit-page.ts';

export function useRegions() {
  const regions = shallowRef<Region[]>([]);
  onMounted(async () => {
    try {
      regions.value = (await api.get<{ items: Region[] }>('/api/admin/regions'))?.items ?? [];
    } catch (error) {
      showApiError(error);
    }
  });
  return regions;
}

/** Loaded on demand: only an employer unit's editor needs them. */
export function useSupervisingOptions() {
  const options = shallowRef<SupervisingOption[]>([]);
  let loaded = false;
  async function load(): Promise<void> {
    if (loaded) return;
    loaded = true;
    try {
      options.value = (await api.get<{ items: SupervisingOption[] }>('/api/admin/units/supervising-options'))?.items ?? [];
    } catch (error) {
      loaded = false;
      showApiError(error);
    }
  }
  return { options, load };
}
