// 查看明细 → the field: waits a moment for the field marked `data-path` to be there (a drawer may be opening),
// scrolls it to the middle of the screen, puts the cursor in it and lights it up for a moment.

/** What takes the cursor in a field: its input first (a date picker's too), else a control that is not the `!`. */
const FOCUSABLE = [
  'input:not([type="hidden"]):not([disabled])',
  'textarea:not([disabled])',
  'select:not([disabled])',
  'button:not([disabled]):not(.wgzj-field-hint)',
  '[tabindex="0"]',
].join(', ');

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export function fieldElement(path: string, root: ParentNode = document): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
}

export async function jumpToField(path: string, options: { root?: ParentNode; timeoutMs?: number; flashMs?: number } = {}): Promise<HTMLElement | null> {
  const until = Date.now() + (options.timeoutMs ?? 1500);
  for (;;) {
    const element = fieldElement(path, options.root);
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.querySelector<HTMLElement>(FOCUSABLE)?.focus({ preventScroll: true });
      element.classList.add('plan-jumped');
      setTimeout(() => element.classList.remove('plan-jumped'), options.flashMs ?? 2000);
      return element;
    }
    if (Date.now() > until) return null;
    await nextFrame();
  }
}
