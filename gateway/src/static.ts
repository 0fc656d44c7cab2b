// Serves built files from a folder: content-hashed assets cached for a year, everything else revalidated.
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';

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

export function fileResponse(path: string, cache: 'immutable' | 'revalidate' | 'no-store', method = 'GET'): Response {
  const stat = statSync(path);
  const headers = new Headers({
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'content-length': String(stat.size),
    'last-modified': stat.mtime.toUTCString(),
    'x-content-type-options': 'nosniff',
    'cache-control':
      cache === 'immutable' ? 'public, max-age=31536000, immutable' : cache === 'revalidate' ? 'no-cache' : 'no-store',
  });
  if (method === 'HEAD') return new Response(null, { headers });
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, { headers });
}

/** A file name carrying a content hash (`main.3f9a1c2b.js`) never changes, so browsers may keep it. */
export const isHashedName = (path: string) => /[.-][0-9a-f]{8,}\.(js|css|woff2?|ttf|svg|png)$/.test(path);
