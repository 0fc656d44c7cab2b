// Mirrors shell/build/shared.js: the libraries that must exist once in the page.
export const SHARED_SINGLETONS = ['vue', 'pinia', 'vue-router', 'vue-i18n', 'element-plus', '@wgzj/shell/kit'] as const;
