import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// One suite for the whole repo: server tests run in node, UI tests opt into happy-dom per file.
// The Vue plugin compiles single-file components for the component tests (@vue/test-utils). Element Plus is the
// shell's (a remote takes it from the shell at run time), so a remote's component resolves it there too.
export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: [{ find: /^element-plus$/, replacement: fileURLToPath(new URL('./shell/node_modules/element-plus', import.meta.url)) }],
  },
  test: {
    include: ['gateway/**/*.test.ts', 'shell/**/*.test.ts', 'mf-*/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
