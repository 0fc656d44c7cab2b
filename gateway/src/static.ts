// Serves built files from a folder: content-hashed assets cached for a year, everything else revalidated; the
// build's brotli or gzip copy beside a file (`main.js.br`, `main.js.gz`) when the browser accepts it.
import { createReadStream, statSync, type Stats } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import { negotiateEncoding, type Encoding } from './compression.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolves a URL path inside root, or null when it would leave root or names no file. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

const PRECOMPRESSED: ReadonlyArray<readonly [Encoding, string]> = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

/** The compressed copies beside a file; one older than the file is left over from another build and not used. */
function compressedCopies(path: string, file: Stats): Map<Encoding, { path: string; size: number }> {
  const copies = new Map<Encoding, { path: string; size: number }>();
  for (const [encoding, suffix] of PRECOMPRESSED) {
    try {
      const copy = statSync(path + suffix);
      if (copy.isFile() && copy.mtimeMs >= file.mtimeMs) copies.set(encoding, { path: path + suffix, size: copy.size });
    } catch {
      // No such copy: the file itself is served.
    }
  }
  return copies;
}

export interface FileResponseOptions {
  method?: string;
  /** The request's Accept-Encoding: a compressed copy is served when it accepts one. */
  acceptEncoding?: string | null | undefined;
}

export function fileResponse(path: string, cache: 'immutable' | 'revalidate' | 'no-store', options: FileResponseOptions = {}): Response {
  const stat = statSync(path);
  const copies = compressedCopies(path, stat);
  const encoding = copies.size ? negotiateEncoding(options.acceptEncoding, [...copies.keys()]) : null;
  const served = encoding ? copies.get(encoding)! : { path, size: stat.size };
  const headers = new Headers({
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'content-length': String(served.size),
    'last-modified': stat.mtime.toUTCString(),
    'x-content-type-options': 'nosniff',
    'cache-control':
      cache === 'immutable' ? 'public, max-age=31536000, immutable' : cache === 'revalidate' ? 'no-cache' : 'no-store',
  });
  // A cache in between must keep the copies apart: it answers each browser with the one it asked for.
  if (copies.size) headers.set('vary', 'Accept-Encoding');
  if (encoding) headers.set('content-encoding', encoding);
  if (options.method === 'HEAD') return new Response(null, { headers });
  return new Response(Readable.toWeb(createReadStream(served.path)) as ReadableStream, { headers });
}

/** A file name carrying a content hash (`main.3f9a1c2b.js`) never changes, so browsers may keep it. */
export const isHashedName = (path: string) => /[.-][0-9a-f]{8,}\.(js|css|woff2?|ttf|svg|png)$/.test(path);
