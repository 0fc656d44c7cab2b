// The URL path as a Vue ref, kept in step with single-spa's routing (the shell itself has no vue-router).
import { ref } from 'vue';

export const currentPath = ref(typeof window === 'undefined' ? '/' : window.location.pathname);

export function trackCurrentPath(target: Window = window): void {
  const update = () => {
    currentPath.value = target.location.pathname;
  };
  target.addEventListener('single-spa:routing-event', update);
  target.addEventListener('popstate', update);
}
