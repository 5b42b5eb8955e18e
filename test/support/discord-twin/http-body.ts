import type { IncomingMessage } from 'node:http';

export type BodyOutcome = { ok: true; body: unknown } | { ok: false };

/**
 * Reads a JSON body, or the multipart form discord.js sends when files are attached
 * (`payload_json` plus `files[n]`); the files become `attachments` metadata on the body.
 */
export async function readRequestBody(request: IncomingMessage): Promise<BodyOutcome> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { ok: true, body: undefined };
  const contentType = request.headers['content-type'] ?? '';
  try {
    if (contentType.startsWith('multipart/form-data')) return { ok: true, body: await readMultipart(raw, contentType) };
    return { ok: true, body: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

async function readMultipart(raw: Buffer, contentType: string): Promise<unknown> {
  // Node's fetch Request parses multipart bodies, which saves writing a parser for a test double.
  const form = await new Request('http://twin.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  const payload = form.get('payload_json');
  const body = (typeof payload === 'string' ? JSON.parse(payload) : {}) as Record<string, unknown>;
  const files: { id: number; filename: string; size: number }[] = [];
  for (const [key, value] of form.entries()) {
    if (key !== 'payload_json' && typeof value !== 'string') files.push({ id: files.length, filename: value.name, size: value.size });
  }
  if (files.length > 0 && !Array.isArray(body.attachments)) body.attachments = files;
  return body;
}
