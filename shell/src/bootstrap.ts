// Shell start-up: session, layout, remote registry, and one single-spa application per area.
import 'element-plus/dist/index.css';
import './shell.css';
import { createApp } from 'vue';
import { registerApplication, start } from 'single-spa';
import { getInstance } from '@module-federation/enhanced/runtime';
import { addMessages, currentLocale, installKit, kitPinia, setLocale, translate, useAuthStore } from '@wgzj/shell/kit';
import { AREAS, areaPath } from './areas.ts';
import { shellEnUS, shellZhCN } from './messages.ts';
import { fetchSession, redirectToSignIn } from './session/session.ts';
import { trackCurrentPath } from './current-path.ts';
import { createRegistryReader, createRemoteLoader, type FederationRuntime } from './remotes/registry.ts';
import { createAreaApplication } from './remotes/load-area.ts';
import { renderFailurePanel, renderLoading } from './remotes/panels.ts';
import { exposeSharedDebug } from './remotes/shared-debug.ts';
import { loadTodoIntoStore } from './home/load-home.ts';
import { keepTodoFresh } from './home/todo-refresh.ts';
import ShellLayout from './layout/ShellLayout.vue';

function showBootMessage(text: string): void {
  const root = document.getElementById('shell-root');
  if (root) root.innerHTML = `<div class="shell-boot-message">${text}</div>`;
}

async function main(): Promise<void> {
  addMessages({ 'zh-CN': shellZhCN, 'en-US': shellEnUS });
  setLocale(currentLocale());
  exposeSharedDebug();
  showBootMessage(translate('shell.loadingSession'));

  // Read the registry while the session is checked; areas wait for it only when first visited.
  const readRegistry = createRegistryReader(globalThis.fetch.bind(globalThis));
  readRegistry({ fresh: false }).catch(() => undefined);

  const session = await fetchSession();
  if (session.kind === 'signed-out') {
    redirectToSignIn();
    return;
  }
  if (session.kind === 'unreachable') {
    console.error('[shell] /auth/me failed', session.error);
    showBootMessage(translate('shell.sessionError'));
    return;
  }
  const auth = useAuthStore(kitPinia);
  auth.user = session.user;
  auth.csrfToken = session.csrfToken;

  const root = document.getElementById('shell-root')!;
  root.innerHTML = '';
  const app = createApp(ShellLayout);
  installKit(app);
  app.mount(root);
  trackCurrentPath();
  void loadTodoIntoStore();
  keepTodoFresh({ reload: () => loadTodoIntoStore({ quiet: true }) });

  const federation = getInstance();
  if (!federation) throw new Error('Module Federation host instance missing');
  const loadArea = createRemoteLoader({ readRegistry, federation: federation as unknown as FederationRuntime });

  for (const area of AREAS) {
    registerApplication({
      name: `area-${area}`,
      app: createAreaApplication(area, {
        loadArea,
        outlet: () => document.getElementById('area-outlet')!,
        renderFailure: renderFailurePanel,
        renderLoading,
        mountProps: () => ({ basePath: areaPath(area) }),
        onError: (name, error) => console.error(`[shell] area ${name} failed`, error),
      }),
      activeWhen: areaPath(area),
    });
  }
  start({ urlRerouteOnly: true });
}

void main();
