// Cross-area journeys in Debian's Chromium against a real `npm start` (dev portal + gateway + remotes).
import { defineConfig } from '@playwright/test';

export const GATEWAY_PORT = Number(process.env['E2E_PORT'] ?? 18080);
export const PORTAL_PORT = Number(process.env['E2E_PORTAL_PORT'] ?? 18090);
export const DATA_DIR = process.env['E2E_DATA_DIR'] ?? '.tmp/e2e-data';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../.tmp/playwright.json' }]],
  outputDir: '../.tmp/playwright-results',
  use: {
    baseURL: `http://localhost:${GATEWAY_PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npm start',
    cwd: '..',
    url: `http://127.0.0.1:${GATEWAY_PORT}/readyz`,
    timeout: 300_000,
    reuseExistingServer: !process.env['CI'],
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(GATEWAY_PORT),
      PORTAL_PORT: String(PORTAL_PORT),
      DATA_DIR,
      CAPTCHA: 'off',
      LOG_LEVEL: 'warn',
    },
  },
});
