// `npm run publish-remote -- <area> [distDir]`: deploys one remote without touching the shell or other remotes.
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { areaPackageVersion, publishRemote } from './publish.ts';

const [area, distArg] = process.argv.slice(2);
if (!area) {
  console.error('usage: npm run publish-remote -- <area> [distDir]   (areas: projects, experts, reports, admin)');
  process.exit(2);
}
const config = loadConfig();
const distDir = resolve(distArg ?? `mf-${area}/ui/dist`);
const packageVersion = areaPackageVersion(area);
const entry = publishRemote({
  area,
  distDir,
  remotesDir: config.remotesDir,
  packageVersion,
  ...(process.env['REMOTES_BASE_URL'] ? { baseUrl: process.env['REMOTES_BASE_URL'] } : {}),
});
console.log(`${area}: ${entry.changed ? 'published' : 'already current'} ${entry.version} → ${entry.manifest}`);
