// The one list of libraries the shell provides to every remote as singletons, and how each side declares them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const shellPackage = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));

/** The shell kit's import specifier; remotes import the kit only through it. */
export const KIT = '@wgzj/shell/kit';

/** Library name → the version range the shell declares in its package.json. */
export const SHARED_LIBRARIES = ['vue', 'pinia', 'vue-router', 'vue-i18n', 'element-plus'];

function rangeOf(name) {
  if (name === KIT) return `^${shellPackage.version}`;
  const range = shellPackage.dependencies?.[name];
  if (!range) throw new Error(`shell/package.json does not declare ${name}`);
  return range;
}

/** The host bundles and provides each library exactly once. */
export function hostShared() {
  return Object.fromEntries(
    [...SHARED_LIBRARIES, KIT].map((name) => [name, { singleton: true, requiredVersion: rangeOf(name) }]),
  );
}

/**
 * A remote bundles none of them (`import: false`): it has no fallback copy, so it can only ever use the
 * shell's instance — one Vue, one Pinia, one i18n in the page, whatever order areas are visited in.
 */
export function remoteShared() {
  return Object.fromEntries(
    [...SHARED_LIBRARIES, KIT].map((name) => [
      name,
      { singleton: true, import: false, requiredVersion: rangeOf(name) },
    ]),
  );
}

/** Compile-time flags Vue and vue-i18n read; only the shell bundles those libraries, but defining them is harmless. */
export const VUE_FLAGS = {
  __VUE_OPTIONS_API__: 'true',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  __VUE_I18N_FULL_INSTALL__: 'true',
  __VUE_I18N_LEGACY_API__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
};
