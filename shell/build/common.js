// Loader rules and resolution shared by the shell's and the remotes' webpack configs.
import MiniCssExtractPlugin from 'mini-css-extract-plugin';
import { VueLoaderPlugin } from 'vue-loader';

export function commonModuleRules() {
  return [
    { test: /\.vue$/, loader: 'vue-loader' },
    {
      test: /\.ts$/,
      loader: 'esbuild-loader',
      options: { loader: 'ts', target: 'es2020' },
    },
    { test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
  ];
}

export const commonResolve = {
  extensions: ['.ts', '.js', '.vue', '.json'],
  extensionAlias: { '.js': ['.ts', '.js'] },
};

export function commonPlugins() {
  return [
    new VueLoaderPlugin(),
    new MiniCssExtractPlugin({
      filename: '[name].[contenthash:8].css',
      chunkFilename: '[name].[contenthash:8].css',
    }),
  ];
}

/**
 * `output.filename` for initial chunks. The federation runtime module asks webpack for the entry chunk's file
 * name while the chunk is being hashed, only to learn how deep the output directory is; a literal
 * `[contenthash]` cannot be filled in then and fails the build. Before the hash exists we answer with the same
 * path without it (same depth); the emitted file is content-hashed as usual.
 */
export function initialChunkFilename(pathData) {
  const hasHash = Boolean(pathData?.contentHash || pathData?.chunk?.contentHash?.javascript);
  return hasHash ? '[name].[contenthash:8].js' : '[name].js';
}

/** webpack-cli passes `--mode`; the Node API (scripts/build.mjs) passes it the same way. */
export function modeOf(argv) {
  return argv?.mode === 'development' ? 'development' : 'production';
}
