// Turns an area's routes and messages into the single-spa lifecycles its remote exposes as `./app`.
import { createApp, h, type Component } from 'vue';
import { RouterView, createRouter, createWebHistory, type NavigationGuardWithThis, type Router, type RouteRecordRaw } from 'vue-router';
import singleSpaVue from 'single-spa-vue';
import { addMessages, type AreaMessages } from './i18n.ts';
import { installKit } from './install.ts';
import AreaFrame from './components/AreaFrame.vue';
import AreaNotFound from './components/AreaNotFound.vue';

export interface AreaAppOptions {
  /** URL prefix of the area, e.g. `/projects`; the area's router works below it. */
  basePath: string;
  routes: RouteRecordRaw[];
  messages: AreaMessages;
  /** The remote's build label (REMOTE_BUILD_LABEL at build time); shown in a muted footer when non-empty. */
  buildLabel?: string;
  /** Wraps the routed page, e.g. an area's own sub-navigation. */
  layout?: Component;
  /** Runs before every navigation inside the area, e.g. to send a role away from a page its menu does not offer. */
  beforeEach?: NavigationGuardWithThis<undefined>;
}

export interface AreaLifecycles {
  bootstrap(props: object): Promise<unknown>;
  mount(props: object): Promise<unknown>;
  unmount(props: object): Promise<unknown>;
}

export function defineAreaApp(options: AreaAppOptions): AreaLifecycles {
  addMessages(options.messages);

  // A fresh router per mount, and its history destroyed on unmount. A history left listening after its area
  // is gone would see single-spa's popstate for the next area's URL (with no state) and "repair" it by
  // replacing the URL with its own base prepended: /projects/experts.
  let router: Router | null = null;
  function createAreaRouter(): Router {
    const created = createRouter({
      history: createWebHistory(options.basePath),
      routes: [...options.routes, { path: '/:pathMatch(.*)*', component: AreaNotFound }],
    });
    if (options.beforeEach) created.beforeEach(options.beforeEach);
    return created;
  }

  const page = () => h(RouterView);
  const lifecycles = singleSpaVue({
    createApp,
    appOptions: {
      render: () =>
        h(AreaFrame, { buildLabel: options.buildLabel ?? '' }, () =>
          options.layout ? h(options.layout, null, page) : page(),
        ),
    },
    handleInstance(app) {
      installKit(app);
      router = createAreaRouter();
      app.use(router);
    },
  }) as AreaLifecycles;

  return {
    bootstrap: (props) => lifecycles.bootstrap(props),
    mount: (props) => lifecycles.mount(props),
    async unmount(props) {
      try {
        return await lifecycles.unmount(props);
      } finally {
        router?.options.history.destroy();
        router = null;
      }
    },
  };
}
