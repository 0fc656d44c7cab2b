#!/usr/bin/env node
// Builds the shell and the four remotes with webpack's Node API, one after another (the machines have 2 cores),
// skipping a target whose dist is newer than all of its sources, and writes a brotli and a gzip copy beside each
// built file worth compressing (the gateway and nginx serve those as they are). Usage:
//   node scripts/build.mjs [--force] [--only shell|projects|experts|reports|admin[,…]]
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import webpack from 'webpack';
import { precompressFolder } from '../gateway/src/remotes/precompress.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_INFO = '.build-info.json';

/** What each target builds from; `stamp` is the file whose age says when the dist was last built. */
export const TARGETS = [
  {
    name: 'shell',
    config: 'shell/webpack.config.js',
    dist: 'shell/dist',
    stamp: 'index.html',
    // The shell's footer imports the kit's support contacts and its kit the Beijing-time rules (gateway/kit/shared), so
    // a change there is a change of the shell.
    sources: ['shell/src', 'shell/kit', 'shell/build', 'shell/webpack.config.js', 'shell/package.json', 'gateway/kit/support-contacts.ts', 'gateway/kit/shared'],
  },
  ...['projects', 'experts', 'reports', 'admin'].map((area) => ({
    name: area,
    config: `mf-${area}/ui/webpack.config.js`,
    dist: `mf-${area}/ui/dist`,
    stamp: 'mf-manifest.json',
    // The UI imports the identifier checks the API applies (gateway/kit/shared), so a change there is one of the UI.
    sources: [`mf-${area}/ui/src`, `mf-${area}/ui/webpack.config.js`, `mf-${area}/package.json`, 'shell/build', 'gateway/kit/shared'],
  })),
];

async function newestMtime(target) {
  let newest = 0;
  async function walk(p) {
    let info;
    try {
      info = await stat(p);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const entry of await readdir(p)) {
        if (entry !== 'node_modules' && entry !== 'dist' && !entry.endsWith('.test.ts')) await walk(path.join(p, entry));
      }
    } else if (info.mtimeMs > newest) {
      newest = info.mtimeMs;
    }
  }
  await walk(target);
  return newest;
}

/** The label baked into a remote (REMOTE_BUILD_LABEL); a different one means the dist is stale too. */
function currentLabel(target) {
  return target.name === 'shell' ? '' : (process.env.REMOTE_BUILD_LABEL ?? '');
}

export async function isUpToDate(target) {
  const dist = path.join(ROOT, target.dist);
  let built;
  try {
    built = (await stat(path.join(dist, target.stamp))).mtimeMs;
  } catch {
    return false;
  }
  try {
    const info = JSON.parse(await readFile(path.join(dist, BUILD_INFO), 'utf8'));
    if ((info.label ?? '') !== currentLabel(target)) return false;
  } catch {
    return false;
  }
  let newest = 0;
  for (const source of target.sources) newest = Math.max(newest, await newestMtime(path.join(ROOT, source)));
  return built > newest;
}

async function runWebpack(target) {
  const module = await import(pathToFileURL(path.join(ROOT, target.config)).href);
  const config = typeof module.default === 'function' ? module.default({}, { mode: 'production' }) : module.default;
  const compiler = webpack(config);
  const stats = await new Promise((resolve, reject) => {
    compiler.run((error, result) => (error ? reject(error) : resolve(result)));
  });
  await new Promise((resolve) => compiler.close(resolve));
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  for (const warning of info.warnings ?? []) console.warn(`  [${target.name}] warning: ${warning.message.split('\n')[0]}`);
  if (stats.hasErrors()) {
    for (const error of info.errors ?? []) console.error(`  [${target.name}] ${error.message}`);
    throw new Error(`webpack failed for ${target.name}`);
  }
}

/** Bytes of the JS and CSS a target emitted: as built, and as served with gzip and with brotli (its copies). */
export async function distSize(target) {
  const dist = path.join(ROOT, target.dist);
  const sizeOf = async (file) => (await stat(file).catch(() => null))?.size;
  let raw = 0;
  let gzip = 0;
  let br = 0;
  for (const file of await readdir(dist)) {
    if (!/\.(js|css)$/.test(file)) continue;
    const full = path.join(dist, file);
    const size = (await stat(full)).size;
    raw += size;
    gzip += (await sizeOf(`${full}.gz`)) ?? size;
    br += (await sizeOf(`${full}.br`)) ?? size;
  }
  return { raw, gzip, br };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Builds the selected targets sequentially. `only` is a list of target names (all when empty).
 * Resolves to what was built and skipped; rejects when a build fails.
 */
export async function buildAll({ force = false, only = [], log = console.log } = {}) {
  const unknown = only.filter((name) => !TARGETS.some((t) => t.name === name));
  if (unknown.length) throw new Error(`unknown build target(s): ${unknown.join(', ')}; known: ${TARGETS.map((t) => t.name).join(', ')}`);
  const selected = only.length ? TARGETS.filter((t) => only.includes(t.name)) : TARGETS;
  const built = [];
  const skipped = [];
  const started = performance.now();
  for (const target of selected) {
    if (!force && (await isUpToDate(target))) {
      // A dist built before its files had compressed copies gets them now.
      precompressFolder(path.join(ROOT, target.dist), { onlyMissing: true });
      skipped.push(target.name);
      log(`- ${target.name}: up to date, skipped`);
      continue;
    }
    const t0 = performance.now();
    await runWebpack(target);
    // Before the build info: a build stopped while compressing counts as not built.
    precompressFolder(path.join(ROOT, target.dist));
    const label = currentLabel(target);
    // Deterministic on purpose: the gateway's publish step versions a remote by hashing its whole dist.
    await writeFile(path.join(ROOT, target.dist, BUILD_INFO), JSON.stringify({ label }) + '\n');
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const size = await distSize(target);
    built.push({ name: target.name, seconds: Number(seconds), ...size });
    log(
      `✓ ${target.name}: built in ${seconds}s → ${target.dist} (js+css ${kb(size.raw)}, gzip ${kb(size.gzip)}, brotli ${kb(size.br)})` +
        (label ? ` [label ${label}]` : ''),
    );
  }
  log(`build: ${built.length} built, ${skipped.length} skipped in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  return { built, skipped };
}

function parseArgs(argv) {
  const options = { force: false, only: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--force') options.force = true;
    else if (arg === '--only') options.only.push(...(argv[++i] ?? '').split(',').filter(Boolean));
    else if (arg.startsWith('--only=')) options.only.push(...arg.slice(7).split(',').filter(Boolean));
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildAll(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
