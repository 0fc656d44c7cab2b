// The shell: single-spa root config and Module Federation host named `shell`; remotes are registered at run time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import webpack from 'webpack';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { ModuleFederationPlugin } from '@module-federation/enhanced/webpack';
import { commonModuleRules, commonPlugins, commonResolve, initialChunkFilename, modeOf } from './build/common.js';
import { VUE_FLAGS, hostShared } from './build/shared.js';

const shellDir = import.meta.dirname;

/**
 * Copies files into dist under their own names, unhashed: the icon the page links to, and /favicon.ico, which a
 * browser asks for on pages that link none (the gateway's own pages are served from the same origin).
 */
class EmitStaticFiles {
  constructor(files) {
    this.files = files;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('EmitStaticFiles', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'EmitStaticFiles', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const file of this.files) {
            const source = path.join(shellDir, file);
            compilation.fileDependencies.add(source);
            compilation.emitAsset(path.basename(file), new webpack.sources.RawSource(readFileSync(source)));
          }
        },
      );
    });
  }
}

export default (_env, argv) => {
  const mode = modeOf(argv);
  return {
    mode,
    context: shellDir,
    entry: { main: './src/index.ts' },
    devtool: mode === 'production' ? false : 'eval-cheap-module-source-map',
    output: {
      path: path.join(shellDir, 'dist'),
      publicPath: '/',
      uniqueName: 'shell',
      filename: initialChunkFilename,
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    module: { rules: commonModuleRules() },
    resolve: commonResolve,
    plugins: [
      ...commonPlugins(),
      new webpack.DefinePlugin(VUE_FLAGS),
      new ModuleFederationPlugin({
        name: 'shell',
        // No static remotes: src/remotes/registry.ts registers them from /remotes.json at run time.
        remotes: {},
        shared: hostShared(),
        shareStrategy: 'loaded-first',
        manifest: false,
        dts: false,
      }),
      new EmitStaticFiles(['src/favicon.svg', 'src/favicon.ico']),
      new HtmlWebpackPlugin({
        template: './src/index.html',
        scriptLoading: 'defer',
        inject: 'head',
      }),
    ],
    optimization: {
      splitChunks: {
        cacheGroups: {
          // The kit's CSS is reached both from the shell's bootstrap and from the share scope; without this it is
          // extracted into two identical files. One stylesheet for everything the shell itself styles.
          styles: { name: 'styles', type: 'css/mini-extract', chunks: 'all', enforce: true },
        },
      },
    },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
