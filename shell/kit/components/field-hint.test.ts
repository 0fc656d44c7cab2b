// @vitest-environment happy-dom
// The blue `!`: opened by a click (a button's Enter and Space are clicks), closed by Escape (focus back on the `!`)
// or by a press outside it; never by hovering.
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { mount, type VueWrapper } from '@vue/test-utils';
import { useFieldHint } from './field-hint.ts';

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
});

function mounted() {
  let state!: ReturnType<typeof useFieldHint>;
  const Hint = defineComponent({
    setup() {
      const button = ref<HTMLElement | null>(null);
      const bubble = ref<HTMLElement | null>(null);
      state = useFieldHint({ button, bubble: () => bubble.value });
      return () =>
        h('div', [
          h('button', { ref: button, type: 'button', 'data-hint': '', onClick: state.toggle }, '!'),
          state.open.value ? h('div', { ref: bubble, 'data-bubble': '' }, '说明') : null,
          h('input', { 'data-other': '' }),
        ]);
    },
  });
  wrapper = mount(Hint, { attachTo: document.body });
  return { state, wrapper };
}

const press = (target: Element) => target.dispatchEvent(new Event('pointerdown', { bubbles: true }));
const key = (target: Element, name: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));

describe('useFieldHint', () => {
  it('stays closed when hovered and opens on a click; a second click closes it', async () => {
    const { state, wrapper } = mounted();
    await wrapper.find('[data-hint]').trigger('mouseenter');
    expect(state.open.value).toBe(false);
    await wrapper.find('[data-hint]').trigger('click');
    expect(wrapper.find('[data-bubble]').exists()).toBe(true);
    await wrapper.find('[data-hint]').trigger('click');
    expect(state.open.value).toBe(false);
  });

  it('closes on Escape and gives the focus back to the `!`, without the Escape reaching a dialog around it', async () => {
    const { state, wrapper } = mounted();
    let reachedDialog = false;
    const onDialogKey = () => (reachedDialog = true);
    document.addEventListener('keydown', onDialogKey);
    await wrapper.find('[data-hint]').trigger('click');
    (wrapper.find('[data-other]').element as HTMLElement).focus();
    key(wrapper.find('[data-other]').element, 'Escape');
    await nextTick();
    expect(state.open.value).toBe(false);
    expect(document.activeElement).toBe(wrapper.find('[data-hint]').element);
    expect(reachedDialog).toBe(false);
    document.removeEventListener('keydown', onDialogKey);
  });

  it('closes on a press outside, and stays open for a press inside its bubble', async () => {
    const { state, wrapper } = mounted();
    await wrapper.find('[data-hint]').trigger('click');
    press(wrapper.find('[data-bubble]').element);
    expect(state.open.value).toBe(true);
    press(wrapper.find('[data-other]').element);
    expect(state.open.value).toBe(false);
  });

  it('listens to the page only while open: Escape with every hint closed reaches the dialog', async () => {
    const { state, wrapper } = mounted();
    let reachedDialog = false;
    document.addEventListener('keydown', () => (reachedDialog = true), { once: true });
    key(wrapper.find('[data-other]').element, 'Escape');
    expect(reachedDialog).toBe(true);
    expect(state.open.value).toBe(false);
  });
});
