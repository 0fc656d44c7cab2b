// Node 20 is the runtime (README, Design decisions): every installed package must say it runs on it, so `npm ci`
// prints no engine warning, and the dev portal's OpenID library must not call the runtime unsupported.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: Record<string, string> | string[] }>;
};

describe('the runtime', () => {
  it('is one every installed package accepts', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path && p.engines && !Array.isArray(p.engines) && p.engines['node'])
      .filter(([, p]) => !semver.satisfies(process.version, (p.engines as Record<string, string>)['node']!, { includePrerelease: true }))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${(p.engines as Record<string, string>)['node']}`);
    expect(refusing).toEqual([]);
  });

  it("is the one the project's engines name", () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });

  it('does not make the dev portal’s OpenID provider warn of an unsupported runtime', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('oidc-provider')"], { cwd: resolve(root, 'gateway'), encoding: 'utf8' });
    expect(run.status).toBe(0);
    const output = run.stdout + run.stderr;
    expect(output).not.toMatch(/unsupported/i);
  });
});
