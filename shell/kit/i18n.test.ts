// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  localStorage.clear();
  vi.resetModules();
});

describe('kit i18n', () => {
  it('defaults to zh-CN', async () => {
    const { getI18n, currentLocale, translate } = await import('./i18n.ts');
    expect(currentLocale()).toBe('zh-CN');
    expect(getI18n().global.locale.value).toBe('zh-CN');
    expect(translate('app.title')).toBe('外国专家项目管理信息系统');
  });

  it('starts in the language remembered in localStorage, and remembers a switch', async () => {
    localStorage.setItem('wgzj.locale', 'en-US');
    const { currentLocale, setLocale, translate } = await import('./i18n.ts');
    expect(currentLocale()).toBe('en-US');
    expect(translate('common.retry')).toBe('Retry');
    setLocale('zh-CN');
    expect(localStorage.getItem('wgzj.locale')).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(translate('common.retry')).toBe('重试');
  });

  it('ignores an unknown remembered language', async () => {
    localStorage.setItem('wgzj.locale', 'fr-FR');
    const { currentLocale } = await import('./i18n.ts');
    expect(currentLocale()).toBe('zh-CN');
  });

  it("merges an area's messages into the shared instance without losing the kit's", async () => {
    const { addMessages, translate, setLocale } = await import('./i18n.ts');
    addMessages({ 'zh-CN': { projects: { title: '项目库' } }, 'en-US': { projects: { title: 'Projects' } } });
    expect(translate('projects.title')).toBe('项目库');
    expect(translate('common.more')).toBe('更多');
    setLocale('en-US');
    expect(translate('projects.title')).toBe('Projects');
  });
});
