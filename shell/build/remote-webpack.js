// One factory for the four remotes' webpack configs: each `mf-<area>/ui/webpack.config.js` calls it with its area.
import path from 'node:path';
import webpack from 'webpack';
import { ModuleFederationPlugin } from '@module-federation/enhanced/webpack';
import { commonModuleRules, commonPlugins, commonResolve, initialChunkFilename, modeOf } from './common.js';
import { VUE_FLAGS, remoteShared } from './shared.js';

/**
 * @param {{ area: 'projects' | 'experts' | 'reports' | 'admin', uiDir: string }} options
 * @returns {(env: unknown, argv: { mode?: string }) => import('webpack').Configuration}
 */
export function createRemoteConfig({ area, uiDir }) {
  const name = `mf_${area}`;
  return (_env, argv) => {
    const mode = modeOf(argv);
    return {
      mode,
      context: uiDir,
      // The container entry is all a remote needs; ModuleFederationPlugin adds it.
      entry: {},
      devtool: mode === 'production' ? false : 'eval-cheap-module-source-map',
      output: {
        // REMOTE_OUT_DIR builds elsewhere (a canary, a test) without touching the area's own dist.
        path: process.env.REMOTE_OUT_DIR ? path.resolve(process.env.REMOTE_OUT_DIR) : path.join(uiDir, 'dist'),
        // Resolved from where remoteEntry.js was loaded, so one build works from any versioned URL.
        publicPath: 'auto',
        uniqueName: name,
        filename: initialChunkFilename,
        chunkFilename: '[name].[contenthash:8].js',
        clean: true,
      },
      module: { rules: commonModuleRules() },
      resolve: commonResolve,
      plugins: [
        ...commonPlugins(),
        new webpack.DefinePlugin({
          ...VUE_FLAGS,
          __REMOTE_BUILD_LABEL__: JSON.stringify(process.env.REMOTE_BUILD_LABEL ?? ''),
        }),
        new ModuleFederationPlugin({
          name,
          filename: 'remoteEntry.js',
          exposes: { './app': './src/app.ts' },
          shared: remoteShared(),
          shareStrategy: 'loaded-first',
          manifest: true,
          dts: false,
        }),
      ],
      performance: { hints: false },
      // The manifest plugin's note that publicPath 'auto' resolves from the host is expected here.
      infrastructureLogging: { level: 'error' },
      stats: 'errors-warnings',
    };
  };
}
