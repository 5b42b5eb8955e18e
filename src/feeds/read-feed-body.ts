import type { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { createDecoder, planDecoding } from './content-decoders';
import { headerValue, type FeedResponse } from './feed-response';

export type BodyResult =
  /** `unsupportedCoding`: the Content-Encoding named a coding we could not undo, so the bytes are as sent. */
  | { kind: 'body'; bytes: Buffer; unsupportedCoding?: string }
  | { kind: 'too-large' }
  | { kind: 'corrupt'; reason: string };

const TOO_LARGE: BodyResult = { kind: 'too-large' };

/**
 * Reads a response body as bytes, undoing its Content-Encoding as it streams and stopping as soon as the
 * DECODED bytes pass `maxBytes`, so neither a huge feed nor a decompression bomb can exhaust memory: the
 * decoders and the socket are destroyed at that point. A gzip body sent without that header (a proxy
 * stripped it) is recognised by its 1f 8b magic and gunzipped here, under the same cap.
 */
export async function readFeedBody(response: FeedResponse, maxBytes: number): Promise<BodyResult> {
  const decoding = planDecoding(headerValue(response.headers, 'content-encoding'));
  const declared = Number(headerValue(response.headers, 'content-length'));
  // Content-Length counts the bytes on the wire; it bounds the body only when nothing is decoded.
  if (decoding.kind !== 'decode' && declared > maxBytes) {
    // Closes the connection rather than read what we refuse; destroying an unfinished body emits an error.
    response.body.on('error', () => undefined).destroy();
    return TOO_LARGE;
  }
  const read = await readDecoded(response.body, decoding.kind === 'decode' ? decoding.codings : [], maxBytes);
  if (read.kind !== 'body') return read;
  if (isGzip(read.bytes)) return gunzipCapped(read.bytes, maxBytes);
  return decoding.kind === 'unsupported' ? { ...read, unsupportedCoding: decoding.coding } : read;
}


/**
 * Pipes the body through its decoders into a capped collector, with events rather than stream.pipeline:
 * pipeline costs an AbortController and a DOMException per call, a tenth of a request's CPU (issue #15).
 * The first error or the cap destroys every stream, the socket included; only the first outcome counts.
 */
function readDecoded(body: Readable, codings: readonly string[], maxBytes: number): Promise<BodyResult> {
  const decoders = codings.map((coding) => createDecoder(coding));
  const streams: Readable[] = [body, ...decoders];
  return new Promise<BodyResult>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      // Destroying the body unfinished aborts the request and closes its socket; its error event is ignored.
      for (const stream of streams) stream.destroy();
      finish();
    };
    body.on('error', (error: Error) => settle(() => reject(error)));
    decoders.forEach((decoder, index) => {
      decoder.on('error', (error: Error) => settle(() => resolve({ kind: 'corrupt', reason: `${codings[index]} body does not decode: ${error.message}` })));
    });
    const decoded = decoders.reduce<Readable>((source, decoder) => source.pipe(decoder), body);
    const chunks: Buffer[] = [];
    let total = 0;
    decoded.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) settle(() => resolve(TOO_LARGE));
      else chunks.push(chunk);
    });
    decoded.on('end', () => {
      settled = true;
      resolve({ kind: 'body', bytes: Buffer.concat(chunks, total) });
    });
  });
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzipCapped(bytes: Buffer, maxBytes: number): BodyResult {
  try {
    return { kind: 'body', bytes: gunzipSync(bytes, { maxOutputLength: maxBytes }) };
  } catch (error: unknown) {
    if (error instanceof RangeError || (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      return { kind: 'too-large' };
    }
    return { kind: 'corrupt', reason: 'body starts with gzip magic bytes but does not gunzip' };
  }
}
