import { gunzipSync } from 'node:zlib';

export type BodyResult = { kind: 'body'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'corrupt'; reason: string };

/**
 * Reads a response body as bytes, stopping as soon as it passes `maxBytes` so a huge or endless feed
 * cannot exhaust memory. undici has already undone Content-Encoding; a gzip body sent without that
 * header (a proxy stripped it) is recognised by its 1f 8b magic and gunzipped here, under the same cap.
 */
export async function readFeedBody(response: Response, maxBytes: number): Promise<BodyResult> {
  const declared = Number(response.headers.get('content-length'));
  // Content-Length counts encoded bytes; only trust it when no decoding happens.
  if (!response.headers.has('content-encoding') && declared > maxBytes) {
    await discardBody(response);
    return { kind: 'too-large' };
  }
  const raw = await readCapped(response, maxBytes);
  if (raw === undefined) return { kind: 'too-large' };
  return isGzip(raw) ? gunzipCapped(raw, maxBytes) : { kind: 'body', bytes: raw };
}

/** Releases a response's connection without reading it. Never throws. */
export async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The body is unwanted; a failure to cancel it changes nothing for the caller.
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer | undefined> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
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
