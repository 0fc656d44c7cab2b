// The real renderers behind load-area.ts: the 模块暂时不可用 panel (a small Vue app of its own) and a loading line.
import { createApp, h } from 'vue';
import { ElConfigProvider } from 'element-plus';
import { ModuleUnavailable, installKit, translate, useElementLocale, getI18n } from '@wgzj/shell/kit';
import type { FailurePanelProps, Render } from './load-area.ts';
import type { AreaName } from '../areas.ts';

/** One short line for support staff: our code and the first line of the cause (the MF runtime's are long). */
function detailOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  const short = message.length > 140 ? `${message.slice(0, 140)}…` : message;
  return typeof code === 'string' ? `${code} · ${short}` : short;
}

export const renderFailurePanel: Render<FailurePanelProps> = (container, props) => {
  const host = document.createElement('div');
  container.appendChild(host);
  const app = createApp({
    setup() {
      const elementLocale = useElementLocale();
      const { t } = getI18n().global;
      return () =>
        h(ElConfigProvider, { locale: elementLocale.value }, () =>
          h(ModuleUnavailable, {
            areaName: t(`area.${props.area}`),
            detail: detailOf(props.error),
            onRetry: props.onRetry,
          }),
        );
    },
  });
  installKit(app);
  app.mount(host);
  return () => {
    app.unmount();
    host.remove();
  };
};

export const renderLoading: Render<{ area: AreaName }> = (container) => {
  const line = document.createElement('div');
  line.className = 'wgzj-area-loading';
  line.textContent = translate('common.loading');
  container.appendChild(line);
  return () => line.remove();
};
