// Publishing one remote: versioned copy, registry entry, other areas untouched.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompressFolder } from './precompress.mjs';
import { publishRemote, PublishError } from './publish.ts';
import { readRegistry } from './registry.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakeBuild(label: string): string {
  const dist = mkdtempSync(join(tmpdir(), 'wgzj-dist-'));
  dirs.push(dist);
  writeFileSync(join(dist, 'mf-manifest.json'), JSON.stringify({ name: 'mf_reports', label }));
  writeFileSync(join(dist, 'remoteEntry.js'), `/* ${label} */`);
  mkdirSync(join(dist, 'static'));
  writeFileSync(join(dist, 'static', 'app.0123abcd.js'), `console.log(${JSON.stringify(label)})`);
  return dist;
}

function remotesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wgzj-remotes-'));
  dirs.push(dir);
  return dir;
}

describe('publishing a remote', () => {
  it('copies the build under a content version and points the registry at its manifest', () => {
    const target = remotesDir();
    const entry = publishRemote({ area: 'reports', distDir: fakeBuild('a'), remotesDir: target, packageVersion: '0.1.0' });
    expect(entry.changed).toBe(true);
    expect(entry.version).toMatch(/^0\.1\.0-[0-9a-f]{10}$/);
    expect(entry.manifest).toBe(`/remotes/reports/${entry.version}/mf-manifest.json`);
    expect(readFileSync(join(target, 'reports', entry.version, 'static', 'app.0123abcd.js'), 'utf8')).toContain('"a"');
    expect(readRegistry(target).areas['reports']?.version).toBe(entry.version);
  });

  it('gives the same build the same version, and a changed build a new one, leaving other areas alone', () => {
    const target = remotesDir();
    const projects = publishRemote({ area: 'projects', distDir: fakeBuild('p'), remotesDir: target, packageVersion: '0.1.0' });
    const first = publishRemote({ area: 'reports', distDir: fakeBuild('a'), remotesDir: target, packageVersion: '0.1.0' });
    const same = publishRemote({ area: 'reports', distDir: fakeBuild('a'), remotesDir: target, packageVersion: '0.1.0' });
    expect(same).toMatchObject({ version: first.version, changed: false });
    const next = publishRemote({ area: 'reports', distDir: fakeBuild('b'), remotesDir: target, packageVersion: '0.1.0' });
    expect(next.version).not.toBe(first.version);
    const registry = readRegistry(target);
    expect(registry.areas['reports']?.version).toBe(next.version);
    expect(registry.areas['projects']).toEqual({ manifest: projects.manifest, version: projects.version, publishedAt: projects.publishedAt });
    // The previous build stays where it was, so pages already open keep loading their chunks.
    expect(readFileSync(join(target, 'reports', first.version, 'remoteEntry.js'), 'utf8')).toContain('a');
  });

  it('refuses a folder that is not a remote build, and a bad area name', () => {
    const empty = mkdtempSync(join(tmpdir(), 'wgzj-empty-'));
    dirs.push(empty);
    expect(() => publishRemote({ area: 'reports', distDir: empty, remotesDir: remotesDir(), packageVersion: '0.1.0' })).toThrow(PublishError);
    expect(() => publishRemote({ area: '../x', distDir: fakeBuild('a'), remotesDir: remotesDir(), packageVersion: '0.1.0' })).toThrow(PublishError);
  });

  it('can point the registry at a CDN instead of the gateway', () => {
    const entry = publishRemote({
      area: 'reports',
      distDir: fakeBuild('a'),
      remotesDir: remotesDir(),
      packageVersion: '0.1.0',
      baseUrl: 'https://cdn.example.cn/wgzj/',
    });
    expect(entry.manifest).toBe(`https://cdn.example.cn/wgzj/reports/${entry.version}/mf-manifest.json`);
  });

  it('carries a brotli and a gzip copy of each file worth it, making them for a build that has none', () => {
    const dist = fakeBuild('a');
    const big = `/* bundle */\n${'export const x = "外国专家项目";\n'.repeat(200)}`;
    writeFileSync(join(dist, 'static', 'chunk.89abcdef.js'), big);
    const target = remotesDir();
    const entry = publishRemote({ area: 'reports', distDir: dist, remotesDir: target, packageVersion: '0.1.0' });
    const folder = join(target, 'reports', entry.version);
    const file = join(folder, 'static', 'chunk.89abcdef.js');
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(big);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(big);
    // Newer than the file, so the server takes them; small files have none.
    expect(statSync(`${file}.br`).mtimeMs).toBeGreaterThanOrEqual(statSync(file).mtimeMs);
    expect(existsSync(join(folder, 'remoteEntry.js.br'))).toBe(false);
    // The published folder appeared whole: nothing half-copied stays beside it.
    expect(readdirSync(join(target, 'reports')).filter((n) => n.includes('staging'))).toEqual([]);
  });

  it('keeps the build’s own copies as they are, timestamps and all', () => {
    const dist = fakeBuild('b');
    writeFileSync(join(dist, 'static', 'chunk.0badc0de.js'), `/* ${'x'.repeat(4000)} */`);
    precompressFolder(dist);
    const built = readFileSync(join(dist, 'static', 'chunk.0badc0de.js.br'));
    const target = remotesDir();
    const entry = publishRemote({ area: 'reports', distDir: dist, remotesDir: target, packageVersion: '0.1.0' });
    const copy = join(target, 'reports', entry.version, 'static', 'chunk.0badc0de.js');
    expect(readFileSync(`${copy}.br`).equals(built)).toBe(true);
    expect(statSync(`${copy}.br`).mtimeMs).toBeCloseTo(statSync(join(dist, 'static', 'chunk.0badc0de.js.br')).mtimeMs, -1);
    expect(statSync(`${copy}.br`).mtimeMs).toBeGreaterThanOrEqual(statSync(copy).mtimeMs);
  });
});
