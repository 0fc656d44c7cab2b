// Provinces (GB/T 2260) for the search form and the visits table, from the same endpoint the admin area uses.
import { onMounted, shallowRef } from 'vue';
import { api } from '@wgzj/shell/kit';

export interface Region {
  code: string;
  name: string;
}

export function useRegions() {
  const regions = shallowRef<Region[]>([]);
  onMounted(async () => {
    try {
      regions.value = (await api.get<{ items: Region[] }>('/api/admin/regions'))?.items ?? [];
    } catch {
      // Without names the visits table shows codes and the province filter stays empty; nothing else breaks.
    }
  });
  const regionName = (code: string | null | undefined): string => (code ? (regions.value.find((r) => r.code === code)?.name ?? code) : '');
  return { regions, regionName };
}
