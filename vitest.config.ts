import { defineConfig } from 'vitest/config';

// One suite for the whole repo: server tests run in node, UI tests opt into happy-dom per file.
export default defineConfig({
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
