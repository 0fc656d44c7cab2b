// How the blue `!` of FieldHint.vue opens and closes: a click (or Enter/Space, which a button turns into a click)
// toggles it; Escape closes it and gives focus back to the `!`; a press anywhere outside the `!` and its bubble closes
// it. Hovering does nothing: the slides say 点击可以看到文字提醒, and a hover-only hint cannot be read on a touch screen.
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

export interface FieldHintParts {
  /** The `!` button. */
  button: Ref<HTMLElement | null>;
  /** The open bubble, wherever it was teleported to; null while closed. */
  bubble: () => HTMLElement | null;
}

export function useFieldHint(parts: FieldHintParts) {
  const open = ref(false);

  function toggle(): void {
    open.value = !open.value;
  }
  function close(refocus = false): void {
    if (!open.value) return;
    open.value = false;
    if (refocus) parts.button.value?.focus();
  }

  function onPress(event: Event): void {
    const target = event.target as Node | null;
    if (!target) return;
    if (parts.button.value?.contains(target) || parts.bubble()?.contains(target)) return;
    close();
  }
  function onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' || event.key === 'Esc') {
      // The hint is closed, not the dialog or drawer it sits in.
      event.stopPropagation();
      close(true);
    }
  }

  // Listeners only while a hint is open: a form may show dozens of them.
  function listen(on: boolean): void {
    const method = on ? 'addEventListener' : 'removeEventListener';
    document[method]('pointerdown', onPress, true);
    document[method]('keydown', onKey as EventListener, true);
  }
  watch(open, listen);
  onBeforeUnmount(() => listen(false));

  return { open, toggle, close };
}
