import { constants, createDeflate, deflateSync, type Deflate } from 'node:zlib';

/**
 * Payload encodings a client may ask for. discord.js only asks for compression when zlib-sync is
 * installed (it is not here), so plain JSON text is the normal path; the other two are small enough to keep.
 */
export interface PayloadEncoder {
  encode(text: string): Promise<string | Buffer>;
  /** IDENTIFY `compress: true`: every later payload is one zlib-deflated binary message. */
  enableIdentifyCompression(): void;
  close(): void;
}

export function createPayloadEncoder(transportCompression: 'zlib-stream' | null): PayloadEncoder {
  const stream = transportCompression ? createDeflate() : null;
  let identifyCompression = false;
  return {
    encode(text) {
      if (stream) return deflateWithSyncFlush(stream, text);
      return Promise.resolve(identifyCompression ? deflateSync(text) : text);
    },
    enableIdentifyCompression() {
      identifyCompression = true;
    },
    close() {
      stream?.destroy();
    },
  };
}

/** zlib-stream: one shared deflate context; each payload ends with a Z_SYNC_FLUSH (00 00 ff ff) marker. */
function deflateWithSyncFlush(stream: Deflate, text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    stream.write(text);
    stream.flush(constants.Z_SYNC_FLUSH, () => {
      const chunks: Buffer[] = [];
      for (let chunk = stream.read() as Buffer | null; chunk !== null; chunk = stream.read() as Buffer | null) {
        chunks.push(chunk);
      }
      resolve(Buffer.concat(chunks));
    });
  });
}
