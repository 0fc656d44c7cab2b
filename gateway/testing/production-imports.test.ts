// Test equipment stays out of what ships: no production file may import this folder (`@wgzj/gateway/testing`), an
// area's own `testing/` folder, or a test runner. Production is every source file of the repository that is not a
// test (*.test.ts, *.spec.ts), not under a `testing/` folder and not in e2e/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = /\.(ts|mts|js|mjs|cjs|vue)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);
// The benchmarks measure the real stack the tests start, on purpose; they are run by hand and never deployed.
const DRIVES_THE_TEST_STACK = /^scripts\/bench(-[a-z]+)?\.ts$/;
const TEST_RUNNERS = new Set(['vitest', '@vue/test-utils', '@playwright/test', 'fast-check', 'happy-dom']);

const isTestSupport = (path: string) =>
  /\.(test|spec)\.[cm]?[jt]s$/.test(path) ||
  /(^|\/)vitest\.config\.[cm]?[jt]s$/.test(path) ||
  path.startsWith('e2e/') ||
  path.split('/').slice(0, -1).includes('testing');

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (SOURCE.test(entry.name)) found.push(path);
  }
  return found;
}

/** Every module a file names: static and dynamic imports, re-exports, side-effect imports and `new URL(…, import.meta.url)`. */
function specifiersIn(source: string): string[] {
  const named = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew URL\(\s*)(['"`])([^'"`]+)\1/g;
  return [...source.matchAll(named)].map((m) => m[2]!);
}

/** Why `specifier`, named by the file at `path` (relative to the repository), is test equipment; null when it is not. */
function testImport(path: string, specifier: string): string | null {
  if (specifier === '@wgzj/gateway/testing' || specifier.startsWith('@wgzj/gateway/testing/')) return 'the gateway test support';
  const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  if (TEST_RUNNERS.has(packageName)) return `the test library ${packageName}`;
  if (specifier.startsWith('.')) {
    const target = posix.normalize(posix.join(posix.dirname(path), specifier));
    if (isTestSupport(target)) return `the test file ${target}`;
  }
  return null;
}

describe('test support is never imported by production code', () => {
  it('recognises every way a file can reach test equipment, and leaves production imports alone', () => {
    const source = [
      "import { moduleHarness } from '@wgzj/gateway/testing';",
      "import type { Stack } from '@wgzj/gateway/testing/stack';",
      "export { Browser } from '../../gateway/testing/browser.ts';",
      "const plans = await import('./testing/plans.ts');",
      "import './fixtures.test.ts';",
      "import { expect } from 'vitest';",
      "const child = new URL('../../e2e/support.ts', import.meta.url);",
      "import { createLogger } from '@wgzj/gateway/kit';",
      "import { testingMode } from './testing-mode.ts';",
      "import { Hono } from 'hono';",
    ].join('\n');
    const reasons = specifiersIn(source).map((s) => testImport('mf-projects/api/plans.ts', s));
    expect(reasons.slice(0, 7).every((r) => r !== null)).toBe(true);
    expect(reasons.slice(7)).toEqual([null, null, null]);
  });

  it('tells test files and test folders from production files', () => {
    expect(isTestSupport('gateway/kit/http.test.ts')).toBe(true);
    expect(isTestSupport('e2e/plans.spec.ts')).toBe(true);
    expect(isTestSupport('e2e/support.ts')).toBe(true);
    expect(isTestSupport('gateway/testing/stack.ts')).toBe(true);
    expect(isTestSupport('mf-projects/api/testing/plans.ts')).toBe(true);
    expect(isTestSupport('vitest.config.ts')).toBe(true);
    expect(isTestSupport('gateway/kit/http.ts')).toBe(false);
    expect(isTestSupport('gateway/src/auth/testing-mode.ts')).toBe(false);
    expect(isTestSupport('mf-projects/ui/src/pages/PlanPage.vue')).toBe(false);
  });

  it('no production file of the repository imports the test support or a test library', () => {
    const production = sourceFiles('').filter((p) => !isTestSupport(p) && !DRIVES_THE_TEST_STACK.test(p));
    // A walk that found next to nothing would pass for the wrong reason.
    expect(production.length).toBeGreaterThan(200);
    expect(production).toContain('gateway/src/gateway.ts');
    expect(production).toContain('gateway/dev-portal/provider.ts');
    const offences = production.flatMap((path) =>
      specifiersIn(readFileSync(join(ROOT, path), 'utf8')).flatMap((specifier) => {
        const reason = testImport(path, specifier);
        return reason ? [`${path} imports ${specifier} (${reason})`] : [];
      }),
    );
    expect(offences).toEqual([]);
  });

  it('the test support itself is found where the package exports it', () => {
    const exported = JSON.parse(readFileSync(join(ROOT, 'gateway/package.json'), 'utf8')) as { exports: Record<string, string> };
    expect(exported.exports['./testing']).toBe('./testing/index.ts');
    expect(sourceFiles('gateway/testing')).toContain('gateway/testing/index.ts');
  });
});
