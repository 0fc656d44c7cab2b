// @vitest-environment happy-dom
// 查看明细 → the field: it is found by its path even when it appears a moment later (a drawer opening), scrolled to
// and given the cursor (its input, not its blue `!`).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jumpToField } from './jump-to-field.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('jumpToField', () => {
  it('scrolls to the field, puts the cursor in its input rather than on the `!`, and lights it up', async () => {
    document.body.innerHTML = `
      <div data-path="content.leader"><label>项目负责人<button class="wgzj-field-hint">!</button></label><input id="leader"></div>
      <div data-path="visits.v1.city"><input id="city"></div>`;
    const scrolled = vi.fn();
    HTMLElement.prototype.scrollIntoView = scrolled;
    const found = await jumpToField('visits.v1.city', { flashMs: 10 });
    expect(found?.dataset['path']).toBe('visits.v1.city');
    expect(document.activeElement?.id).toBe('city');
    expect(scrolled).toHaveBeenCalledWith({ block: 'center' });
    expect(found?.classList.contains('plan-jumped')).toBe(true);
    await jumpToField('content.leader', { flashMs: 10 });
    expect(document.activeElement?.id).toBe('leader');
  });

  it('waits for a field that is not there yet (a drawer still opening), and gives up on one that never comes', async () => {
    HTMLElement.prototype.scrollIntoView = vi.fn();
    setTimeout(() => {
      document.body.innerHTML = '<div data-path="visits.v9.startDate"><input readonly id="start"></div>';
    }, 30);
    const found = await jumpToField('visits.v9.startDate', { timeoutMs: 1000, flashMs: 10 });
    expect(found).not.toBeNull();
    expect(document.activeElement?.id).toBe('start');
    expect(await jumpToField('visits.none.city', { timeoutMs: 50 })).toBeNull();
  });
});
