// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside each file of a build worth compressing, so
// the gateway and nginx hand browsers the compressed bytes as they are instead of compressing on every request.
// Plain JavaScript: `node scripts/build.mjs` runs it as it is, and the publishing step imports the same code.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Smaller files gain too little to be worth a second request path. */
export const PRECOMPRESS_FROM_BYTES = 1024;
/** Text, and the favicon (an uncompressed bitmap): what the build emits that compresses. */
export const PRECOMPRESSIBLE = /\.(js|mjs|css|html|json|svg|map|txt|ico)$/;

const ENCODINGS = [
  [
    '.br',
    (bytes) =>
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
  ],
  ['.gz', (bytes) => gzipSync(bytes, { level: 9 })],
];

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * Compresses every file under `dir` that is worth it. With `onlyMissing`, a copy newer than its file is kept.
 * A copy that would not be smaller, or of a file now too small, is removed so no stale copy outlives its file.
 * Returns how many copies were written.
 */
export function precompressFolder(dir, { onlyMissing = false } = {}) {
  let written = 0;
  for (const file of filesUnder(dir)) {
    if (!PRECOMPRESSIBLE.test(file)) continue;
    const stat = statSync(file);
    let bytes;
    for (const [suffix, compress] of ENCODINGS) {
      const copy = file + suffix;
      if (stat.size < PRECOMPRESS_FROM_BYTES) {
        rmSync(copy, { force: true });
        continue;
      }
      if (onlyMissing && isFresh(copy, stat.mtimeMs)) continue;
      bytes ??= readFileSync(file);
      const packed = compress(bytes);
      if (packed.length >= bytes.length) {
        rmSync(copy, { force: true });
        continue;
      }
      writeFileSync(copy, packed);
      written += 1;
    }
  }
  return written;
}

function isFresh(copy, since) {
  try {
    return statSync(copy).mtimeMs >= since;
  } catch {
    return false;
  }
}
