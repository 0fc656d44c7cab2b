// Deploying one remote alone: rebuild and publish the reports remote, and users get it at their next page
// load — without rebuilding the shell or touching the other remotes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DATA_DIR } from './playwright.config.ts';
import { openArea, signIn } from './support.ts';

const ROOT = resolve(import.meta.dirname, '..');

interface Registry {
  areas: Record<string, { manifest: string; version: string }>;
}

test('republishing one remote changes what users get, and nothing else', async ({ page, request }) => {
  test.setTimeout(240_000);
  const before = (await (await request.get('/remotes.json')).json()) as Registry;

  await signIn(page, 'supervisor_bj');
  await openArea(page, '年度报告库');
  await expect(page.getByText('2025').first()).toBeVisible();
  await expect(page.getByTestId('area-build-label')).toHaveCount(0);
  const shellScripts = await page.locator('script[src]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));

  const label = `e2e-${Date.now().toString(36)}`;
  const out = mkdtempSync(join(tmpdir(), 'wgzj-reports-'));
  try {
    execFileSync('npx', ['webpack', '--config', 'mf-reports/ui/webpack.config.js', '--mode', 'production'], {
      cwd: ROOT,
      env: { ...process.env, REMOTE_BUILD_LABEL: label, REMOTE_OUT_DIR: out },
      stdio: 'pipe',
    });
    execFileSync('npx', ['tsx', 'gateway/src/remotes/publish-cli.ts', 'reports', out], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: resolve(ROOT, DATA_DIR) },
      stdio: 'pipe',
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const after = (await (await request.get('/remotes.json')).json()) as Registry;
  expect(after.areas['reports']!.version).not.toBe(before.areas['reports']!.version);
  for (const area of ['projects', 'experts', 'admin']) expect(after.areas[area]).toEqual(before.areas[area]);

  await page.reload();
  await expect(page.getByTestId('area-build-label')).toHaveText(new RegExp(label));
  await expect(page.getByText('2025').first()).toBeVisible();
  const shellScriptsAfter = await page.locator('script[src]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
  expect(shellScriptsAfter.filter((s) => !s.includes('/remotes/'))).toEqual(shellScripts.filter((s) => !s.includes('/remotes/')));

  // The other areas are exactly as they were.
  await openArea(page, '项目库');
  await expect(page.getByText('量子材料方向外国青年人才交流项目')).toBeVisible();
  await expect(page.getByTestId('area-build-label')).toHaveCount(0);
});
