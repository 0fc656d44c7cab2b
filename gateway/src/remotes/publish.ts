// Publishes one remote's build: copies it under <remotesDir>/<area>/<version>/ with a brotli and a gzip copy of each
// file worth it (the build's own, or made here for a build that has none), and points the registry at it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { precompressFolder } from './precompress.mjs';
import { readRegistry, setRegistryEntry, type RemoteEntry } from './registry.ts';

export class PublishError extends Error {}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/** The version is the package version plus a hash of every file of the build: same build, same version. */
export function buildVersion(distDir: string, packageVersion: string): string {
  const hash = createHash('sha256');
  for (const file of listFiles(distDir).sort()) {
    hash.update(relative(distDir, file)).update('\0').update(readFileSync(file));
  }
  return `${packageVersion}-${hash.digest('hex').slice(0, 10)}`;
}

export interface PublishOptions {
  area: string;
  distDir: string;
  remotesDir: string;
  packageVersion: string;
  /** Where browsers find published builds; `/remotes` when the gateway (or nginx on the same site) serves them. */
  baseUrl?: string;
}

export function publishRemote(options: PublishOptions): RemoteEntry & { changed: boolean } {
  if (!/^[a-z][a-z0-9-]*$/.test(options.area)) throw new PublishError(`invalid area name: ${options.area}`);
  if (!existsSync(join(options.distDir, 'mf-manifest.json'))) {
    throw new PublishError(`${options.distDir} has no mf-manifest.json; build the remote first`);
  }
  const version = buildVersion(options.distDir, options.packageVersion);
  const target = join(options.remotesDir, options.area, version);
  if (!existsSync(target)) {
    // Copied and compressed aside, then renamed into place: a version folder is whole or absent.
    const staging = `${target}.staging-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    // Timestamps kept, so each compressed copy stays newer than its file (the server serves no older copy).
    cpSync(options.distDir, staging, { recursive: true, preserveTimestamps: true });
    precompressFolder(staging, { onlyMissing: true });
    renameSync(staging, target);
  }
  const base = (options.baseUrl ?? '/remotes').replace(/\/$/, '');
  const current = readRegistry(options.remotesDir).areas[options.area];
  if (current?.version === version) return { ...current, changed: false };
  const entry: RemoteEntry = {
    manifest: `${base}/${options.area}/${version}/mf-manifest.json`,
    version,
    publishedAt: new Date().toISOString(),
  };
  setRegistryEntry(options.remotesDir, options.area, entry);
  return { ...entry, changed: true };
}

/** The version in an area's package.json (`mf-<area>/package.json` under the repository root). */
export function areaPackageVersion(area: string, root = '.'): string {
  return (JSON.parse(readFileSync(resolve(root, `mf-${area}/package.json`), 'utf8')) as { version: string }).version;
}
