// The page-wide Pinia and i18n instances, and how any Vue app (the shell's or a remote's) plugs into them.
import type { App } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import { getI18n } from './i18n.ts';
import { useAuthStore } from './auth-store.ts';
import { createApiClient, signInUrl } from './api.ts';

/** One Pinia for the page: the auth store the shell fills is the one every remote reads. */
export const kitPinia = createPinia();

/**
 * Installs Pinia, the shared i18n and Element Plus into a Vue app. Safe to call for apps that mount and
 * unmount many times (remotes): vue-i18n's install wraps `app.unmount` to dispose the i18n instance's global
 * scope, which would freeze the language switch for the shell and every other area. We keep the original.
 */
export function installKit(app: App): void {
  app.use(kitPinia);
  const originalUnmount = app.unmount;
  app.use(getI18n());
  app.unmount = originalUnmount;
  app.use(ElementPlus);
}

const client = createApiClient({
  fetch: (input, init) => globalThis.fetch(input, init),
  csrfToken: () => useAuthStore(kitPinia).csrfToken,
  onUnauthorized: () => {
    window.location.assign(signInUrl(window.location));
  },
});

export const apiFetch = client.apiFetch;
export const api = client.api;
