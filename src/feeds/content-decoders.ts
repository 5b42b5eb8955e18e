import { Transform, type TransformCallback } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw, type ZlibOptions } from 'node:zlib';

/** What a response's Content-Encoding asks of us. */
export type ContentDecoding =
  | { kind: 'none' }
  /** Codings in the order they must be undone: the last one applied first. */
  | { kind: 'decode'; codings: string[] }
  /** A coding we do not know; the body is kept as sent, as browsers do (servers label plain XML "utf-8"). */
  | { kind: 'unsupported'; coding: string };

/**
 * A body cut short after its last complete block keeps what decoded instead of failing, as browsers and
 * undici's fetch do: the flush that ends a stream is a sync flush, which does not demand the trailer.
 */
const LENIENT_ZLIB: ZlibOptions = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const LENIENT_BROTLI = { flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH };

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: () => createGunzip(LENIENT_ZLIB),
  'x-gzip': () => createGunzip(LENIENT_ZLIB),
  deflate: () => new DeflateDecoder(),
  br: () => createBrotliDecompress(LENIENT_BROTLI),
};

/** Reads a Content-Encoding value, e.g. "gzip", "gzip, br"; names are case-insensitive and identity is a no-op. */
export function planDecoding(contentEncoding: string | undefined): ContentDecoding {
  if (contentEncoding === undefined) return { kind: 'none' };
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  const unknown = codings.find((coding) => !Object.hasOwn(DECODERS, coding));
  if (unknown !== undefined) return { kind: 'unsupported', coding: unknown };
  return codings.length === 0 ? { kind: 'none' } : { kind: 'decode', codings: codings.reverse() };
}

/** A fresh decoding stream for a coding planDecoding accepted. */
export function createDecoder(coding: string): Transform {
  const create = DECODERS[coding];
  if (create === undefined) throw new Error(`no decoder for Content-Encoding "${coding}"`);
  return create();
}

/**
 * "deflate" means zlib-wrapped data (RFC 9110 §8.4.1.2), but some servers send raw deflate and browsers accept
 * both. The first byte tells them apart: a zlib header's low nibble is 8, the deflate method, which in raw
 * deflate would be a stored block with padding bits set. Backpressure passes through in both directions, so
 * a bomb inflates no further than its reader asks.
 */
class DeflateDecoder extends Transform {
  private inflater: Transform | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (chunk.length === 0) return callback();
    const inflater = this.inflater ?? this.startInflater(chunk);
    if (inflater.write(chunk)) callback();
    else inflater.once('drain', () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (this.inflater === undefined) return callback();
    this.inflater.once('end', () => callback());
    this.inflater.end();
  }

  override _read(size: number): void {
    this.inflater?.resume();
    super._read(size);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inflater?.destroy();
    callback(error);
  }

  private startInflater(first: Buffer): Transform {
    const isZlibWrapped = ((first[0] ?? 0) & 0x0f) === 0x08;
    const inflater = isZlibWrapped ? createInflate(LENIENT_ZLIB) : createInflateRaw(LENIENT_ZLIB);
    inflater.on('data', (data: Buffer) => {
      if (!this.push(data)) inflater.pause();
    });
    inflater.on('error', (error: Error) => this.destroy(error));
    this.inflater = inflater;
    return inflater;
  }
}
