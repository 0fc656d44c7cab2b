// The remote registry: which build of each area users get. A JSON file beside the published builds,
// so any static host (nginx, a CDN) can serve the same registry the gateway does.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RemoteEntry {
  /** URL of the build's mf-manifest.json, absolute or site-relative. */
  manifest: string;
  version: string;
  publishedAt: string;
}

export interface Registry {
  areas: Record<string, RemoteEntry>;
}

export const registryPath = (remotesDir: string) => join(remotesDir, 'registry.json');

export function readRegistry(remotesDir: string): Registry {
  const path = registryPath(remotesDir);
  if (!existsSync(path)) return { areas: {} };
  return JSON.parse(readFileSync(path, 'utf8')) as Registry;
}

/** Replaces one area's entry; written to a temporary file and renamed, so readers never see half a file. */
export function setRegistryEntry(remotesDir: string, area: string, entry: RemoteEntry): Registry {
  mkdirSync(remotesDir, { recursive: true });
  const registry = readRegistry(remotesDir);
  registry.areas[area] = entry;
  const path = registryPath(remotesDir);
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(registry, null, 2)}\n`);
  renameSync(temporary, path);
  return registry;
}
