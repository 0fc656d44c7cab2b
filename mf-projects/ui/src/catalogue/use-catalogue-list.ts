// A catalogue list page (申报批次, 项目类别): everyone reads the list; the catalogue's editor opens one entry, or a
// new one, in its dialog, and the list is read again once the dialog saved.
import { computed, ref, shallowRef } from 'vue';
import { useApiList, useAuthStore } from '@wgzj/shell/kit';
import { CATALOGUE_EDITOR_ROLE } from './catalogue-api.ts';

export function useCatalogueList<T>(path: string) {
  const auth = useAuthStore();
  const mayEdit = computed(() => auth.user?.role === CATALOGUE_EDITOR_ROLE);
  const { items, loading, reload } = useApiList<T>(path);

  /** The entry in the dialog; null for a new one. */
  const editing = shallowRef<T | null>(null);
  const dialogOpen = ref(false);
  function openDialog(entry: T | null): void {
    editing.value = entry;
    dialogOpen.value = true;
  }
  return { mayEdit, items, loading, reload, editing, dialogOpen, openDialog };
}
