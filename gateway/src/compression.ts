// Compressed answers. Built files come with their .br and .gz beside them (static.ts serves those); JSON answers of
// the gateway and of the module APIs it forwards are compressed here as they stream, once they pass a few KB.
import { pipeline, Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to answer with among `available` (in order of preference), by the request's Accept-Encoding
 * (RFC 9110 §12.5.3): the highest q-value wins, the earlier one on a tie; `q=0` refuses an encoding, `*` stands for
 * any the header does not name, and an absent header asks for none.
 */
export function negotiateEncoding(acceptEncoding: string | null | undefined, available: readonly Encoding[] = ['br', 'gzip']): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';');
    const token = name.trim().toLowerCase();
    if (!token) continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=(.*)$/i.exec(param);
      if (match) q = /^\s*[0-9.]+\s*$/.test(match[1]!) ? Number(match[1]) : Number.NaN;
    }
    // An unreadable weight accepts nothing rather than everything.
    if (!Number.isFinite(q) || q < 0 || q > 1) q = 0;
    weights.set(token === 'x-gzip' ? 'gzip' : token, q);
  }
  const any = weights.get('*');
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const encoding of available) {
    const q = weights.get(encoding) ?? any ?? 0;
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}

/** Below this an answer goes as it is: the saving would not pay for the work on both ends. */
export const COMPRESS_FROM_BYTES = 4 * 1024;

/** JSON and plain text; files (xlsx, pdf, images) are compressed already or not ours to touch. */
const COMPRESSIBLE_TYPE = /^\s*(application\/(json|[\w.+-]+\+json)|text\/plain)\s*(;|$)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

function addVary(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'Accept-Encoding');
  else if (vary !== '*' && !/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) headers.set('vary', `${vary}, Accept-Encoding`);
}

function compressor(encoding: Encoding, sizeHint?: number) {
  return encoding === 'br'
    ? createBrotliCompress({
        params: {
          // Quality 4 compresses JSON to about what gzip -9 does, at a fraction of the time quality 11 takes.
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          ...(sizeHint ? { [constants.BROTLI_PARAM_SIZE_HINT]: sizeHint } : {}),
        },
      })
    : createGzip({ level: 6 });
}

/** A stream that gives `head` first and then whatever `reader` still holds. */
function rejoin(head: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/**
 * Compresses a JSON (or plain-text) answer of `fromBytes` or more when the caller accepts brotli or gzip. An answer
 * of unknown length is read only up to that size to decide, then streamed on; nothing is held whole.
 */
export function compressAnswers(fromBytes = COMPRESS_FROM_BYTES): MiddlewareHandler {
  return async (c: Context, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || !res.body || [204, 206, 304].includes(res.status)) return;
    if (res.headers.has('content-encoding') || !COMPRESSIBLE_TYPE.test(res.headers.get('content-type') ?? '')) return;
    if (NO_TRANSFORM.test(res.headers.get('cache-control') ?? '')) return;
    const headers = new Headers(res.headers);
    addVary(headers);
    const replace = (response: Response) => {
      // Unset first, so Hono does not carry the old answer's headers (its length) over.
      c.res = undefined;
      c.res = response;
    };
    const declared = headers.get('content-length');
    const size = declared === null ? undefined : Number(declared);
    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    if (!encoding || (size !== undefined && size < fromBytes)) {
      c.header('vary', headers.get('vary')!);
      return;
    }
    let body: ReadableStream<Uint8Array> = res.body;
    if (size === undefined) {
      // Read just enough to know whether it is worth it; a short answer then goes as it is, with its length.
      const reader = body.getReader();
      const head: Uint8Array[] = [];
      let seen = 0;
      let ended = false;
      while (seen < fromBytes) {
        const { done, value } = await reader.read();
        if (done) {
          ended = true;
          break;
        }
        head.push(value);
        seen += value.byteLength;
      }
      if (ended) {
        headers.set('content-length', String(seen));
        replace(new Response(new Blob(head as BlobPart[]), { status: res.status, statusText: res.statusText, headers }));
        return;
      }
      body = rejoin(head, reader);
    }
    const zip = compressor(encoding, size);
    pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), zip, () => undefined);
    headers.delete('content-length');
    headers.set('content-encoding', encoding);
    const etag = headers.get('etag');
    if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
    replace(new Response(Readable.toWeb(zip) as ReadableStream, { status: res.status, statusText: res.statusText, headers }));
  };
}
